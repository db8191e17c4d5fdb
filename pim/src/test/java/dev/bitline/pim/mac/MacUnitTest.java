package dev.bitline.pim.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.numeric.Bf16;
import dev.bitline.sim.numeric.Fp16;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MacUnitTest {

    /**
     * The reference written the plainest way, on the sim formats' own bit-pattern operations
     * (Bf16 / Fp16 add on shorts, Java float for fp32): no shared code with MacUnit's rounding.
     */
    static double reference(InputFormat in, AccumulatorFormat acc, double[] w, double[] x, int lanes) {
        int k = w.length;
        if (acc == AccumulatorFormat.INT32) {
            long a = 0;
            for (int i = 0; i < k; i++) a += (long) w[i] * (long) x[i];
            return a;
        }
        double a = 0;
        float af = 0;
        short ah = 0;
        for (int k0 = 0; k0 < k; k0 += lanes) {
            float[] pf = new float[lanes];
            short[] ph = new short[lanes];
            for (int i = 0; i < lanes; i++) {
                double p = k0 + i < k ? w[k0 + i] * x[k0 + i] : 0.0;
                pf[i] = (float) p; // exact for bf16 / fp16 products
                ph[i] = acc == AccumulatorFormat.BF16 ? Bf16.fromDouble(p) : Fp16.fromDouble(p);
            }
            for (int width = lanes; width > 1; width /= 2) {
                for (int i = 0; i < width / 2; i++) {
                    pf[i] = pf[2 * i] + pf[2 * i + 1];
                    ph[i] = acc == AccumulatorFormat.BF16 ? Bf16.add(ph[2 * i], ph[2 * i + 1]) : Fp16.add(ph[2 * i], ph[2 * i + 1]);
                }
            }
            af = af + pf[0];
            ah = acc == AccumulatorFormat.BF16 ? Bf16.add(ah, ph[0]) : Fp16.add(ah, ph[0]);
        }
        return switch (acc) {
            case FP32 -> af;
            case BF16 -> Bf16.toDouble(ah);
            case FP16 -> Fp16.toDouble(ah);
            default -> a;
        };
    }

    static double[] random(InputFormat f, int n, SplittableRandom r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.isInteger() ? r.nextInt(-(1 << (f.bits() - 1)), 1 << (f.bits() - 1)) : f.quantize(r.nextDouble() * 2 - 1);
        }
        return v;
    }

    static double dot(MacUnit u, double[] w, double[] x) {
        double a = 0;
        for (int k0 = 0; k0 < w.length; k0 += u.lanes()) {
            a = u.mac(a, w, k0, x, k0, Math.min(u.lanes(), w.length - k0));
        }
        return a;
    }

    @Property(tries = 60, seed = "20261202")
    void bitExactAgainstThePlainReference(@ForAll @IntRange(min = 0, max = 4) int combo,
            @ForAll @IntRange(min = 1, max = 600) int k, @ForAll long seed) {
        InputFormat[] in = {InputFormat.BF16, InputFormat.BF16, InputFormat.FP16, InputFormat.INT8, InputFormat.INT4};
        AccumulatorFormat[] acc = {AccumulatorFormat.FP32, AccumulatorFormat.BF16, AccumulatorFormat.FP16,
            AccumulatorFormat.INT32, AccumulatorFormat.INT32};
        int lanes = in[combo].isInteger() ? 32 : 16;
        MacUnit u = new MacUnit(in[combo], acc[combo], acc[combo], lanes);
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = random(in[combo], k, r);
        double[] x = random(in[combo], k, r);
        double got = dot(u, w, x);
        double want = reference(in[combo], acc[combo], w, x, lanes);
        assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got), "k=" + k + " combo=" + combo);
    }

    @Property(tries = 60, seed = "20261203")
    void withinTheFormatBoundOfTheExactDotProduct(@ForAll @IntRange(min = 0, max = 2) int combo,
            @ForAll @IntRange(min = 1, max = 4096) int kMax, @ForAll long seed) {
        // 16-bit accumulators: keep the bound meaningful (depth x 2^-8 well below 1)
        int k = combo == 0 ? kMax : 1 + kMax % 1024;
        InputFormat in = combo == 2 ? InputFormat.FP16 : InputFormat.BF16;
        AccumulatorFormat acc = combo == 1 ? AccumulatorFormat.BF16 : combo == 2 ? AccumulatorFormat.FP16 : AccumulatorFormat.FP32;
        MacUnit u = new MacUnit(in, acc, acc, 16);
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = random(in, k, r);
        double[] x = random(in, k, r);
        BigDecimal exact = BigDecimal.ZERO;
        double sumAbs = 0;
        for (int i = 0; i < k; i++) {
            exact = exact.add(new BigDecimal(w[i]).multiply(new BigDecimal(x[i])));
            sumAbs += Math.abs(w[i] * x[i]);
        }
        double err = new BigDecimal(dot(u, w, x)).subtract(exact).abs().doubleValue();
        assertTrue(err <= u.errorBound(k, sumAbs), "err " + err + " > bound " + u.errorBound(k, sumAbs));
    }

    @Test
    void integerDotProductsAreExact() {
        MacUnit u = new MacUnit(InputFormat.INT8, AccumulatorFormat.INT32, AccumulatorFormat.INT32, 32);
        double[] w = new double[4096];
        double[] x = new double[4096];
        java.util.Arrays.fill(w, -128);
        java.util.Arrays.fill(x, -128);
        assertEquals(4096.0 * 16384, dot(u, w, x));
    }

    /** INT16 x INT16 products (up to 2^30) are exact in INT32; the tree and the accumulation saturate. */
    @Test
    void int16DotProductsAreExactUntilTheyClip() {
        MacUnit u = new MacUnit(InputFormat.INT16, AccumulatorFormat.INT32, AccumulatorFormat.INT32, 16);
        SplittableRandom r = new SplittableRandom(7);
        for (int t = 0; t < 1000; t++) {
            int k = 1 + r.nextInt(64);
            double[] w = random(InputFormat.INT16, k, r);
            double[] x = new double[k];
            for (int i = 0; i < k; i++) x[i] = r.nextInt(-64, 64); // |sum| < 64 * 2^15 * 64 = 2^27: no clipping
            assertEquals(reference(InputFormat.INT16, AccumulatorFormat.INT32, w, x, 16), dot(u, w, x), "k=" + k);
        }
        assertEquals(0x1p30, u.mac(0, new double[] {-32768}, 0, new double[] {-32768}, 0, 1));
        assertEquals(-0x1p30 + 32768, u.mac(0, new double[] {-32768}, 0, new double[] {32767}, 0, 1));
        double[] min = new double[16];
        java.util.Arrays.fill(min, -32768);
        double[] max = new double[16];
        java.util.Arrays.fill(max, 32767);
        assertEquals(Integer.MAX_VALUE, u.mac(0, min, 0, min, 0, 16)); // 16 x 2^30 clips in the tree
        assertEquals(Integer.MIN_VALUE, u.mac(0, min, 0, max, 0, 16));
        assertEquals(Integer.MAX_VALUE, u.mac(Integer.MAX_VALUE - 5, min, 0, min, 0, 1));
        assertEquals(16, InputFormat.INT16.elementsPer(32));
        assertEquals(InputFormat.INT16, InputFormat.parse("int16"));
    }

    @Test
    void mixingIntegerAndFloatFormatsIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new MacUnit(InputFormat.INT8, AccumulatorFormat.FP32, AccumulatorFormat.FP32, 32));
        assertThrows(IllegalArgumentException.class,
                () -> new MacUnit(InputFormat.BF16, AccumulatorFormat.FP32, AccumulatorFormat.FP32, 12));
    }

    @Test
    void quantizeRoundsToTheFormat() {
        assertEquals(1.0, InputFormat.BF16.quantize(1.001));
        assertEquals(127, InputFormat.INT8.quantize(300));
        assertEquals(-8, InputFormat.INT4.quantize(-9.4));
        assertEquals(32767, InputFormat.INT16.quantize(40000));
        assertEquals(-32768, InputFormat.INT16.quantize(-1e9));
        assertEquals(-3, InputFormat.INT16.quantize(-2.5 - 0.25));
        assertEquals(16, InputFormat.BF16.elementsPer(32));
        assertEquals(64, InputFormat.INT4.elementsPer(32));
    }
}
