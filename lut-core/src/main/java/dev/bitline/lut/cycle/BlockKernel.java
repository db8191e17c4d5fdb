package dev.bitline.lut.cycle;

/**
 * Computes the real values of one output block when the timing model finishes it, so the numbers
 * a run reports come from the functional model, in the order the hardware produces them.
 */
@FunctionalInterface
public interface BlockKernel {
    /** Computes O[m0..m1) x [n0..n1). */
    void computeBlock(int m0, int m1, int n0, int n1);

    /** A kernel that computes nothing (timing-only studies; never used to report outputs). */
    BlockKernel NONE = (m0, m1, n0, n1) -> { };
}
