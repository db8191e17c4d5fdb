package dev.bitline.pim.host;

/**
 * The host ASIC's vector operations (what DRAM-side units cannot do), with the work one element
 * costs: {@code ops} lane-wide elementary operations (add, multiply, compare, the passes of a
 * reduction) and {@code special} special-function evaluations (exp, tanh, reciprocal, rsqrt).
 * The counts follow the textbook evaluation of each function, written out in {@link HostAsic}.
 */
public enum VectorOp {
    /** y = a + b. */
    RESIDUAL_ADD(1, 0, false),
    /** max, x - max, exp, sum, x * (1 / sum). */
    SOFTMAX(4, 1, true),
    /** mean, x - mean, square, sum, x * rsqrt(var + eps), * gamma, + beta. */
    LAYER_NORM(7, 0, true),
    /** square, sum, x * rsqrt(ms + eps), * gamma. */
    RMS_NORM(4, 0, true),
    /** tanh approximation: x^3 (2), * 0.044715, + x, * sqrt(2/pi), tanh, + 1, * x, * 0.5. */
    GELU(7, 1, false),
    /** x * 1 / (1 + exp(-x)): negate, exp, + 1, reciprocal, multiply. */
    SILU(3, 2, false),
    /** sum of a vector (partial sums of split dot products). */
    REDUCE_SUM(1, 0, true);

    private final int ops;
    private final int special;
    private final boolean rowWise;

    VectorOp(int ops, int special, boolean rowWise) {
        this.ops = ops;
        this.special = special;
        this.rowWise = rowWise;
    }

    public int ops() {
        return ops;
    }

    public int special() {
        return special;
    }

    /** Needs the whole row before the first output (a reduction inside). */
    public boolean rowWise() {
        return rowWise;
    }
}
