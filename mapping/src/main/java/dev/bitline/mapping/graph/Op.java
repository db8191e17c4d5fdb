package dev.bitline.mapping.graph;

/**
 * One operation of a layer graph with its work and traffic: the three kinds a device can be
 * asked to run. Byte counts are what the operation must read and write if nothing is cached on
 * chip (weights, activations, KV cache); a device decides how much of that it really moves.
 */
public sealed interface Op permits Gemm, Attention, VectorOp {
    /** Unique within a graph: {@code L3.attn_qkv}, {@code L3.attn.score}, {@code lm_head}. */
    String name();

    /** Decoder block index, or -1 for operations outside the blocks (embedding, final norm, LM head). */
    int layer();

    /** Arithmetic operations (a multiply-accumulate is 2). */
    double flops();

    long readBytes();

    long writeBytes();

    /**
     * Activation bytes that must be held at once while this operation runs (residual stream,
     * inputs, outputs, materialized intermediates; one tile of a streamed one). Weights and KV
     * cache are not activations.
     */
    long liveActivationBytes();

    /** Arithmetic intensity: operations per byte moved (Op/B in the Duplex sense). */
    default double opsPerByte() {
        long b = readBytes() + writeBytes();
        return b == 0 ? 0 : flops() / b;
    }
}
