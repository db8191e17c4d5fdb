package dev.bitline.rtl.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generator parameters from {@code k=v} strings. Every read names its range; {@link #done()}
 * rejects keys no reader asked for, so a typo is an error, never a silent default.
 */
public final class Params {
    private final String unit;
    private final Map<String, String> values;
    private final Set<String> known = new LinkedHashSet<>();

    public Params(String unit, Map<String, String> values) {
        this.unit = unit;
        this.values = new LinkedHashMap<>(values);
    }

    /** Parses {@code k=v} items; throws {@link BadParameterException} on a malformed one. */
    public static Map<String, String> parse(List<String> items) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : items) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new BadParameterException("--param " + s + ": expected key=value");
            }
            String k = s.substring(0, eq).trim();
            if (m.put(k, s.substring(eq + 1).trim()) != null) {
                throw new BadParameterException("--param " + k + " given twice");
            }
        }
        return m;
    }

    public int integer(String key, int dflt, int min, int max) {
        known.add(key);
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        int x;
        try {
            x = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadParameterException(unit + ": parameter " + key + "=" + v + ": expected an integer in " + min + ".." + max);
        }
        if (x < min || x > max) {
            throw new BadParameterException(unit + ": parameter " + key + "=" + v + ": expected " + min + ".." + max);
        }
        return x;
    }

    public boolean bool(String key, boolean dflt) {
        known.add(key);
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new BadParameterException(unit + ": parameter " + key + "=" + v + ": expected true or false");
    }

    /** One of {@code allowed} (the first is the default). */
    public String choice(String key, String... allowed) {
        known.add(key);
        String v = values.get(key);
        if (v == null) {
            return allowed[0];
        }
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new BadParameterException(unit + ": parameter " + key + "=" + v + ": expected one of " + String.join(", ", allowed));
    }

    public void done() {
        List<String> unknown = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadParameterException(unit + ": unknown parameter '" + unknown.get(0) + "' (expected one of "
                    + String.join(", ", known) + ")");
        }
    }

    public static BadParameterException bad(String message) {
        return new BadParameterException(message);
    }

    /** A parameter set a generator cannot build (the CLI exits 2 with the message). */
    public static final class BadParameterException extends IllegalArgumentException {
        public BadParameterException(String message) {
            super(message);
        }
    }
}
