package dev.bitline.mapping.sweep;

import dev.bitline.sim.io.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a sweep's points (or one shard of them) on an in-process worker pool: no JVM per point,
 * each point bound, simulated and written by one worker. Points already in the results folder are
 * skipped, so a rerun after a crash, a kill -9 or a Slurm preemption redoes only the points that
 * were in flight. A whole (unsharded) run ends with the merge: CSV and Pareto plots.
 */
public final class SweepRun {
    private SweepRun() {
    }

    /** Told as points finish (from worker threads: implementations synchronize). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** {@code todo} points will run; {@code skipped} were already done. */
        default void started(int todo, int skipped) {
        }

        default void pointDone(Point p, double wallSeconds) {
        }
    }

    /**
     * @param out   results folder
     * @param jobs  worker threads
     * @param shard the slice of the plan to run
     * @param merge  merge (CSV, plots) at the end of a whole run that finished every point
     */
    public record Options(Path out, int jobs, Shard shard, boolean merge) {
        public Options {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
            }
        }

        public Options(Path out, int jobs, Shard shard) {
            this(out, jobs, shard, true);
        }
    }

    /** A point that threw: its coordinates and the message (a model bug, or bad input seen late). */
    public record Failure(Point point, RuntimeException error) {
    }

    /**
     * @param planned  points in the whole plan
     * @param inShard  points of this shard
     * @param skipped  of those, already done before this run
     * @param ran      run and written now
     * @param failures points that threw
     * @param merged   the merge report, for a whole run that finished every point
     */
    public record Outcome(int planned, int inShard, int skipped, int ran, List<Failure> failures,
            Optional<SweepMerge.Report> merged) {
    }

    /**
     * Checks everything it can before the first point runs (the file, every axis value, the results
     * folder belongs to this sweep), then runs.
     *
     * @throws dev.bitline.sim.config.ConfigException for a bad sweep file (nothing written)
     * @throws InputException when {@code out} holds another sweep's results (nothing written)
     */
    public static Outcome run(Sweep sweep, Options o, Listener listener) {
        List<Point> plan = sweep.points();
        List<Point> mine = o.shard().select(plan);
        Map<Integer, PointRunner.Job> bound = new java.util.concurrent.ConcurrentHashMap<>(sweep.validate());
        PointStore store = new PointStore(o.out());
        Set<String> done = finished(sweep, store);
        store.writePlan(sweep);

        List<Point> todo = mine.stream().filter(p -> !done.contains(p.hash())).toList();
        int skipped = mine.size() - todo.size();
        listener.started(todo.size(), skipped);
        List<Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicReference<RuntimeException> badInput = new AtomicReference<>();
        AtomicInteger ran = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(o.jobs(), Math.max(1, todo.size())), r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true); // a killed run must not wait for workers
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Point p : todo) {
                futures.add(pool.submit(() -> {
                    if (badInput.get() != null) {
                        return; // the sweep file is wrong: stop starting points
                    }
                    try {
                        long t0 = System.nanoTime();
                        PointRunner.Job job = bound.remove(p.index());
                        SortedMap<String, Double> stats = (job != null ? job : sweep.prepare(p)).run();
                        double wall = (System.nanoTime() - t0) * 1e-9;
                        Map<String, Double> metrics = Metrics.compute(sweep.metrics(), stats);
                        store.writePoint(sweep, p, metrics, stats, wall);
                        ran.incrementAndGet();
                        listener.pointDone(p, wall);
                    } catch (InputException e) {
                        badInput.compareAndSet(null, e);
                    } catch (RuntimeException e) {
                        failures.add(new Failure(p, e));
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (badInput.get() != null) {
            throw badInput.get();
        }
        Optional<SweepMerge.Report> merged = Optional.empty();
        if (o.merge() && o.shard().isAll() && failures.isEmpty()) {
            merged = Optional.of(SweepMerge.merge(o.out()));
        }
        List<Failure> sorted = new ArrayList<>(failures);
        sorted.sort(java.util.Comparator.comparingInt(f -> f.point().index()));
        return new Outcome(plan.size(), mine.size(), skipped, ran.get(), sorted, merged);
    }

    /**
     * Hashes of this sweep's points already in {@code store}; another sweep's results there are an
     * error. Under this sweep's plan a point file is trusted by its name (its hash); without a plan
     * each file is read to check whose it is.
     */
    private static Set<String> finished(Sweep sweep, PointStore store) {
        PointStore.Plan old = store.readPlan();
        if (old != null && !old.sweepId().equals(sweep.id())) {
            throw new InputException("--out " + store.dir() + " holds the results of sweep '" + old.sweep() + "' (id "
                    + old.sweepId() + ", from " + old.file() + "), not of " + sweep.file() + " (id " + sweep.id()
                    + ") (expected a fresh --out folder for a changed sweep)");
        }
        Set<String> done = new HashSet<>();
        for (Path f : store.pointFiles()) {
            if (old != null) {
                String name = f.getFileName().toString();
                done.add(name.substring(0, name.length() - ".json".length()));
                continue;
            }
            PointStore.Stored s = PointStore.readPoint(f);
            if (!s.sweepId().equals(sweep.id())) {
                throw new InputException("--out " + store.dir() + ": " + f + " is a point of another sweep (id " + s.sweepId()
                        + ", not " + sweep.id() + ") (expected a fresh --out folder for a changed sweep)");
            }
            done.add(s.hash());
        }
        return done;
    }
}
