package dev.bitline.sim.units;

import java.math.BigDecimal;

/**
 * An amount of storage, exact in bytes.
 *
 * <p>Units (case-sensitive, except that kilo may be written k or K):
 * <ul>
 *   <li>bytes, decimal: B, KB, MB, GB, TB, PB (10^3, 10^6, ...)</li>
 *   <li>bytes, binary: KiB, MiB, GiB, TiB, PiB (2^10, 2^20, ...)</li>
 *   <li>bits, decimal: b, Kb, Mb, Gb, Tb (10^3 bits, ...)</li>
 *   <li>bits, binary: Kib, Mib, Gib, Tib (2^10 bits, ...)</li>
 * </ul>
 * Note: DRAM datasheets say "8Gb" for a die of 8 x 2^30 bits; here that is
 * {@code "8Gib"} (or {@code "1GiB"}), because {@code "Gb"} is the SI 10^9 bits.
 * The result must be a whole number of bytes ("1b" is an error).
 */
public record DataSize(long bytes) implements Comparable<DataSize> {

    static final UnitSupport.Family FAMILY;

    static {
        UnitSupport.Family f = new UnitSupport.Family("data size", "16GiB", false);
        f.canonical("B", BigDecimal.ONE);
        String[] dec = {"K", "M", "G", "T", "P"};
        for (int i = 0; i < dec.length; i++) {
            f.canonical(dec[i] + "B", UnitSupport.pow10(3 * (i + 1)));
        }
        for (int i = 0; i < dec.length; i++) {
            f.canonical(dec[i] + "iB", UnitSupport.pow2(10 * (i + 1)));
        }
        BigDecimal eighth = new BigDecimal("0.125");
        f.alias("b", eighth);
        for (int i = 0; i < 4; i++) {
            f.alias(dec[i] + "b", UnitSupport.pow10(3 * (i + 1)).multiply(eighth));
            f.alias(dec[i] + "ib", UnitSupport.pow2(10 * (i + 1)).multiply(eighth));
        }
        f.alias("kB", UnitSupport.pow10(3)).alias("kiB", UnitSupport.pow2(10))
                .alias("kb", UnitSupport.pow10(3).multiply(eighth)).alias("kib", UnitSupport.pow2(10).multiply(eighth));
        FAMILY = f;
    }

    public static final DataSize ZERO = new DataSize(0);

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("data size must not be negative, got " + bytes + " bytes");
        }
    }

    /** Parses e.g. "16GiB"; throws IllegalArgumentException saying what was expected. */
    public static DataSize parse(String text) {
        return new DataSize(UnitSupport.toLongExact(UnitSupport.parse(text, FAMILY), text, FAMILY, "bytes"));
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKiB(long kib) {
        return new DataSize(Math.multiplyExact(kib, 1L << 10));
    }

    public static DataSize ofMiB(long mib) {
        return new DataSize(Math.multiplyExact(mib, 1L << 20));
    }

    public static DataSize ofGiB(long gib) {
        return new DataSize(Math.multiplyExact(gib, 1L << 30));
    }

    /** Size in bits; throws ArithmeticException above 2^63-1 bits (1 EiB). */
    public long bits() {
        return Math.multiplyExact(bytes, 8L);
    }

    public double kib() {
        return bytes / 1024.0;
    }

    public double mib() {
        return bytes / (double) (1L << 20);
    }

    public double gib() {
        return bytes / (double) (1L << 30);
    }

    @Override
    public int compareTo(DataSize o) {
        return Long.compare(bytes, o.bytes);
    }

    /** Shortest exact form in byte units, e.g. "16GiB" or "1.5KB"; round-trips through parse. */
    @Override
    public String toString() {
        return UnitSupport.format(BigDecimal.valueOf(bytes), FAMILY);
    }
}
