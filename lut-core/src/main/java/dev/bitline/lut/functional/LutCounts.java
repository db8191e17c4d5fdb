package dev.bitline.lut.functional;

/**
 * What one LUT mpGEMM did, counted by the functional model so timing and energy models
 * never recompute data themselves. All counts are for the whole O[M,N] = A[M,K] x W[N,K]^T.
 *
 * @param m, n, k            problem shape
 * @param g                  activations per table
 * @param planes             weight bit-planes P
 * @param tables             tables precomputed: M x ceil(K / g)
 * @param entriesPerTable    stored entries per table (2^g or 2^(g-1))
 * @param precomputeAdds     adds to build the tables: each stored entry is an independent
 *                           (g-1)-add sum of +-activations (adder-tree cost, what a parallel
 *                           precompute unit spends); entries that are a single activation or
 *                           zero cost nothing in a non-symmetrized table
 * @param lookupsPerPlane    table reads per bit-plane: M x N x ceil(K / g)
 * @param negations          sign recoveries that negated an entry (symmetric tables; data dependent)
 * @param accumulateAdds     shift-and-add of looked-up entries into the accumulator: one per lookup
 * @param activationSums     adds to form per-group activation sums sum(a) for the zero-point /
 *                           offset correction: M x sum over groups of (group length - 1)
 * @param correctionMacs     per (m, n, group) correction multiply-adds (z' x sum(a)) plus the
 *                           scale multiply: M x N x groups
 * @param tableQuantizations table entries quantized to int8 (INT8 tables only)
 */
public record LutCounts(int m, int n, int k, int g, int planes,
                        long tables, int entriesPerTable, long precomputeAdds,
                        long lookupsPerPlane, long negations, long accumulateAdds,
                        long activationSums, long correctionMacs, long tableQuantizations) {

    /** Total table reads over all planes. */
    public long lookups() {
        return lookupsPerPlane * planes;
    }

    /** Table entries written. */
    public long tableEntries() {
        return tables * entriesPerTable;
    }

    /** Multiply-accumulates a MAC array would do for the same GEMM: M x N x K. */
    public long macEquivalent() {
        return (long) m * n * k;
    }
}
