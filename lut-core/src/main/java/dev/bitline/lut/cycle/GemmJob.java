package dev.bitline.lut.cycle;

/**
 * The shape and operand widths of one GEMM O[M,N] = A[M,K] x W[N,K]^T as the timing model sees it.
 *
 * @param m rows of A (1 for a GEMV)
 * @param n output channels (rows of W)
 * @param k reduction length
 * @param weightPlanes bit-planes per weight (cycles per k-group)
 * @param actBytes bytes per activation element (read by the precompute unit)
 * @param tableEntries stored entries per table (2^(g-1) symmetrized, else 2^g)
 * @param tableEntryBits bits per stored table entry
 */
public record GemmJob(int m, int n, int k, int weightPlanes, int actBytes, int tableEntries, int tableEntryBits) {
    public GemmJob {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("GEMM dimensions must be >= 1, got " + m + "x" + n + "x" + k);
        }
        if (weightPlanes < 1 || actBytes < 1 || tableEntries < 1 || tableEntryBits < 1) {
            throw new IllegalArgumentException("weight planes, activation bytes and table sizes must be >= 1");
        }
    }
}
