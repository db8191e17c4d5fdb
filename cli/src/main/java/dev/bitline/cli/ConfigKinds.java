package dev.bitline.cli;

import dev.bitline.sim.config.ConfigNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The kinds of config file Bitline reads, for {@code bitline validate}: each
 * names its record type and a top-level key that only its files have, so a
 * file's kind is recognised without the user saying it.
 */
final class ConfigKinds {
    /**
     * @param name      what {@code --kind} accepts
     * @param type      the record the file binds to
     * @param signature a top-level key that identifies the kind
     */
    record Kind(String name, Class<? extends Record> type, String signature) {
    }

    static final List<Kind> ALL = List.of(
            new Kind("simulation", SimulationConfig.class, "name"));

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
