package dev.bitline.bench.kernel;

import dev.bitline.sim.perf.HoldWorkload;
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
 * Event scheduling + dispatch throughput ("hold" model, see {@link HoldWorkload}):
 * Bitline's primitive 4-ary heap kernel vs a PriorityQueue&lt;Event&gt; kernel,
 * on the same pre-drawn delays, with 10^6 events pending. Score = events/s.
 *
 * <pre>
 * mvn -B -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar EventQueueBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EventQueueBenchmark {
    private static final int EVENTS = 100_000;

    @Param({"1000000"})
    int pending;

    private HoldWorkload.BitlineRun bitline;
    private HoldWorkload.BaselineRun baseline;

    @Setup(Level.Trial)
    public void setUp() {
        HoldWorkload w = HoldWorkload.standard(pending);
        bitline = w.prepareBitline();
        baseline = w.prepareBaseline();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long bitlineKernel() {
        return bitline.run(EVENTS);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long priorityQueueBaseline() {
        return baseline.run(EVENTS);
    }
}
