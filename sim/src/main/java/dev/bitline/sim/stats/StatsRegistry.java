package dev.bitline.sim.stats;

import dev.bitline.sim.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * All statistics of one run, by hierarchical name ({@code dram.ch0.rowHits}).
 * Asking twice for the same name returns the same statistic; asking for a
 * name that exists with another kind is an error. Dumps are sorted by name so
 * two runs of the same config give byte-identical files.
 */
public final class StatsRegistry {
    private final TreeMap<String, Stat> stats = new TreeMap<>();

    public Counter counter(String name) {
        return get(name, Counter.class, Counter::new);
    }

    /**
     * Registers a counter that reads {@code source} whenever it is reported: the model keeps the
     * count in its own field and the tree shows it live. A name can be probed once.
     */
    public Counter probe(String name, LongSupplier source) {
        if (stats.containsKey(name)) {
            throw new IllegalArgumentException("statistic " + name + " is already registered");
        }
        return get(name, Counter.class, n -> new Counter(n, source));
    }

    public Histogram histogram(String name) {
        return get(name, Histogram.class, Histogram::new);
    }

    public TimeWeightedAverage timeAverage(String name) {
        return get(name, TimeWeightedAverage.class, TimeWeightedAverage::new);
    }

    private <S extends Stat> S get(String name, Class<S> kind, Function<String, S> make) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("statistic name must not be blank");
        }
        Stat s = stats.computeIfAbsent(name, make);
        if (!kind.isInstance(s)) {
            throw new IllegalArgumentException("statistic " + name + " is a " + s.kind() + ", not a "
                    + kind.getSimpleName());
        }
        return kind.cast(s);
    }

    public Stat find(String name) {
        return stats.get(name);
    }

    /** The statistics named {@code prefix} or {@code prefix.*}, sorted by name. */
    public List<Stat> under(String prefix) {
        List<Stat> out = new ArrayList<>();
        for (Stat s : stats.tailMap(prefix, true).values()) {
            String n = s.name();
            if (!n.startsWith(prefix)) {
                break;
            }
            if (n.length() == prefix.length() || n.charAt(prefix.length()) == '.') {
                out.add(s);
            }
        }
        return out;
    }

    public Collection<Stat> all() {
        return Collections.unmodifiableCollection(stats.values());
    }

    /** Finishes every time average at {@code nowPs} (call once at the end of a run). */
    public void finish(long nowPs) {
        for (Stat s : stats.values()) {
            if (s instanceof TimeWeightedAverage t) {
                t.finish(nowPs);
            }
        }
    }

    /**
     * Nested JSON: {"dram": {"ch0": {"rowHits": {"kind": "counter", "value": 12}}}}. Written by hand,
     * byte for byte as Jackson's pretty printer wrote it before (a test keeps the two equal), so a
     * short run does not pay for starting Jackson's databind (issue 15).
     */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Stat s : stats.values()) {
            Map<String, Object> node = root;
            String[] parts = split(s.name());
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = node.get(parts[i]);
                if (!(child instanceof Map<?, ?> c) || c.containsKey("kind")) { // as Jackson's tree did
                    Map<String, Object> m = new LinkedHashMap<>();
                    node.put(parts[i], m);
                    node = m;
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) child;
                    node = m;
                }
            }
            node.put(parts[parts.length - 1], new Leaf(s.kind(), s.values()));
        }
        StringBuilder sb = new StringBuilder(4096);
        writeObject(sb, root, 0);
        return sb.append('\n').toString();
    }

    /** A statistic's JSON object: its kind, then its values in order. */
    private record Leaf(String kind, Map<String, Number> values) {}

    private static String[] split(String name) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = name.indexOf('.'); i >= 0; i = name.indexOf('.', from)) {
            out.add(name.substring(from, i));
            from = i + 1;
        }
        out.add(name.substring(from));
        // String.split drops trailing empty strings; keep that behaviour for names ending in '.'
        int n = out.size();
        while (n > 1 && out.get(n - 1).isEmpty()) {
            n--;
        }
        return out.subList(0, n).toArray(new String[0]);
    }

    /** One JSON object; its values are nested objects, statistics ({@link Leaf}), strings or numbers. */
    private static void writeObject(StringBuilder sb, Map<String, ?> m, int depth) {
        if (m.isEmpty()) {
            sb.append("{ }");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> e : m.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            newline(sb, depth + 1);
            quote(sb, e.getKey());
            sb.append(" : ");
            writeValue(sb, e.getValue(), depth + 1);
        }
        newline(sb, depth);
        sb.append('}');
    }

    private static void writeValue(StringBuilder sb, Object v, int depth) {
        if (v instanceof Leaf leaf) {
            // the values map may repeat "kind"; a JSON object keeps the last value, in the first position
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("kind", leaf.kind());
            leaf.values().forEach(fields::put);
            writeObject(sb, fields, depth);
        } else if (v instanceof Map<?, ?> child) {
            @SuppressWarnings("unchecked")
            Map<String, ?> object = (Map<String, ?>) child;
            writeObject(sb, object, depth);
        } else if (v instanceof String str) {
            quote(sb, str);
        } else if (v instanceof Long || v instanceof Integer) {
            sb.append(((Number) v).longValue());
        } else {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                sb.append(d);
            } else {
                sb.append('"').append(d).append('"');
            }
        }
    }

    private static void newline(StringBuilder sb, int depth) {
        sb.append('\n');
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
    }

    /** A JSON string with Jackson's escapes: quote, backslash, and control characters. */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Flat CSV: {@code name,kind,field,value}, one row per reported value. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("name,kind,field,value\n");
        for (Stat s : stats.values()) {
            s.values().forEach((k, v) -> sb.append(s.name()).append(',').append(s.kind()).append(',')
                    .append(k).append(',').append(v).append('\n'));
        }
        return sb.toString();
    }

    public void writeJson(Path file) {
        AtomicFiles.write(file, toJson());
    }

    public void writeCsv(Path file) {
        AtomicFiles.write(file, toCsv());
    }
}
