package dev.bitline.mapping.map;

import dev.bitline.mapping.gpu.GpuMapper;
import dev.bitline.mapping.gpu.GpuPreset;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Picks the mapper for a hardware preset by the top-level key only its kind has: {@code gpu:}
 * (roofline, {@code configs/gpu/}).
 */
public final class Hardware {
    private Hardware() {}

    public static Mapper load(ConfigLoader loader, Path file, List<String> overrides) {
        ConfigNode tree = loader.loadTree(file, overrides);
        String shown = file.toString();
        if (tree instanceof ConfigNode.MapNode m) {
            if (m.has("gpu")) {
                return new GpuMapper(ConfigBinder.bind(tree, GpuPreset.class), shown);
            }
        }
        throw new ConfigException(tree.location(), "not a hardware preset (expected a top-level 'gpu:' (configs/gpu/))");
    }
}
