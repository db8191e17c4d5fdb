package dev.bitline.lut.cycle;

import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.WeightFormat;

/**
 * What a {@code lut gemm} run holds in memory, estimated before any allocation so a GEMM that
 * cannot fit is refused up front (with what would fit) instead of dying with OutOfMemoryError
 * after minutes. Counted: the weight levels while packing (4 B per weight) and their bit-planes,
 * the activations, the cycle model's functional output and written flags, the reference output
 * and the error bound (8 B per output each). Java arrays also cap every operand at 2^31-1
 * elements.
 */
public final class GemmFootprint {
    private GemmFootprint() {}

    /** Bytes the run needs, about. */
    public static double bytes(long m, long n, long k, WeightFormat wf, ActivationFormat af) {
        double weights = n * (double) k * (4 + wf.planes() / 8.0);
        double acts = m * (double) k * 4;
        double outputs = m * (double) n * (8 + 1 + 8 + 8);
        return weights + acts + outputs;
    }

    /**
     * Null if the GEMM fits in {@code maxHeap} bytes (with a 25% margin for the rest of the JVM),
     * else a message saying what it needs and what fits.
     */
    public static String check(long m, long n, long k, WeightFormat wf, ActivationFormat af, long maxHeap) {
        long limit = Integer.MAX_VALUE - 8;
        String[] names = {"n*k", "m*k", "m*n"};
        long[] sizes = {n * k, m * k, m * n};
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] > limit) {
                return names[i] + " = " + sizes[i] + " elements (expected at most " + limit
                        + ": one operand is one Java array)";
            }
        }
        double need = bytes(m, n, k, wf, af);
        if (need > maxHeap * 0.75) {
            double perNk = 4 + wf.planes() / 8.0;
            long fitNk = (long) Math.max(0, (maxHeap * 0.75 - m * (double) n * 25 - m * (double) k * 4) / perNk);
            return String.format("needs about %s for the operands, outputs and the reference check; this JVM may use"
                    + " %s (expected n*k <= about %d at this m and n: lower --n / --k / --m, or raise the heap with"
                    + " BITLINE_JAVA_OPTS=-Xmx...)", gb(need), gb(maxHeap), fitNk);
        }
        return null;
    }

    private static String gb(double b) {
        return b >= 1e9 ? String.format("%.1f GB", b / 1e9) : String.format("%.0f MB", b / 1e6);
    }
}
