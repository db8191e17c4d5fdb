package dev.bitline.cli;

import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every config-driven command shares ({@code --set}, {@code --configs}). */
final class CommonOptions {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. --set seed=7 (repeatable; applied after extends).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--configs", paramLabel = "DIR",
            description = "Preset folder for 'extends:' (default: the nearest configs/ above the config file, else $BITLINE_HOME/configs).")
    Path configsRoot;

    ConfigLoader loader(Path configFile) {
        if (configsRoot != null) {
            if (!Files.isDirectory(configsRoot)) {
                throw new UsageError("--configs " + configsRoot + ": not a directory");
            }
            return new ConfigLoader(configsRoot);
        }
        return ConfigLoader.forFile(configFile);
    }

    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageError(file + ": no such config file");
        }
    }
}
