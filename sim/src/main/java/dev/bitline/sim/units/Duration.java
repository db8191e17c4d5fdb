package dev.bitline.sim.units;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A time interval, exact in picoseconds (the simulator's time unit). Parsed from
 * strings such as {@code "625ps"}, {@code "14ns"}, {@code "13.75ns"}, {@code "1.5us"}
 * ({@code "µs"} also accepted), {@code "3ms"}, {@code "2s"}. Unit symbols are
 * case-sensitive (ms is not Ms). Must be non-negative and a whole number of picoseconds.
 */
public record Duration(long ps) implements Comparable<Duration> {

    static final UnitSupport.Family FAMILY = new UnitSupport.Family("duration", "14ns", false)
            .canonical("ps", BigDecimal.ONE)
            .canonical("ns", UnitSupport.pow10(3))
            .canonical("us", UnitSupport.pow10(6))
            .alias("\u00b5s", UnitSupport.pow10(6))
            .alias("\u03bcs", UnitSupport.pow10(6))
            .canonical("ms", UnitSupport.pow10(9))
            .canonical("s", UnitSupport.pow10(12));

    public static final Duration ZERO = new Duration(0);

    public Duration {
        if (ps < 0) {
            throw new IllegalArgumentException("duration must not be negative, got " + ps + " ps");
        }
    }

    /** Parses e.g. "13.75ns"; throws IllegalArgumentException saying what was expected. */
    public static Duration parse(String text) {
        return new Duration(UnitSupport.toLongExact(UnitSupport.parse(text, FAMILY), text, FAMILY, "picoseconds"));
    }

    public static Duration ofPs(long ps) {
        return new Duration(ps);
    }

    public static Duration ofNs(long ns) {
        return new Duration(Math.multiplyExact(ns, 1_000L));
    }

    public double ns() {
        return ps / 1e3;
    }

    public double us() {
        return ps / 1e6;
    }

    public double ms() {
        return ps / 1e9;
    }

    public double seconds() {
        return ps / 1e12;
    }

    public Duration plus(Duration o) {
        return new Duration(Math.addExact(ps, o.ps));
    }

    public Duration times(long n) {
        return new Duration(Math.multiplyExact(ps, n));
    }

    /**
     * Number of whole cycles of {@code clock} needed to cover this duration, rounded up
     * (the JEDEC way of turning tRCD = 13.75ns into nCK). Exact: no floating point.
     */
    public long cyclesCeil(Frequency clock) {
        BigInteger num = BigInteger.valueOf(ps).multiply(BigInteger.valueOf(clock.hz()));
        BigInteger[] qr = num.divideAndRemainder(BigInteger.TEN.pow(12));
        BigInteger q = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        return q.longValueExact();
    }

    @Override
    public int compareTo(Duration o) {
        return Long.compare(ps, o.ps);
    }

    /** Shortest exact form, e.g. "13.75ns"; {@code parse(toString())} gives this value back. */
    @Override
    public String toString() {
        return UnitSupport.format(BigDecimal.valueOf(ps), FAMILY);
    }
}
