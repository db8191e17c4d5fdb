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
 * DEPS=jackson...:snakeyaml...  java bench/tools/DramAB.java A_ROOT B_ROOT [config] [requests] [rounds] [kinds]
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
            run = sw.getMethod("run", specC, ccC, bufC);
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
        if (a.length < 2) {
            System.err.println("usage: DEPS=cp java DramAB.java A_ROOT B_ROOT [config=configs/dram/ddr4-3200.yaml] [requests=1000000] [rounds=15] [kinds=random,stream]");
            System.exit(2);
        }
        String config = a.length > 2 ? a[2] : "configs/dram/ddr4-3200.yaml";
        String deps = System.getenv().getOrDefault("DEPS", "");
        int n = a.length > 3 ? Integer.parseInt(a[3]) : 1_000_000;
        int rounds = a.length > 4 ? Integer.parseInt(a[4]) : 15;
        String[] kinds = (a.length > 5 ? a[5] : "random,stream").split(",");
        Side[] sides = {new Side("A", Path.of(a[0]), deps, config), new Side("B", Path.of(a[1]), deps, config)};
        System.out.printf("A = %s%nB = %s%n%,d requests per run, %d interleaved round pairs after 2 warm-up pairs, thread CPU time%n",
                a[0], a[1], n, rounds);
        for (String kind : kinds) {
            Object[] bufs = {sides[0].buffer(kind, n), sides[1].buffer(kind, n)};
            long[] o0 = new long[2], o1 = new long[2];
            double[] ratio = new double[rounds];
            double[] bestRps = new double[2];
            for (int i = -2; i < rounds; i++) {
                // alternate who goes first, so neither side always runs right after the other's GC
                int first = (i & 1) == 0 ? 0 : 1;
                long[] t = new long[2];
                t[first] = sides[first].time(bufs[first], first == 0 ? o0 : o1);
                t[1 - first] = sides[1 - first].time(bufs[1 - first], first == 0 ? o1 : o0);
                if (o0[0] != o1[0] || o0[1] != o1[1]) {
                    throw new IllegalStateException(kind + ": the two builds ran differently: cycles " + o0[0] + " vs "
                            + o1[0] + ", stats digest " + o0[1] + " vs " + o1[1]);
                }
                if (i < 0) continue;
                double ra = n / (t[0] * 1e-9), rb = n / (t[1] * 1e-9);
                bestRps[0] = Math.max(bestRps[0], ra);
                bestRps[1] = Math.max(bestRps[1], rb);
                ratio[i] = rb / ra;
            }
            double[] s = ratio.clone();
            Arrays.sort(s);
            double med = s[rounds / 2];
            double q1 = s[rounds / 4], q3 = s[(3 * rounds) / 4];
            System.out.printf("%-7s best A %,11.0f  best B %,11.0f  req/s | B/A per pair: median %.3f, IQR %.3f-%.3f, min %.3f, max %.3f; best/best %.3f%n",
                    kind, bestRps[0], bestRps[1], med, q1, q3, s[0], s[rounds - 1], bestRps[1] / bestRps[0]);
            System.out.flush();
        }
    }
}
