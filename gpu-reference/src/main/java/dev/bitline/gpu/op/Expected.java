package dev.bitline.gpu.op;

import dev.bitline.gpu.npy.NpyArray;
import dev.bitline.gpu.npy.NpyType;
import java.util.Arrays;

/**
 * What a kernel's output must be: equal bit for bit ({@link Exact}: integer paths, the LUT
 * path, anything whose order of operations is fixed), or within a per-element bound
 * ({@link Within}: fp32 sums whose order the kernel chooses), with the reason for the bound.
 */
public sealed interface Expected {

    NpyArray golden();

    /** Compares a kernel's output. */
    Comparison compare(NpyArray got);

    /** Result of a comparison: worst element, how many failed, one-line summary. */
    record Comparison(boolean pass, long elements, long failures, double maxAbsError, double worstRatio, String detail) {}

    record Exact(NpyArray golden) implements Expected {
        public Comparison compare(NpyArray got) {
            String shape = shapeProblem(golden, got);
            if (shape != null) {
                return new Comparison(false, golden.elements(), golden.elements(), Double.NaN, Double.NaN, shape);
            }
            long n = golden.elements();
            int size = golden.type().size();
            long bad = 0;
            long first = -1;
            byte[] a = golden.data();
            byte[] b = got.data();
            for (long i = 0; i < n; i++) {
                boolean same = true;
                for (int j = 0; j < size; j++) {
                    same &= a[(int) (i * size + j)] == b[(int) (i * size + j)];
                }
                if (!same) {
                    bad++;
                    first = first < 0 ? i : first;
                }
            }
            double maxAbs = maxAbs(golden, got);
            String detail = bad == 0 ? "bit-exact (" + n + " elements)"
                    : bad + " of " + n + " elements differ (first at flat index " + first + ": expected "
                    + value(golden, first) + ", got " + value(got, first) + ")";
            return new Comparison(bad == 0, n, bad, maxAbs, bad == 0 ? 0 : Double.POSITIVE_INFINITY, detail);
        }
    }

    /** fp32 output within {@code tolerance[i]} of the golden; {@code reason} says where the bound comes from. */
    record Within(NpyArray golden, double[] tolerance, String reason) implements Expected {
        public Comparison compare(NpyArray got) {
            String shape = shapeProblem(golden, got);
            if (shape != null) {
                return new Comparison(false, golden.elements(), golden.elements(), Double.NaN, Double.NaN, shape);
            }
            float[] g = golden.float32();
            float[] o = got.float32();
            long bad = 0;
            double maxAbs = 0;
            double worst = 0;
            int worstAt = 0;
            for (int i = 0; i < g.length; i++) {
                double d = Math.abs((double) g[i] - o[i]);
                if (Double.isNaN(d)) {
                    d = Double.POSITIVE_INFINITY;
                }
                maxAbs = Math.max(maxAbs, d);
                double r = tolerance[i] > 0 ? d / tolerance[i] : (d == 0 ? 0 : Double.POSITIVE_INFINITY);
                if (r > worst) {
                    worst = r;
                    worstAt = i;
                }
                bad += d > tolerance[i] ? 1 : 0;
            }
            String detail = (bad == 0 ? "within tolerance" : bad + " of " + g.length + " elements outside tolerance")
                    + String.format(" (max |err| %.3g, worst element at %.2f of its bound, index %d; bound: %s)",
                    maxAbs, worst, worstAt, reason);
            return new Comparison(bad == 0, g.length, bad, maxAbs, worst, detail);
        }
    }

    private static String shapeProblem(NpyArray want, NpyArray got) {
        if (want.type() != got.type() || !Arrays.equals(want.shape(), got.shape())) {
            return "output is " + got.type() + Arrays.toString(got.shape()) + ", expected " + want.type()
                    + Arrays.toString(want.shape());
        }
        return null;
    }

    private static double maxAbs(NpyArray a, NpyArray b) {
        if (a.type() == NpyType.INT32) {
            int[] x = a.int32();
            int[] y = b.int32();
            double m = 0;
            for (int i = 0; i < x.length; i++) {
                m = Math.max(m, Math.abs((double) x[i] - y[i]));
            }
            return m;
        }
        if (a.type() == NpyType.FLOAT32) {
            float[] x = a.float32();
            float[] y = b.float32();
            double m = 0;
            for (int i = 0; i < x.length; i++) {
                m = Math.max(m, Math.abs((double) x[i] - y[i]));
            }
            return m;
        }
        return Double.NaN;
    }

    private static String value(NpyArray a, long i) {
        if (a.type() == NpyType.INT32) {
            return Integer.toString(a.int32()[(int) i]);
        }
        if (a.type() == NpyType.FLOAT32) {
            float v = a.float32()[(int) i];
            return v + " (0x" + Integer.toHexString(Float.floatToRawIntBits(v)) + ")";
        }
        return "?";
    }
}
