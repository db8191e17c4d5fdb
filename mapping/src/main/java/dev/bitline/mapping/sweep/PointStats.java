package dev.bitline.mapping.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitline.sim.stats.Stat;
import dev.bitline.sim.stats.StatsRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A point's stats as one flat map of numbers, the names a sweep's metrics read: a counter is
 * its name ({@code dram.rowHits}), any other statistic one name per field
 * ({@code dram.readLatency.p99}, {@code dram.readLatency.mean}).
 */
public final class PointStats {
    private PointStats() {
    }

    public static SortedMap<String, Double> of(StatsRegistry registry) {
        SortedMap<String, Double> out = new TreeMap<>();
        for (Stat s : registry.all()) {
            s.values().forEach((field, v) -> out.put(name(s.name(), field), v.doubleValue()));
        }
        return out;
    }

    /** Flattens a registry's JSON dump ({@link StatsRegistry#toJson()}) the same way. */
    public static SortedMap<String, Double> ofJson(String registryJson) {
        SortedMap<String, Double> out = new TreeMap<>();
        try {
            flatten("", new ObjectMapper().readTree(registryJson), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode n, SortedMap<String, Double> out) {
        if (n.has("kind")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getValue().isNumber()) {
                    out.put(name(prefix, f.getKey()), f.getValue().asDouble());
                }
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
        }
    }

    private static String name(String stat, String field) {
        return field.equals("value") ? stat : stat + "." + field;
    }
}
