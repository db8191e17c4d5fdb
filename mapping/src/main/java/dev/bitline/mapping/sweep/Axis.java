package dev.bitline.mapping.sweep;

import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One dimension of a sweep: a {@code --set} path (or several, zipped: they move together) and
 * the values it takes, as written in the sweep file's {@code axes:} map.
 *
 * <pre>
 * axes:
 *   controller.pagePolicy: [open, closed]                  # a list
 *   controller.transactionQueueDepth: {from: 8, to: 64, step: 8}     # a range, both ends included
 *   array.tiles: {from: 1, to: 64, times: 2}               # a log range: 1 2 4 ... 64
 *   precompute.latencyCycles: {from: 0, to: 1, count: 5}   # count evenly spaced values
 *   "run.m, run.n": [[1, 4096], [16, 11008]]               # zipped: one tuple per value
 * </pre>
 *
 * @param paths   the paths set together (one, unless zipped)
 * @param pathsAt where each path is written in the axis key (errors about a path point here)
 * @param values  the tuples, each {@code paths.size()} long, with their locations in the sweep file
 */
public record Axis(List<String> paths, List<ConfigNode.Location> pathsAt, List<List<ConfigNode>> values) {
    /** Generated ranges stop here: a sweep of more values is a typo (a step of 0.0001), not a plan. */
    static final int MAX_VALUES = 100_000;

    public Axis {
        paths = List.copyOf(paths);
        pathsAt = List.copyOf(pathsAt);
        values = values.stream().map(List::copyOf).toList();
    }

    public int size() {
        return values.size();
    }

    /** The axis as written: {@code a.b} or {@code a.b, c.d}. */
    public String label() {
        return String.join(", ", paths);
    }

    /** Reads one {@code key: values} entry of the {@code axes:} map. */
    static Axis parse(ConfigNode.Entry e) {
        List<String> paths = new ArrayList<>();
        List<ConfigNode.Location> at = new ArrayList<>();
        int col = 0;
        for (String part : e.key().split(",", -1)) {
            String p = part.strip();
            int lead = part.indexOf(p.isEmpty() ? part : p);
            if (!p.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
                throw new ConfigException(shift(e.keyLocation(), col), "bad axis path '" + p
                        + "' (expected a --set path like controller.pagePolicy, or several joined by ',' to zip them)");
            }
            if (paths.contains(p)) {
                throw new ConfigException(shift(e.keyLocation(), col), "path '" + p + "' is zipped with itself (expected distinct paths)");
            }
            paths.add(p);
            at.add(shift(e.keyLocation(), col + Math.max(0, lead)));
            col += part.length() + 1;
        }
        ConfigNode v = e.value();
        List<ConfigNode> items = v instanceof ConfigNode.ListNode l ? l.items()
                : v instanceof ConfigNode.MapNode m ? range(m)
                : null;
        if (items == null) {
            throw new ConfigException(v.location(), "axis '" + e.key() + "' has " + v.describe()
                    + " (expected a list of values, or a range {from, to, step|times|count})");
        }
        if (items.isEmpty()) {
            throw new ConfigException(v.location(), "axis '" + e.key() + "' is empty (expected at least one value)");
        }
        List<List<ConfigNode>> tuples = new ArrayList<>();
        for (ConfigNode item : items) {
            if (paths.size() == 1) {
                tuples.add(List.of(item));
            } else if (item instanceof ConfigNode.ListNode t && t.items().size() == paths.size()) {
                tuples.add(t.items());
            } else {
                throw new ConfigException(item.location(), "zipped axis '" + e.key() + "' has " + item.describe()
                        + (item instanceof ConfigNode.ListNode t ? " of " + t.items().size() : "")
                        + " (expected a list of " + paths.size() + " values, one per path)");
            }
        }
        return new Axis(paths, at, tuples);
    }

    private static ConfigNode.Location shift(ConfigNode.Location l, int by) {
        return new ConfigNode.Location(l.file(), l.line(), l.column() + by);
    }

