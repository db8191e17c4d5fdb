package dev.bitline.lut.ppa;

/**
 * Operand buffers counted when {@code ppa.includeBuffers} is on: the LUT tile's table buffer
 * (activation buffer when precompute is not fused) and weight buffer, and the MAC array's
 * activation and weight buffers of the same capacities.
 *
 * @param operandBytes table buffer (LUT) / activation buffer (MAC) capacity
 * @param weightBytes weight buffer capacity
 */
public record BufferSizes(long operandBytes, long weightBytes) {
    public BufferSizes {
        if (operandBytes < 1 || weightBytes < 1) {
            throw new IllegalArgumentException("buffer sizes must be positive");
        }
    }
}
