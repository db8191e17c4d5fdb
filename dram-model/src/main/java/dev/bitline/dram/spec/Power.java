package dev.bitline.dram.spec;

import dev.bitline.sim.config.Default;

/**
 * IDD/IPP currents (mA) and supply voltages (V) of ONE device, as a datasheet gives them, for the
 * IDD energy method. Names follow JEDEC: IDD0 one-bank ACT-PRE, IDD2N/IDD2P precharge standby /
 * power-down, IDD3N/IDD3P active standby / power-down, IDD4R/IDD4W burst read/write, IDD5B
 * all-bank refresh (burst), IDD6 self refresh; IPPx the same on the VPP rail. {@code IDD5PB} is the
 * per-bank / same-bank refresh current where the standard has one (0 otherwise). Standards with
 * other rail names map them here: LPDDR5 VDD2H -> VDD and VDD1 -> VPP; HBM VDD/VPP as named.
 * {@code commands} prices commands by name that the IDD table does not know ({@link CommandPower}).
 */
public record Power(
        double VDD,
        double VPP,
        double IDD0,
        @Default("0") double IPP0,
        double IDD2N,
        @Default("0") double IPP2N,
        double IDD2P,
        @Default("0") double IPP2P,
        double IDD3N,
        @Default("0") double IPP3N,
        double IDD3P,
        @Default("0") double IPP3P,
        double IDD4R,
        @Default("0") double IPP4R,
        double IDD4W,
        @Default("0") double IPP4W,
        double IDD5B,
        @Default("0") double IPP5B,
        @Default("0") double IDD5PB,
        double IDD6,
        @Default("0") double IPP6,
        @Default("{}") java.util.Map<String, CommandPower> commands) {

    /** The IDD table alone, no per-command entries. */
    public Power(double VDD, double VPP, double IDD0, double IPP0, double IDD2N, double IPP2N, double IDD2P,
            double IPP2P, double IDD3N, double IPP3N, double IDD3P, double IPP3P, double IDD4R, double IPP4R,
            double IDD4W, double IPP4W, double IDD5B, double IPP5B, double IDD5PB, double IDD6, double IPP6) {
        this(VDD, VPP, IDD0, IPP0, IDD2N, IPP2N, IDD2P, IPP2P, IDD3N, IPP3N, IDD3P, IPP3P, IDD4R, IPP4R, IDD4W,
                IPP4W, IDD5B, IPP5B, IDD5PB, IDD6, IPP6, java.util.Map.of());
    }

    /** Bounds no DRAM device comes near (per device). */
    public static final double MAX_MILLIAMPS = 100_000, MAX_VOLTS = 100;

    public Power {
        double[] all = {VDD, VPP, IDD0, IPP0, IDD2N, IPP2N, IDD2P, IPP2P, IDD3N, IPP3N, IDD3P, IPP3P,
                IDD4R, IPP4R, IDD4W, IPP4W, IDD5B, IPP5B, IDD5PB, IDD6, IPP6};
        String[] names = {"VDD", "VPP", "IDD0", "IPP0", "IDD2N", "IPP2N", "IDD2P", "IPP2P", "IDD3N", "IPP3N", "IDD3P",
            "IPP3P", "IDD4R", "IPP4R", "IDD4W", "IPP4W", "IDD5B", "IPP5B", "IDD5PB", "IDD6", "IPP6"};
        for (int i = 0; i < all.length; i++) {
            double d = all[i];
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("currents and voltages must be finite and >= 0, got " + d);
            }
            // far beyond any device: a slip of units or digits (mA per device, volts)
            double max = i < 2 ? MAX_VOLTS : MAX_MILLIAMPS;
            if (d > max) {
                throw new IllegalArgumentException("power." + names[i] + " = " + d + (i < 2 ? " V" : " mA")
                        + " (expected 0.." + (long) max + (i < 2 ? " V" : " mA per device") + ")");
            }
        }
        if (VDD <= 0) throw new IllegalArgumentException("VDD must be > 0");
        commands = commands == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(commands));
    }
}
