package dev.bitline.mapping.sweep;

import dev.bitline.sim.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The merged rows of a sweep: coordinates and metrics per point, as CSV and as Pareto fronts. */
final class SweepTable {
    private final PointStore.Plan plan;
    private final List<Sweep.Metric> metrics;
    private final List<PointStore.Stored> rows;
    private final List<Map<String, Double>> values;

    private SweepTable(PointStore.Plan plan, List<Sweep.Metric> metrics, List<PointStore.Stored> rows,
            List<Map<String, Double>> values) {
        this.plan = plan;
        this.metrics = metrics;
        this.rows = rows;
        this.values = values;
    }

    static SweepTable of(PointStore.Plan plan, List<Sweep.Metric> metrics, List<PointStore.Stored> rows) {
        List<Map<String, Double>> values = new ArrayList<>();
        for (PointStore.Stored s : rows) {
            values.add(Metrics.compute(metrics, s.stats()));
        }
        return new SweepTable(plan, metrics, rows, values);
    }

    /** {@code index,hash,<axis paths>,seed,<metrics>}: one row per point in plan order; nothing run-dependent (no wall time). */
    String csv() {
        StringBuilder sb = new StringBuilder("index,hash");
        plan.paths().forEach(p -> sb.append(',').append(cell(p)));
        sb.append(",seed");
        metrics.forEach(m -> sb.append(',').append(m.name()));
        sb.append('\n');
        for (int i = 0; i < rows.size(); i++) {
            PointStore.Stored s = rows.get(i);
            sb.append(s.index()).append(',').append(s.hash());
            for (String p : plan.paths()) {
                sb.append(',').append(cell(s.coordinates().getOrDefault(p, "")));
            }
            sb.append(',').append(s.seed());
            for (Sweep.Metric m : metrics) {
                sb.append(',').append(values.get(i).get(m.name()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String cell(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** The front's CSV and the plot (PNG, SVG) of one metric pair. */
    List<Path> pareto(Path dir, Sweep.Pareto p, String sweep) {
        int n = rows.size();
        double[] x = new double[n];
        double[] y = new double[n];
        String[] groups = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = values.get(i).get(p.x());
            y[i] = values.get(i).get(p.y());
            Map<String, String> c = rows.get(i).coordinates();
            groups[i] = p.by().map(b -> b + "=" + c.get(b)).orElse("points");
        }
        List<Integer> front = ParetoFront.of(x, p.maximizeX(), y, p.maximizeY());
        StringBuilder sb = new StringBuilder("index,hash");
        plan.paths().forEach(a -> sb.append(',').append(cell(a)));
        sb.append(',').append(p.x()).append(',').append(p.y()).append('\n');
        for (int i : front) {
            PointStore.Stored s = rows.get(i);
            sb.append(s.index()).append(',').append(s.hash());
            plan.paths().forEach(a -> sb.append(',').append(cell(s.coordinates().getOrDefault(a, ""))));
            sb.append(',').append(x[i]).append(',').append(y[i]).append('\n');
        }
        Path csv = dir.resolve(p.stem() + ".csv");
        AtomicFiles.write(csv, sb.toString());
        List<Path> out = new ArrayList<>(List.of(csv));
        if (n > 0) {
            out.addAll(ParetoPlot.write(dir, p, sweep + ": " + p.y() + " vs " + p.x(), x, y, groups, front));
        }
        return out;
    }
}
