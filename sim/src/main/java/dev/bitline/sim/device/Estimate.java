package dev.bitline.sim.device;

/**
 * What an analytical model says about one operation, without simulating it.
 *
 * @param timePs time from start to the last result, picoseconds on the shared timeline's scale
 * @param bytesMoved bytes moved between the device and operand locations outside it
 * @param bound which resource sets {@code timePs}
 */
public record Estimate(long timePs, long bytesMoved, Bound bound) {
    /** The resource that limits an operation. */
    public enum Bound { COMPUTE, MEMORY }

    public Estimate {
        if (timePs < 0 || bytesMoved < 0) {
            throw new IllegalArgumentException("negative estimate: " + timePs + " ps, " + bytesMoved + " bytes");
        }
        if (bound == null) {
            throw new IllegalArgumentException("an estimate names its bound");
        }
    }

    public double seconds() {
        return timePs * 1e-12;
    }
}
