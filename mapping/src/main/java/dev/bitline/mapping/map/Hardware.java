package dev.bitline.mapping.map;

import dev.bitline.mapping.gpu.GpuMapper;
import dev.bitline.mapping.gpu.GpuPreset;
import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.lut.ppa.CostModel;
import dev.bitline.lut.ppa.TechTable;
import dev.bitline.mapping.lut.LutMapper;
import dev.bitline.mapping.pim.PimMapper;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.mapping.hybrid.HybridMapper;
import dev.bitline.mapping.hybrid.HybridPreset;
import dev.bitline.mapping.memory.LutMemory;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Picks the mapper for a hardware preset by the top-level key only its kind has: {@code gpu:}
 * (roofline, {@code configs/gpu/}), {@code array:} (LUT tensor core, {@code configs/lut/}),
 * {@code hybrid:} (units sharing a memory, {@code configs/hybrid/}).
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
            if (m.has("hybrid")) {
                HybridPreset h = ConfigBinder.bind(tree, HybridPreset.class);
                java.util.LinkedHashMap<String, Mapper> units = new java.util.LinkedHashMap<>();
                for (var e : h.hybrid().units().entrySet()) {
                    units.put(e.getKey(), load(loader, resolve(loader, file, e.getValue(), tree, "hybrid.units." + e.getKey()), List.of()));
                }
                return new HybridMapper(h.hybrid().name(), units, h.hybrid().coProcess());
            }
            if (m.has("unit") && m.has("dram")) {
                return new PimMapper(PimSystem.fromTree(tree), shown);
            }
            if (m.has("array")) {
                LutTensorCoreConfig c = ConfigBinder.bind(tree, LutTensorCoreConfig.class);
                return new LutMapper(c, LutMemory.of(c, loader.configsRoot()), new CostModel(tech(loader, c, shown)), shown);
            }
        }
        throw new ConfigException(tree.location(),
                "not a hardware preset (expected a top-level 'gpu:' (configs/gpu/), 'unit:' + 'dram:' (configs/pim/), 'array:' (configs/lut/) or 'hybrid:' (configs/hybrid/))");
    }

    /** A unit preset: relative to the hybrid file, else to the configs root; ".yaml" optional. */
    private static Path resolve(ConfigLoader loader, Path from, String name, ConfigNode tree, String field) {
        String f = name.endsWith(".yaml") ? name : name + ".yaml";
        Path near = from.toAbsolutePath().getParent().resolve(f);
        if (java.nio.file.Files.isRegularFile(near)) {
            return near;
        }
        if (loader.configsRoot() != null && java.nio.file.Files.isRegularFile(loader.configsRoot().resolve(f))) {
            return loader.configsRoot().resolve(f);
        }
        throw new ConfigException(tree.locationOf(field), "unit preset '" + name + "' not found (expected a name under configs/ or a path)");
    }

    private static TechTable tech(ConfigLoader loader, LutTensorCoreConfig c, String shown) {
        String name = c.ppa().tech();
        Path p = c.techPath(loader);
        if (p == null || !java.nio.file.Files.isRegularFile(p)) {
            throw new dev.bitline.sim.io.InputException(shown + ": ppa.tech '" + name + "' not found under the configs folder");
        }
        return loader.load(p, TechTable.class, List.of());
    }
}
