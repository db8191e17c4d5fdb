package dev.bitline.sim.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** fp16 and bf16 against {@link IeeeReference}: exhaustive over all 65536 patterns. */
class Fp16Bf16Test {
    private static final IeeeReference FP16 = new IeeeReference(5, 10);
    private static final IeeeReference BF16 = new IeeeReference(8, 7);

    interface Codec {
        double toDouble(short h);
        short fromDouble(double d);
        short fromDoubleFtz(double d);
        float toFloatFtz(short h);
        short add(short a, short b);
        short addFtz(short a, short b);
    }

    static final Codec FP16_CODEC = new Codec() {
        public double toDouble(short h) { return Fp16.toDouble(h); }
        public short fromDouble(double d) { return Fp16.fromDouble(d); }
        public short fromDoubleFtz(double d) { return Fp16.fromDoubleFtz(d); }
        public float toFloatFtz(short h) { return Fp16.toFloatFtz(h); }
        public short add(short a, short b) { return Fp16.add(a, b); }
        public short addFtz(short a, short b) { return Fp16.addFtz(a, b); }
    };

    static final Codec BF16_CODEC = new Codec() {
        public double toDouble(short h) { return Bf16.toDouble(h); }
        public short fromDouble(double d) { return Bf16.fromDouble(d); }
        public short fromDoubleFtz(double d) { return Bf16.fromDoubleFtz(d); }
        public float toFloatFtz(short h) { return Bf16.toFloatFtz(h); }
        public short add(short a, short b) { return Bf16.add(a, b); }
        public short addFtz(short a, short b) { return Bf16.addFtz(a, b); }
    };

    @Test
    void fp16DecodeAllPatterns() {
        decodeAll(FP16, FP16_CODEC);
        for (int h = 0; h < 65536; h++) {
            short s = (short) h;
            assertEquals(Fp16.toDouble(s), (double) Fp16.toFloat(s), 0.0);
        }
    }

    @Test
    void bf16DecodeAllPatterns() {
        decodeAll(BF16, BF16_CODEC);
    }

    private static void decodeAll(IeeeReference ref, Codec c) {
        int signBit = 1 << (ref.expBits + ref.manBits);
        for (int hh = 0; hh < 65536; hh++) {
            final int h = hh;
            double d = c.toDouble((short) h);
            boolean negative = (h & signBit) != 0;
            if (ref.isFinite(h)) {
                assertEquals(0, ref.signedValue(h).compareTo(new BigDecimal(d)), () -> "pattern " + Integer.toHexString(h));
                assertEquals(negative, (Double.doubleToRawLongBits(d) >>> 63) == 1, "sign of " + Integer.toHexString(h));
            } else if ((h & ((1 << ref.manBits) - 1)) == 0) {
                assertEquals(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, d);
            } else {
                assertTrue(Double.isNaN(d), Integer.toHexString(h));
            }
            // FTZ decode: subnormals read as signed zero, everything else unchanged
            boolean sub = ((h >>> ref.manBits) & ((1 << ref.expBits) - 1)) == 0 && (h & ((1 << ref.manBits) - 1)) != 0;
            float ftz = c.toFloatFtz((short) h);
            if (sub) {
                assertEquals(negative ? -0.0f : 0.0f, ftz);
            } else if (!Double.isNaN(d)) {
                assertEquals((float) d, ftz);
            }
        }
    }

    @Test
    void fp16EncodeRoundTripsMidpointsAndRandom() {
        encode(FP16, FP16_CODEC, 5, 10);
    }

    @Test
    void bf16EncodeRoundTripsMidpointsAndRandom() {
        encode(BF16, BF16_CODEC, 8, 7);
    }

