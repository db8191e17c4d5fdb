package dev.bitline.dram;

import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.sim.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helper: the repository's configs/ and its DRAM presets. */
public final class Presets {
    private Presets() {}

    public static Path configsRoot() {
        return ConfigLoader.findConfigsRoot(Path.of("").toAbsolutePath())
                .orElseThrow(() -> new IllegalStateException("no configs/ above " + Path.of("").toAbsolutePath()));
    }

    public static DramSpec load(String name) {
        return DramStandards.preset(configsRoot(), name);
    }

    private static boolean isRunConfig(Path p) {
        try {
            return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("controller:"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every complete standard preset: files not named *-common.yaml and without a top-level
     * {@code controller:} section (those are run configurations).
     */
    public static List<String> names() {
        try (Stream<Path> s = Files.list(configsRoot().resolve("dram"))) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.endsWith("-common.yaml"))
                    .filter(n -> !isRunConfig(configsRoot().resolve("dram").resolve(n)))
                    .map(n -> n.substring(0, n.length() - 5))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
