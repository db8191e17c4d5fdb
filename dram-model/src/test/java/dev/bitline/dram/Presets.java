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

  /** Every complete preset (files not named *-common.yaml). */
  public static List<String> names() {
    try (Stream<Path> s = Files.list(configsRoot().resolve("dram"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.endsWith("-common.yaml"))
          .map(n -> n.substring(0, n.length() - 5))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
