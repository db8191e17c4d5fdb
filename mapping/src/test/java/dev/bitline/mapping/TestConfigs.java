package dev.bitline.mapping;

import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.model.HfConfigReader;
import dev.bitline.mapping.model.ModelConfig;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;

/** Shipped configs, read from the repository's configs/ folder. */
public final class TestConfigs {
    public static final Path CONFIGS = Path.of("../configs");

    private TestConfigs() {}

    public static ModelConfig model(String name) {
        return HfConfigReader.read(CONFIGS.resolve("models/" + name + ".json"));
    }

    public static Compression compression(String name) {
        return Compression.load(new ConfigLoader(CONFIGS), CONFIGS.resolve("compress/" + name + ".yaml"), List.of());
    }

    public static ConfigLoader loader() {
        return new ConfigLoader(CONFIGS);
    }
}
