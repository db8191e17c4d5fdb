package dev.bitline.mapping.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code bitline bench sweep} measures, in one process: a sweep's points simulated bare (each
 * point bound and run in a plain loop, nothing written), then by the engine with one worker and
 * with N. The engine's per-point overhead is its one-worker time over the bare time; the speed-up
 * is the one-worker time over the N-worker time.
 */
public final class SweepBench {
    private SweepBench() {
    }

    /**
     * @param points      points per pass
     * @param bareSeconds best bare pass (the fastest: a conservative overhead)
     * @param oneSeconds  best engine pass with one worker (points bound, run, written; merge apart)
     * @param nSeconds    engine, {@code jobs} workers
     * @param jobs        workers of the last pass
     * @param mergeSeconds the merge once all points are done (CSV and plots: per sweep, not per point)
     */
    public record Result(int points, double bareSeconds, double oneSeconds, double nSeconds, int jobs,
            double mergeSeconds) {
        public double overhead() {
            return oneSeconds / bareSeconds - 1;
        }

        public double speedup() {
            return oneSeconds / nSeconds;
        }
    }

    /** {@code rounds} interleaved rounds of bare and one-worker passes, then of N-worker passes; best of each. */
    public static Result run(Sweep sweep, int jobs, int rounds, Path scratch) {
        List<Point> pts = sweep.points();
        sweep.validate();
        // warm-up: the JIT sees the model and the engine before anything is timed
        bare(pts, sweep);
        engine(sweep, scratch.resolve("warm"), jobs);
        double bare = Double.POSITIVE_INFINITY;
        double one = Double.POSITIVE_INFINITY;
        double n = Double.POSITIVE_INFINITY;
        double merge = Double.POSITIVE_INFINITY;
        for (int r = 0; r < rounds; r++) {
            bare = Math.min(bare, bare(pts, sweep));
            double[] e = engine(sweep, scratch.resolve("one"), 1);
            one = Math.min(one, e[0]);
            merge = Math.min(merge, e[1]);
        }
        for (int r = 0; r < rounds; r++) {
            n = Math.min(n, engine(sweep, scratch.resolve("n"), jobs)[0]);
        }
        return new Result(pts.size(), bare, one, n, jobs, merge);
    }

    private static double bare(List<Point> pts, Sweep sweep) {
        long t0 = System.nanoTime();
        double sink = 0;
        for (Point p : pts) {
            sink += sweep.prepare(p).run().size();
        }
        if (sink < 0) {
            throw new AssertionError(); // keeps the results alive
        }
        return (System.nanoTime() - t0) * 1e-9;
    }

    /** One engine pass, and its merge timed apart (per sweep, not per point): {seconds, merge seconds}. */
    private static double[] engine(Sweep sweep, Path out, int jobs) {
        delete(out);
        long t0 = System.nanoTime();
        SweepRun.run(sweep, new SweepRun.Options(out, jobs, Shard.ALL, false), SweepRun.Listener.NONE);
        double s = (System.nanoTime() - t0) * 1e-9;
        long t1 = System.nanoTime();
        SweepMerge.merge(out);
        double m = (System.nanoTime() - t1) * 1e-9;
        delete(out);
        return new double[] {s, m};
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
