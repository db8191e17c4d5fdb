package dev.bitline.mapping.graph;

import dev.bitline.mapping.compress.LayerType;
import dev.bitline.mapping.compress.MatrixCompression;
import dev.bitline.sim.quant.ActivationFormat;

/**
 * Activations times a weight matrix: O[m, n] = A[m, k] x W[n, k]^T, possibly over several
 * instances of the same shape (MoE experts loaded in this step), the m rows spread over them.
 *
 * @param name unique name
 * @param layer block index or -1
 * @param type which weight matrix this is (what the compression spec names)
 * @param part the whole matrix, one low-rank factor, or the fp16 outlier columns
 * @param m activation rows over all instances (tokens; token-expert pairs for MoE)
 * @param n output width
 * @param k reduction length
 * @param instances weight matrices of this shape read in this step (1 unless MoE)
 * @param compression format of these weights
 * @param weightBytes stored bytes of all instances' weights
 * @param acts activation format
 * @param live see {@link Op#liveActivationBytes()}
 */
public record Gemm(String name, int layer, LayerType type, Part part, long m, int n, int k, int instances,
        MatrixCompression compression, long weightBytes, ActivationFormat acts, long live) implements Op {

    /** Which piece of a (possibly factorized) matrix this GEMM is. */
    public enum Part { FULL, FACTOR_V, FACTOR_U, OUTLIERS }

    /** Rows per instance, rounded up (what one expert's GEMM sees). */
    public long rowsPerInstance() {
        return (m + instances - 1) / instances;
    }

    @Override
    public double flops() {
        return 2.0 * m * n * k * compression.sparsity().kept();
    }

    public long actInBytes() {
        return m * (long) k * acts.bits() / 8;
    }

    public long actOutBytes() {
        return m * (long) n * acts.bits() / 8;
    }

    @Override
    public long readBytes() {
        return weightBytes + actInBytes();
    }

    @Override
    public long writeBytes() {
        return actOutBytes();
    }

    @Override
    public long liveActivationBytes() {
        return live;
    }
}
