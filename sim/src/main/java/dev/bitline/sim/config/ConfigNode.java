package dev.bitline.sim.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A YAML document as a small immutable tree that remembers where every value came
 * from. Jackson's own tree model drops source positions, and every config error has
 * to name {@code file:line:col}, so the loader builds this tree instead. After
 * {@code extends:} merging, each value still carries the location in the file that
 * defined it.
 */
public sealed interface ConfigNode permits ConfigNode.Scalar, ConfigNode.MapNode, ConfigNode.ListNode {

    /** Where this node starts: file (or pseudo-file), 1-based line and column. */
    Location location();

    /** A short description for error messages: {@code "abc"}, {@code null}, {@code a map}, {@code a list}. */
    String describe();

    /**
     * The node at a path below this one: keys separated by '.', list indices as
     * {@code .3} or {@code [3]} ({@code "timing.tRCD"}, {@code "constraints[2].next"}).
     * Empty if any step is missing.
     */
    default java.util.Optional<ConfigNode> find(String path) {
        ConfigNode n = this;
        for (String step : ConfigNode.steps(path)) {
            n = ConfigNode.child(n, step);
            if (n == null) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(n);
    }

    /**
     * Where an error about {@code path} should point: the node at the path, or the
     * deepest node on the way that exists (e.g. the map that lacks the key).
     */
    default Location locationOf(String path) {
        ConfigNode n = this;
        for (String step : ConfigNode.steps(path)) {
            ConfigNode c = ConfigNode.child(n, step);
            if (c == null) {
                break;
            }
            n = c;
        }
        return n.location();
    }

    private static List<String> steps(String path) {
        List<String> out = new java.util.ArrayList<>();
        for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    private static ConfigNode child(ConfigNode n, String step) {
        if (n instanceof MapNode m) {
            return m.get(step);
        }
        if (n instanceof ListNode l && step.matches("[0-9]{1,9}")) {
            int i = Integer.parseInt(step);
            return i < l.items().size() ? l.items().get(i) : null;
        }
        return null;
    }

    /** A source position. {@link #toString()} is {@code file:line:col}. */
    record Location(String file, int line, int column) {
        public Location {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return file + ":" + line + ":" + column;
        }
    }

    /** What YAML made of a plain scalar; quoted scalars are always STRING. */
    enum ScalarType { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /** A scalar value with its text exactly as written (without quotes). */
    record Scalar(String text, ScalarType type, Location location) implements ConfigNode {
        public Scalar {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(location, "location");
        }

        public static Scalar ofNull(Location location) {
            return new Scalar("", ScalarType.NULL, location);
        }

        public boolean isNull() {
            return type == ScalarType.NULL;
        }

        @Override
        public String describe() {
            return isNull() ? "null" : ConfigText.quote(text);
        }
    }

    /** One key of a map, with the position of the key itself (where "unknown key" points). */
    record Entry(String key, Location keyLocation, ConfigNode value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyLocation, "keyLocation");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A mapping; keys keep the order in which they were written. */
    record MapNode(Map<String, Entry> entries, Location location) implements ConfigNode {
        public MapNode {
            Objects.requireNonNull(location, "location");
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public static MapNode empty(Location location) {
            return new MapNode(Map.of(), location);
        }

        /** The value for {@code key}, or null if absent. */
        public ConfigNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        /** A copy with {@code key} set (replaced in place if present, appended otherwise). */
        public MapNode with(String key, Location keyLocation, ConfigNode value) {
            LinkedHashMap<String, Entry> m = new LinkedHashMap<>(entries);
            m.put(key, new Entry(key, keyLocation, value));
            return new MapNode(m, location);
        }

        /** A copy without {@code key}. */
        public MapNode without(String key) {
            LinkedHashMap<String, Entry> m = new LinkedHashMap<>(entries);
            m.remove(key);
            return new MapNode(m, location);
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /** A sequence. */
    record ListNode(List<ConfigNode> items, Location location) implements ConfigNode {
        public ListNode {
            Objects.requireNonNull(location, "location");
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }
}
