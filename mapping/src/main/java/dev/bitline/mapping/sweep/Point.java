package dev.bitline.mapping.sweep;

import dev.bitline.sim.config.ConfigNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One design point: a value for every axis path.
 *
 * @param index       position in the sweep's plan (the CSV's order; shards take every n-th)
 * @param coordinates path and value, in axis order
 * @param hash        stable name of the point: a hash of its coordinates alone, so the same point
 *                    has the same result file whatever order, shard or machine ran it
 * @param seed        the point's seed: the sweep seed mixed with the coordinates, never the index
 */
public record Point(int index, List<Coordinate> coordinates, String hash, long seed) {

    /** One axis path's value at this point. */
    public record Coordinate(String path, ConfigNode value) {
        /** The value as one canonical line ({@code 8}, {@code open}, {@code [1, 2]}, {@code {a: 1}}). */
        public String text() {
            return canonical(value);
        }
    }

    public Point {
        coordinates = List.copyOf(coordinates);
    }

    static Point of(int index, List<Coordinate> coordinates, long sweepSeed) {
        String key = key(coordinates);
        byte[] h = sha256(key);
        byte[] s = sha256(sweepSeed + "\n" + key);
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = seed << 8 | (s[i] & 0xff);
        }
        return new Point(index, coordinates, HexFormat.of().formatHex(h, 0, 8), seed);
    }

    /** The coordinates as text, one {@code path=value} per line: what the hash and the seed are made from. */
    static String key(List<Coordinate> coordinates) {
        StringBuilder sb = new StringBuilder();
        for (Coordinate c : coordinates) {
            sb.append(c.path()).append('=').append(c.text()).append('\n');
        }
        return sb.toString();
    }

    /** The value of {@code path}, or null. */
    public ConfigNode value(String path) {
        for (Coordinate c : coordinates) {
            if (c.path().equals(path)) {
                return c.value();
            }
        }
        return null;
    }

    /** The value as constraints and CSVs see it: a Double for numbers, a Boolean, else its canonical text. */
    static Object plain(ConfigNode n) {
        if (n instanceof ConfigNode.Scalar s) {
            switch (s.type()) {
                case INTEGER, FLOAT -> {
                    try {
                        return Double.parseDouble(s.text().replace("_", ""));
                    } catch (NumberFormatException e) {
                        return s.text();
                    }
                }
                case BOOLEAN -> {
                    return Boolean.parseBoolean(s.text());
                }
                default -> {
                    return s.text();
                }
            }
        }
        return canonical(n);
    }

    static String canonical(ConfigNode n) {
        if (n instanceof ConfigNode.Scalar s) {
            return s.isNull() ? "null" : s.text().strip();
        }
        StringBuilder sb = new StringBuilder();
        if (n instanceof ConfigNode.ListNode l) {
            sb.append('[');
            for (int i = 0; i < l.items().size(); i++) {
                sb.append(i > 0 ? ", " : "").append(canonical(l.items().get(i)));
            }
            return sb.append(']').toString();
        }
        ConfigNode.MapNode m = (ConfigNode.MapNode) n;
        sb.append('{');
        int i = 0;
        for (ConfigNode.Entry e : m.entries().values()) {
            sb.append(i++ > 0 ? ", " : "").append(e.key()).append(": ").append(canonical(e.value()));
        }
        return sb.append('}').toString();
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
