package dev.bitline.sim.device;

/**
 * The analytical face of a device: answers an {@link Operation} without simulating it, for fast
 * sweeps. A device that has a cycle model ({@link Device}) returns its analytical model from
 * {@link Device#model()}, and the two accept exactly the same descriptions, so the estimate can be
 * checked against the cycle model on the same operation. A device known only analytically (a
 * GPU roofline) implements this interface alone.
 */
public interface DeviceModel {
    /**
     * Null if this device executes {@code op}, else a one-line reason why not (kind not
     * supported, operand location it cannot reach, format it has no datapath for).
     */
    String unsupported(Operation op);

    default boolean supports(Operation op) {
        return unsupported(op) == null;
    }

    /**
     * The estimate for {@code op} run alone on an idle device.
     *
     * @throws IllegalArgumentException with {@link #unsupported}'s reason when not supported
     */
    Estimate estimate(Operation op);

    /** Throws the reason {@code op} is not supported, if it is not. */
    default void requireSupported(Operation op) {
        String why = unsupported(op);
        if (why != null) {
            throw new IllegalArgumentException(op.name() + ": " + why);
        }
    }
}
