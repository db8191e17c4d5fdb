package dev.bitline.sim.stats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A distribution of non-negative long samples (latencies in cycles or ps)
 * with percentiles.
 *
 * <p>Buckets are log-linear, as in HdrHistogram: values below 256 are counted
 * exactly; above that each power of two is split into 128 sub-buckets, so any
 * reported percentile is within 1/128 (0.8%) of a value that was recorded.
 * Count, sum, min and max are exact. Recording is O(1) and allocation-free.
 */
public final class Histogram implements Stat {
    private static final int SUB_BITS = 7;                 // 128 sub-buckets per octave
    private static final int SUB = 1 << SUB_BITS;
    private static final int LINEAR = SUB * 2;             // values < 256 are exact

    private final String name;
    private long[] counts = new long[LINEAR];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    Histogram(String name) {
        this.name = name;
    }

    public void record(long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": negative sample " + value);
        }
        int b = bucketOf(value);
        if (b >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(b + 1, counts.length * 2));
        }
        counts[b]++;
        count++;
        sum += value;
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
    }

    static int bucketOf(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int octave = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS; // >= 1
        int sub = (int) (v >>> octave) - SUB;                     // 0..127
        return LINEAR + (octave - 1) * SUB + sub;
    }

    /** Smallest value that falls in bucket {@code b}. */
    static long bucketLow(int b) {
        if (b < LINEAR) {
            return b;
        }
        int octave = (b - LINEAR) / SUB + 1;
        int sub = (b - LINEAR) % SUB;
        return (long) (SUB + sub) << octave;
    }

    public long count() {
        return count;
    }

    public long sum() {
        return sum;
    }

    public double mean() {
        return count == 0 ? Double.NaN : (double) sum / count;
    }

    public long min() {
        return count == 0 ? 0 : min;
    }

    public long max() {
        return count == 0 ? 0 : max;
    }

    /**
     * The value at percentile {@code p} (0..100): the smallest recorded bucket
     * whose cumulative count reaches {@code ceil(p/100 * count)}, clamped to
     * [min, max] so exact at the ends.
     */
    public long percentile(double p) {
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of [0,100]: " + p);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return Math.min(max, Math.max(min, bucketLow(b)));
            }
        }
        return max;
    }

    /** Non-empty buckets as (lowest value, count) pairs, for plots. */
    public long[][] buckets() {
        int n = 0;
        for (long c : counts) {
            if (c != 0) {
                n++;
            }
        }
        long[][] out = new long[n][];
        int i = 0;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] != 0) {
                out[i++] = new long[] {bucketLow(b), counts[b]};
            }
        }
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "histogram";
    }

    @Override
    public Map<String, Number> values() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("mean", count == 0 ? 0.0 : mean());
        m.put("min", min());
        m.put("p50", percentile(50));
        m.put("p90", percentile(90));
        m.put("p99", percentile(99));
        m.put("max", max());
        return m;
    }
}
