package dev.bitline.dram.energy;

import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Organization;
import dev.bitline.dram.spec.Power;
import java.util.Map;

/**
 * Everything the IDD method needs about one rank: its devices' currents, how many devices share the
 * rank, the clock, and the timings that set how long each current flows.
 *
 * @param currents per-device currents and supplies
 * @param devicesPerRank devices switched together by a command (8 for a x8 64-bit rank)
 * @param tCkPs clock period, ps
 * @param tRAS ACT to PRE, cycles
 * @param tRP PRE to ACT, cycles
 * @param tRFC all-bank refresh duration, cycles
 * @param tRFCsb per-bank / same-bank refresh duration, cycles (0 if the standard has none)
 * @param banksPerRank banks per rank (a per-bank refresh without IDD5PB draws 1/banks of IDD5B)
 * @param burstCycles data-bus cycles of one RD/WR burst (BL/2 for DDR)
 * @param lineBytes bytes moved by one RD/WR (for energy per bit)
 * @param commandCycles per command priced in {@code currents.commands()}: its {@code cycles}
 *     expression evaluated against the standard's timing
 */
public record EnergyParams(Power currents, int devicesPerRank, long tCkPs, int tRAS, int tRP,
        int tRFC, int tRFCsb, int banksPerRank, int burstCycles, int lineBytes, Map<String, Integer> commandCycles) {

    /** Without per-command energies. */
    public EnergyParams(Power currents, int devicesPerRank, long tCkPs, int tRAS, int tRP, int tRFC, int tRFCsb,
            int banksPerRank, int burstCycles, int lineBytes) {
        this(currents, devicesPerRank, tCkPs, tRAS, tRP, tRFC, tRFCsb, banksPerRank, burstCycles, lineBytes, Map.of());
    }

    public EnergyParams {
        if (devicesPerRank <= 0 || tCkPs <= 0 || tRAS <= 0 || tRP <= 0 || tRFC <= 0 || tRFCsb < 0
                || banksPerRank <= 0 || burstCycles <= 0 || lineBytes <= 0) {
            throw new IllegalArgumentException("energy parameters must be positive");
        }
        commandCycles = Map.copyOf(commandCycles);
        for (String c : currents.commands().keySet()) {
            if (!commandCycles.containsKey(c)) {
                throw new IllegalArgumentException("power.commands." + c + ": no cycles given for its current");
            }
        }
    }

    /** The parameters of a resolved standard. */
    public static EnergyParams from(DramSpec spec) {
        Organization o = spec.organization();
        int perBank = spec.paramOr("tRFCpb", spec.paramOr("tRFCsb", 0));
        Map<String, Integer> cycles = new java.util.LinkedHashMap<>();
        for (String c : spec.power().commands().keySet()) cycles.put(c, spec.commandPowerCycles(c));
        return new EnergyParams(spec.power(), o.devicesPerRank(), spec.tCKps(), spec.param("tRAS"),
                spec.param("tRP"), spec.param("tRFC"), perBank, o.banksPerRank(), spec.burstCycles(),
                o.burstBytes(), cycles);
    }

    public int tRC() {
        return tRAS + tRP;
    }

    public double tCkNs() {
        return tCkPs / 1000.0;
    }
}
