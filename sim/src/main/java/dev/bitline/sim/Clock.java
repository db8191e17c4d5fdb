package dev.bitline.sim;

import java.math.BigInteger;

/**
 * A clock domain on the picosecond timeline.
 *
 * <p>The period is kept as an exact rational {@code num/den} picoseconds, so a
 * 1.2 GHz clock (833 1/3 ps) does not drift: edge {@code k} lies at
 * {@code floor(k * num / den)} ps for every {@code k}, not at {@code k * 833}.
 * Edge 0 is at time 0; every domain shares the same origin, which is what lets
 * a 1.6 GHz DRAM and a 1 GHz ASIC exchange events on one timeline.
 */
public final class Clock {
    private static final long PS_PER_SECOND = 1_000_000_000_000L;

    private final long num;
    private final long den;

    private Clock(long num, long den) {
        if (num <= 0 || den <= 0) {
            throw new IllegalArgumentException("clock period must be positive, got " + num + "/" + den + " ps");
        }
        long g = gcd(num, den);
        this.num = num / g;
        this.den = den / g;
    }

    /** A clock of the given frequency in hertz (exact for any integer frequency). */
    public static Clock ofHz(long hz) {
        if (hz <= 0 || hz > PS_PER_SECOND) {
            throw new IllegalArgumentException("clock frequency must be in (0, 1 THz], got " + hz + " Hz");
        }
        return new Clock(PS_PER_SECOND, hz);
    }

    /** A clock with an integer period in picoseconds. */
    public static Clock ofPeriodPs(long ps) {
        return new Clock(ps, 1);
    }

    /** A clock whose period is exactly {@code num/den} picoseconds. */
    public static Clock ofPeriodPs(long num, long den) {
        return new Clock(num, den);
    }

    /** Time in ps of rising edge number {@code cycle}. */
    public long timeOf(long cycle) {
        if (cycle < 0) {
            throw new IllegalArgumentException("negative cycle " + cycle);
        }
        return mulDivFloor(cycle, num, den);
    }

    /** Index of the last edge at or before {@code timePs}. */
    public long cycleAt(long timePs) {
        if (timePs < 0) {
            throw new IllegalArgumentException("negative time " + timePs);
        }
        // T(k) <= t  <=>  k*num < (t+1)*den  <=>  k <= floor(((t+1)*den - 1) / num)
        return mulDivFloorMinusOne(timePs + 1, den, num);
    }

    /** Time of the first edge at or after {@code timePs}. */
    public long nextEdge(long timePs) {
        return timeOf(firstCycleAtOrAfter(timePs));
    }

    /** Time of the first edge strictly after {@code timePs}. */
    public long edgeAfter(long timePs) {
        return timeOf(cycleAt(timePs) + 1);
    }

    /** Index of the first edge at or after {@code timePs}. */
    public long firstCycleAtOrAfter(long timePs) {
        long k = cycleAt(timePs);
        return timeOf(k) == timePs ? k : k + 1;
    }

    public double periodPs() {
        return (double) num / den;
    }

    public double frequencyHz() {
        return (double) PS_PER_SECOND * den / num;
    }

    /** Numerator of the exact period in ps. */
    public long periodNum() {
        return num;
    }

    /** Denominator of the exact period in ps. */
    public long periodDen() {
        return den;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Clock c && c.num == num && c.den == den;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(num) * 31 + Long.hashCode(den);
    }

    @Override
    public String toString() {
        double ghz = frequencyHz() / 1e9;
        return den == 1 ? String.format("Clock(%.6gGHz, %dps)", ghz, num)
                : String.format("Clock(%.6gGHz, %d/%dps)", ghz, num, den);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** floor(a*b/c) for non-negative operands, exact even when a*b overflows a long. */
    static long mulDivFloor(long a, long b, long c) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            return lo / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }

    /** floor((a*b - 1)/c) for positive operands. */
    private static long mulDivFloorMinusOne(long a, long b, long c) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo > 0) {
            return (lo - 1) / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).subtract(BigInteger.ONE)
                .divide(BigInteger.valueOf(c)).longValueExact();
    }
}
