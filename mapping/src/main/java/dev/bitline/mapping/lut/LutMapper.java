package dev.bitline.mapping.lut;

import dev.bitline.lut.cycle.ArrayParams;
import dev.bitline.lut.cycle.CycleReport;
import dev.bitline.lut.cycle.LutArrayModel;
import dev.bitline.lut.cycle.LutArraySim;
import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.lut.cycle.RunEnergy;
import dev.bitline.lut.ppa.CostModel;
import dev.bitline.mapping.compress.CompressionSpec;
import dev.bitline.mapping.graph.Gemm;
import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Op;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.map.Mapper;
import dev.bitline.mapping.map.OpShape;
import dev.bitline.mapping.memory.LutMemory;
import dev.bitline.mapping.schedule.Move;
import dev.bitline.mapping.schedule.ScheduledOp;
import dev.bitline.sim.Clock;
import dev.bitline.sim.Simulator;
import dev.bitline.sim.device.Estimate;
import dev.bitline.sim.device.Location;
import dev.bitline.sim.device.Operation;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.WeightFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Weight GEMMs with integer, ternary or bipolar weights on a LUT tensor-core array
 * ({@link LutArraySim}, fixed port or cycle-accurate DRAM as the config says); everything else
 * (attention against the KV cache, norms, softmax, activations, fp16/fp8 weights the array has no
 * datapath for) on the host's vector unit, which shares the array's memory port and is modelled
 * as port-bound (bytes / port bandwidth + latency, compute hidden; no cycle model, said in the
 * schedule).
 *
 * <p>Tiling: the array's tile is fixed by the hardware, so the mapper chooses how K is cut into
 * weight chunks (the buffer tiling): the configured {@code buffers.weightChunkK}, half and twice
 * it, where they fit the weight buffer, each run on the cycle model, the fastest kept. MoE
 * instances run back to back, each from an idle array, so their time is one run's times the
 * count (exact under the schedule's rule that every operation starts on an idle device).
 */
public final class LutMapper implements Mapper {
    private final LutTensorCoreConfig cfg;
    private final LutMemory memory;
    private final CostModel cost;
    private final String file;
    private final Clock clock;

    public LutMapper(LutTensorCoreConfig cfg, LutMemory memory, CostModel cost, String file) {
        this.cfg = cfg;
        this.memory = memory;
        this.cost = cost;
        this.file = file;
        this.clock = Clock.ofHz(cfg.array().clock().hz());
    }

    @Override
    public String hardware() {
        return cfg.name();
    }

    @Override
    public long clockHz() {
        return cfg.array().clock().hz();
    }

    @Override
    public void checkFits(LayerGraph g) {
        // the array streams operands through its port; capacity is the memory system's, which the
        // fixed port does not model and the DRAM model wraps: nothing to check here
    }

    /** The array's weight format for a GEMM, or null if it has no LUT datapath for it. */
    WeightFormat format(Gemm g) {
        CompressionSpec.Weights w = g.compression().weights();
        int bits = w.storageBits();
        WeightFormat f = switch (w.format()) {
            case INT -> WeightFormat.sint(bits);
            case UINT -> WeightFormat.uint(bits);
            case BIPOLAR -> new WeightFormat.Bipolar(bits);
            case TERNARY -> WeightFormat.ternary();
            default -> null;
        };
        if (f == null || f.planes() > cfg.array().maxWeightBits()) {
            return null;
        }
        return f;
    }

    Operation.Gemm operation(Gemm g, WeightFormat f) {
        return gemm(g.name(), g.rowsPerInstance(), g.n(), g.k(), f, g.compression().weights().groupSize(), g.acts());
    }

    private static Operation.Gemm gemm(String name, long m, long n, long k, WeightFormat f, int group, ActivationFormat a) {
        return new Operation.Gemm(name, (int) m, (int) n, (int) k, f, group, a, a, Location.DRAM, Location.DRAM, Location.DRAM);
    }

    /** Group size from a schedule's weight field ({@code int4/g128} -> 128, {@code int8/row} -> 0). */
    private static int group(String weights) {
        var m = java.util.regex.Pattern.compile("/g([0-9]+)").matcher(weights);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Override
    public ScheduledOp place(Op op, Step step) {
        OpShape shape = OpShape.of(op);
        if (op instanceof Gemm g && format(g) != null) {
            Operation.Gemm o = operation(g, format(g));
            // --fast chooses the chunking by the analytical model; simulate() re-chooses by the cycle model
            Estimate e = null;
            int chosen = 0;
            for (int c : candidates(o)) {
                Estimate ce = new LutArrayModel(params(c), cfg.lutConfig()).estimate(o);
                if (e == null || ce.timePs() < e.timePs()) {
                    e = ce;
                    chosen = c;
                }
            }
            long ps = e.timePs() * g.instances();
            return shape.scheduled(op, "lut", placement(chosen, "by estimate"),
                    List.of(new Move("memory", "lut", e.bytesMoved() * g.instances()),
                            new Move("lut", "memory", g.actOutBytes())), ps, 0);
        }
        double bw = memory.params().portBytesPerCycle() * clockHz();
        long bytes = op.readBytes() + op.writeBytes();
        long ps = Math.round(bytes / bw * 1e12) + clock.timeOf(memory.params().portLatencyCycles());
        String why = op instanceof Gemm ? "vector unit (no LUT datapath for " + OpShape.of(op).weights() + ")" : "vector unit";
        return shape.scheduled(op, "host", why + ", port-bound", List.of(new Move("memory", "host", op.readBytes()),
                new Move("host", "memory", op.writeBytes())), ps, 0);
    }

    @Override
    public ScheduledOp simulate(ScheduledOp op) {
        if (!op.unit().equals("lut")) {
            return op;
        }
        WeightFormat f = WeightFormat.parse(op.weights().replaceAll("/.*", ""));
        ActivationFormat a = ActivationFormat.parse(op.acts());
        Operation.Gemm o = gemm(op.name(), op.m(), op.n(), op.k(), f, group(op.weights()), a);
        Best best = best(o);
        long ps = clock.timeOf(best.report.cycles()) * op.instances();
        long est = new LutArrayModel(params(best.chunkK), cfg.lutConfig()).estimate(o).timePs() * op.instances();
        double pj = RunEnergy.of(cfg.lutDesign(), f.planes(), a, cost, clockHz(), best.report, op.m(), op.n(), op.k())
                .picojoules() * op.instances();
        // the estimate is re-taken for the chunking the cycle model chose, so the two compare like with like
        return new ScheduledOp(op.name(), op.layer(), op.kind(), op.function(), op.unit(),
                placement(best.chunkK, "fastest simulated of " + best.tried), op.m(), op.n(), op.k(), op.instances(),
                op.weights(), op.acts(), op.flops(), op.bytes(), op.moves(), est, ps, true, pj);
    }

    private String placement(int chunkK, String how) {
        return "tile " + cfg.array().tile().m() + "x" + cfg.array().tile().n() + "x" + cfg.array().tile().k() + " x"
                + cfg.array().tiles() + ", chunk K " + chunkK + " (" + how + ")";
    }

    private ArrayParams params(int chunkK) {
        ArrayParams b = memory.params();
        return b.withBuffers(b.tableBufferBytes(), b.weightBufferBytes(), chunkK, b.doubleBuffer());
    }

    /** Chunkings of K to try: the configured one, half and twice it, where a chunk fits the weight buffer. */
    private List<Integer> candidates(Operation.Gemm o) {
        ArrayParams base = memory.params();
        int k0 = base.weightChunkK();
        List<Integer> out = new ArrayList<>();
        for (int c : new int[] {k0, k0 / 2, k0 * 2}) {
            if (c >= base.tileK() && c % base.tileK() == 0 && !out.contains(c)) {
                long chunkBytes = ((long) base.tileN() * Math.min(c, o.k()) * o.weights().planes() + 7) / 8;
                if (chunkBytes <= base.weightBufferBytes()) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private record Best(CycleReport report, int chunkK, List<Integer> tried) {}

    /** Runs the candidate chunkings on the cycle model and keeps the fastest. */
    private Best best(Operation.Gemm o) {
        List<Integer> candidates = candidates(o);
        Best best = null;
        for (int c : candidates) {
            CycleReport r;
            try {
                Simulator sim = new Simulator(0);
                LutArraySim array = new LutArraySim(sim, "lut", null, params(c), cfg.lutConfig(), memory.portFactory());
                array.submit(o, -1, 0);
                sim.runUntilQuiet();
                r = array.lastReport();
            } catch (IllegalArgumentException tooBig) {
                continue; // this chunking's tables cannot fit the table buffer: not a candidate
            }
            if (best == null || r.cycles() < best.report.cycles()) {
                best = new Best(r, c, candidates);
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(file + ": no weight chunking of " + o.name() + " fits buffers.weightBuffer / tableBuffer");
        }
        return best;
    }
}
