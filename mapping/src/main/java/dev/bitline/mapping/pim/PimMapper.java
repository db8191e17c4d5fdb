package dev.bitline.mapping.pim;

import dev.bitline.mapping.graph.Attention;
import dev.bitline.mapping.graph.Gemm;
import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Op;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.graph.VectorOp;
import dev.bitline.mapping.map.Mapper;
import dev.bitline.mapping.map.OpShape;
import dev.bitline.mapping.schedule.Move;
import dev.bitline.mapping.schedule.ScheduledOp;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.device.PimDevice;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.sim.Simulator;
import dev.bitline.sim.device.Location;
import dev.bitline.sim.device.Operation;
import dev.bitline.sim.io.InputException;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.WeightFormat;
import java.util.List;
import java.util.Locale;

/**
 * The PIM-GPT mapping: every weight GEMV and both attention products run in the banks (each
 * matrix spread over all channels and banks by {@link PimPlacement}, so every in-bank unit
 * works at once; the input vector broadcast into each channel's global buffer, results read out
 * to the host), one instance after another; norms, softmax, activations, residual adds, RoPE,
 * top-k and argmax on the host ASIC; the KV append and the embedding lookup are transfers over
 * the channel buses. Times come from {@link PimDevice} (the channels' command streams on the
 * DRAM timing engine) and its analytical model; nothing moves without being in a {@link Move}.
 *
 * <p>The units compute in the activations' format (bf16 on PIM-GPT); weights narrower than it
 * are stored widened to it, so low-bit weights do not speed a bf16 PIM (the device's layout is
 * in the unit's element width).
 */
public final class PimMapper implements Mapper {
    private final PimSystem sys;
    private final String file;
    /** Placeholder weight format for the contract: the unit reads weights in the activation format. */
    private static final WeightFormat STORED = WeightFormat.parse("int8");

    public PimMapper(PimSystem sys, String file) {
        this.sys = sys;
        this.file = file;
    }

    public PimSystem system() {
        return sys;
    }

    @Override
    public String hardware() {
        return sys.name();
    }

    @Override
    public long clockHz() {
        return sys.config().unit().clock().hz();
    }

    private InputFormat unitFormat(ActivationFormat a) {
        InputFormat f = switch (a) {
            case BF16 -> InputFormat.BF16;
            case FP16 -> InputFormat.FP16;
            case INT8 -> InputFormat.INT8;
            case FP32 -> null;
        };
        if (f == null || sys.unsupported(f) != null) {
            throw new InputException(file + ": unit: no " + a.name().toLowerCase(Locale.ROOT) + " datapath (the preset's MAC "
                    + "precisions are " + sys.precisions() + "; pick a compression spec with those activations)");
        }
        return f;
    }

    /** Lays out every weight matrix and the KV cache of the step's context; throws if they do not fit the banks. */
    public PimPlacement placement(LayerGraph g) {
        InputFormat f = unitFormat(g.compression().activations());
        int buffer = (int) Math.min(Integer.MAX_VALUE, sys.config().globalBuffer().size().bytes() * 8 / f.bits());
        PimPlacement p = new PimPlacement(sys.geometry(), f, sys.config().unit().resultRegisters(), buffer);
        var m = g.model();
        for (Op op : g.ops()) {
            if (op instanceof Gemm gm) {
                int held = gm.name().contains(".expert.") ? m.experts() : 1;
                for (int i = 0; i < held; i++) {
                    p.place(gm.name() + (held > 1 ? "#" + i : ""), gm.n(), gm.k());
                }
            } else if (op instanceof Attention a && a.kind() == Attention.Kind.SCORE) {
                for (int s = 0; s < a.batch() * a.kvHeads(); s++) {
                    p.place("L" + a.layer() + ".kv" + s + ".K", a.keys(), a.headDim());
                    p.place("L" + a.layer() + ".kv" + s + ".V", a.headDim(), a.keys());
                }
            }
        }
        return p;
    }

    @Override
    public void checkFits(LayerGraph g) {
        PimPlacement p = placement(g);
        if (!p.fits()) {
            throw new InputException(String.format(Locale.ROOT,
                    "%s: dram.organization: %s under %s with %d keys needs %,d DRAM rows per bank (weights and KV cache laid "
                            + "out over %d banks), the part has %,d", file, g.model().name(), g.compression().name(),
                    g.step().keys(), p.rowsUsed(), sys.geometry().totalBanks(), sys.geometry().rows()));
        }
    }