    /** {from, to, step}, {from, to, times} or {from, to, count}: exact decimal arithmetic, no 0.30000000000000004. */
    private static List<ConfigNode> range(ConfigNode.MapNode m) {
        for (ConfigNode.Entry e : m.entries().values()) {
            if (!List.of("from", "to", "step", "times", "count").contains(e.key())) {
                throw new ConfigException(e.keyLocation(), "unknown range key '" + e.key()
                        + "' (expected from, to and one of step, times, count)");
            }
        }
        BigDecimal from = number(m, "from");
        BigDecimal to = number(m, "to");
        List<String> how = new ArrayList<>();
        for (String k : List.of("step", "times", "count")) {
            if (m.has(k)) {
                how.add(k);
            }
        }
        if (how.size() != 1) {
            throw new ConfigException(m.location(), "range has " + (how.isEmpty() ? "none" : String.join(" and ", how))
                    + " of step, times, count (expected exactly one)");
        }
        String kind = how.get(0);
        BigDecimal by = number(m, kind);
        boolean integral = isIntegral(m, "from") && isIntegral(m, "to");
        List<BigDecimal> out = new ArrayList<>();
        ConfigNode.Location byAt = m.get(kind).location();
        switch (kind) {
            case "step" -> {
                if (by.signum() <= 0) {
                    throw new ConfigException(byAt, "step " + by + " (expected a step > 0)");
                }
                integral &= isIntegral(m, "step");
                for (BigDecimal x = from; x.compareTo(to) <= 0; x = x.add(by)) {
                    out.add(x);
                    guard(out, byAt);
                }
            }
            case "times" -> {
                if (by.compareTo(BigDecimal.ONE) <= 0 || from.signum() <= 0) {
                    throw new ConfigException(byAt, "times " + by + " from " + from
                            + " (expected a factor > 1 and from > 0: a log range)");
                }
                integral &= isIntegral(m, "times");
                for (BigDecimal x = from; x.compareTo(to) <= 0; x = x.multiply(by)) {
                    out.add(x);
                    guard(out, byAt);
                }
            }
            default -> {
                if (!isIntegral(m, "count") || by.signum() <= 0) {
                    throw new ConfigException(byAt, "count " + by + " (expected a whole number of values >= 1)");
                }
                int n = by.intValueExact();
                if (n > MAX_VALUES) {
                    throw new ConfigException(byAt, "count " + n + " (expected at most " + MAX_VALUES + ")");
                }
                BigDecimal span = to.subtract(from);
                for (int i = 0; i < n; i++) {
                    out.add(n == 1 ? from : from.add(span.multiply(BigDecimal.valueOf(i))
                            .divide(BigDecimal.valueOf(n - 1), MathContext.DECIMAL64)));
                }
                integral &= out.stream().allMatch(x -> x.stripTrailingZeros().scale() <= 0);
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(m.location(), "range from " + from + " to " + to + " is empty (expected from <= to)");
        }
        List<ConfigNode> nodes = new ArrayList<>();
        for (BigDecimal x : out) {
            String text = x.stripTrailingZeros().toPlainString();
            nodes.add(new ConfigNode.Scalar(text, integral ? ConfigNode.ScalarType.INTEGER : ConfigNode.ScalarType.FLOAT,
                    m.location()));
        }
        return nodes;
    }

    private static void guard(List<BigDecimal> out, ConfigNode.Location at) {
        if (out.size() > MAX_VALUES) {
            throw new ConfigException(at, "range has more than " + MAX_VALUES + " values (expected a coarser step)");
        }
    }

    private static BigDecimal number(ConfigNode.MapNode m, String key) {
        ConfigNode n = m.get(key);
        if (n == null) {
            throw new ConfigException(m.location(), "range lacks '" + key + "' (expected from, to and one of step, times, count)");
        }
        if (n instanceof ConfigNode.Scalar s
                && (s.type() == ConfigNode.ScalarType.INTEGER || s.type() == ConfigNode.ScalarType.FLOAT)) {
            try {
                return new BigDecimal(s.text().replace("_", "").strip());
            } catch (NumberFormatException e) {
                // hex and the like: the binder's integer rules (and its message)
                return BigDecimal.valueOf(ConfigBinder.bind(s, Long.class));
            }
        }
        throw new ConfigException(n.location(), "range '" + key + "' is " + n.describe() + " (expected a number)");
    }

    private static boolean isIntegral(ConfigNode.MapNode m, String key) {
        return m.get(key) instanceof ConfigNode.Scalar s && s.type() == ConfigNode.ScalarType.INTEGER;
    }
}
