package dev.bitline.mapping.gpu;

import dev.bitline.mapping.compress.CompressionSpec;
import dev.bitline.mapping.compress.WeightKind;
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
import dev.bitline.sim.io.InputException;
import dev.bitline.sim.quant.ActivationFormat;
import java.util.List;

/**
 * Every operation on one GPU as one kernel, timed by the roofline (no cycle model: schedules say
 * so). Precision: int8 tensor cores when both weights and activations are integers of at most 8
 * bits (int4 when both are 4-bit or less), fp8 for fp8 weights, else fp16/bf16 with weights
 * dequantized on the fly (the weight-only kernels of llama.cpp, AWQ and Marlin), so low-bit
 * weights cut bytes but not arithmetic time. 2:4 sparsity halves the arithmetic (sparse tensor
 * cores); unstructured sparsity saves bytes only. Vector operations run at the fp32 rate.
 */
public final class GpuMapper implements Mapper {
    private final Roofline roofline;
    private final String file;

    /** @param file the preset's path, named in "does not fit" errors */
    public GpuMapper(GpuPreset preset, String file) {
        this.roofline = new Roofline(preset);
        this.file = file;
    }

    public Roofline roofline() {
        return roofline;
    }

    @Override
    public String hardware() {
        return roofline.preset().gpu().name() + " (roofline, modelled)";
    }

    @Override
    public long clockHz() {
        return 1_000_000_000L;
    }

    @Override
    public void checkFits(LayerGraph g) {
        long need = g.weightBytes() + g.kvCacheBytes();
        long have = roofline.preset().gpu().memory().bytes();
        if (need > have) {
            throw new InputException(String.format("%s: gpu.memory: %.1f GB cannot hold %s under %s (%.1f GB of weights + %.1f GB of KV cache)",
                    file, have / 1e9, g.model().name(), g.compression().name(), g.weightBytes() / 1e9, g.kvCacheBytes() / 1e9));
        }
    }

    /** The tensor-core precision a GEMM runs in. */
    public static Precision precision(Gemm g) {
        CompressionSpec.Weights w = g.compression().weights();
        ActivationFormat a = g.acts();
        if (a.isInteger() && w.format().variableWidth()) {
            return w.storageBits() <= 4 && a.bits() <= 4 ? Precision.INT4 : Precision.INT8;
        }
        if (a.isInteger() && w.format() == WeightKind.TERNARY) {
            return Precision.INT8;
        }
        if (w.format() == WeightKind.FP8_E4M3 || w.format() == WeightKind.FP8_E5M2) {
            return Precision.FP8;
        }
        return a == ActivationFormat.BF16 ? Precision.BF16 : a == ActivationFormat.FP32 ? Precision.FP32 : Precision.FP16;
    }

    @Override
    public ScheduledOp place(Op op, Step step) {
        OpShape shape = OpShape.of(op);
        double ops = op.flops();
        Precision p = Precision.FP32;
        if (op instanceof Gemm g) {
            p = precision(g);
            if (!g.compression().sparsity().structured()) {
                ops = ops / g.compression().sparsity().kept();
            }
        } else if (op instanceof Attention a) {
            p = a.acts() == ActivationFormat.BF16 ? Precision.BF16 : Precision.FP16;
        }
        long bytes = op.readBytes() + op.writeBytes();
        Roofline.Estimate e = roofline.estimate(ops, bytes, p);
        long ps = Math.round(e.seconds() * 1e12);
        String placement = (op instanceof VectorOp ? "cuda cores" : "tensor cores " + p.name().toLowerCase())
                + (e.memoryBound() ? ", memory-bound" : ", compute-bound");
        return shape.scheduled(op, "gpu", placement, List.of(new Move("dram", "sm", op.readBytes()),
                new Move("sm", "dram", op.writeBytes())), ps, roofline.energy(e.seconds()) * 1e12);
    }

    @Override
    public ScheduledOp simulate(ScheduledOp op) {
        return op;
    }
}
