package dev.bitline.gpu.op;

import dev.bitline.gpu.npy.NpyArray;
import dev.bitline.sim.numeric.Fp16;
import dev.bitline.sim.quant.PackedWeights;

/** The device layouts bitline-cuda reads, made from the shared {@link PackedWeights}. */
public final class Layouts {
    private Layouts() {}

    /**
     * Codes as one little-endian bit stream per row: the code of column c starts at bit
     * c * bits; rows hold exactly K * bits / 32 words (K * bits must be a multiple of 32). This is
     * the dense storage of a dequantizing kernel, the same for power-of-two and other widths.
     */
    public static NpyArray codeStream(PackedWeights w) {
        int bits = w.format().planes();
        long rowBits = (long) w.k() * bits;
        if (rowBits % 32 != 0) {
            throw new IllegalArgumentException("K * bits = " + rowBits + " is not a multiple of 32");
        }
        int words = (int) (rowBits / 32);
        int[] out = new int[w.n() * words];
        for (int row = 0; row < w.n(); row++) {
            for (int col = 0; col < w.k(); col++) {
                long code = w.code(row, col);
                long bit = (long) col * bits;
                int wi = (int) (bit >>> 5);
                int off = (int) (bit & 31);
                out[row * words + wi] |= (int) (code << off);
                if (off + bits > 32) {
                    out[row * words + wi + 1] |= (int) (code >>> (32 - off));
                }
            }
        }
        return NpyArray.ofInt32(out, w.n(), words);
    }

    /** Bit-planes as 32-bit words, shape (planes, N, K/32): PackedWeights' 64-bit words split low half first. */
    public static NpyArray planeWords(PackedWeights w) {
        if (w.k() % 32 != 0) {
            throw new IllegalArgumentException("K = " + w.k() + " is not a multiple of 32");
        }
        int p = w.format().planes();
        int words = w.k() / 32;
        int w64 = w.wordsPerRow();
        long[] src = w.planes();
        int[] out = new int[p * w.n() * words];
        for (int pl = 0; pl < p; pl++) {
            for (int row = 0; row < w.n(); row++) {
                for (int i = 0; i < words; i++) {
                    long word = src[(pl * w.n() + row) * w64 + (i >>> 1)];
                    out[(pl * w.n() + row) * words + i] = (int) ((i & 1) == 0 ? word : word >>> 32);
                }
            }
        }
        return NpyArray.ofInt32(out, p, w.n(), words);
    }

    /** Group scales as fp16, shape (N, groups); they must be fp16 values already. */
    public static NpyArray scalesFp16(PackedWeights w) {
        short[] s = new short[w.scales().length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Fp16.fromFloat(w.scales()[i]);
            if (Fp16.toFloat(s[i]) != w.scales()[i]) {
                throw new IllegalArgumentException("scale " + w.scales()[i] + " is not an fp16 value");
            }
        }
        return NpyArray.ofFloat16(s, w.n(), w.groups());
    }

    /** Zero points z (level units, integer or half-integer: exact in fp16), shape (N, groups). */
    public static NpyArray zerosFp16(PackedWeights w) {
        short[] z = new short[w.twiceZeros().length];
        for (int i = 0; i < z.length; i++) {
            z[i] = Fp16.fromDouble(w.twiceZeros()[i] / 2.0);
        }
        return NpyArray.ofFloat16(z, w.n(), w.groups());
    }
}
