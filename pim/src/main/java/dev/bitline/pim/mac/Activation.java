package dev.bitline.pim.mac;

/**
 * Activation functions a PIM part's AF command applies to its result registers (AiM's AF: an
 * activation function on the MAC results, before they are read out). The unit evaluates the
 * function on the register value and rounds the result to the accumulator format; AiM computes it
 * from a lookup table kept in a reserved DRAM row, so the exact function here is an idealisation
 * (assumed) and the table's interpolation error is not modelled.
 */
public enum Activation {
    /** max(0, x). */
    RELU,
    /** x * 0.5 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 x^3))), the tanh form GPT-2 uses. */
    GELU,
    /** x / (1 + exp(-x)). */
    SILU;

    /** The function in double precision (then rounded to the register's format by the caller). */
    public double apply(double x) {
        return switch (this) {
            case RELU -> x > 0 ? x : 0.0;
            case GELU -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case SILU -> x / (1 + Math.exp(-x));
        };
    }

    /** One value as the AF unit leaves it in a register of format {@code acc}. */
    public double unit(double x, AccumulatorFormat acc) {
        return acc.round(apply(x));
    }
}
