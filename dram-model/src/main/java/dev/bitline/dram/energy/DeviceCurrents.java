package dev.bitline.dram.energy;

/**
 * Datasheet currents of one DRAM device (mA) and its supplies (V), as used by the IDD method
 * (Micron TN-41-01; DRAMPower and DRAMsim3 use the same). VPP currents may be 0 for a model that
 * ignores the pump supply (DRAMsim3 does).
 */
public record DeviceCurrents(
    double vdd, double idd0, double idd2n, double idd2p, double idd3n, double idd3p,
    double idd4r, double idd4w, double idd5b, double idd6,
    double vpp, double ipp0, double ipp2n, double ipp2p, double ipp3n, double ipp3p,
    double ipp4r, double ipp4w, double ipp5b, double ipp6) {

  public DeviceCurrents {
    double[] all = {vdd, idd0, idd2n, idd2p, idd3n, idd3p, idd4r, idd4w, idd5b, idd6,
        vpp, ipp0, ipp2n, ipp2p, ipp3n, ipp3p, ipp4r, ipp4w, ipp5b, ipp6};
    for (double x : all) {
      if (!(x >= 0) || Double.isInfinite(x)) {
        throw new IllegalArgumentException("currents and voltages must be finite and >= 0");
      }
    }
    if (vdd <= 0) {
      throw new IllegalArgumentException("VDD must be > 0");
    }
  }

  /** VDD currents only (no VPP term), the way DRAMsim3 models energy. */
  public static DeviceCurrents vddOnly(double vdd, double idd0, double idd2n, double idd2p,
      double idd3n, double idd3p, double idd4r, double idd4w, double idd5b, double idd6) {
    return new DeviceCurrents(vdd, idd0, idd2n, idd2p, idd3n, idd3p, idd4r, idd4w, idd5b, idd6,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
