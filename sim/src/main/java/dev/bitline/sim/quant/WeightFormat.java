package dev.bitline.sim.quant;

import java.util.Locale;

/**
 * How a quantized weight is stored and what integer it stands for.
 *
 * <p>Every format stores an unsigned code {@code u} in {@code [0, 2^planes - 1]}, split into
 * {@link #planes()} bit-planes (plane b holds bit b of u). The code stands for the integer
 * <em>level</em> {@code levelScale * u + levelOffset}; the real weight of a group is
 * {@code scale * (level - zero)}. Keeping every format on unsigned codes is what lets one
 * bit-serial LUT datapath serve them all: only the offset/zero-point correction differs.
 */
public sealed interface WeightFormat
        permits WeightFormat.UInt, WeightFormat.SInt, WeightFormat.Ternary, WeightFormat.Bipolar {

    /** Number of stored bit-planes (= bits per weight in storage). */
    int planes();

    /** Multiplier from code to level: 1, or 2 for bipolar planes. */
    int levelScale();

    /** Additive offset from code to level. */
    int levelOffset();

    /** Short name, parsed back by {@link #parse}: uint4, int2, ternary, bipolar3. */
    String name();

    /** Bits of information per weight, as reported in tables (1.58 for ternary). */
    double bitsPerWeight();

    default int maxCode() {
        return (1 << planes()) - 1;
    }

    /** Largest code that is a valid weight (ternary leaves code 3 unused). */
    default int maxValidCode() {
        return maxCode();
    }

    default int levelOf(int code) {
        if (code < 0 || code > maxValidCode()) {
            throw new IllegalArgumentException(name() + ": code " + code + " out of range 0.." + maxValidCode());
        }
        return levelScale() * code + levelOffset();
    }

    default int codeOf(int level) {
        int d = level - levelOffset();
        if (d % levelScale() != 0 || d / levelScale() < 0 || d / levelScale() > maxValidCode()) {
            throw new IllegalArgumentException(name() + ": level " + level + " not representable (range "
                    + minLevel() + ".." + maxLevel() + (levelScale() == 2 ? ", odd values only" : "") + ")");
        }
        return d / levelScale();
    }

    default int minLevel() {
        return levelOffset();
    }

    default int maxLevel() {
        return levelScale() * maxValidCode() + levelOffset();
    }

    /** Unsigned intN: level = code in [0, 2^N - 1]; asymmetric quantization uses a zero point. */
    record UInt(int bits) implements WeightFormat {
        public UInt {
            checkBits(bits);
        }
        public int planes() { return bits; }
        public int levelScale() { return 1; }
        public int levelOffset() { return 0; }
        public String name() { return "uint" + bits; }
        public double bitsPerWeight() { return bits; }
    }

    /**
     * Signed intN: level in [-2^(N-1), 2^(N-1) - 1], stored offset-binary (code = level +
     * 2^(N-1)) as T-MAC does, so the planes are plain unsigned planes.
     */
    record SInt(int bits) implements WeightFormat {
        public SInt {
            checkBits(bits);
        }
        public int planes() { return bits; }
        public int levelScale() { return 1; }
        public int levelOffset() { return -(1 << (bits - 1)); }
        public String name() { return "int" + bits; }
        public double bitsPerWeight() { return bits; }
    }

    /** Ternary {-1, 0, +1} (BitNet b1.58), stored as the 2-bit code level + 1 on two planes. */
    record Ternary() implements WeightFormat {
        public int planes() { return 2; }
        public int levelScale() { return 1; }
        public int levelOffset() { return -1; }
        public int maxValidCode() { return 2; }
        public String name() { return "ternary"; }
        public double bitsPerWeight() { return Math.log(3) / Math.log(2); }
    }

    /**
     * Bipolar planes: every bit reads as -1/+1, level = sum_b 2^b (2 bit_b - 1), the odd
     * integers in [-(2^N - 1), 2^N - 1]. This is the symmetrized form of the LUT Tensor Core
     * stored directly (no zero-point correction needed).
     */
    record Bipolar(int bits) implements WeightFormat {
        public Bipolar {
            checkBits(bits);
        }
        public int planes() { return bits; }
        public int levelScale() { return 2; }
        public int levelOffset() { return -((1 << bits) - 1); }
        public String name() { return "bipolar" + bits; }
        public double bitsPerWeight() { return bits; }
    }

    static WeightFormat uint(int bits) { return new UInt(bits); }
    static WeightFormat sint(int bits) { return new SInt(bits); }
    static WeightFormat ternary() { return new Ternary(); }
    static WeightFormat bipolar(int bits) { return new Bipolar(bits); }

    /**
     * Parses uintN / uN, intN / iN / wN (signed), ternary / w1.58 / b1.58, bipolarN (N = 1..8).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static WeightFormat parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("ternary") || t.equals("w1.58") || t.equals("b1.58") || t.equals("1.58")) {
                return new Ternary();
            }
            if (t.startsWith("bipolar")) {
                return new Bipolar(Integer.parseInt(t.substring(7)));
            }
            if (t.startsWith("uint")) {
                return new UInt(Integer.parseInt(t.substring(4)));
            }
            if (t.startsWith("int")) {
                return new SInt(Integer.parseInt(t.substring(3)));
            }
            if (t.startsWith("u")) {
                return new UInt(Integer.parseInt(t.substring(1)));
            }
            if (t.startsWith("i") || t.startsWith("w")) {
                return new SInt(Integer.parseInt(t.substring(1)));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("unknown weight format '" + s
                + "' (expected uint1..8, int1..8, ternary|w1.58, bipolar1..8)");
    }

    private static void checkBits(int bits) {
        // every width 1..8: the non-power-of-two ones (W3, W5, W6, W7) are what the GPU
        // reference's dequantize kernels and the bit-serial LUT path must handle too
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("weight bit width must be 1..8, got " + bits);
        }
    }
}
