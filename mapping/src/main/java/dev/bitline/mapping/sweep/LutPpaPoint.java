package dev.bitline.mapping.sweep;

import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.lut.ppa.CostModel;
import dev.bitline.lut.ppa.LutDesign;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.lut.ppa.LutPpa;
import dev.bitline.lut.ppa.MacPpa;
import dev.bitline.lut.ppa.PpaResult;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.config.Default;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A LUT PPA point: area, power, compute density and energy efficiency of the configured LUT array
 * (tile shape, tables, precompute from the config) at one weight width and activation format,
 * beside the throughput-matched dequantize+MAC array ({@code bitline lut ppa}'s grid, one cell).
 * Stats: {@code lut.*} and {@code mac.*} ({@code areaUm2 powerMw tops topsPerMm2 topsPerW}),
 * {@code ratio.density}, {@code ratio.efficiency} (LUT over MAC).
 */
public final class LutPpaPoint implements PointRunner {

    /**
     * @param weightBits weight width the throughput is counted at
     * @param acts       activation format: int8, fp16 or bf16
     */
    public record Inputs(@Default("2") int weightBits, @Default("int8") String acts) {
    }

    @Override
    public String kind() {
        return "lut-ppa";
    }

    @Override
    public String describe() {
        return "a LUT tensor core config (configs/lut/*.yaml), PPA model; run: {weightBits, acts}";
    }

    @Override
    public boolean accepts(ConfigNode.MapNode config) {
        return LutPoints.accepts(config);
    }

    @Override
    public Job prepare(ConfigNode config, ConfigNode.MapNode run, Context context) {
        LutTensorCoreConfig c = LutPoints.bind(config);
        Inputs in = PointRunner.bindRun(run, Inputs.class);
        ActivationFormat act;
        try {
            act = ActivationFormat.parse(in.acts());
            LutDesign.requireCosted(act);
        } catch (IllegalArgumentException e) {
            throw LutPoints.bad(run, "acts", e.getMessage(), "int8, fp16 or bf16");
        }
        int max = c.array().maxWeightBits();
        if (in.weightBits() < 1 || in.weightBits() > max) {
            throw LutPoints.bad(run, "weightBits", "weightBits " + in.weightBits() + " is outside what the array handles",
                    "1.." + max + " (array.maxWeightBits)");
        }
        CostModel cost = new CostModel(LutPoints.tech(context.loader(), config, c));
        double hz = c.array().clock().hz();
        return () -> {
            PpaResult lut = LutPpa.evaluate("LUT", c.lutDesign(), in.weightBits(), act, cost, hz, c.bufferSizes());
            PpaResult mac = MacPpa.evaluate("MAC", c.macDesign(), c.lutDesign(), in.weightBits(), act, cost, hz,
                    c.bufferSizes());
            SortedMap<String, Double> s = new TreeMap<>();
            put(s, "lut", lut);
            put(s, "mac", mac);
            s.put("ratio.density", lut.topsPerMm2() / mac.topsPerMm2());
            s.put("ratio.efficiency", lut.topsPerW() / mac.topsPerW());
            return s;
        };
    }

    private static void put(SortedMap<String, Double> s, String prefix, PpaResult r) {
        s.put(prefix + ".areaUm2", r.areaUm2());
        s.put(prefix + ".powerMw", r.powerMw());
        s.put(prefix + ".tops", r.tops());
        s.put(prefix + ".topsPerMm2", r.topsPerMm2());
        s.put(prefix + ".topsPerW", r.topsPerW());
    }
}
