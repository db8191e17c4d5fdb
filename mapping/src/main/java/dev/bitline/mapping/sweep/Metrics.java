package dev.bitline.mapping.sweep;

import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.io.Messages;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/** A sweep's metrics evaluated on one point's stats. */
final class Metrics {
    private Metrics() {
    }

    /**
     * @throws ConfigException at the metric when it reads a stat the point does not have (with the
     *     nearest names the runner does report)
     */
    static Map<String, Double> compute(List<Sweep.Metric> metrics, SortedMap<String, Double> stats) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Sweep.Metric m : metrics) {
            for (String n : m.expr().names()) {
                if (!stats.containsKey(n)) {
                    throw new ConfigException(m.at(), "metric '" + m.name() + "' reads stat '" + n
                            + "', which this run does not report (expected one of: " + nearest(n, stats) + ")");
                }
            }
            try {
                out.put(m.name(), m.expr().number(stats::get));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(m.at(), "metric '" + m.name() + "': " + e.getMessage());
            }
        }
        return out;
    }

    /** The metrics of a stored plan, parsed again from their text. */
    static List<Sweep.Metric> parse(PointStore.Plan plan) {
        return plan.metrics().entrySet().stream().map(e -> {
            ConfigNode.Location at = new ConfigNode.Location(plan.file() + " metrics." + e.getKey(), 1, 1);
            return new Sweep.Metric(e.getKey(), Expr.parse(new ConfigNode.Scalar(e.getValue(), ConfigNode.ScalarType.STRING, at)), at);
        }).toList();
    }

    private static String nearest(String name, SortedMap<String, Double> stats) {
        List<String> close = stats.keySet().stream()
                .sorted(Comparator.comparingInt((String s) -> Messages.editDistance(s, name)).thenComparing(s -> s))
                .limit(8).toList();
        return close.stream().collect(Collectors.joining(", ")) + (stats.size() > close.size() ? ", ..." : "");
    }
}
