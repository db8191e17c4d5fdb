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
 * </ul>
 */
public final class EnergyModel {
    private final EnergyParams p;
    private final double actPj;
    private final double prePj;
    private final double readPj;
    private final double writePj;
    private final double refPj;
    private final double refSbPj;

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
        return new EnergyBreakdown(a.acts() * actPj + a.pres() * prePj, a.reads() * readPj,
                a.writes() * writePj, a.refreshes() * refPj + a.bankRefreshes() * refSbPj, actStandby,
                preStandby, powerDown, selfRefresh, bits, a.totalCycles(), p.tCkPs());
    }
}
