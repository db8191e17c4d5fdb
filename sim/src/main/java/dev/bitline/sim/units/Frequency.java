package dev.bitline.sim.units;

import java.math.BigDecimal;

/**
 * A clock or operating frequency, exact in hertz. Parsed from strings such as
 * {@code "1.6GHz"}, {@code "800MHz"}, {@code "1.2 GHz"} or {@code "1e9Hz"}; unit
 * symbols are case-insensitive (Hz, kHz, MHz, GHz, THz). Must be positive and a
 * whole number of hertz.
 */
public record Frequency(long hz) implements Comparable<Frequency> {

    static final UnitSupport.Family FAMILY = new UnitSupport.Family("frequency", "1.6GHz", true)
            .canonical("Hz", BigDecimal.ONE)
            .canonical("kHz", UnitSupport.pow10(3))
            .canonical("MHz", UnitSupport.pow10(6))
            .canonical("GHz", UnitSupport.pow10(9))
            .canonical("THz", UnitSupport.pow10(12));

    public Frequency {
        if (hz <= 0) {
            throw new IllegalArgumentException("frequency must be positive, got " + hz + " Hz");
        }
    }

    /** Parses e.g. "1.6GHz"; throws IllegalArgumentException saying what was expected. */
    public static Frequency parse(String text) {
        long v = UnitSupport.toLongExact(UnitSupport.parse(text, FAMILY), text, FAMILY, "hertz");
        if (v <= 0) {
            throw FAMILY.error("frequency must be positive, got " + UnitSupport.quote(text));
        }
        return new Frequency(v);
    }

    public static Frequency ofHz(long hz) {
        return new Frequency(hz);
    }

    public static Frequency ofMHz(long mhz) {
        return new Frequency(Math.multiplyExact(mhz, 1_000_000L));
    }

    public double mhz() {
        return hz / 1e6;
    }

    public double ghz() {
        return hz / 1e9;
    }

    /** Clock period in picoseconds (not necessarily whole: 1.6GHz is 625ps, 1.2GHz is 833.33ps). */
    public double periodPs() {
        return 1e12 / hz;
    }

    @Override
    public int compareTo(Frequency o) {
        return Long.compare(hz, o.hz);
    }

    /** Shortest exact form, e.g. "1.6GHz"; {@code parse(toString())} gives this value back. */
    @Override
    public String toString() {
        return UnitSupport.format(BigDecimal.valueOf(hz), FAMILY);
    }
}
