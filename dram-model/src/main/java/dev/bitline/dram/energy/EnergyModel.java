package dev.bitline.dram.energy;

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
 *   <li>REF: {@code (IDD5B - IDD3N) * tRFC}; a per-bank refresh is {@code 1/banks} of that current
 *       over tRFCsb.
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
    DeviceCurrents c = params.currents();
    double k = params.devicesPerRank() * params.tCkNs(); // mA * V * ns = pJ
    actPj = k * (c.vdd() * (c.idd0() - c.idd3n()) * params.tRAS()
        + c.vpp() * (c.ipp0() - c.ipp3n()) * params.tRAS());
    prePj = k * (c.vdd() * (c.idd0() - c.idd2n()) * params.tRP()
        + c.vpp() * (c.ipp0() - c.ipp2n()) * params.tRP());
    readPj = k * params.burstCycles() * (c.vdd() * (c.idd4r() - c.idd3n()) + c.vpp() * (c.ipp4r() - c.ipp3n()));
    writePj = k * params.burstCycles() * (c.vdd() * (c.idd4w() - c.idd3n()) + c.vpp() * (c.ipp4w() - c.ipp3n()));
    refPj = k * params.tRFC() * (c.vdd() * (c.idd5b() - c.idd3n()) + c.vpp() * (c.ipp5b() - c.ipp3n()));
    refSbPj = k * params.tRFCsb() / params.banksPerRank()
        * (c.vdd() * (c.idd5b() - c.idd3n()) + c.vpp() * (c.ipp5b() - c.ipp3n()));
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
    DeviceCurrents c = p.currents();
    double k = p.devicesPerRank() * p.tCkNs();
    double actStandby = k * a.actStandbyCycles() * (c.vdd() * c.idd3n() + c.vpp() * c.ipp3n());
    double preStandby = k * a.preStandbyCycles() * (c.vdd() * c.idd2n() + c.vpp() * c.ipp2n());
    double powerDown = k * (a.actPowerDownCycles() * (c.vdd() * c.idd3p() + c.vpp() * c.ipp3p())
        + a.prePowerDownCycles() * (c.vdd() * c.idd2p() + c.vpp() * c.ipp2p()));
    double selfRefresh = k * a.selfRefreshCycles() * (c.vdd() * c.idd6() + c.vpp() * c.ipp6());
    long bits = (a.reads() + a.writes()) * (long) p.lineBytes() * 8;
    return new EnergyBreakdown(a.acts() * actPj + a.pres() * prePj, a.reads() * readPj,
        a.writes() * writePj, a.refreshes() * refPj + a.bankRefreshes() * refSbPj, actStandby,
        preStandby, powerDown, selfRefresh, bits, a.totalCycles(), p.tCkPs());
  }
}
