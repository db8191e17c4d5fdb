package dev.bitline.sim.quant;

import dev.bitline.sim.numeric.Bf16;
import dev.bitline.sim.numeric.Fp16;
import java.util.SplittableRandom;

/**
 * The activation operand A[M,K], row-major, in one of the {@link ActivationFormat}s.
 * Arrays are not copied; treat instances as immutable.
 */
public sealed interface Activations
        permits Activations.Int8, Activations.Fp16Values, Activations.Bf16Values, Activations.Fp32 {

    int m();

    int k();

    ActivationFormat format();

    /** Exact value of A[row, col] (every element format is exactly a double). */
    double value(int row, int col);

    record Int8(int m, int k, byte[] data) implements Activations {
        public Int8 {
            check(m, k, data.length);
        }
        public ActivationFormat format() { return ActivationFormat.INT8; }
        public double value(int row, int col) { return data[row * k + col]; }
        public int intValue(int row, int col) { return data[row * k + col]; }
    }

    record Fp16Values(int m, int k, short[] data) implements Activations {
        public Fp16Values {
            check(m, k, data.length);
        }
        public ActivationFormat format() { return ActivationFormat.FP16; }
        public double value(int row, int col) { return Fp16.toDouble(data[row * k + col]); }
    }

    record Bf16Values(int m, int k, short[] data) implements Activations {
        public Bf16Values {
            check(m, k, data.length);
        }
        public ActivationFormat format() { return ActivationFormat.BF16; }
        public double value(int row, int col) { return Bf16.toDouble(data[row * k + col]); }
    }

    record Fp32(int m, int k, float[] data) implements Activations {
        public Fp32 {
            check(m, k, data.length);
        }
        public ActivationFormat format() { return ActivationFormat.FP32; }
        public double value(int row, int col) { return data[row * k + col]; }
    }

    /**
     * Random activations: int8 uniform over [-128, 127]; float formats drawn from a normal
     * distribution with standard deviation {@code 1} and rounded to the format (RNE).
     */
    static Activations random(ActivationFormat f, int m, int k, SplittableRandom rnd) {
        int len = m * k;
        switch (f) {
            case INT8: {
                byte[] d = new byte[len];
                for (int i = 0; i < len; i++) {
                    d[i] = (byte) rnd.nextInt(256);
                }
                return new Int8(m, k, d);
            }
            case FP16: {
                short[] d = new short[len];
                for (int i = 0; i < len; i++) {
                    d[i] = Fp16.fromDouble(gaussian(rnd));
                }
                return new Fp16Values(m, k, d);
            }
            case BF16: {
                short[] d = new short[len];
                for (int i = 0; i < len; i++) {
                    d[i] = Bf16.fromDouble(gaussian(rnd));
                }
                return new Bf16Values(m, k, d);
            }
            default: {
                float[] d = new float[len];
                for (int i = 0; i < len; i++) {
                    d[i] = (float) gaussian(rnd);
                }
                return new Fp32(m, k, d);
            }
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static void check(int m, int k, int len) {
        if (m < 1 || k < 1 || len != m * k) {
            throw new IllegalArgumentException("activations must be M x K with M, K >= 1 and M*K elements; got M="
                    + m + " K=" + k + " length=" + len);
        }
    }
}
