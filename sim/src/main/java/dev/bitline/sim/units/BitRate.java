package dev.bitline.sim.units;

import java.math.BigDecimal;

/**
 * A per-pin (or per-lane) signalling rate, exact in bits per second: {@code "3.2Gbps"},
 * {@code "16Gbps"}, {@code "2Gb/s"}. Prefixes are decimal (k/K, M, G, T). Must be
 * non-negative and a whole number of bits per second.
 */
public record BitRate(long bitsPerSecond) implements Comparable<BitRate> {

    static final UnitSupport.Family FAMILY;

    static {
        UnitSupport.Family f = new UnitSupport.Family("bit rate", "3.2Gbps", false);
        f.canonical("bps", BigDecimal.ONE).alias("b/s", BigDecimal.ONE);
        String[] p = {"K", "M", "G", "T"};
        for (int i = 0; i < p.length; i++) {
            BigDecimal factor = UnitSupport.pow10(3 * (i + 1));
            f.canonical(p[i] + "bps", factor).alias(p[i] + "b/s", factor);
        }
        f.alias("kbps", UnitSupport.pow10(3)).alias("kb/s", UnitSupport.pow10(3));
        FAMILY = f;
    }

    public BitRate {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("bit rate must not be negative, got " + bitsPerSecond + " bps");
        }
    }

    /** Parses e.g. "3.2Gbps"; throws IllegalArgumentException saying what was expected. */
    public static BitRate parse(String text) {
        return new BitRate(UnitSupport.toLongExact(UnitSupport.parse(text, FAMILY), text, FAMILY, "bits per second"));
    }

    public static BitRate ofBitsPerSecond(long bps) {
        return new BitRate(bps);
    }

    public double gbps() {
        return bitsPerSecond / 1e9;
    }

    /** The same rate in bytes per second (bits / 8). */
    public double bytesPerSecond() {
        return bitsPerSecond / 8.0;
    }

    @Override
    public int compareTo(BitRate o) {
        return Long.compare(bitsPerSecond, o.bitsPerSecond);
    }

    /** Shortest exact form, e.g. "3.2Gbps"; round-trips through parse. */
    @Override
    public String toString() {
        return UnitSupport.format(BigDecimal.valueOf(bitsPerSecond), FAMILY);
    }
}
