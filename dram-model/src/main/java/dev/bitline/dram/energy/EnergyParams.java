package dev.bitline.dram.energy;

/**
 * Everything the IDD method needs about one rank: its devices' currents, how many devices share the
 * rank, the clock, and the timings that set how long each current flows.
 *
 * @param currents per-device currents
 * @param devicesPerRank devices switched together by a command (8 for a x8 64-bit rank)
 * @param tCkPs clock period, ps
 * @param tRAS ACT to PRE, cycles
 * @param tRP PRE to ACT, cycles
 * @param tRFC all-bank refresh duration, cycles
 * @param tRFCsb same-bank / per-bank refresh duration, cycles (0 if the standard has none)
 * @param banksPerRank banks that a per-bank refresh's energy is a share of
 * @param burstCycles data-bus cycles of one RD/WR burst (BL/2 for DDR)
 * @param lineBytes bytes moved by one RD/WR (for energy per bit)
 */
public record EnergyParams(DeviceCurrents currents, int devicesPerRank, long tCkPs, int tRAS, int tRP,
    int tRFC, int tRFCsb, int banksPerRank, int burstCycles, int lineBytes) {

  public EnergyParams {
    if (devicesPerRank <= 0 || tCkPs <= 0 || tRAS <= 0 || tRP <= 0 || tRFC <= 0 || tRFCsb < 0
        || banksPerRank <= 0 || burstCycles <= 0 || lineBytes <= 0) {
      throw new IllegalArgumentException("energy parameters must be positive");
    }
  }

  public int tRC() {
    return tRAS + tRP;
  }

  public double tCkNs() {
    return tCkPs / 1000.0;
  }
}
