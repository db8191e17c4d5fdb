package dev.bitline.mapping.graph;

/**
 * An element-wise or reduction operation: what in-bank MAC units cannot do and PIM-GPT gives to
 * its host ASIC (norms, softmax, activations, residual adds, RoPE), plus the embedding lookup and
 * the KV-cache append, which only move data.
 *
 * @param name unique name
 * @param layer block index or -1
 * @param fn what it computes
 * @param elements output elements
 * @param readBytes bytes read
 * @param writeBytes bytes written
 * @param live see {@link Op#liveActivationBytes()}
 */
public record VectorOp(String name, int layer, Fn fn, long elements, long readBytes, long writeBytes, long live)
        implements Op {

    /**
     * Functions with their arithmetic per output element, an operation count for rooflines (a
     * fused hardware unit may do several in one step): layer norm = mean, variance, normalize,
     * scale, shift (with the reductions) ~ 8; RMSNorm ~ 4; softmax = max, subtract, exp, sum,
     * divide ~ 5; tanh-GELU ~ 8; SiLU ~ 4; RoPE = 2 multiplies and an add per element ~ 3.
     */
    public enum Fn {
        EMBED(0), LAYER_NORM(8), RMS_NORM(4), SOFTMAX(5), GELU(8), SILU(4), RELU(1), RELU2(2), MUL(1), ADD(1),
        ROPE(3), KV_APPEND(0), TOP_K(2), ARGMAX(1);

        private final int flopsPerElement;

        Fn(int flopsPerElement) {
            this.flopsPerElement = flopsPerElement;
        }

        public int flopsPerElement() {
            return flopsPerElement;
        }

        /** Moves data and computes nothing. */
        public boolean dataOnly() {
            return this == EMBED || this == KV_APPEND;
        }
    }

    @Override
    public double flops() {
        return (double) elements * fn.flopsPerElement();
    }

    @Override
    public long liveActivationBytes() {
        return live;
    }
}
