package dev.bitline.pim.run;

import dev.bitline.pim.mac.AccumulatorFormat;

/**
 * The plain reference a PIM GEMV is checked against, written apart from the simulated path (no
 * layout, no channels, no commands): for each output row, walk k in steps of {@code lanes},
 * round each product, add them in a pairwise tree, add the tree into the accumulator. Same
 * rounding, same order, so the simulated output must equal it bit for bit; and a double
 * reference with the error bound of the format.
 */
public final class ReferenceGemv {
    private ReferenceGemv() {}

    public static double[] compute(double[] w, double[] x, int n, int k, int lanes, AccumulatorFormat product,
            AccumulatorFormat acc) {
        double[] y = new double[n];
        double[] lane = new double[lanes];
        for (int r = 0; r < n; r++) {
            double a = 0.0;
            for (int k0 = 0; k0 < k; k0 += lanes) {
                for (int i = 0; i < lanes; i++) {
                    int kk = k0 + i;
                    lane[i] = kk < k ? product.round(w[r * k + kk] * x[kk]) : 0.0;
                }
                int width = lanes;
                while (width > 1) {
                    for (int i = 0; i < width / 2; i++) lane[i] = acc.round(lane[2 * i] + lane[2 * i + 1]);
                    width /= 2;
                }
                a = acc.round(a + lane[0]);
            }
            y[r] = a;
        }
        return y;
    }

    /** Exact-ish (double) y = W x and sum |w x| per row, for the error bound. */
    public static double[][] exact(double[] w, double[] x, int n, int k) {
        double[] y = new double[n];
        double[] abs = new double[n];
        for (int r = 0; r < n; r++) {
            double s = 0, sa = 0;
            for (int i = 0; i < k; i++) {
                double p = w[r * k + i] * x[i];
                s += p;
                sa += Math.abs(p);
            }
            y[r] = s;
            abs[r] = sa;
        }
        return new double[][] {y, abs};
    }
}
