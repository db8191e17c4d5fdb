package dev.bitline.sim.quant;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A quantized weight matrix W[N,K] (row-major, one row per output channel, the lmma
 * convention O[M,N] = A[M,K] x W[N,K]^T), bit-plane packed, with per-group scales and zero
 * points along K.
 *
 * <p>Layout: {@code planes[(p * n + row) * wordsPerRow + k / 64]} bit {@code k % 64} is bit p
 * of the code of W[row, k]. Padding bits past K are zero. Group {@code gi} of a row covers
 * columns {@code [gi * groupSize, min(K, (gi + 1) * groupSize))}; the last group may be short.
 * {@code scales[row * groups + gi]} and {@code twiceZeros[row * groups + gi]} give the real
 * weight {@code scale * (level - zero)} with {@code zero = twiceZeros / 2}. Zero points are kept
 * doubled so that half-integer zero points are exact: z = 1/2 is the paper's example and
 * the midpoint of an unsigned code range (2^W - 1)/2 is half-integer for every W.
 *
 * <p>The arrays are not copied (matrices are large); treat an instance as immutable.
 * Record equality is identity of the arrays; use {@link #sameContent} to compare values.
 */
public record PackedWeights(WeightFormat format, int n, int k, int groupSize,
                            long[] planes, float[] scales, int[] twiceZeros) {

    public PackedWeights {
        if (n < 1 || k < 1) {
            throw new IllegalArgumentException("weight matrix must be at least 1x1, got " + n + "x" + k);
        }
        if (groupSize < 1) {
            throw new IllegalArgumentException("group size must be >= 1, got " + groupSize);
        }
        int g = ceilDiv(k, groupSize);
        if (planes.length != format.planes() * n * wordsPerRow(k)) {
            throw new IllegalArgumentException("planes array length " + planes.length + ", expected "
                    + format.planes() * n * wordsPerRow(k));
        }
        if (scales.length != n * g || twiceZeros.length != n * g) {
            throw new IllegalArgumentException("scales/twiceZeros need n * groups = " + n * g + " entries, got "
                    + scales.length + "/" + twiceZeros.length);
        }
    }

    /** Packs level values (row-major N x K) into bit-planes; zero points given doubled. */
    public static PackedWeights fromLevels(WeightFormat format, int n, int k, int groupSize,
                                           int[] levels, float[] scales, int[] twiceZeros) {
        if (levels.length != n * k) {
            throw new IllegalArgumentException("levels length " + levels.length + ", expected " + n * k);
        }
        int words = wordsPerRow(k);
        long[] planes = new long[format.planes() * n * words];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < k; col++) {
                int code = format.codeOf(levels[row * k + col]);
                for (int p = 0; p < format.planes(); p++) {
                    if (((code >>> p) & 1) != 0) {
                        planes[(p * n + row) * words + (col >>> 6)] |= 1L << (col & 63);
                    }
                }
            }
        }
        return new PackedWeights(format, n, k, groupSize, planes, scales, twiceZeros);
    }

    /** Unit scales and zero zero-points: the weights are the integer levels themselves. */
    public static PackedWeights fromLevels(WeightFormat format, int n, int k, int groupSize, int[] levels) {
        int g = ceilDiv(k, groupSize);
        float[] s = new float[n * g];
        Arrays.fill(s, 1.0f);
        return fromLevels(format, n, k, groupSize, levels, s, new int[n * g]);
    }

    /**
     * Random codes, scales drawn as fp16-representable values in [2^-8, 2^-2) (so the products
     * with int8 activations stay far from float limits), and for unsigned formats a random
     * zero point in the code range (asymmetric quantization, integer or half-integer); zero
     * points are 0 otherwise.
     */
    public static PackedWeights random(WeightFormat format, int n, int k, int groupSize, SplittableRandom rnd) {
        int[] levels = new int[n * k];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = format.levelOf(rnd.nextInt(format.maxValidCode() + 1));
        }
        int g = ceilDiv(k, groupSize);
        float[] s = new float[n * g];
        int[] z = new int[n * g];
        for (int i = 0; i < s.length; i++) {
            // 11 significant bits: representable in fp16 and bf16-free of surprises
            s[i] = Math.scalb((float) (1024 + rnd.nextInt(1024)), -10 - 8 + rnd.nextInt(6));
            if (format instanceof WeightFormat.UInt) {
                z[i] = rnd.nextInt(2 * format.maxCode() + 1);
            }
        }
        return fromLevels(format, n, k, groupSize, levels, s, z);
    }

    public static int wordsPerRow(int k) {
        return (k + 63) >>> 6;
    }

    public int wordsPerRow() {
        return wordsPerRow(k);
    }

    public int groups() {
        return ceilDiv(k, groupSize);
    }

    /** Bit p of the code of W[row, col]. */
    public int bit(int plane, int row, int col) {
        return (int) (planes[(plane * n + row) * wordsPerRow() + (col >>> 6)] >>> (col & 63)) & 1;
    }

    /** The stored unsigned code of W[row, col]. */
    public int code(int row, int col) {
        int c = 0;
        for (int p = 0; p < format.planes(); p++) {
            c |= bit(p, row, col) << p;
        }
        return c;
    }

    /** The integer level of W[row, col]. */
    public int level(int row, int col) {
        return format.levelScale() * code(row, col) + format.levelOffset();
    }

    public float scale(int row, int group) {
        return scales[row * groups() + group];
    }

    /** Zero point of a group in level units (may be a half-integer). */
    public double zero(int row, int group) {
        return twiceZeros[row * groups() + group] / 2.0;
    }

    public int twiceZero(int row, int group) {
        return twiceZeros[row * groups() + group];
    }

    /** The real weight scale * (level - zero), exact in double. */
    public double dequantized(int row, int col) {
        int gi = col / groupSize;
        return (double) scale(row, gi) * (level(row, col) - zero(row, gi));
    }

    /** All levels, row-major N x K. */
    public int[] levels() {
        int[] out = new int[n * k];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < k; col++) {
                out[row * k + col] = level(row, col);
            }
        }
        return out;
    }

    /** Bytes of packed weight storage (planes only, no scales). */
    public long weightBytes() {
        return (long) format.planes() * n * k / 8;
    }

    public boolean sameContent(PackedWeights o) {
        return format.equals(o.format) && n == o.n && k == o.k && groupSize == o.groupSize
                && Arrays.equals(planes, o.planes) && Arrays.equals(scales, o.scales) && Arrays.equals(twiceZeros, o.twiceZeros);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
