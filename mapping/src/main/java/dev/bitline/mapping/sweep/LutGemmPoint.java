package dev.bitline.mapping.sweep;

import dev.bitline.lut.cycle.CycleReport;
import dev.bitline.lut.cycle.LutGemmRun;
import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.lut.cycle.RunEnergy;
import dev.bitline.lut.ppa.CostModel;
import dev.bitline.mapping.memory.LutMemory;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import java.util.SplittableRandom;
import java.util.SortedMap;

/**
 * A LUT GEMM point: {@code bitline lut gemm} on the cycle model with random operands (from the
 * point's seed), the output checked against dequantize-then-GEMM (a mismatch fails the point).
 * Stats: the run's {@code lut.*} registry plus {@code lut.cycles}, {@code lut.utilization},
 * {@code lut.seconds}, {@code lut.tops} (achieved), and for int8/fp16/bf16 activations
 * {@code lut.energyPj} and {@code lut.topsPerW} (array energy, {@link RunEnergy}).
 */
public final class LutGemmPoint implements PointRunner {

    /** The GEMM O[M,N] = A[M,K] x W[N,K]^T and its formats, as {@code bitline lut gemm} takes them. */
    public record Inputs(@Default("1") @Range(min = 1) int m, @Default("1024") @Range(min = 1) int n,
            @Default("1024") @Range(min = 1) int k, @Default("w2") String weights, @Default("int8") String acts,
            @Default("128") @Range(min = 1) int groupSize) {
    }

    @Override
    public String kind() {
        return "lut-gemm";
    }

    @Override
    public String describe() {
        return "a LUT tensor core config (configs/lut/*.yaml), cycle model; run: {m, n, k, weights, acts, groupSize}";
    }

    @Override
    public boolean accepts(ConfigNode.MapNode config) {
        return LutPoints.accepts(config);
    }

    @Override
    public Job prepare(ConfigNode config, ConfigNode.MapNode run, Context context) {
        LutTensorCoreConfig c = LutPoints.bind(config);
        Inputs in = PointRunner.bindRun(run, Inputs.class);
        WeightFormat wf;
        ActivationFormat af;
        try {
            wf = WeightFormat.parse(in.weights());
        } catch (IllegalArgumentException e) {
            throw LutPoints.bad(run, "weights", e.getMessage(), "a weight format such as w2, uint4, ternary");
        }
        try {
            af = ActivationFormat.parse(in.acts());
        } catch (IllegalArgumentException e) {
            throw LutPoints.bad(run, "acts", e.getMessage(), "int8, fp16 or bf16");
        }
        if (wf.planes() > c.array().maxWeightBits()) {
            throw LutPoints.bad(run, "weights", wf.name() + " has " + wf.planes() + " bit-planes",
                    "at most array.maxWeightBits = " + c.array().maxWeightBits());
        }
        if (in.groupSize() % c.array().tile().k() != 0) {
            throw LutPoints.bad(run, "groupSize", "groupSize " + in.groupSize() + " is not a multiple of the tile k",
                    "a multiple of array.tile.k = " + c.array().tile().k());
        }
        if (c.lutConfig().g() != c.array().tile().k()) {
            throw LutPoints.bad(run, "", "table group g=" + c.lutConfig().g() + " differs from tile k=" + c.array().tile().k(),
                    "equal values");
        }
        LutMemory memory = LutMemory.of(c, context.loader().configsRoot());
        CostModel cost = af == ActivationFormat.FP32 ? null : new CostModel(LutPoints.tech(context.loader(), config, c));
        long seed = context.seed();
        return () -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            Activations a = Activations.random(af, in.m(), in.k(), rnd);
            PackedWeights w = PackedWeights.random(wf, in.n(), in.k(), in.groupSize(), rnd);
            LutGemmRun.Outcome o = LutGemmRun.run(memory.params(), a, w, c.lutConfig(), memory.portFactory());
            if (!o.verified()) {
                throw new IllegalStateException("LUT output does not match the reference (max |diff| " + o.maxAbsDiff()
                        + "): a model bug");
            }
            CycleReport r = o.report();
            SortedMap<String, Double> s = PointStats.ofJson(o.statsJson());
            double ops = 2.0 * in.m() * in.n() * in.k();
            s.put("lut.cycles", (double) r.cycles());
            s.put("lut.utilization", r.utilization());
            s.put("lut.seconds", r.seconds());
            s.put("lut.tops", ops / r.seconds() / 1e12);
            if (cost != null) {
                RunEnergy e = RunEnergy.of(c.lutDesign(), wf.planes(), af, cost,
                        c.array().clock().hz(), r, in.m(), in.n(), in.k());
                s.put("lut.energyPj", e.picojoules());
                s.put("lut.topsPerW", e.topsPerWatt());
            }
            return s;
        };
    }
}
