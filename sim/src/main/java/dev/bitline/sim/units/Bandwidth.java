package dev.bitline.sim.units;

import java.math.BigDecimal;

/**
 * A data transfer rate in bytes per second, such as {@code "25.6GB/s"},
 * {@code "1.5TB/s"} or {@code "512GiB/s"}. Decimal (KB/s .. TB/s = 10^3..) and binary
 * (KiB/s .. TiB/s = 2^10..) prefixes; {@code "GBps"} is accepted for {@code "GB/s"}.
 * Stored as a double because derived bandwidths (bytes per cycle x clock) need not be
 * whole; parsing is still exact up to the double's precision. Must be finite and
 * non-negative.
 */
public record Bandwidth(double bytesPerSecond) implements Comparable<Bandwidth> {

    static final UnitSupport.Family FAMILY;

    static {
        UnitSupport.Family f = new UnitSupport.Family("bandwidth", "25.6GB/s", false);
        f.canonical("B/s", BigDecimal.ONE).alias("Bps", BigDecimal.ONE);
        String[] p = {"K", "M", "G", "T", "P"};
        for (int i = 0; i < p.length; i++) {
            BigDecimal factor = UnitSupport.pow10(3 * (i + 1));
            f.canonical(p[i] + "B/s", factor).alias(p[i] + "Bps", factor);
        }
        for (int i = 0; i < p.length; i++) {
            BigDecimal factor = UnitSupport.pow2(10 * (i + 1));
            f.canonical(p[i] + "iB/s", factor).alias(p[i] + "iBps", factor);
        }
        f.alias("kB/s", UnitSupport.pow10(3)).alias("kBps", UnitSupport.pow10(3))
                .alias("kiB/s", UnitSupport.pow2(10));
        FAMILY = f;
    }

    public Bandwidth {
        if (!(bytesPerSecond >= 0) || Double.isInfinite(bytesPerSecond)) {
            throw new IllegalArgumentException("bandwidth must be finite and non-negative, got " + bytesPerSecond + " B/s");
        }
        bytesPerSecond += 0.0; // -0.0 becomes 0.0, so equals() and toString() agree
    }

    /** Parses e.g. "25.6GB/s"; throws IllegalArgumentException saying what was expected. */
    public static Bandwidth parse(String text) {
        BigDecimal v = UnitSupport.parse(text, FAMILY);
        double d = v.doubleValue();
        if (Double.isInfinite(d)) {
            throw FAMILY.error(UnitSupport.quote(text) + " is too large");
        }
        return new Bandwidth(d);
    }

    public static Bandwidth ofBytesPerSecond(double bytesPerSecond) {
        return new Bandwidth(bytesPerSecond);
    }

    public static Bandwidth ofGBps(double gbPerSecond) {
        return new Bandwidth(gbPerSecond * 1e9);
    }

    /** Decimal gigabytes per second (10^9 B/s), the unit datasheets use. */
    public double gbPerSecond() {
        return bytesPerSecond / 1e9;
    }

    /** Bytes per nanosecond (numerically equal to GB/s). */
    public double bytesPerNs() {
        return bytesPerSecond / 1e9;
    }

    /** Bytes per picosecond, the simulator's time unit. */
    public double bytesPerPs() {
        return bytesPerSecond / 1e12;
    }

    @Override
    public int compareTo(Bandwidth o) {
        return Double.compare(bytesPerSecond, o.bytesPerSecond);
    }

    /** Shortest exact form, e.g. "25.6GB/s"; parse(toString()) gives back the same double. */
    @Override
    public String toString() {
        return UnitSupport.format(BigDecimal.valueOf(bytesPerSecond), FAMILY);
    }
}
