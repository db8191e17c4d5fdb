import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Side-by-side speed of two builds of the DRAM model in ONE JVM (issue 9's "within 5% of the
 * pre-split controller"): each build is loaded by its own class loader (its own classes, so its
 * own JIT profiles), both get the same synthetic requests (same seed), and their timed runs are
 * interleaved A B A B ... so the load other processes put on a shared machine falls on both alike.
 * Each round times one {@code SpeedWorkload.run} (the body of {@code bitline bench dram}) in
 * thread CPU time; the report is the ratio B/A of requests/s per round pair, median and
 * spread, plus each side's best.
 *
 * <pre>
 * DEPS=jackson...:snakeyaml...  java bench/tools/DramAB.java A_ROOT B_ROOT [C_ROOT ...] [config] [requests] [rounds] [kinds]
 * DRAMAB_PATH=runInMemory ...   (SpeedWorkload.runInMemory: energy on, as a trace run; default run, no listeners)
 * </pre>
 * A_ROOT and B_ROOT are checkouts with {@code sim} and {@code dram-model} compiled
 * ({@code mvn -o -q -DskipTests -pl dram-model -am package}); each side runs
 * {@code ROOT/dram-model/target/classes:ROOT/sim/target/classes:$DEPS} and reads the config
 * (default {@code configs/dram/ddr4-3200.yaml}) from its own root. Both sides must produce the
 * same run (cycles and a digest of the request counters are compared every round).
 */
public final class DramAB {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    static final class Side {
        final String name;
        final Method run, requests, cycles, stats, size;
        final Object spec, cfg;
        final Class<?> kindClass;

        Side(String name, Path root, String deps, String configRel) throws Exception {
            this.name = name;
            String cp = root.resolve("dram-model/target/classes") + ":" + root.resolve("sim/target/classes") + ":" + deps;
            Path config = root.resolve(configRel);
            List<URL> urls = new ArrayList<>();
            for (String p : cp.split(":")) if (!p.isEmpty()) urls.add(Path.of(p).toUri().toURL());
            ClassLoader l = new URLClassLoader(name, urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader()); // named: profiles tell the sides apart
            Class<?> rcC = Class.forName("dev.bitline.dram.run.DramRunConfig", true, l);
            Object rc = rcC.getMethod("load", Path.class, List.class).invoke(null, config, List.of());
            spec = rcC.getMethod("spec").invoke(rc);
            Object c = rcC.getMethod("controller").invoke(rc);
            cfg = c.getClass().getMethod("withTicked", boolean.class).invoke(c, false);
            Class<?> sw = Class.forName("dev.bitline.dram.run.SpeedWorkload", true, l);
            Class<?> specC = Class.forName("dev.bitline.dram.spec.DramSpec", true, l);
            Class<?> ccC = Class.forName("dev.bitline.dram.controller.ControllerConfig", true, l);
            Class<?> bufC = Class.forName("dev.bitline.dram.trace.RequestBuffer", true, l);
            kindClass = Class.forName("dev.bitline.dram.trace.SyntheticSpec$Kind", true, l);
            // DRAMAB_PATH=runInMemory: what a trace run does (energy counted, so the command stream
            // goes to a sink); default run: no listeners (what a sweep point costs)
            run = sw.getMethod(System.getenv().getOrDefault("DRAMAB_PATH", "run"), specC, ccC, bufC);
            requests = sw.getMethod("requests", specC, kindClass, int.class, double.class, long.class);
            Class<?> rr = Class.forName("dev.bitline.dram.run.RunResult", true, l);
            cycles = rr.getMethod("cycles");
            stats = rr.getMethod("stats");
            size = bufC.getMethod("size");
        }

        Object buffer(String kind, int n) throws Exception {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object k = Enum.valueOf((Class) kindClass, kind.toUpperCase());
            return requests.invoke(null, spec, k, n, 0.0, 1L);
        }

