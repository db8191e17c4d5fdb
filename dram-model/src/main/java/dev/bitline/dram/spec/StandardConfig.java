package dev.bitline.dram.spec;

import dev.bitline.sim.config.Default;
import dev.bitline.sim.units.Duration;
import java.util.List;
import java.util.Map;

/**
 * A standard/part YAML file as written (keys = component names); {@link DramStandards} binds it
 * with the team's ConfigLoader (so {@code extends:} and {@code --set} work) and resolves it into
 * a {@link DramSpec}.
 *
 * @param name preset name, e.g. ddr4-3200-8gb-x8
 * @param organization levels and sizes
 * @param commands the command vocabulary: name -> meta flags, in the order that interns them to
 *     ids (a map, so a standard that {@code extends:} another adds or changes rows)
 * @param tCK command-clock period, e.g. "0.625ns"
 * @param timing named parameters: cycles, durations ({@code "13.75ns"}, converted with the JEDEC
 *     rounding rule) or expressions over other parameters
 * @param constraints the timing table (a list, or a map of named lists that {@code extends:} merges
 *     by name; {@link DramStandards} flattens it before binding)
 * @param windows rolling windows (tFAW, t32AW); a list or a map of named lists, as constraints
 * @param power IDD currents and voltages per device, and per-command energies
 * @param commandBus {@code single} (default) or {@code row-column} (HBM: a row and a column
 *     command may issue in the same cycle)
 */
public record StandardConfig(
        String name,
        Organization organization,
        Map<String, CommandMeta> commands,
        Duration tCK,
        Map<String, String> timing,
        List<TimingRule> constraints,
        @Default("[]") List<WindowRule> windows,
        Power power,
        @Default("single") CommandBus commandBus) {

    /** Resolves expressions and the table (IllegalArgumentException naming what is wrong). */
    public DramSpec resolve() {
        return DramSpec.resolve(name, organization, commands, tCK.ps(), timing, constraints, windows, power,
                commandBus);
    }
}
