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
 * @param commands the commands this standard has
 * @param tCK command-clock period, e.g. "0.625ns"
 * @param timing named parameters in cycles: numbers or expressions over other parameters
 * @param constraints the timing table
 * @param windows rolling windows (tFAW, t32AW)
 * @param power IDD currents and voltages per device
 * @param commandBus {@code single} (default) or {@code row-column} (HBM: a row and a column
 *     command may issue in the same cycle)
 * @param commandCycles command-bus cycles of commands that take more than one (DDR5: ACT, RD,
 *     WR, ...: 2); timing distances count from a command's first cycle
 */
public record StandardConfig(
        String name,
        Organization organization,
        List<Command> commands,
        Duration tCK,
        Map<String, String> timing,
        List<TimingRule> constraints,
        @Default("[]") List<WindowRule> windows,
        Power power,
        @Default("single") CommandBus commandBus,
        @Default("{}") Map<Command, Integer> commandCycles) {

    /** Resolves expressions and the table (IllegalArgumentException naming what is wrong). */
    public DramSpec resolve() {
        return DramSpec.resolve(name, organization, commands, tCK.ps(), timing, constraints, windows, power,
                commandBus, commandCycles);
    }
}