        /** Thread CPU ns of one run; out[0] = cycles, out[1] = a digest of the stats. */
        long time(Object buf, long[] out) throws Exception {
            long t0 = MX.getCurrentThreadCpuTime();
            Object r = run.invoke(null, spec, cfg, buf);
            long t1 = MX.getCurrentThreadCpuTime();
            out[0] = (long) cycles.invoke(r);
            Object s = stats.invoke(r);
            out[1] = 0;
            for (String m : new String[] {"reads", "writes", "rowHits", "rowMisses", "rowConflicts", "readLatencySum", "writeLatencySum", "maxReadLatency"}) {
                out[1] = out[1] * 31 + (long) s.getClass().getMethod(m).invoke(s);
            }
            return t1 - t0;
        }
    }

    public static void main(String[] a) throws Exception {
        // roots first (existing directories), then [config] [requests] [rounds] [kinds]
        List<Path> roots = new ArrayList<>();
        int k = 0;
        while (k < a.length && java.nio.file.Files.isDirectory(Path.of(a[k]))) roots.add(Path.of(a[k++]));
        if (roots.size() < 2) {
            System.err.println("usage: DEPS=cp java DramAB.java ROOT_A ROOT_B [ROOT_C ...] [config=configs/dram/ddr4-3200.yaml]"
                    + " [requests=1000000] [rounds=15] [kinds=random,stream]");
            System.exit(2);
        }
        String config = a.length > k ? a[k] : "configs/dram/ddr4-3200.yaml";
        int n = a.length > k + 1 ? Integer.parseInt(a[k + 1]) : 1_000_000;
        int rounds = a.length > k + 2 ? Integer.parseInt(a[k + 2]) : 15;
        String[] kinds = (a.length > k + 3 ? a[k + 3] : "random,stream").split(",");
        String deps = System.getenv().getOrDefault("DEPS", "");
        int m = roots.size();
        Side[] sides = new Side[m];
        for (int i = 0; i < m; i++) {
            sides[i] = new Side(String.valueOf((char) ('A' + i)), roots.get(i), deps, config);
            System.out.printf("%s = %s%n", sides[i].name, roots.get(i));
        }
        System.out.printf("%,d requests per run, %d interleaved rounds after 2 warm-up rounds (order rotated each round),"
                + " thread CPU time; ratios X/A per round%n", n, rounds);
        for (String kind : kinds) {
            Object[] bufs = new Object[m];
            for (int i = 0; i < m; i++) bufs[i] = sides[i].buffer(kind, n);
            long[][] out = new long[m][2];
            double[][] ratio = new double[m][rounds];
            double[] bestRps = new double[m];
            for (int round = -2; round < rounds; round++) {
                // rotate who goes first, so no side always runs right after another's garbage
                int first = Math.floorMod(round, m);
                long[] t = new long[m];
                for (int j = 0; j < m; j++) {
                    int i = (first + j) % m;
                    t[i] = sides[i].time(bufs[i], out[i]);
                }
                for (int i = 1; i < m; i++) {
                    if (out[i][0] != out[0][0] || out[i][1] != out[0][1]) {
                        throw new IllegalStateException(kind + ": " + sides[i].name + " ran differently from A: cycles "
                                + out[i][0] + " vs " + out[0][0] + ", stats digest " + out[i][1] + " vs " + out[0][1]);
                    }
                }
                if (round < 0) continue;
                for (int i = 0; i < m; i++) {
                    double r = n / (t[i] * 1e-9);
                    bestRps[i] = Math.max(bestRps[i], r);
                    ratio[i][round] = (double) t[0] / t[i];
                }
            }
            StringBuilder line = new StringBuilder(String.format("%-7s best A %,11.0f", kind, bestRps[0]));
            for (int i = 1; i < m; i++) {
                double[] s = ratio[i].clone();
                Arrays.sort(s);
                line.append(String.format(" | %s/A median %.3f IQR %.3f-%.3f (best %,.0f)", sides[i].name, s[rounds / 2],
                        s[rounds / 4], s[(3 * rounds) / 4], bestRps[i]));
            }
            System.out.println(line);
            System.out.flush();
        }
    }
}
