package dev.bitline.pim.mac;

/**
 * The arithmetic of one PIM compute unit: per MAC command it multiplies the {@code lanes}
 * elements of one column access with the matching global-buffer elements, sums the products
 * in a pairwise adder tree and adds the tree's sum into a result register. Products are rounded
 * to {@code product} (bf16 x bf16 and fp16 x fp16 are exact in fp32, so an fp32 product format
 * means exact products), every adder of the tree and the accumulation round to
 * {@code accumulator}: the order of the operations is part of the model, which is what makes
 * the result bit-exact and reproducible.
 *
 * <p>One instance serves every unit of a device; it is stateless apart from a scratch array.
 */
public final class MacUnit {
    private final InputFormat input;
    private final AccumulatorFormat product;
    private final AccumulatorFormat accumulator;
    private final int lanes;
    private final double[] tree;

    public MacUnit(InputFormat input, AccumulatorFormat product, AccumulatorFormat accumulator, int lanes) {
        if (lanes < 1 || Integer.bitCount(lanes) != 1) {
            throw new IllegalArgumentException("lanes must be a power of two, got " + lanes);
        }
        if (input.isInteger() != accumulator.isInteger() || input.isInteger() != product.isInteger()) {
            throw new IllegalArgumentException("integer inputs need INT32 products and accumulator; float inputs a float"
                    + " accumulator (got " + input + " x " + product + " -> " + accumulator + ")");
        }
        this.input = input;
        this.product = product;
        this.accumulator = accumulator;
        this.lanes = lanes;
        this.tree = new double[lanes];
    }

    public InputFormat input() {
        return input;
    }

    public AccumulatorFormat accumulator() {
        return accumulator;
    }

    public AccumulatorFormat product() {
        return product;
    }

    public int lanes() {
        return lanes;
    }

    /**
     * One MAC command: {@code acc + sum(w[wOff + i] * x[xOff + i], i < lanes)} with the unit's
     * rounding. Lanes past {@code n} (a partial last column) multiply zero.
     */
    public double mac(double acc, double[] w, int wOff, double[] x, int xOff, int n) {
        double[] t = tree;
        for (int i = 0; i < lanes; i++) {
            t[i] = i < n ? product.round(w[wOff + i] * x[xOff + i]) : 0.0;
        }
        for (int width = lanes; width > 1; width >>= 1) {
            int half = width >> 1;
            for (int i = 0; i < half; i++) {
                t[i] = accumulator.round(t[2 * i] + t[2 * i + 1]);
            }
        }
        return accumulator.round(acc + t[0]);
    }

    /**
     * Bound on |computed - exact| of a dot product of length {@code k} computed by this unit
     * ({@code k / lanes} MAC commands), given {@code sumAbs} = sum |w_i x_i| of the exact
     * products: the classic gamma_n bound (Higham, Accuracy and Stability, 3.1) with n = the
     * number of roundings any product passes through: one product rounding, log2(lanes) tree
     * levels and k / lanes accumulations.
     */
    public double errorBound(int k, double sumAbs) {
        int depth = Integer.numberOfTrailingZeros(lanes) + (k + lanes - 1) / lanes + 1;
        double u = Math.max(accumulator.unitRoundoff(), product.unitRoundoff());
        double nu = depth * u;
        return nu >= 1 ? Double.POSITIVE_INFINITY : nu / (1 - nu) * sumAbs;
    }
}
