package dev.bitline.dram.spec;

import dev.bitline.sim.config.Default;

/**
 * The energy of one command, per device, for a command the IDD table does not cover (a PIM
 * all-bank MAC, a victim-row refresh) or whose IDD-derived energy a datasheet gives otherwise.
 * Written under {@code power.commands.<NAME>}. Either or both parts:
 * <ul>
 *   <li>a current above active standby, as IDD4R is for a read: {@code (VDD*(IDD-IDD3N) +
 *       VPP*(IPP-IPP3N)) * cycles * tCK}, each rail counted where its current is given;
 *   <li>a fixed energy {@code pJ} per command and device.
 * </ul>
 * A command priced here is charged this instead of what its flags would give (ACT share, burst
 * current, refresh current); its effects on bank state (and so on background energy) stay.
 *
 * @param IDD VDD current while the command draws it, mA (0 = none)
 * @param IPP VPP current, mA (0 = none)
 * @param cycles how long it draws the current: cycles or an expression over timing parameters
 * @param pJ fixed energy per command per device, pJ
 */
public record CommandPower(@Default("0") double IDD, @Default("0") double IPP, @Default("tBL") String cycles,
        @Default("0") double pJ) {

    public CommandPower {
        for (double d : new double[] {IDD, IPP, pJ}) {
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("command currents and energies must be finite and >= 0, got " + d);
            }
        }
        if (cycles == null || cycles.isBlank()) throw new IllegalArgumentException("cycles is required");
    }

    /** True when the current part applies. */
    public boolean hasCurrent() {
        return IDD > 0 || IPP > 0;
    }
}