    private static void encode(IeeeReference ref, Codec c, int e, int m) {
        int signBit = 1 << (e + m);
        int infCode = ((1 << e) - 1) << m;
        for (int h = 0; h < infCode; h++) {
            for (int sgn : new int[] {0, signBit}) {
                int bits = h | sgn;
                double v = c.toDouble((short) bits);
                assertEquals((short) bits, c.fromDouble(v), "round trip " + Integer.toHexString(bits));
                assertEquals((short) bits, c.fromDouble((float) v), "float round trip " + Integer.toHexString(bits));
                // the midpoint to the next code and its neighbours: the ties and near-ties
                double next = h + 1 < infCode ? c.toDouble((short) (h + 1 | sgn))
                        : (sgn == 0 ? 1 : -1) * Math.scalb(1.0, 1 << (e - 1));
                double mid = (v + next) / 2; // exact: both are doubles with few bits
                for (double x : new double[] {mid, Math.nextUp(mid), Math.nextDown(mid)}) {
                    checkEncode(ref, c, x);
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(42);
        int emax = 1 << (e - 1);
        for (int i = 0; i < 30_000; i++) {
            // random doubles over and a bit beyond the format's range, including the subnormal range
            double x = Math.scalb(rnd.nextDouble(1.0, 2.0), rnd.nextInt(-emax - m - 4, emax + 2));
            checkEncode(ref, c, rnd.nextBoolean() ? x : -x);
            float f = Float.intBitsToFloat(rnd.nextInt());
            if (!Float.isNaN(f) && !Float.isInfinite(f)) {
                checkEncode(ref, c, f);
            }
        }
        assertEquals((short) infCode, c.fromDouble(Double.POSITIVE_INFINITY));
        assertEquals((short) (infCode | signBit), c.fromDouble(Double.NEGATIVE_INFINITY));
        short nan = c.fromDouble(Double.NaN);
        assertTrue(Double.isNaN(c.toDouble(nan)));
        assertTrue(Double.isNaN(c.toDouble(c.fromDouble(Float.intBitsToFloat(0x7F800001)))), "signalling NaN stays NaN");
        assertEquals((short) signBit, c.fromDouble(-0.0));
    }

    private static void checkEncode(IeeeReference ref, Codec c, double x) {
        boolean neg = x < 0 || (x == 0 && 1 / x < 0);
        int r = ref.round(new BigDecimal(x), neg, false);
        assertEquals((short) r, c.fromDouble(x), () -> "encode " + x);
        assertEquals((short) ref.flush(r), c.fromDoubleFtz(x), () -> "encode ftz " + x);
    }

    @Test
    void fp16AddAgainstExactSum() {
        add(FP16, FP16_CODEC);
    }

    @Test
    void bf16AddAgainstExactSum() {
        add(BF16, BF16_CODEC);
    }

    private static void add(IeeeReference ref, Codec c) {
        SplittableRandom rnd = new SplittableRandom(7);
        int signBit = 1 << (ref.expBits + ref.manBits);
        int infCode = ((1 << ref.expBits) - 1) << ref.manBits;
        // partners: zeros, smallest subnormals, min normal, one, max, infinities, NaN, random
        int[] fixed = {0, signBit, 1, 1 | signBit, 1 << ref.manBits, infCode - 1, (infCode - 1) | signBit,
            infCode, infCode | signBit, infCode | 1, ((1 << (ref.expBits - 1)) - 1) << ref.manBits};
        int[] partners = new int[fixed.length + 3];
        System.arraycopy(fixed, 0, partners, 0, fixed.length);
        for (int i = fixed.length; i < partners.length; i++) {
            partners[i] = rnd.nextInt(65536);
        }
        for (int a = 0; a < 65536; a++) {
            for (int b : partners) {
                checkAdd(ref, c, a, b);
            }
        }
        for (int i = 0; i < 30_000; i++) {
            int a = rnd.nextInt(65536);
            // partners near a in exponent exercise cancellation and rounding most
            int b = i % 2 == 0 ? rnd.nextInt(65536) : ((a + rnd.nextInt(-2048, 2048)) & 0xFFFF) ^ signBit;
            checkAdd(ref, c, a, b);
        }
    }

    private static void checkAdd(IeeeReference ref, Codec c, int a, int b) {
        short got = c.add((short) a, (short) b);
        short gotFtz = c.addFtz((short) a, (short) b);
        double da = c.toDouble((short) a);
        double db = c.toDouble((short) b);
        if (!ref.isFinite(a) || !ref.isFinite(b)) {
            double s = da + db; // IEEE special-value rules, checked by the double add itself
            if (Double.isNaN(s)) {
                assertTrue(Double.isNaN(c.toDouble(got)));
            } else {
                assertEquals(s, c.toDouble(got), 0.0);
            }
            return;
        }
        BigDecimal exact = ref.signedValue(a).add(ref.signedValue(b));
        int signBit = 1 << (ref.expBits + ref.manBits);
        boolean negA = (a & signBit) != 0;
        boolean negB = (b & signBit) != 0;
        // exact zero sum: -0 only for (-0) + (-0) (or -x + -y underflowing is handled by rounding's sign)
        boolean neg = exact.signum() != 0 ? exact.signum() < 0 : negA && negB;
        int r = ref.round(exact, neg, false);
        assertEquals((short) r, got, () -> Integer.toHexString(a) + " + " + Integer.toHexString(b));
        // FTZ: subnormal inputs are zero, then round and flush
        int fa = isSub(ref, a) ? a & signBit : a;
        int fb = isSub(ref, b) ? b & signBit : b;
        int rf;
        if (fa == a && fb == b) {
            rf = ref.flush(r);
        } else {
            BigDecimal exactFtz = ref.signedValue(fa).add(ref.signedValue(fb));
            boolean negF = exactFtz.signum() != 0 ? exactFtz.signum() < 0 : (fa & signBit) != 0 && (fb & signBit) != 0;
            rf = ref.round(exactFtz, negF, true);
        }
        assertEquals((short) rf, gotFtz,
                () -> "ftz " + Integer.toHexString(a) + " + " + Integer.toHexString(b));
    }

    private static boolean isSub(IeeeReference ref, int h) {
        return ((h >>> ref.manBits) & ((1 << ref.expBits) - 1)) == 0 && (h & ((1 << ref.manBits) - 1)) != 0;
    }

    @Test
    void fp16KnownValues() {
        assertEquals((short) 0x3C00, Fp16.fromFloat(1.0f));
        assertEquals((short) 0x7BFF, Fp16.fromFloat(65504f));
        assertEquals((short) 0x7BFF, Fp16.fromFloat(65519.99f));
        assertEquals((short) 0x7C00, Fp16.fromFloat(65520f)); // tie between 65504 and "65536" goes to even = inf
        assertEquals((short) 0x0001, Fp16.fromDouble(0x1p-24));
        assertEquals((short) 0x0000, Fp16.fromDouble(0x1p-25)); // tie with 0 goes to even
        assertEquals((short) 0x0001, Fp16.fromDouble(Math.nextUp(0x1p-25)));
        assertEquals((short) 0x0000, Fp16.fromDoubleFtz(0x1p-24));
        assertEquals((short) 0x0400, Fp16.fromDoubleFtz(0x1p-14));
        assertEquals((short) 0x3C00, Fp16.fromFloat(1.0f + 0x1p-11f)); // tie to even
        assertEquals((short) 0x3C02, Fp16.fromFloat(1.0f + 3 * 0x1p-11f)); // tie to even (up)
        assertEquals(1.0f, Fp16.toFloat(Fp16.add(Fp16.fromFloat(0.5f), Fp16.fromFloat(0.5f))));
        assertEquals((short) 0x4000, Fp16.scalb(Fp16.ONE, 1));
        assertEquals((short) 0x0000, Fp16.scalbFtz((short) 0x0400, -1));
    }

    @Test
    void bf16KnownValues() {
        assertEquals((short) 0x3F80, Bf16.fromFloat(1.0f));
        assertEquals((short) 0x3F80, Bf16.fromFloat(Float.intBitsToFloat(0x3F808000))); // tie, even stays
        assertEquals((short) 0x3F82, Bf16.fromFloat(Float.intBitsToFloat(0x3F818000))); // tie, odd rounds up
        assertEquals((short) 0x3F81, Bf16.fromFloat(Float.intBitsToFloat(0x3F808001)));
        assertEquals((short) 0x7F80, Bf16.fromFloat(Float.MAX_VALUE)); // rounds up past the largest finite
        assertEquals((short) 0x0001, Bf16.fromFloat(Float.intBitsToFloat(0x00010000)));
    }

    @Test
    void conversionIsOneRoundingNotTwo() {
        // a double just above an fp16 tie: rounding through float first would land on the tie
        // and then go to even; rounding once goes up
        double justAbove = 1.0 + 0x1p-11 + 0x1p-40;
        assertEquals((short) 0x3C01, Fp16.fromDouble(justAbove));
        assertEquals((short) 0x3C00, Fp16.fromFloat((float) justAbove));
    }
}
