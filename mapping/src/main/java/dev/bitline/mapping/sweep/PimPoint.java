package dev.bitline.mapping.sweep;

import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.run.GemvResult;
import dev.bitline.pim.run.GemvRun;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A PIM point: {@code bitline pim gemv|gemm} ({@link GemvRun}) on a PIM device preset
 * ({@code configs/pim/*.yaml}) with the axes applied: W laid out across channels and banks, every
 * channel's commands on the DRAM timing engine. Stats: {@code pim.cycles}, {@code pim.seconds},
 * {@code pim.utilization}, {@code pim.gmacPerSecond}, {@code pim.peakGmacPerSecond},
 * {@code pim.internalGBps}, {@code pim.energyUJ}, {@code pim.pJPerMac}, {@code pim.loss.<kind>}.
 */
public final class PimPoint implements PointRunner {

    /**
     * What {@code bitline pim gemv} takes as flags.
     *
     * @param rows       rows of W (outputs)
     * @param cols       columns of W (reduction length)
     * @param batch      input vectors (1: GEMV)
     * @param precision  input format (absent: the unit's first)
     * @param timingOnly skip the numerics (same timing; the default for sweeps)
     * @param check      run the independent timing checker (a violation fails the point)
     */
    public record Inputs(@Default("4096") @Range(min = 1) int rows, @Default("4096") @Range(min = 1) int cols,
            @Default("1") @Range(min = 1) int batch, Optional<String> precision, @Default("true") boolean timingOnly,
            @Default("false") boolean check) {
    }

    @Override
    public String kind() {
        return "pim";
    }

    @Override
    public String describe() {
        return "a PIM device preset (configs/pim/*.yaml); run: {rows, cols, batch, precision, timingOnly, check}";
    }

    @Override
    public boolean accepts(ConfigNode.MapNode config) {
        return config.has("unit") && config.has("globalBuffer");
    }

    @Override
    public Job prepare(ConfigNode config, ConfigNode.MapNode run, Context context) {
        PimSystem sys = PimSystem.fromTree(config);
        Inputs in = PointRunner.bindRun(run, Inputs.class);
        InputFormat f;
        try {
            f = in.precision().map(InputFormat::parse).orElse(sys.precisions().get(0));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(run.locationOf("precision"), e.getMessage() + " (expected one of the unit's: "
                    + sys.precisions().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList() + ")");
        }
        if (sys.unsupported(f) != null) {
            throw new ConfigException(run.locationOf("precision"), sys.unsupported(f) + " (expected one of the unit's: "
                    + sys.precisions().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList() + ")");
        }
        try {
            GemvRun.layout(sys, in.rows(), in.cols(), f);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(run.locationOf("rows"), "rows " + in.rows() + " x cols " + in.cols() + ": "
                    + e.getMessage() + " (expected a shape the device lays out)");
        }
        if (!in.timingOnly() && (long) in.rows() * in.cols() > 64L * 1024 * 1024) {
            throw new ConfigException(run.locationOf("timingOnly"), in.rows() + " x " + in.cols()
                    + " is too large for numerics (expected timingOnly: true)");
        }
        GemvRun.Options o = new GemvRun.Options(!in.timingOnly(), false, in.check(), context.seed(), null);
        return () -> {
            GemvResult r = GemvRun.run(sys, in.rows(), in.cols(), in.batch(), f, o);
            if (r.check() != null && !r.check().clean()) {
                throw new IllegalStateException("the timing checker found violations (a model bug): " + r.check().summary(1).strip());
            }
            if (Boolean.FALSE.equals(r.verified())) {
                throw new IllegalStateException("PIM output does not match the reference: a model bug");
            }
            SortedMap<String, Double> s = new TreeMap<>();
            s.put("pim.cycles", (double) r.cycles());
            s.put("pim.seconds", r.seconds());
            s.put("pim.utilization", r.utilization());
            s.put("pim.gmacPerSecond", r.macsPerSecond() / 1e9);
            s.put("pim.peakGmacPerSecond", r.peakMacsPerSecond() / 1e9);
            s.put("pim.internalGBps", r.internalBytesPerSecond() / 1e9);
            s.put("pim.energyUJ", r.energy().total() * 1e-6);
            s.put("pim.pJPerMac", r.energyPerMacPj());
            s.put("pim.commands", (double) r.commands());
            r.loss().forEach((k, v) -> s.put("pim.loss." + k.name().toLowerCase(Locale.ROOT), v));
            return s;
        };
    }
}
