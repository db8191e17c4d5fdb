package dev.bitline.mapping.graph;

import dev.bitline.sim.quant.ActivationFormat;

/**
 * One of attention's two products against the KV cache, for every sequence and query head:
 * {@code SCORE} = Q K^T, {@code CONTEXT} = P V. With GQA a K/V head serves {@code heads /
 * kvHeads} query heads, so the cache is read once per K/V head.
 *
 * @param name unique name
 * @param layer block index
 * @param kind which product
 * @param batch sequences
 * @param heads query heads
 * @param kvHeads K/V heads
 * @param headDim per-head width
 * @param queries new tokens per sequence (1 in decode)
 * @param keys cached tokens per sequence after this step's append (the K/V length read)
 * @param pairs (query, key) pairs per sequence and head (causal in prefill)
 * @param kvBits bits per cached element
 * @param kvGroup elements per fp16 KV scale (0: one per token and head; 16-bit caches have none)
 * @param acts activation format of Q, scores and outputs
 * @param live see {@link Op#liveActivationBytes()}
 */
public record Attention(String name, int layer, Kind kind, int batch, int heads, int kvHeads, int headDim, int queries,
        int keys, long pairs, int kvBits, int kvGroup, ActivationFormat acts, long live) implements Op {

    public enum Kind { SCORE, CONTEXT }

    @Override
    public double flops() {
        return 2.0 * batch * heads * pairs * headDim;
    }

    /** K (or V) cache bytes this product reads, scales included. */
    public long kvBytes() {
        long elements = (long) batch * kvHeads * keys * headDim;
        long bits = elements * kvBits;
        if (kvBits < 16) {
            long groups = kvGroup == 0 ? (long) batch * kvHeads * keys : (elements + kvGroup - 1) / kvGroup;
            bits += groups * 16;
        }
        return (bits + 7) / 8;
    }

    /** Score (or probability) elements: batch x heads x pairs. */
    public long scoreElements() {
        return (long) batch * heads * pairs;
    }

    @Override
    public long readBytes() {
        long actBytes = acts.bits() / 8;
        long q = (long) batch * heads * queries * headDim * actBytes;
        return kvBytes() + (kind == Kind.SCORE ? q : scoreElements() * actBytes);
    }

    @Override
    public long writeBytes() {
        long actBytes = acts.bits() / 8;
        return kind == Kind.SCORE ? scoreElements() * actBytes : (long) batch * heads * queries * headDim * actBytes;
    }

    @Override
    public long liveActivationBytes() {
        return live;
    }
}
