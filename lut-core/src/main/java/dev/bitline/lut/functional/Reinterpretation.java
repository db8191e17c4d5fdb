package dev.bitline.lut.functional;

import dev.bitline.sim.quant.WeightFormat;

/**
 * The LUT Tensor Core weight reinterpretation. A W-plane code u is read as the bipolar value
 * q' = 2u - (2^W - 1) (every bit -1/+1: q' = sum_b 2^b (2 bit_b - 1)), and the group's scale
 * and zero point change so that the real weight is unchanged:
 * {@code s * (level - z) = scale * (planeScale * q' - zero)}.
 *
 * <p>For codes with level = u + b (unsigned, signed offset-binary, ternary) planeScale = 1 and
 * this is exactly the paper's q' = 2q - (2^W - 1), s' = s / 2, z' = 2z + 1 - 2^W with
 * z measured in code units (z_code = z - b). For bipolar storage (level = 2u - (2^W - 1) = q')
 * planeScale = 2, scale = s / 2, zero = 2z. In both cases {@code zero} is an integer whenever
 * 2z is, which is why zero points are stored doubled.
 *
 * @param scale       s' = s / 2
 * @param zero        z' (an integer)
 * @param planeScale  1, or 2 for bipolar storage
 */
public record Reinterpretation(double scale, long zero, int planeScale) {

    /** Reinterprets one group given s and 2z (zero point doubled, in level units). */
    public static Reinterpretation of(WeightFormat f, double scale, int twiceZero) {
        int a = f.levelScale();
        // 2(level - z) = a q' + a (2^W - 1) + 2b - 2z
        long zero = (long) twiceZero - 2L * f.levelOffset() - (long) a * ((1L << f.planes()) - 1);
        return new Reinterpretation(scale / 2.0, zero, a);
    }

    /** q' of a code. */
    public static int bipolarOf(WeightFormat f, int code) {
        return 2 * code - ((1 << f.planes()) - 1);
    }

    /** The real weight of a code under this reinterpretation (for checks and examples). */
    public double weight(WeightFormat f, int code) {
        return scale * ((long) planeScale * bipolarOf(f, code) - zero);
    }
}
