package dev.bitline.lut.ppa;

import dev.bitline.sim.quant.ActivationFormat;

/**
 * The hardware choices of one LUT dot-product array, as counted by {@link LutPpa}.
 *
 * @param m rows (activation vectors, one table each)
 * @param n columns (weight vectors sharing a row's table)
 * @param k activations per table (group size); a table has 2^k or 2^(k-1) entries
 * @param maxWeightBits widest weight the array supports (sizes weight registers and shifters)
 * @param symmetrized weight reinterpretation: tables hold 2^(k-1) entries, the top index bit
 *     gives the sign
 * @param negationEliminated the index flip is done offline on the static weights and the sign is
 *     applied as add/subtract in the accumulator, so no per-cell negator exists
 * @param precomputeFused tables come from the previous operator; no precompute adders in the array
 * @param tableStorage flip-flops or latches for table entries
 * @param int8Tables tables quantized to INT8 (one scale per table) instead of full width
 * @param intAccBits accumulator width for integer activations
 * @param fpAccumulate accumulator precision for floating-point activations
 */
public record LutDesign(int m, int n, int k, int maxWeightBits, boolean symmetrized,
        boolean negationEliminated, boolean precomputeFused, TableStorage tableStorage,
        boolean int8Tables, int intAccBits, FpAccumulate fpAccumulate) {

    public LutDesign {
        if (m <= 0 || n <= 0 || k <= 0 || k > 8) {
            throw new IllegalArgumentException("tile m, n must be positive and k in 1..8");
        }
        if (maxWeightBits <= 0 || maxWeightBits > 8) {
            throw new IllegalArgumentException("maxWeightBits must be in 1..8");
        }
        if (negationEliminated && !symmetrized) {
            throw new IllegalArgumentException("negationEliminated needs symmetrized tables (there is no negation otherwise)");
        }
    }

    public int entries() {
        return symmetrized ? 1 << (k - 1) : 1 << k;
    }

    /**
     * Rejects activation formats the cost tables have no datapath for: fp32 (the Horowitz table
     * has no fp32 rows; bf16 is costed like fp16, same 16-bit adder and multiplier rows).
     */
    public static void requireCosted(ActivationFormat act) {
        if (act == ActivationFormat.FP32) {
            throw new IllegalArgumentException("the PPA model has no fp32-activation datapath (expected int8, fp16 or bf16)");
        }
    }

    /** Width of one table entry. A sum of k int8 values needs ceil(log2 k) more bits. */
    public int tableBits(ActivationFormat act) {
        if (!act.isInteger()) {
            return 16;
        }
        if (int8Tables) {
            return 8;
        }
        return act.bits() + ceilLog2(k);
    }

    public LutDesign withSymmetrized(boolean v) {
        return new LutDesign(m, n, k, maxWeightBits, v, negationEliminated && v, precomputeFused,
                tableStorage, int8Tables, intAccBits, fpAccumulate);
    }

    public LutDesign withNegationEliminated(boolean v) {
        return new LutDesign(m, n, k, maxWeightBits, symmetrized, v, precomputeFused, tableStorage,
                int8Tables, intAccBits, fpAccumulate);
    }

    public LutDesign withPrecomputeFused(boolean v) {
        return new LutDesign(m, n, k, maxWeightBits, symmetrized, negationEliminated, v, tableStorage,
                int8Tables, intAccBits, fpAccumulate);
    }

    static int ceilLog2(int x) {
        return x <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(x - 1);
    }
}
