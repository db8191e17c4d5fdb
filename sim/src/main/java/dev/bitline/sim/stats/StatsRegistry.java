package dev.bitline.sim.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitline.sim.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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

    /** Nested JSON: {"dram": {"ch0": {"rowHits": {"kind": "counter", "value": 12}}}}. */
    public String toJson() {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        for (Stat s : stats.values()) {
            ObjectNode node = root;
            String[] parts = s.name().split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                var child = node.get(parts[i]);
                if (child instanceof ObjectNode o && !o.has("kind")) {
                    node = o;
                } else {
                    node = node.putObject(parts[i]);
                }
            }
            ObjectNode leaf = node.putObject(parts[parts.length - 1]);
            leaf.put("kind", s.kind());
            s.values().forEach((k, v) -> putNumber(leaf, k, v));
        }
        try {
            return om.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putNumber(ObjectNode node, String key, Number v) {
        if (v instanceof Long || v instanceof Integer) {
            node.put(key, v.longValue());
        } else {
            node.put(key, v.doubleValue());
        }
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
