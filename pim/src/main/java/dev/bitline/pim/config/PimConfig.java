package dev.bitline.pim.config;

import dev.bitline.pim.mac.AccumulatorFormat;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import dev.bitline.sim.units.DataSize;
import dev.bitline.sim.units.Frequency;
import java.util.Map;

/**
 * A PIM device as configured in {@code configs/pim/*.yaml}. The {@code dram} section is a DRAM
 * standard (usually {@code extends:} a PIM standard under {@code configs/dram/pim/}, which in
 * turn extends its host standard and adds the PIM commands, constraint rows and energies): a
 * PIM channel is a DRAM channel first, so its timing is that standard's table, enforced by the
 * same engine and checked by the same checker.
 *
 * @param name printed in reports
 * @param dram the DRAM standard of the channels (a map resolved by the DRAM model)
 * @param unit the compute units
 * @param globalBuffer per-channel input buffer the MAC units read their vector operand from
 * @param host the host ASIC / xPU that issues PIM commands and runs the nonlinear layers
 * @param energy per-operation energies the DRAM IDD model does not cover
 * @param refresh keep refreshing during PIM work
 * @param refreshGranularity {@code all-bank}: REFab every tREFI, taken at the program's next row
 *     switch; {@code per-bank}: REFpb round robin every tREFIpb, a whole round (one per bank) taken
 *     together at a row switch (REFpb to different banks only tRREFD apart)
 */
public record PimConfig(
        String name,
        ConfigNode dram,
        Unit unit,
        GlobalBuffer globalBuffer,
        Host host,
        Energy energy,
        @Default("true") boolean refresh,
        @Default("all-bank") RefreshGranularity refreshGranularity) {

    /** How refresh is issued during PIM work. */
    public enum RefreshGranularity { ALL_BANK, PER_BANK }

    /**
     * @param placement where the units sit (bank, bank-pair, bank-group, buffer-die, logic-die)
     * @param clock unit clock; with the columns one MAC command feeds it, it sets the peak
     * @param accumulator adder tree and result-register format
     * @param product rounding of each product (fp32 = exact for bf16 / fp16 inputs)
     * @param resultRegisters accumulators per bank: output rows a bank may hold in flight
     * @param pipelineCycles unit-clock cycles from the last MAC command to a readable result
     * @param activateGranularity banks one activate opens: all banks of the channel (ACTab) or
     *     one bank per ACT (the standard's ACT, bound by tRRD and tFAW) for parts whose power
     *     budget forbids opening all banks at once
     */
    public record Unit(Placement placement, Frequency clock,
            @Default("fp32") AccumulatorFormat accumulator, @Default("fp32") AccumulatorFormat product,
            @Default("1") @Range(min = 1, max = 1024) int resultRegisters,
            @Default("4") @Range(min = 0, max = 1000) int pipelineCycles,
            @Default("all-banks") ActivateGranularity activateGranularity) {}

    /** Banks opened by one activate command of a PIM sweep. */
    public enum ActivateGranularity { ALL_BANKS, PER_BANK }

    /** @param size bytes of input vector the buffer holds (AiM: 2 KB, one DRAM row) */
    public record GlobalBuffer(DataSize size) {}

    /**
     * Host ASIC / xPU: vector units for the nonlinear layers.
     *
     * @param clock ASIC clock
     * @param vectorLanes elements the vector unit processes per cycle
     * @param buffer on-chip SRAM for activations, KV slices and partial sums
     * @param expCycles cycles per lane-wide exp / reciprocal / rsqrt (pipelined special-function unit)
     * @param opPj energy of one lane-wide elementary op (add, mul, compare) per element
     * @param specialPj energy of one exp / reciprocal / rsqrt / tanh per element
     * @param staticPowerMw leakage and clock tree while the device runs
     */
    public record Host(Frequency clock, @Range(min = 1, max = 1 << 16) int vectorLanes, DataSize buffer,
            @Default("4") @Range(min = 1, max = 1000) int expCycles,
            double opPj, double specialPj, double staticPowerMw) {
        public Host {
            if (!(opPj > 0) || !(specialPj > 0) || !(staticPowerMw >= 0)) {
                throw new IllegalArgumentException("host energies must be > 0 (opPj, specialPj) and staticPowerMw >= 0");
            }
        }
    }

    /**
     * @param macPj energy of one multiply-accumulate per element, by input precision; the keys are
     *     the precisions the unit has a datapath for
     * @param bufferPjPerBit global-buffer write or read per bit
     * @param unitStaticMw leakage of one unit
     */
    public record Energy(Map<InputFormat, Double> macPj, double bufferPjPerBit,
            @Default("0") double unitStaticMw) {
        public Energy {
            if (macPj == null || macPj.isEmpty()) {
                throw new IllegalArgumentException("energy.macPj must list at least one precision (the unit's datapaths)");
            }
            for (Map.Entry<InputFormat, Double> e : macPj.entrySet()) {
                if (!(e.getValue() > 0)) {
                    throw new IllegalArgumentException("energy.macPj." + e.getKey().name().toLowerCase() + " must be > 0");
                }
            }
            if (!(bufferPjPerBit > 0) || !(unitStaticMw >= 0)) {
                throw new IllegalArgumentException("energy: bufferPjPerBit must be > 0, unitStaticMw >= 0");
            }
        }
    }
}
