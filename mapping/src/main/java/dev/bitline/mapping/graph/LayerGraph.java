package dev.bitline.mapping.graph;

import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.model.ModelConfig;
import java.util.List;

/**
 * The operations of one forward pass of a model under a compression, in execution order.
 *
 * @param model the model
 * @param compression its compression
 * @param step prefill or one decode step
 * @param ops every operation, blocks in order, each block in dataflow order
 * @param weightBytes stored bytes of every weight matrix of the model (all experts, LM head,
 *     embedding table), what a device must hold
 * @param kvCacheBytes KV cache held after this step, all layers and sequences
 */
public record LayerGraph(ModelConfig model, Compression compression, Step step, List<Op> ops, long weightBytes,
        long kvCacheBytes) {

    public LayerGraph {
        ops = List.copyOf(ops);
    }

    public double flops() {
        return ops.stream().mapToDouble(Op::flops).sum();
    }

    public long readBytes() {
        return ops.stream().mapToLong(Op::readBytes).sum();
    }

    public long writeBytes() {
        return ops.stream().mapToLong(Op::writeBytes).sum();
    }

    /** Largest live activation set over the operations. */
    public long peakActivationBytes() {
        return ops.stream().mapToLong(Op::liveActivationBytes).max().orElse(0);
    }

    /** The operation with the largest live set (where the peak happens). */
    public Op peakOp() {
        return ops.stream().max(java.util.Comparator.comparingLong(Op::liveActivationBytes)).orElseThrow();
    }

    public List<Op> layer(int index) {
        return ops.stream().filter(o -> o.layer() == index).toList();
    }
}
