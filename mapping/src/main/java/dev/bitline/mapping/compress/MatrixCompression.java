package dev.bitline.mapping.compress;

import dev.bitline.mapping.compress.CompressionSpec.Sparsity;
import dev.bitline.mapping.compress.CompressionSpec.Weights;

/**
 * How one weight matrix is stored, with the model's shape known: the resolved rank (0 = not
 * factorized) and the count of fp16 outlier columns.
 *
 * @param weights element format, group size, scale format
 * @param rank r of W ~ U V (0: dense W)
 * @param streaming the two factors run fused (FlashSVD)
 * @param streamTile rows per tile when streaming
 * @param sparsity pattern and kept fraction
 * @param outlierColumns K columns kept in fp16 (LLM.int8-style)
 */
public record MatrixCompression(Weights weights, int rank, boolean streaming, int streamTile, Sparsity sparsity,
        int outlierColumns) {

    /**
     * Bytes of an N x K matrix in this format: kept elements at the storage width, the sparsity
     * index, one scale per group (per row when the group size is 0) unless the format is fp16/bf16.
     * Low rank and outliers are accounted by the graph, which splits them into their own GEMMs.
     */
    public long storedBytes(long n, long k) {
        double kept = sparsity.kept();
        double elements = n * k * kept;
        double bits = elements * (weights.storageBits() + sparsity.indexBitsPerKept());
        if (!weights.format().unscaled()) {
            long groupsPerRow = weights.groupSize() == 0 ? 1 : (k + weights.groupSize() - 1) / weights.groupSize();
            bits += (double) n * groupsPerRow * weights.scale().bits();
        }
        return (long) Math.ceil(bits / 8);
    }
}
