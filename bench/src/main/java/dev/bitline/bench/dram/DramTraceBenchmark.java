package dev.bitline.bench.dram;

import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.dram.run.RunResult;
import dev.bitline.dram.run.SpeedWorkload;
import dev.bitline.dram.trace.RequestBuffer;
import dev.bitline.dram.trace.RequestSource;
import dev.bitline.dram.trace.TextTraceReader;
import dev.bitline.sim.config.ConfigLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The path a user runs, {@code bitline dram --trace}: a DRAMsim3-format trace file (10^6 uniform
 * random 64 B requests, 1/3 writes, plain or gzip) parsed and simulated with stats and energy on,
 * beside the same requests simulated from memory and the file parsed alone. DDR4-2400 as the
 * reference simulators (configs/dram/validation/ddr4-2400-dramsim3.yaml), one thread.
 *
 * <pre>
 * mvn -B -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar DramTraceBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 * Run from the repository root (the benchmark reads configs/). The trace is written to a
 * temporary folder at setup, so it needs no reference files.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DramTraceBenchmark {
    static final int REQUESTS = 1_000_000;

    @State(Scope.Benchmark)
    public static class Trace {
        @Param({"plain", "gzip"})
        String compression;

        DramRunConfig cfg;
        Path dir;
        Path file;
        RequestBuffer requests;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path root = ConfigLoader.findConfigsRoot(Path.of("")).orElseThrow(() -> new IllegalStateException(
                    "run from the repository root: no configs/ above " + Path.of("").toAbsolutePath()));
            cfg = DramRunConfig.load(root.resolve("dram/validation/ddr4-2400-dramsim3.yaml"), List.of());
            dir = Files.createTempDirectory("bitline-trace-bench");
            file = dir.resolve(compression.equals("gzip") ? "random-1m.trace.gz" : "random-1m.trace");
            long lines = cfg.spec().organization().totalBytes() / 64;
            SplittableRandom r = new SplittableRandom(15);
            try (OutputStream raw = Files.newOutputStream(file);
                    OutputStream o = compression.equals("gzip") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                    Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(o, StandardCharsets.US_ASCII), 1 << 16)) {
                for (int i = 0; i < REQUESTS; i++) {
                    w.write("0x" + Long.toHexString(r.nextLong(lines) * 64).toUpperCase()
                            + (r.nextInt(3) == 0 ? " WRITE 0\n" : " READ 0\n"));
                }
            }
            requests = RequestBuffer.readAll(TextTraceReader.open(file, null, cfg.spec().organization().totalBytes()));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** Parse + simulate + stats + energy from the file: what {@code bitline dram --trace} spends per run. */
    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public long fromFile(Trace t) {
        RunResult r = SpeedWorkload.runTrace(t.cfg.spec(), t.cfg.controller(), t.file);
        return r.cycles();
    }

    /** The same requests and stats from primitive arrays: the trace path's baseline. */
    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public long inMemory(Trace t) {
        RunResult r = SpeedWorkload.runInMemory(t.cfg.spec(), t.cfg.controller(), t.requests);
        return r.cycles();
    }

    /** Parsing alone, lines per second. */
    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public long parseOnly(Trace t) {
        long sum = 0;
        try (RequestSource s = TextTraceReader.open(t.file, null, t.cfg.spec().organization().totalBytes())) {
            while (s.next()) {
                sum += s.address() ^ s.cycle();
            }
        }
        return sum;
    }
}
