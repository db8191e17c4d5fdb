package dev.bitline.sim.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IntNTernaryTest {

    @Test
    void ranges() {
        assertEquals(-128, IntN.minSigned(8));
        assertEquals(127, IntN.maxSigned(8));
        assertEquals(-1, IntN.minSigned(1));
        assertEquals(0, IntN.maxSigned(1));
        assertEquals(255, IntN.maxUnsigned(8));
        assertEquals(0xFFFF_FFFFL, IntN.maxUnsigned(32));
        assertThrows(IllegalArgumentException.class, () -> IntN.maxSigned(0));
    }

    @Property(tries = 300, seed = "20261125")
    void saturationClampsToRange(@ForAll long v, @ForAll @IntRange(min = 1, max = 32) int bits) {
        int s = IntN.saturateSigned(v, bits);
        long expected = Math.max(IntN.minSigned(bits), Math.min(IntN.maxSigned(bits), v));
        assertEquals(expected, s);
        long u = IntN.saturateUnsigned(v, bits);
        assertEquals(Math.max(0, Math.min(IntN.maxUnsigned(bits), v)), u);
    }

    @Property(tries = 300, seed = "20261125")
    void int8Helpers(@ForAll long v) {
        assertEquals(IntN.saturateSigned(v, 8), IntN.saturateInt8(v));
        assertEquals(IntN.saturateSigned(v, 16), IntN.saturateInt16(v));
    }

    @Property(tries = 300, seed = "20261125")
    void signExtendInvertsTruncation(@ForAll @IntRange(min = -128, max = 127) int v) {
        assertEquals(v, IntN.signExtend(v & 0xFF, 8));
    }

    @Test
    void roundHalfEvenAndSaturate() {
        assertEquals(2, IntN.roundSaturateSigned(2.5, 8));
        assertEquals(4, IntN.roundSaturateSigned(3.5, 8));
        assertEquals(-2, IntN.roundSaturateSigned(-2.5, 8));
        assertEquals(127, IntN.roundSaturateSigned(1e9, 8));
        assertEquals(-128, IntN.roundSaturateSigned(-128.4, 8));
        assertEquals(0, IntN.roundSaturateSigned(Double.NaN, 8));
        assertEquals(7, IntN.addSaturating(5, 5, 4));
    }

    @Test
    void ternaryCodes() {
        for (int t = -1; t <= 1; t++) {
            assertEquals(t, Ternary.decode(Ternary.encode(t)));
        }
        assertThrows(IllegalArgumentException.class, () -> Ternary.encode(2));
        assertThrows(IllegalArgumentException.class, () -> Ternary.decode(3));
        assertEquals(1, Ternary.quantize(0.7));
        assertEquals(0, Ternary.quantize(0.5)); // half-even
        assertEquals(-1, Ternary.quantize(-3.0));
    }
}
