package dev.bitline.cli;

import dev.bitline.mapping.sweep.Point;
import dev.bitline.mapping.sweep.Shard;
import dev.bitline.mapping.sweep.SlurmArray;
import dev.bitline.mapping.sweep.Sweep;
import dev.bitline.mapping.sweep.SweepMerge;
import dev.bitline.mapping.sweep.SweepRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bitline sweep}: a design-space sweep from a sweep file (configs/sweeps/), run here on a
 * worker pool, as one shard, or as a Slurm array job; {@code --merge} joins the results. Thin: the
 * engine is mapping's {@code dev.bitline.mapping.sweep}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a design-space sweep: every point of the sweep file's axes, in parallel, resumable.",
            "Example: bitline sweep configs/sweeps/dram-policies.yaml --jobs 8",
            "Exit status: 0 done, 1 a point failed (a bug), 2 bad input, 3 --merge found points missing or duplicated."})
public final class SweepCommand implements Callable<Integer> {
    static final int EXIT_INCOMPLETE = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP", description = "Sweep file, e.g. configs/sweeps/dram-policies.yaml")
    Path file;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder (default: results/runs/sweeps/<name>): plan.json, points/, results.csv, pareto-*.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "Worker threads (default: the cores, ${sys:bitline.cores}).")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Run only shard i of n (0-based; default: SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT when set).")
    String shard;

    @Option(names = "--dry-run", description = "Check the file and list the points; run nothing, write nothing.")
    boolean dryRun;

    @Option(names = "--merge", paramLabel = "DIR",
            description = "Join the points under DIR (shards side by side too) into results.csv and plots; report missing and duplicated points.")
    Path merge;

    @Option(names = "--slurm", description = "Submit as a Slurm array job (one shard per task) plus a merge job; needs sbatch.")
    boolean slurm;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition (default: the cluster's default).")
    String partition;

    @Option(names = "--time", paramLabel = "T", description = "Slurm time limit per task, e.g. 30 or 2:00:00.")
    String time;

    @Option(names = "--array-parallel", paramLabel = "K", description = "At most K array tasks at once (--array=0-N%%K).")
    Integer arrayParallel;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "32",
            description = "Array tasks (shards) for --slurm, at most one per point (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--cpus-per-task", paramLabel = "C", defaultValue = "1",
            description = "Cores per array task; each task runs that many workers (default ${DEFAULT-VALUE}).")
    int cpusPerTask;

    @Option(names = "--sbatch", paramLabel = "CMD", defaultValue = "sbatch", description = "The sbatch command (default ${DEFAULT-VALUE}).")
    String sbatch;

    static {
        System.setProperty("bitline.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (merge != null) {
            if (file != null || slurm || shard != null) {
                throw new UsageError("sweep: --merge DIR takes no sweep file, --slurm or --shard (the plan is in DIR)");
            }
            return printMerge(o, SweepMerge.merge(merge));
        }
        if (file == null) {
            throw new UsageError("sweep: give a sweep file (e.g. bitline sweep configs/sweeps/dram-policies.yaml) or --merge DIR");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageError("sweep: no such sweep file " + file + " (expected a YAML file, e.g. configs/sweeps/dram-policies.yaml)");
        }
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) {
            throw new UsageError("sweep: --jobs " + n + " (expected >= 1 worker)");
        }
        Shard sh = shard != null ? Shard.parse(shard, "--shard") : Optional.ofNullable(Shard.fromSlurm(System.getenv())).orElse(Shard.ALL);
        Sweep sw = Sweep.load(file);
        List<Point> plan = sw.points();
        Path dir = out != null ? out : Path.of("results", "runs", "sweeps", sw.name());
        o.printf("sweep %s (%s): %,d points, %s runner, id %s%n", sw.name(), file, plan.size(), sw.runner().kind(), sw.id());
        if (dryRun) {
            sw.validate();
            List<Point> mine = sh.select(plan);
            o.printf("shard %s: %,d points%n", sh, mine.size());
            for (Point p : mine.subList(0, Math.min(mine.size(), 20))) {
                o.printf("  %4d %s  %s%n", p.index(), p.hash(), p.coordinates().stream()
                        .map(c -> c.path() + "=" + c.text()).reduce((a, b) -> a + " " + b).orElse(""));
            }
            if (mine.size() > 20) {
                o.printf("  ... %,d more%n", mine.size() - 20);
            }
            return Bitline.EXIT_OK;
        }
        if (slurm) {
            return submit(o, sw, dir);
        }
        if (partition != null || time != null || arrayParallel != null) {
            throw new UsageError("sweep: --partition, --time and --array-parallel go with --slurm");
        }
        AtomicLong done = new AtomicLong();
        long t0 = System.nanoTime();
        SweepRun.Outcome r;
        try (ProgressBarListener bar = new ProgressBarListener(o, sh, n, done)) {
            r = SweepRun.run(sw, new SweepRun.Options(dir, n, sh), bar);
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        o.printf("ran %,d point(s) in %.1f s (%.2f points/s); %,d were already done%n", r.ran(), wall,
                r.ran() / Math.max(wall, 1e-9), r.skipped());
        if (!r.failures().isEmpty()) {
            PrintWriter e = spec.commandLine().getErr();
            e.printf("bitline: sweep: %d point(s) failed (a bug, please report it); a rerun retries them:%n", r.failures().size());
            r.failures().stream().limit(10).forEach(f -> e.printf("  point %d %s: %s%n", f.point().index(),
                    f.point().hash(), f.error()));
            return Bitline.EXIT_INTERNAL;
        }
        if (r.merged().isPresent()) {
            return printMerge(o, r.merged().get());
        }
        o.printf("shard %s done: %,d points in %s/points; join the shards with: bitline sweep --merge %s%n", sh,
                r.inShard(), dir, dir);
        return Bitline.EXIT_OK;
    }

    private int submit(PrintWriter o, Sweep sw, Path dir) {
        if (shard != null) {
            throw new UsageError("sweep: --slurm makes its own shards (--tasks N); drop --shard");
        }
        sw.validate();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> base = new ArrayList<>(List.of(java, "-cp", classpath(), Bitline.class.getName(), "sweep"));
        List<String> run = new ArrayList<>(base);
        run.addAll(List.of(file.toAbsolutePath().toString(), "--out", dir.toAbsolutePath().toString()));
        List<String> mergeCmd = new ArrayList<>(base);
        mergeCmd.addAll(List.of("--merge", dir.toAbsolutePath().toString()));
        SlurmArray.Submission s = SlurmArray.submit(sw, dir, new SlurmArray.Options(Optional.ofNullable(partition),
                Optional.ofNullable(time), Optional.ofNullable(arrayParallel), tasks, cpusPerTask, sbatch),
                run, mergeCmd, Path.of(""));
        o.printf("submitted array job %s (%d tasks, %s) and merge job %s%n", s.arrayJob(), s.tasks(), s.script(), s.mergeJob());
        o.printf("watch: squeue -j %s,%s   results: %s/results.csv (or: bitline sweep --merge %s)%n", s.arrayJob(),
                s.mergeJob(), dir, dir);
        return Bitline.EXIT_OK;
    }

    /** The running CLI's class path, absolute, so array tasks run this very build. */
    private static String classpath() {
        String cp = System.getProperty("bitline.classpath", System.getProperty("java.class.path"));
        List<String> parts = new ArrayList<>();
        for (String p : cp.split(java.io.File.pathSeparator)) {
            if (!p.isBlank()) {
                parts.add(Path.of(p).toAbsolutePath().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, parts);
    }

    private int printMerge(PrintWriter o, SweepMerge.Report r) {
        o.printf("merged %s: %,d of %,d points%n", r.dir(), r.found(), r.planned());
        if (!r.missing().isEmpty()) {
            o.printf("missing %,d point(s) (rerun the sweep with the same --out to fill them):%n", r.missing().size());
            r.missing().stream().limit(10).forEach(p -> o.printf("  %4d %s  %s%n", p.index(), p.hash(), p.coordinates()));
        }
        if (!r.duplicates().isEmpty()) {
            o.printf("duplicated %,d point(s) (the first file is used):%n", r.duplicates().size());
            r.duplicates().stream().limit(10).forEach(d -> o.printf("  %s %s in %s%n", d.hash(),
                    d.identical() ? "(identical)" : "(DIFFERENT results)", d.files()));
        }
        o.printf("results: %s%n", r.csv());
        r.plots().forEach(p -> o.printf("  %s%n", p));
        return r.complete() ? Bitline.EXIT_OK : EXIT_INCOMPLETE;
    }

    /** The progress bar (with ETA) on stderr while points finish. */
    private static final class ProgressBarListener implements SweepRun.Listener, AutoCloseable {
        private final PrintWriter out;
        private final Shard shard;
        private final int jobs;
        private final AtomicLong done;
        private ProgressReporter bar;

        ProgressBarListener(PrintWriter out, Shard shard, int jobs, AtomicLong done) {
            this.out = out;
            this.shard = shard;
            this.jobs = jobs;
            this.done = done;
        }

        @Override
        public synchronized void started(int todo, int skipped) {
            out.printf("shard %s: %,d to run, %,d done before; %d worker(s)%n", shard, todo, skipped, jobs);
            out.flush();
            bar = new ProgressReporter("sweep", todo, done::get);
        }

        @Override
        public synchronized void pointDone(Point p, double wallSeconds) {
            done.incrementAndGet();
            bar.update();
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