    @Override
    public ScheduledOp place(Op op, Step step) {
        OpShape shape = OpShape.of(op);
        if (op instanceof Gemm || op instanceof Attention) {
            ActivationFormat a = op instanceof Gemm g ? g.acts() : ((Attention) op).acts();
            InputFormat f = unitFormat(a);
            Operation.Gemm o = gemm(op.name(), shape.m(), shape.n(), shape.k(), a);
            long one = new dev.bitline.pim.device.PimModel(sys).estimate(o).timePs();
            int eb = f.bits() / 8;
            int ch = sys.geometry().channels();
            long inst = shape.instances();
            List<Move> moves = List.of(new Move("host", "global buffers", shape.k() * shape.m() * eb * ch * inst),
                    new Move("banks", "mac units", shape.n() * shape.k() * eb * inst),
                    new Move("mac units", "host", shape.n() * shape.m() * sys.resultBytes(f) * inst));
            String where = op instanceof Gemm ? "all " + sys.geometry().totalBanks() + " banks"
                    : "KV cache in all " + sys.geometry().totalBanks() + " banks";
            return shape.scheduled(op, "pim", where, moves, one * inst, 0);
        }
        VectorOp v = (VectorOp) op;
        long ps;
        List<Move> moves;
        String unit = "host";
        long[] rows = rows(v, step);
        if (v.fn() == VectorOp.Fn.KV_APPEND || v.fn() == VectorOp.Fn.EMBED) {
            boolean toBanks = v.fn() == VectorOp.Fn.KV_APPEND;
            long bytes = toBanks ? v.writeBytes() : v.readBytes();
            ps = new dev.bitline.pim.device.PimModel(sys).transferPs(bytes);
            moves = List.of(toBanks ? new Move("host", "banks", bytes) : new Move("banks", "host", bytes));
            unit = "bus";
        } else {
            Operation d = vector(v.name(), v.fn(), rows[0], rows[1]);
            ps = new dev.bitline.pim.device.PimModel(sys).estimate(d).timePs() * (d instanceof Operation.ElementWise ? rows[0] : 1);
            moves = List.of(new Move("host buffer", "host vector unit", v.readBytes()));
        }
        return new ScheduledOp(op.name(), op.layer(), "vector", shape.function(), unit, unit.equals("bus")
                ? "channel buses, all channels in parallel" : "host ASIC vector unit", rows[0], rows[1], 0, 1, "-", "-",
                op.flops(), op.readBytes() + op.writeBytes(), moves, ps, ps, false, 0);
    }

    /** {rows, row length} of a vector operation: norms per token, softmax per (sequence, head, query). */
    private static long[] rows(VectorOp v, Step step) {
        long len = switch (v.fn()) {
            case SOFTMAX -> step.keys();
            case EMBED, KV_APPEND -> v.elements();
            default -> Math.min(v.elements(), 1024);
        };
        return new long[] {(v.elements() + len - 1) / len, len};
    }

    private static Operation.Gemm gemm(String name, long m, long n, long k, ActivationFormat a) {
        return new Operation.Gemm(name, (int) m, (int) n, (int) k, STORED, 0, a, a, Location.BANK, Location.ON_CHIP,
                Location.HOST);
    }

    /** The contract's description of a host vector operation over rows x length elements. */
    private static Operation vector(String name, VectorOp.Fn fn, long rows, long len) {
        ActivationFormat f = ActivationFormat.FP32;
        Operation.Function nl = switch (fn) {
            case LAYER_NORM -> Operation.Function.LAYER_NORM;
            case RMS_NORM -> Operation.Function.RMS_NORM;
            case SOFTMAX -> Operation.Function.SOFTMAX;
            case GELU -> Operation.Function.GELU;
            case SILU -> Operation.Function.SILU;
            default -> null;
        };
        if (nl != null) {
            return new Operation.Nonlinear(name, nl, rows, (int) len, f, Location.ON_CHIP);
        }
        // add, multiply, ReLU, RoPE, top-k, argmax: lane-wide elementary operations, per row
        int inputs = fn == VectorOp.Fn.ADD || fn == VectorOp.Fn.MUL ? 2 : 1;
        Operation.Arithmetic ar = fn == VectorOp.Fn.MUL || fn == VectorOp.Fn.ROPE ? Operation.Arithmetic.MUL
                : Operation.Arithmetic.ADD;
        long work = Math.max(1, fn.flopsPerElement()) * len;
        return new Operation.ElementWise(name, ar, work, inputs, f, Location.ON_CHIP);
    }

    @Override
    public ScheduledOp simulate(ScheduledOp op) {
        Simulator sim = new Simulator(1);
        PimDevice dev = new PimDevice(sim, "pim", null, sys);
        long count;
        if (op.kind().equals("vector")) {
            if (op.unit().equals("bus")) {
                return op; // a transfer is its bytes over the buses at peak: no cycle model beyond that
            }
            VectorOp.Fn fn = VectorOp.Fn.valueOf(op.function().toUpperCase(Locale.ROOT));
            Operation d = vector(op.name(), fn, op.m(), op.n());
            count = d instanceof Operation.ElementWise ? op.m() : 1;
            dev.submit(d, -1, 0);
        } else {
            dev.submit(gemm(op.name(), op.m(), op.n(), op.k(), ActivationFormat.parse(op.acts())), -1, 0);
            count = op.instances();
        }
        sim.runUntilQuiet();
        long ps = sim.now() * count;
        double pj = sim.stats().counter("pim.energyPj").value() * (double) count;
        if (op.kind().equals("vector")) {
            // the host ASIC has a cost model, not a cycle model: keep the time, take its energy
            return new ScheduledOp(op.name(), op.layer(), op.kind(), op.function(), op.unit(), op.placement(), op.m(), op.n(),
                    op.k(), op.instances(), op.weights(), op.acts(), op.flops(), op.bytes(), op.moves(), op.estimatedPs(), ps,
                    false, pj, op.parts());
        }
        return op.withSimulated(ps, pj);
    }
}
