package dev.bitline.dram.energy;

import dev.bitline.dram.spec.Power;

/**
 * The IDD method: each command adds the current it draws above the background current for as long
 * as it draws it, and the background is charged per cycle from the rank's state. All terms are
 * summed over the rank's devices and over both supplies (VDD, and VPP where given).
 *
 * <ul>
 *   <li>ACT+PRE (one row cycle): {@code IDD0*tRC - (IDD3N*tRAS + IDD2N*tRP)}; the ACT share is
 *       {@code (IDD0-IDD3N)*tRAS}, the PRE share {@code (IDD0-IDD2N)*tRP}, so a bank left open at the
 *       end is charged its ACT share only.
 *   <li>RD / WR: {@code (IDD4R|IDD4W - IDD3N) * burst}.
 *   <li>REF: {@code (IDD5B - IDD3N) * tRFC}; a per-bank refresh {@code (IDD5PB - IDD3N) * tRFCpb},
 *       or {@code 1/banks} of the all-bank current where IDD5PB is not given.
 *   <li>background: IDD3N per cycle with any bank open, IDD2N with all closed, IDD3P / IDD2P when
 *       powered down, IDD6 in self-refresh.
 *   <li>a command priced in {@code power.commands} (a PIM MAC): its own current for its cycles
 *       and / or fixed energy ({@link dev.bitline.dram.spec.CommandPower}), instead of the above.
 * </ul>
 * Which term a command pays comes from its meta flags (opens, closes, data read / write,
 * refresh), not its name ({@link ActivityCounter}).
 */
public final class EnergyModel {
    private final EnergyParams p;
    private final double actPj;
    private final double prePj;
    private final double readPj;
    private final double writePj;
    private final double refPj;
    private final double refSbPj;
    private final java.util.Map<String, Double> commandPj = new java.util.LinkedHashMap<>();

    public EnergyModel(EnergyParams params) {
        this.p = params;
        Power c = params.currents();
        double k = params.devicesPerRank() * params.tCkNs(); // mA * V * ns = pJ
        actPj = k * (c.VDD() * (c.IDD0() - c.IDD3N()) * params.tRAS()
                + c.VPP() * (c.IPP0() - c.IPP3N()) * params.tRAS());
        prePj = k * (c.VDD() * (c.IDD0() - c.IDD2N()) * params.tRP()
                + c.VPP() * (c.IPP0() - c.IPP2N()) * params.tRP());
        readPj = k * params.burstCycles() * (c.VDD() * (c.IDD4R() - c.IDD3N()) + c.VPP() * (c.IPP4R() - c.IPP3N()));
        writePj = k * params.burstCycles() * (c.VDD() * (c.IDD4W() - c.IDD3N()) + c.VPP() * (c.IPP4W() - c.IPP3N()));
        refPj = k * params.tRFC() * (c.VDD() * (c.IDD5B() - c.IDD3N()) + c.VPP() * (c.IPP5B() - c.IPP3N()));
        // Per-bank refresh: IDD5PB where the datasheet gives it, else a 1/banks share of IDD5B.
        double pbVdd = c.IDD5PB() > 0 ? c.IDD5PB() - c.IDD3N() : (c.IDD5B() - c.IDD3N()) / params.banksPerRank();
        double pbVpp = c.IDD5PB() > 0 ? 0 : (c.IPP5B() - c.IPP3N()) / params.banksPerRank();
        refSbPj = k * params.tRFCsb() * (c.VDD() * pbVdd + c.VPP() * pbVpp);
        // commands priced by name: a current above active standby for their cycles, plus a fixed energy
        for (var e : c.commands().entrySet()) {
            dev.bitline.dram.spec.CommandPower cp = e.getValue();
            double pj = params.devicesPerRank() * cp.pJ();
            if (cp.hasCurrent()) {
                // each rail counts only where its current is given (an absent IPP is no VPP delta)
                double mA = (cp.IDD() > 0 ? c.VDD() * (cp.IDD() - c.IDD3N()) : 0)
                        + (cp.IPP() > 0 ? c.VPP() * (cp.IPP() - c.IPP3N()) : 0);
                pj += k * params.commandCycles().get(e.getKey()) * mA;
            }
            commandPj.put(e.getKey(), pj);
        }
    }

    /** Energy of one command priced in {@code power.commands} (pJ per rank), or NaN if not priced. */
    public double commandPj(String name) {
        Double v = commandPj.get(name);
        return v == null ? Double.NaN : v;
    }

    public EnergyParams params() {
        return p;
    }

    /** Energy of one ACT+PRE pair (a full row cycle), pJ. */
    public double rowCyclePj() {
        return actPj + prePj;
    }

    public double readPj() {
        return readPj;
    }

    public double writePj() {
        return writePj;
    }

    public double refreshPj() {
        return refPj;
    }

    /** Energy of one rank's activity, pJ by component. */
    public EnergyBreakdown energy(RankActivity a) {
        Power c = p.currents();
        double k = p.devicesPerRank() * p.tCkNs();
        double actStandby = k * a.actStandbyCycles() * (c.VDD() * c.IDD3N() + c.VPP() * c.IPP3N());
        double preStandby = k * a.preStandbyCycles() * (c.VDD() * c.IDD2N() + c.VPP() * c.IPP2N());
        double powerDown = k * (a.actPowerDownCycles() * (c.VDD() * c.IDD3P() + c.VPP() * c.IPP3P())
                + a.prePowerDownCycles() * (c.VDD() * c.IDD2P() + c.VPP() * c.IPP2P()));
        double selfRefresh = k * a.selfRefreshCycles() * (c.VDD() * c.IDD6() + c.VPP() * c.IPP6());
        long bits = (a.reads() + a.writes()) * (long) p.lineBytes() * 8;
        java.util.Map<String, Double> priced = new java.util.LinkedHashMap<>();
        a.priced().forEach((name, n) -> {
            Double pj = commandPj.get(name);
            if (pj == null) throw new IllegalArgumentException("command " + name + " has no entry in power.commands");
            priced.put(name, n * pj);
        });
        return new EnergyBreakdown(a.acts() * actPj + a.pres() * prePj, a.reads() * readPj,
                a.writes() * writePj, a.refreshes() * refPj + a.bankRefreshes() * refSbPj, actStandby,
                preStandby, powerDown, selfRefresh, bits, a.totalCycles(), p.tCkPs(), priced);
    }
}
