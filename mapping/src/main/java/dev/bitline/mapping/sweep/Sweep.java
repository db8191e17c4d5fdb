package dev.bitline.mapping.sweep;

import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import dev.bitline.sim.config.YamlTreeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sweep file, loaded and checked: the base config, the axes, the sampling, the constraints, the
 * metrics and the Pareto plots. {@link #points()} is the plan, {@link #prepare(Point)} binds one
 * point for its runner. Every problem in the file is a {@code ConfigException} naming
 * {@code file:line:col}.
 *
 * <pre>
 * name: dram-policies          # results go to results/runs/sweeps/NAME unless --out says otherwise
 * seed: 1                      # with each point's coordinates, gives the point's seed
 * base: dram/ddr4-3200         # the config every point starts from: a preset name, or a map (may extends:)
 * run: {traffic: random:20000} # the run's inputs that are not config (kind: picks the runner)
 * axes:                        # --set paths (run.* for the run section; extends for the preset)
 *   extends: [dram/ddr4-3200, dram/ddr5-4800-16gb-x8]
 *   controller.pagePolicy: [open, closed]
 * sample: {method: grid}       # or random / latin-hypercube with points: N
 * constraints: ["controller.pagePolicy != 'closed' || run.traffic != 'stream:20000'"]
 * metrics: {bandwidthGBps: dram.bandwidthGBps, pJPerBit: dram.energyPjPerBit}
 * pareto: [{x: max bandwidthGBps, y: min pJPerBit, by: extends}]
 * </pre>
 */
public final class Sweep {
    /** A full grid larger than this is a mistake; sample it instead. */
    static final int MAX_POINTS = 1_000_000;

    /** How the points are drawn from the axes. */
    public enum Method { GRID, RANDOM, LATIN_HYPERCUBE }

    /**
     * @param method grid: every combination; random: {@code points} draws; latin-hypercube:
     *               {@code points} draws with each axis cut into that many strata, one draw per stratum
     * @param points draws for random and latin-hypercube
     */
    public record Sample(@Default("grid") Method method, @Default("0") @Range(min = 0, max = MAX_POINTS) int points) {
    }

    /** The file as bound, before checks across sections. */
    record Spec(String name, @Default("1") long seed, Optional<String> description, ConfigNode base,
            @Default("{}") ConfigNode run, ConfigNode axes, @Default("{}") Sample sample,
            @Default("[]") List<ConfigNode> constraints, ConfigNode metrics, @Default("[]") List<ConfigNode> pareto) {
        Spec {
            if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
                throw new dev.bitline.sim.config.BadValueException("name", "name '" + name
                        + "' is not usable as a folder name (expected letters, digits, _ . -)");
            }
        }
    }

    /** A named figure of each point, computed from its stats. */
    public record Metric(String name, Expr expr, ConfigNode.Location at) {
    }

    /** A constraint: points where it is false are dropped. */
    public record Constraint(Expr expr, ConfigNode.Location at) {
    }

    /** One Pareto plot: two metrics, which way is better on each, and optionally an axis to colour by. */
    public record Pareto(String x, boolean maximizeX, String y, boolean maximizeY, Optional<String> by) {
        /** File name stem: {@code pareto-bandwidthGBps-pJPerBit}. */
        public String stem() {
            return "pareto-" + x + "-" + y;
        }
    }

    private final Path file;
    private final Spec spec;
    private final ConfigLoader loader;
    private final ConfigNode.MapNode rawBase;
    private final ConfigNode.MapNode run;
    private final PointRunner runner;
    private final List<Axis> axes;
    private final List<Constraint> constraints;
    private final List<Metric> metrics;
    private final List<Pareto> pareto;
    private final String id;
    private final Map<String, ConfigNode> resolvedBases = new ConcurrentHashMap<>();
    private List<Point> plan;

    private Sweep(Path file, ConfigLoader loader, Spec spec, ConfigNode.MapNode rawBase, ConfigNode.MapNode run, PointRunner runner,
            List<Axis> axes, List<Constraint> constraints, List<Metric> metrics, List<Pareto> pareto) {
        this.file = file;
        this.spec = spec;
        this.loader = loader;
        this.rawBase = rawBase;
        this.run = run;
        this.runner = runner;
        this.axes = List.copyOf(axes);
        this.constraints = List.copyOf(constraints);
        this.metrics = List.copyOf(metrics);
        this.pareto = List.copyOf(pareto);
        this.id = fingerprint();
    }

    /** Reads and checks a sweep file (not yet the points: see {@link #points()} and {@link #validate()}). */
    public static Sweep load(Path file) {
        return load(file, ConfigLoader.forFile(file)); // the one resolution rule (docs/configuration.md)
    }

    /** As {@link #load(Path)}, presets looked up by {@code loader} (its configs root). */
    public static Sweep load(Path file, ConfigLoader loader) {
        ConfigNode tree = YamlTreeReader.read(file, ConfigLoader.display(file));
        Spec spec = ConfigBinder.bind(tree, Spec.class);
        ConfigNode.MapNode root = (ConfigNode.MapNode) tree;

        ConfigNode.MapNode base;
        if (spec.base() instanceof ConfigNode.Scalar s && !s.isNull()) {
            base = ConfigNode.MapNode.empty(s.location()).with(ConfigLoader.EXTENDS, s.location(), s);
        } else if (spec.base() instanceof ConfigNode.MapNode m) {
            base = m;
        } else {
            throw new ConfigException(spec.base().location(), "base is " + spec.base().describe()
                    + " (expected a preset name like dram/ddr4-3200, or a config map)");
        }
        if (!(spec.run() instanceof ConfigNode.MapNode runMap)) {
            throw new ConfigException(spec.run().location(), "run is " + spec.run().describe()
                    + " (expected a map of the run's inputs, e.g. {traffic: random:20000})");
        }
        PointRunner runner;
        ConfigNode kind = runMap.get("kind");
        if (kind != null) {
            if (!(kind instanceof ConfigNode.Scalar ks) || ks.isNull()) {
                throw new ConfigException(kind.location(), "run.kind is " + kind.describe()
                        + " (expected one of: " + PointRunners.kinds() + ")");
            }
            runner = PointRunners.byKind(ks);
        } else {
            runner = null; // decided from the resolved base below
        }

        if (!(spec.axes() instanceof ConfigNode.MapNode axesMap) || axesMap.entries().isEmpty()) {
            throw new ConfigException(spec.axes().location(), "axes is " + spec.axes().describe()
                    + (spec.axes() instanceof ConfigNode.MapNode ? " with no axis" : "")
                    + " (expected a map of --set paths to values, e.g. controller.pagePolicy: [open, closed])");
        }
        List<Axis> axes = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        for (ConfigNode.Entry e : axesMap.entries().values()) {
            Axis a = Axis.parse(e);
            for (String p : a.paths()) {
                if (!paths.add(p)) {
                    throw new ConfigException(a.pathsAt().get(a.paths().indexOf(p)), "path '" + p + "' is on two axes (expected each path on one axis)");
                }
                if (p.equals("run.kind")) {
                    throw new ConfigException(a.pathsAt().get(a.paths().indexOf(p)), "run.kind cannot be an axis (expected one simulation per sweep)");
                }
            }
            axes.add(a);
        }
        if (spec.sample().method() != Method.GRID && spec.sample().points() < 1) {
            throw new ConfigException(root.locationOf("sample"), "sample method "
                    + ConfigBinder.enumName(spec.sample().method()) + " needs points: N (expected points >= 1)");
        }

        List<Constraint> constraints = new ArrayList<>();
        for (ConfigNode c : spec.constraints()) {
            if (!(c instanceof ConfigNode.Scalar s) || s.isNull()) {
                throw new ConfigException(c.location(), "constraint is " + c.describe()
                        + " (expected an expression over axis paths, e.g. \"controller.readQueueDepth <= 32\")");
            }
            Expr x = Expr.parse(s);
            for (String n : x.names()) {
                if (!paths.contains(n)) {
                    throw new ConfigException(c.location(), "constraint reads '" + n + "', which is not an axis (expected one of: "
                            + String.join(", ", paths) + ")");
                }
            }
            constraints.add(new Constraint(x, c.location()));
        }

        if (!(spec.metrics() instanceof ConfigNode.MapNode mm) || mm.entries().isEmpty()) {
            throw new ConfigException(spec.metrics().location(), "metrics is " + spec.metrics().describe()
                    + " (expected a map of names to stats, e.g. bandwidthGBps: dram.bandwidthGBps)");
        }
        List<Metric> metrics = new ArrayList<>();
        for (ConfigNode.Entry e : mm.entries().values()) {
            if (!e.key().matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new ConfigException(e.keyLocation(), "metric name '" + e.key() + "' (expected letters, digits and _)");
            }
            if (paths.contains(e.key())) {
                throw new ConfigException(e.keyLocation(), "metric '" + e.key() + "' has the name of an axis (expected another name)");
            }
            if (!(e.value() instanceof ConfigNode.Scalar s) || s.isNull()) {
                throw new ConfigException(e.value().location(), "metric '" + e.key() + "' is " + e.value().describe()
                        + " (expected a stat name or an expression over stats, e.g. dram.bytes / dram.cycles)");
            }
            metrics.add(new Metric(e.key(), Expr.parse(s), s.location()));
        }
        List<Pareto> pareto = new ArrayList<>();
        for (ConfigNode p : spec.pareto()) {
            pareto.add(pareto(p, metrics, paths));
        }
        Sweep sw = new Sweep(file, loader, spec, base, runMap.without("kind"), runner, axes, constraints, metrics, pareto);
        return sw;
    }

    private static Pareto pareto(ConfigNode p, List<Metric> metrics, Set<String> paths) {
        if (!(p instanceof ConfigNode.MapNode m)) {
            throw new ConfigException(p.location(), "pareto entry is " + p.describe()
                    + " (expected {x: max METRIC, y: min METRIC, by: AXIS})");
        }
        for (ConfigNode.Entry e : m.entries().values()) {
            if (!List.of("x", "y", "by").contains(e.key())) {
                throw new ConfigException(e.keyLocation(), "unknown key '" + e.key() + "' (expected one of: x, y, by)");
            }
        }
        String[] x = goal(m, "x", metrics);
        String[] y = goal(m, "y", metrics);
        Optional<String> by = Optional.empty();
        ConfigNode b = m.get("by");
        if (b != null) {
            String path = ConfigBinder.bind(b, String.class).strip();
            if (!paths.contains(path)) {
                throw new ConfigException(b.location(), "by: '" + path + "' is not an axis (expected one of: "
                        + String.join(", ", paths) + ")");
            }
            by = Optional.of(path);
        }
        return new Pareto(x[1], x[0].equals("max"), y[1], y[0].equals("max"), by);
    }

    private static String[] goal(ConfigNode.MapNode m, String key, List<Metric> metrics) {
        ConfigNode n = m.get(key);
        String expected = "'max METRIC' or 'min METRIC' with a metric of this file: "
                + String.join(", ", metrics.stream().map(Metric::name).toList());
        if (n == null) {
            throw new ConfigException(m.location(), "pareto entry lacks '" + key + "' (expected " + expected + ")");
        }
        String[] w = ConfigBinder.bind(n, String.class).strip().split("\\s+");
        if (w.length != 2 || !(w[0].equals("max") || w[0].equals("min"))
                || metrics.stream().noneMatch(mt -> mt.name().equals(w[1]))) {
            throw new ConfigException(n.location(), "pareto " + key + ": " + n.describe() + " (expected " + expected + ")");
        }
        return w;
    }

    // ------------------------------------------------------------------ accessors

    public Path file() {
        return file;
    }

    public String name() {
        return spec.name();
    }

    public long seed() {
        return spec.seed();
    }

    public List<Axis> axes() {
        return axes;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public List<Pareto> pareto() {
        return pareto;
    }

    /**
     * The sweep's identity: a hash of everything that decides which points exist and what they
     * compute (name, seed, base, run, axes, sampling, constraints; not metrics or plots). Shards
     * and resumed runs must agree on it.
     */
    public String id() {
        return id;
    }

    /** Every axis path, in order (the CSV's coordinate columns). */
    public List<String> paths() {
        List<String> out = new ArrayList<>();
        axes.forEach(a -> out.addAll(a.paths()));
        return out;
    }

    /** The runner: named by run.kind, or chosen by the resolved base config's kind. */
    public PointRunner runner() {
        if (runner != null) {
            return runner;
        }
        return PointRunners.forConfig(resolvedBase(points().get(0)));
    }

    private String fingerprint() {
        StringBuilder sb = new StringBuilder();
        sb.append("name=").append(spec.name()).append('\n');
        sb.append("seed=").append(spec.seed()).append('\n');
        sb.append("base=").append(Point.canonical(rawBase)).append('\n');
        sb.append("run=").append(Point.canonical(spec.run())).append('\n');
        for (Axis a : axes) {
            sb.append("axis=").append(a.label()).append(':');
            a.values().forEach(t -> sb.append(' ').append(t.stream().map(Point::canonical).toList()));
            sb.append('\n');
        }
        sb.append("sample=").append(spec.sample()).append('\n');
        constraints.forEach(c -> sb.append("constraint=").append(c.expr().text()).append('\n'));
        return HexFormat.of().formatHex(Point.sha256(sb.toString()), 0, 8);
    }

    // ------------------------------------------------------------------ the plan

    /** The points, after sampling and constraints, in plan order. Throws if none remain. */
    public synchronized List<Point> points() {
        if (plan == null) {
            plan = plan();
        }
        return plan;
    }

    private List<Point> plan() {
        List<int[]> picks = new ArrayList<>();
        Sample s = spec.sample();
        if (s.method() == Method.GRID) {
            long total = 1;
            for (Axis a : axes) {
                total *= a.size();
                if (total > MAX_POINTS) {
                    throw new ConfigException(spec.axes().location(), "the grid has more than " + MAX_POINTS
                            + " points (expected fewer axis values, or sample: {method: latin-hypercube, points: N})");
                }
            }
            int[] idx = new int[axes.size()];
            for (long i = 0; i < total; i++) {
                picks.add(idx.clone());
                for (int d = axes.size() - 1; d >= 0; d--) { // the last axis moves fastest
                    if (++idx[d] < axes.get(d).size()) {
                        break;
                    }
                    idx[d] = 0;
                }
            }
        } else {
            SplittableRandom rnd = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + 0x5EED);
            int n = s.points();
            if (s.method() == Method.RANDOM) {
                for (int i = 0; i < n; i++) {
                    int[] idx = new int[axes.size()];
                    for (int d = 0; d < idx.length; d++) {
                        idx[d] = rnd.nextInt(axes.get(d).size());
                    }
                    picks.add(idx);
                }
            } else {
                // Latin hypercube: each axis cut into n strata, a random permutation assigns one
                // stratum per draw, a uniform position inside it picks the axis value.
                int[][] perm = new int[axes.size()][];
                for (int d = 0; d < axes.size(); d++) {
                    perm[d] = permutation(n, rnd);
                }
                for (int i = 0; i < n; i++) {
                    int[] idx = new int[axes.size()];
                    for (int d = 0; d < idx.length; d++) {
                        double u = (perm[d][i] + rnd.nextDouble()) / n;
                        idx[d] = Math.min(axes.get(d).size() - 1, (int) (u * axes.get(d).size()));
                    }
                    picks.add(idx);
                }
            }
        }
        List<Point> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int considered = 0;
        for (int[] idx : picks) {
            List<Point.Coordinate> coords = new ArrayList<>();
            for (int d = 0; d < axes.size(); d++) {
                Axis a = axes.get(d);
                List<ConfigNode> tuple = a.values().get(idx[d]);
                for (int j = 0; j < a.paths().size(); j++) {
                    coords.add(new Point.Coordinate(a.paths().get(j), tuple.get(j)));
                }
            }
            considered++;
            if (!allowed(coords)) {
                continue;
            }
            Point p = Point.of(out.size(), coords, spec.seed());
            if (seen.add(p.hash())) { // random draws may repeat a point: keep the first
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            ConfigNode.Location at = constraints.isEmpty() ? spec.axes().location() : constraints.get(0).at();
            throw new ConfigException(at, "the constraints remove every one of the " + considered
                    + " points (expected at least one point to remain)");
        }
        return List.copyOf(out);
    }

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private boolean allowed(List<Point.Coordinate> coords) {
        if (constraints.isEmpty()) {
            return true;
        }
        Map<String, Object> env = new LinkedHashMap<>();
        coords.forEach(c -> env.put(c.path(), Point.plain(c.value())));
        for (Constraint c : constraints) {
            try {
                if (!c.expr().test(env::get)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(c.at(), "constraint: " + e.getMessage());
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ binding points

    private static boolean presetPath(String path) {
        return path.equals(ConfigLoader.EXTENDS) || path.endsWith("." + ConfigLoader.EXTENDS);
    }

    private static boolean runPath(String path) {
        return path.startsWith("run.");
    }

    /** The base config with the point's presets ({@code extends} axes) resolved; cached per preset choice. */
    private ConfigNode resolvedBase(Point p) {
        List<Point.Coordinate> presets = p.coordinates().stream().filter(c -> presetPath(c.path())).toList();
        return resolvedBases.computeIfAbsent(Point.key(presets), k -> {
            ConfigNode t = rawBase;
            for (Point.Coordinate c : presets) {
                t = ConfigLoader.set(t, c.path(), c.value(), keyAt(c.path()));
            }
            return loader.resolve(t, file.toAbsolutePath().getParent());
        });
    }

    private ConfigNode.Location keyAt(String path) {
        for (Axis a : axes) {
            int i = a.paths().indexOf(path);
            if (i >= 0) {
                return a.pathsAt().get(i);
            }
        }
        throw new IllegalArgumentException(path);
    }

    /** The point's config: base, presets resolved, every other axis set. */
    public ConfigNode config(Point p) {
        ConfigNode t = resolvedBase(p);
        for (Point.Coordinate c : p.coordinates()) {
            if (!presetPath(c.path()) && !runPath(c.path())) {
                t = ConfigLoader.set(t, c.path(), c.value(), keyAt(c.path()));
            }
        }
        return t;
    }

    /** The point's run section: the file's {@code run:} with the {@code run.*} axes set. */
    public ConfigNode.MapNode runSection(Point p) {
        ConfigNode t = run;
        for (Point.Coordinate c : p.coordinates()) {
            if (runPath(c.path())) {
                ConfigNode.Location k = keyAt(c.path());
                t = ConfigLoader.set(t, c.path().substring(4), c.value(),
                        new ConfigNode.Location(k.file(), k.line(), k.column() + 4));
            }
        }
        return (ConfigNode.MapNode) t;
    }

    /** Binds one point for its runner; a bad value throws a located ConfigException. */
    public PointRunner.Job prepare(Point p) {
        return runner().prepare(config(p), runSection(p), context(p));
    }

    private PointRunner.Context context(Point p) {
        Path dir = file.toAbsolutePath().getParent();
        Optional<Path> preset = Optional.empty();
        ConfigNode t = rawBase;
        for (Point.Coordinate c : p.coordinates()) {
            if (presetPath(c.path())) {
                t = ConfigLoader.set(t, c.path(), c.value(), keyAt(c.path()));
            }
        }
        if (t instanceof ConfigNode.MapNode m && m.entries().size() == 1
                && m.get(ConfigLoader.EXTENDS) instanceof ConfigNode.Scalar s && !s.isNull()) {
            preset = Optional.of(loader.presetFile(s, dir));
        }
        List<String> sets = new ArrayList<>();
        for (Point.Coordinate c : p.coordinates()) {
            if (!presetPath(c.path()) && !runPath(c.path())) {
                sets.add(c.path() + "=" + c.text());
            }
        }
        return new PointRunner.Context(loader, dir, p.seed(), preset, sets);
    }

    /**
     * Binds, for every value of every axis, the first planned point that has it, so a bad value
     * anywhere is reported before anything runs. That is one binding per value, not per point,
     * and the bound jobs are returned by point index for the run to use instead of binding again.
     * Combinations that only fail together surface when their point runs.
     */
    public Map<Integer, PointRunner.Job> validate() {
        List<Point> pts = points();
        Set<Integer> chosen = new LinkedHashSet<>();
        for (Axis a : axes) {
            for (List<ConfigNode> tuple : a.values()) {
                for (Point p : pts) {
                    if (matches(p, a, tuple)) {
                        chosen.add(p.index());
                        break;
                    }
                }
            }
        }
        Map<Integer, PointRunner.Job> jobs = new LinkedHashMap<>();
        for (int i : chosen) {
            jobs.put(i, prepare(pts.get(i)));
        }
        return jobs;
    }

    private static boolean matches(Point p, Axis a, List<ConfigNode> tuple) {
        for (int j = 0; j < a.paths().size(); j++) {
            if (p.value(a.paths().get(j)) != tuple.get(j)) {
                return false;
            }
        }
        return true;
    }
}
