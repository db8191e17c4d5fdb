package dev.bitline.mapping.hybrid;

import dev.bitline.sim.config.Default;
import java.util.Map;

/**
 * A hybrid system as {@code configs/hybrid/*.yaml} writes it: named units, each a hardware
 * preset (a name under configs/ or a path), sharing one memory.
 *
 * @param hybrid the system
 */
public record HybridPreset(Hybrid hybrid) {
    /**
     * @param name printed in reports
     * @param units tag -> preset; the first unit also holds the model (its memory capacity is checked)
     * @param coProcess split multi-instance operations (MoE experts, attention) between the two cheapest units
     */
    public record Hybrid(String name, Map<String, String> units, @Default("true") boolean coProcess) {
        public Hybrid {
            if (units.size() < 2) {
                throw new IllegalArgumentException("a hybrid needs at least two units, got " + units.size());
            }
            for (String tag : units.keySet()) {
                if (!tag.matches("[a-z][a-z0-9-]*")) {
                    throw new IllegalArgumentException("unit tag '" + tag + "' (expected lower-case letters, digits, '-')");
                }
            }
        }
    }
}
