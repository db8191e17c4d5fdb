package dev.bitline.mapping.sweep;

import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.dram.run.RunResult;
import dev.bitline.dram.run.TraceRun;
import dev.bitline.dram.trace.RequestSource;
import dev.bitline.dram.trace.SyntheticSource;
import dev.bitline.dram.trace.SyntheticSpec;
import dev.bitline.dram.trace.TextTraceReader;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import dev.bitline.sim.io.InputException;
import dev.bitline.sim.random.RandomStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A DRAM point: one {@code bitline dram} run ({@link TraceRun}) of synthetic traffic or a trace
 * through the base DRAM config with the axes applied. Stats: the run's registry
 * ({@code dram.cycles}, {@code dram.rowHits}, {@code dram.readLatency.p99},
 * {@code dram.energyPj.total}, ...) plus {@code dram.bandwidthGBps}, {@code dram.rowHitRate},
 * {@code dram.peakGBps}, {@code dram.tCKns} (to turn cycles into ns) and
 * {@code dram.energyPjPerBit}.
 */
public final class DramPoint implements PointRunner {

    /**
     * The {@code run:} keys of a DRAM point (what {@code bitline dram} takes as flags).
     *
     * @param traffic   synthetic traffic as {@code --synthetic} spells it ({@code random:20000,read=0.7})
     * @param trace     a request trace file (relative to the sweep file), instead of traffic
     * @param feedWidth requests the feed may deliver per DRAM cycle
     * @param check     run the independent timing checker on every point (a violation fails the point)
     */
    public record Inputs(Optional<String> traffic, Optional<String> trace,
            @Default("1") @Range(min = 1, max = 1024) int feedWidth, @Default("false") boolean check) {
        public Inputs {
            if (traffic.isPresent() == trace.isPresent()) {
                throw new IllegalArgumentException("a DRAM point needs exactly one of 'traffic' (e.g. random:20000) and 'trace' (a file)");
            }
        }
    }

    @Override
    public String kind() {
        return "dram";
    }

    @Override
    public String describe() {
        return "a DRAM config (configs/dram/*.yaml); run: {traffic: random:20000 | trace: FILE, feedWidth, check}";
    }

    @Override
    public boolean accepts(ConfigNode.MapNode config) {
        return config.has("organization");
    }

    @Override
    public Job prepare(ConfigNode config, ConfigNode.MapNode run, Context context) {
        DramRunConfig rc = DramRunConfig.fromTree(config);
        Inputs in = PointRunner.bindRun(run, Inputs.class);
        long capacity = rc.spec().organization().totalBytes();
        SyntheticSpec synthetic;
        Path trace;
        if (in.traffic().isPresent()) {
            try {
                synthetic = SyntheticSpec.parse(in.traffic().get()).withLineBytes(rc.spec().organization().burstBytes());
            } catch (InputException | IllegalArgumentException e) {
                throw new ConfigException(run.locationOf("traffic"), "bad traffic: " + e.getMessage()
                        + " (expected KIND:COUNT[,read=R][,rate=X]..., e.g. random:20000)");
            }
            trace = null;
        } else {
            synthetic = null;
            trace = context.sweepDir().resolve(in.trace().get());
            if (!Files.isRegularFile(trace)) {
                throw new ConfigException(run.locationOf("trace"), "no such trace file " + trace
                        + " (expected a request trace, relative to the sweep file)");
            }
        }
        long seed = context.seed();
        double peak = rc.spec().peakBandwidthBytesPerSecond() / 1e9;
        return () -> {
            RequestSource source = synthetic != null
                    ? new SyntheticSource(synthetic, new RandomStreams(seed).stream("dram.synthetic"), capacity)
                    : TextTraceReader.open(trace, null, capacity);
            RunResult r = new TraceRun(rc.spec(), rc.controller()).check(in.check()).feedWidth(in.feedWidth()).run(source);
            if (r.check() != null && !r.check().clean()) {
                throw new IllegalStateException("the timing checker found violations (a model bug): "
                        + r.check().summary(1).strip());
            }
            SortedMap<String, Double> s = PointStats.of(r.registry());
            s.put("dram.requests", (double) r.requests());
            s.put("dram.bandwidthGBps", r.bandwidthGBps());
            s.put("dram.peakGBps", peak);
            s.put("dram.tCKns", r.tCKps() / 1000.0);
            s.put("dram.rowHitRate", r.rowHitRate());
            if (r.energy() != null) {
                s.put("dram.energyPjPerBit", r.energy().perBitPj());
            }
            return s;
        };
    }
}
