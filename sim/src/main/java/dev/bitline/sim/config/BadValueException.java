package dev.bitline.sim.config;

/**
 * An IllegalArgumentException that names the offending key, for compact constructors
 * of config records: the binder then points the error at that key's value instead of
 * at the record's map. {@code path} may go deeper ({@code "timing.tRAS"},
 * {@code "banks[2]"}); if it does not exist the error points at the deepest part
 * that does.
 *
 * <pre>{@code
 * record Timing(Duration tRCD, Duration tRAS) {
 *   Timing {
 *     if (tRAS.ps() < tRCD.ps())
 *       throw new BadValueException("tRAS", "tRAS (" + tRAS + ") must be at least tRCD (" + tRCD + ")");
 *   }
 * }
 * }</pre>
 */
public class BadValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public BadValueException(String path, String message) {
        super(message);
        this.path = path;
    }

    /** The key (or dotted path) below the record being constructed. */
    public String path() {
        return path;
    }
}
