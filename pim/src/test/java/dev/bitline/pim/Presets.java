package dev.bitline.pim;

import dev.bitline.pim.config.PimSystem;
import dev.bitline.sim.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shipped PIM presets, for tests. */
public final class Presets {
    private Presets() {}

    public static Path configsRoot() {
        return ConfigLoader.findConfigsRoot(Path.of("")).orElseThrow(() -> new IllegalStateException("no configs/ above " + Path.of("").toAbsolutePath()));
    }

    public static List<String> names() {
        try (Stream<Path> s = Files.list(configsRoot().resolve("pim"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PimSystem load(String name, String... overrides) {
        return PimSystem.load(new ConfigLoader(configsRoot()), configsRoot().resolve("pim/" + name + ".yaml"), List.of(overrides));
    }
}
