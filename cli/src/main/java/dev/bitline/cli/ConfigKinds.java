package dev.bitline.cli;

import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.sim.config.ConfigBinder;
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
        void check(ConfigNode resolvedTree);
    }

    /**
     * @param name      what {@code --kind} accepts
     * @param signature a top-level key that identifies the kind (checked in list order)
     * @param check     how to bind it
     */
    record Kind(String name, String signature, Check check) {
    }

    private static Check record(Class<? extends Record> type) {
        return tree -> ConfigBinder.bind(tree, type);
    }

    static final List<Kind> ALL = List.of(
            new Kind("dram", "organization", DramRunConfig::fromTree),
            new Kind("lut", "array", record(LutTensorCoreConfig.class)),
            new Kind("pim", "unit", dev.bitline.pim.config.PimSystem::fromTree),
            new Kind("simulation", "pipeline", record(SimulationConfig.class)),
            new Kind("generation", "generation", record(SimulationConfig.class)));

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
