package dev.bitline.cli;

import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.map.Hardware;
import dev.bitline.mapping.map.Mapper;
import dev.bitline.mapping.model.HfConfigReader;
import dev.bitline.mapping.model.ModelConfig;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The model / hardware / compression flags that {@code map} and {@code run} share. */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "CONFIG_JSON",
            description = "Hugging Face config.json, e.g. configs/models/gpt2-medium.json")
    Path model;

    @Option(names = "--hw", required = true, paramLabel = "YAML",
            description = "Hardware preset: configs/pim/*.yaml, configs/lut/*.yaml or configs/gpu/*.yaml")
    Path hw;

    @Option(names = "--compress", paramLabel = "YAML",
            description = "Compression spec, e.g. configs/compress/w4-g128.yaml (default: none, fp16 everywhere)")
    Path compress;

    @Option(names = "--batch", defaultValue = "1", description = "Sequences decoded together (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--prompt", defaultValue = "0",
            description = "Tokens already in each sequence's KV cache before the first decode step (default ${DEFAULT-VALUE}).")
    int prompt;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a hardware preset value (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--fast", description = "Analytical estimates only (no cycle model).")
    boolean fast;

    ModelConfig loadModel() {
        require(model, "--model");
        return HfConfigReader.read(model);
    }

    Compression loadCompression() {
        if (compress == null) {
            return Compression.none();
        }
        require(compress, "--compress");
        return Compression.load(ConfigLoader.forFile(compress), compress, List.of());
    }

    Mapper loadHardware() {
        require(hw, "--hw");
        return Hardware.load(ConfigLoader.forFile(hw), hw, overrides);
    }

    void checkCounts() {
        if (batch < 1) {
            throw new UsageError("--batch " + batch + ": expected >= 1");
        }
        if (prompt < 0) {
            throw new UsageError("--prompt " + prompt + ": expected >= 0");
        }
    }

    private static void require(Path p, String flag) {
        if (!Files.isRegularFile(p)) {
            throw new UsageError(flag + " " + p + ": no such file");
        }
    }
}
