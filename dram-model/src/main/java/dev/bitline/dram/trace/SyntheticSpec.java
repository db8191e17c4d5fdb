package dev.bitline.dram.trace;

import java.util.Locale;

/**
 * A synthetic request stream, written on the command line as
 * {@code KIND:COUNT[,key=value...]}, e.g. {@code random:1000000,read=0.67,rate=0.05}.
 *
 * @param kind address pattern
 * @param count number of requests
 * @param readRatio fraction of reads, in [0, 1]
 * @param rate mean requests per DRAM cycle (Poisson arrivals); 0 means "as fast as the feed allows"
 * @param strideBytes distance between consecutive requests of {@link Kind#STRIDED}
 * @param hotFraction share of {@link Kind#HOTROW} requests that go to the hot regions
 * @param hotRegions number of hot regions
 * @param regionBytes size of one hot region (default: one DDR4 x8 rank row, 8 KiB)
 * @param lineBytes request size; addresses are aligned to it
 */
public record SyntheticSpec(Kind kind, long count, double readRatio, double rate, long strideBytes,
        double hotFraction, int hotRegions, long regionBytes, int lineBytes) {

    /** Address patterns. */
    public enum Kind {
        /** Uniformly random lines over the whole capacity. */
        RANDOM,
        /** Consecutive lines from address 0 (wrapping at the capacity). */
        STREAM,
        /** Lines {@code strideBytes} apart from address 0 (wrapping at the capacity). */
        STRIDED,
        /** Most requests hit a few small regions (rows), the rest are random. */
        HOTROW
    }

    public SyntheticSpec {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        if (!(readRatio >= 0 && readRatio <= 1)) {
            throw new IllegalArgumentException("read ratio must be in [0, 1]");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be >= 0 requests per cycle");
        }
        if (strideBytes <= 0 || hotRegions <= 0 || regionBytes <= 0 || lineBytes <= 0) {
            throw new IllegalArgumentException("stride, hot regions, region and line size must be positive");
        }
        if (!(hotFraction >= 0 && hotFraction <= 1)) {
            throw new IllegalArgumentException("hot fraction must be in [0, 1]");
        }
    }

    /** Defaults: 2/3 reads (like the reference random trace), as fast as possible, 64 B lines. */
    /** Most requests one synthetic run may ask for (minutes of simulation at a few million per second). */
    public static final long MAX_COUNT = 1_000_000_000L;

    /** Lowest non-zero arrival rate (requests per cycle): below it simulated time, not work, is unbounded. */
    public static final double MIN_RATE = 1e-6;

    public static SyntheticSpec of(Kind kind, long count) {
        return new SyntheticSpec(kind, count, 2.0 / 3.0, 0, 4096, 0.9, 16, 8192, 64);
    }

    public SyntheticSpec withReadRatio(double r) {
        return new SyntheticSpec(kind, count, r, rate, strideBytes, hotFraction, hotRegions, regionBytes, lineBytes);
    }

    public SyntheticSpec withRate(double r) {
        return new SyntheticSpec(kind, count, readRatio, r, strideBytes, hotFraction, hotRegions, regionBytes, lineBytes);
    }

    public SyntheticSpec withLineBytes(int l) {
        return new SyntheticSpec(kind, count, readRatio, rate, strideBytes, hotFraction, hotRegions, regionBytes, l);
    }

    /**
     * Parses {@code KIND:COUNT[,read=R][,rate=X][,stride=B][,hot=F][,regions=N][,region=B]}.
     *
     * @throws TraceFormatException naming {@code --synthetic} and what was expected
     */
    public static SyntheticSpec parse(String text) {
        String src = "--synthetic '" + text + "'";
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new TraceFormatException(src, 1, "missing count (expected KIND:COUNT, e.g. random:1000000)");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(text.substring(0, colon).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TraceFormatException(src, 1, "unknown pattern '" + text.substring(0, colon)
                    + "' (expected random, stream, strided or hotrow)");
        }
        String[] parts = text.substring(colon + 1).split(",");
        long count = parseLong(src, parts[0], "count");
        if (count == 0) {
            throw new TraceFormatException(src, 1, "count 0: nothing to simulate (expected KIND:COUNT with COUNT >= 1)");
        }
        if (count > MAX_COUNT) {
            throw new TraceFormatException(src, 1, "count " + count + " is more than one run can finish (expected at most "
                    + MAX_COUNT + " requests; split the run or sweep it)");
        }
        SyntheticSpec s = of(kind, count);
        double read = s.readRatio;
        double rate = s.rate;
        long stride = s.strideBytes;
        double hot = s.hotFraction;
        int regions = s.hotRegions;
        long region = s.regionBytes;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new TraceFormatException(src, 1, "bad option '" + p + "' (expected key=value)");
            }
            String k = p.substring(0, eq).trim();
            String v = p.substring(eq + 1).trim();
            switch (k) {
                case "read" -> read = parseDouble(src, v, k);
                case "rate" -> rate = parseDouble(src, v, k);
                case "stride" -> stride = parseLong(src, v, k);
                case "hot" -> hot = parseDouble(src, v, k);
                case "regions" -> regions = (int) parseLong(src, v, k);
                case "region" -> region = parseLong(src, v, k);
                default -> throw new TraceFormatException(src, 1, "unknown option '" + k
                        + "' (expected read, rate, stride, hot, regions or region)");
            }
        }
        try {
            if (rate != 0 && rate < MIN_RATE) {
                throw new TraceFormatException(src, 1, "rate " + rate + " requests per cycle would take more than "
                        + (long) (1 / MIN_RATE) + " cycles per request (expected rate=0 for as fast as possible, or >= "
                        + MIN_RATE + ")");
            }
            return new SyntheticSpec(kind, count, read, rate, stride, hot, regions, region, s.lineBytes);
        } catch (IllegalArgumentException e) {
            throw new TraceFormatException(src, 1, e.getMessage());
        }
    }

    private static long parseLong(String src, String v, String what) {
        try {
            long x = Long.parseLong(v.trim().replace("_", ""));
            if (x < 0) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new TraceFormatException(src, 1, "bad " + what + " '" + v + "' (expected a non-negative integer)");
        }
    }

    private static double parseDouble(String src, String v, String what) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new TraceFormatException(src, 1, "bad " + what + " '" + v + "' (expected a number)");
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + count + ",read=" + readRatio + ",rate=" + rate;
    }
}
