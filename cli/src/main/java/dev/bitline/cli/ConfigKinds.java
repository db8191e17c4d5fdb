package dev.bitline.cli;

import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Path;
import dev.bitline.sim.config.ConfigNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The kinds of config file Bitline reads, for {@code bitline validate}: each
 * names its record type and a top-level key that only its files have, so a
 * file's kind is recognised without the user saying it.
 */
final class ConfigKinds {
    /** Checks one resolved file of a kind: binds it fully, throwing a located ConfigException if it is bad. */
    @FunctionalInterface
    interface Check {
        /**
         * @param config the file (relative presets resolve from its folder)
         * @param loader the loader a run of this file uses (its configs root)
         */
        void check(Path config, ConfigNode resolvedTree, ConfigLoader loader);
    }

    /**
     * @param name      what {@code --kind} accepts
     * @param signature a top-level key that identifies the kind (checked in list order)
     * @param check     how to bind it
     */
    record Kind(String name, String signature, Check check) {
    }

    private static Check record(Class<? extends Record> type) {
        return (file, tree, loader) -> ConfigBinder.bind(tree, type);
    }

    /**
     * What {@code lut gemm} / {@code lut ppa} resolve before they run: the record, the memory port
     * (a DRAM preset is loaded) and the PPA tech table.
     */
    private static void lut(Path file, ConfigNode tree, ConfigLoader loader) {
        LutTensorCoreConfig c = ConfigBinder.bind(tree, LutTensorCoreConfig.class);
        dev.bitline.mapping.memory.LutMemory.of(c, loader.configsRoot());
        c.loadTech(loader);
    }

    /** What {@code simulate} resolves before it runs (for generation: the presets it names). */
    private static void simulation(Path file, ConfigNode tree, ConfigLoader loader) {
        SimulationConfig sc = ConfigBinder.bind(tree, SimulationConfig.class);
        if (sc.generation().isPresent()) {
            SimulateCommand.prepare(file, tree, sc, loader);
        }
    }

    static final List<Kind> ALL = List.of(
            new Kind("dram", "organization", (f, t, l) -> DramRunConfig.fromTree(t)),
            new Kind("lut", "array", ConfigKinds::lut),
            new Kind("pim", "unit", (f, t, l) -> dev.bitline.pim.config.PimSystem.fromTree(t)),
            new Kind("simulation", "pipeline", ConfigKinds::simulation),
            new Kind("generation", "generation", ConfigKinds::simulation));

    private ConfigKinds() {
    }

    static Kind byName(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new UsageError("unknown config kind '" + name + "' (expected one of: " + names() + ")"));
    }

    /** The kind whose signature key the file has at top level. */
    static Kind detect(String file, ConfigNode tree) {
        if (tree instanceof ConfigNode.MapNode map) {
            for (Kind k : ALL) {
                if (map.has(k.signature())) {
                    return k;
                }
            }
        }
        throw new UsageError(file + ": cannot tell what kind of config this is (expected a top-level key of one of: "
                + ALL.stream().map(k -> k.signature() + " (" + k.name() + ")").collect(Collectors.joining(", "))
                + "); pass --kind");
    }

    static String names() {
        return ALL.stream().map(Kind::name).collect(Collectors.joining(", "));
    }
}
