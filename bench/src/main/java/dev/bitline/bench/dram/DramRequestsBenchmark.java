package dev.bitline.bench.dram;

import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.dram.run.RunResult;
import dev.bitline.dram.run.SpeedWorkload;
import dev.bitline.dram.trace.RequestBuffer;
import dev.bitline.dram.trace.SyntheticSpec;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Simulated DRAM requests per wall-clock second, DDR4-3200 (configs/dram/ddr4-3200.yaml), one
 * channel, single thread, requests pre-generated into primitive arrays:
 *
 * <ul>
 *   <li>{@code flatOut}: 10^6 random or streaming requests fed as fast as the controller takes
 *       them (2/3 reads);
 *   <li>{@code sparse}: random requests at 5% data-bus utilization, event-driven vs the reference
 *       ticked controller (identical command trace; the ratio is what event-driven buys).
 * </ul>
 *
 * <pre>
 * mvn -B -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar DramRequestsBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 * Run from the repository root (the benchmark reads configs/).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DramRequestsBenchmark {
    static final int FLAT_OUT = 1_000_000;
    static final int SPARSE = 50_000;

    static DramRunConfig config() {
        Path root = ConfigLoader.findConfigsRoot(Path.of("")).orElseThrow(
                () -> new IllegalStateException("run from the repository root: no configs/ above " + Path.of("").toAbsolutePath()));
        return DramRunConfig.load(root.resolve("dram/ddr4-3200.yaml"), List.of());
    }

    @State(Scope.Benchmark)
    public static class FlatOut {
        @Param({"random", "stream"})
        String kind;

        DramRunConfig cfg;
        RequestBuffer requests;

        @Setup(Level.Trial)
        public void setUp() {
            cfg = config();
            requests = SpeedWorkload.requests(cfg.spec(), SyntheticSpec.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                    FLAT_OUT, 0, 1);
        }
    }

    @State(Scope.Benchmark)
    public static class Sparse {
        @Param({"event", "ticked"})
        String mode;

        DramRunConfig cfg;
        RequestBuffer requests;

        @Setup(Level.Trial)
        public void setUp() {
            cfg = config();
            requests = SpeedWorkload.requests(cfg.spec(), SyntheticSpec.Kind.RANDOM, SPARSE,
                    SpeedWorkload.rateForUtilization(cfg.spec(), 0.05), 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FLAT_OUT)
    public long flatOut(FlatOut s) {
        RunResult r = SpeedWorkload.run(s.cfg.spec(), s.cfg.controller(), s.requests);
        return r.cycles();
    }

    @Benchmark
    @OperationsPerInvocation(SPARSE)
    public long sparse(Sparse s) {
        RunResult r = SpeedWorkload.run(s.cfg.spec(), s.cfg.controller().withTicked(s.mode.equals("ticked")), s.requests);
        return r.cycles();
    }
}
