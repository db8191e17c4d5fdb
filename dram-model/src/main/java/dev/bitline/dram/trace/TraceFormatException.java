package dev.bitline.dram.trace;

import dev.bitline.sim.io.InputException;

/**
 * A request trace (or synthetic spec) that cannot be read. The message is always one line of the
 * form {@code file:line: what is wrong (expected ...)} so the CLI can print it as-is and exit 2.
 */
public final class TraceFormatException extends InputException {
    private final String source;
    private final long line;

    public TraceFormatException(String source, long line, String message) {
        super(where(source, line) + message);
        this.source = source;
        this.line = line;
    }

    public TraceFormatException(String source, long line, String message, Throwable cause) {
        super(where(source, line) + message, cause);
        this.source = source;
        this.line = line;
    }

    /** {@code file:line: }, or {@code file: } for an error not tied to a line. */
    private static String where(String source, long line) {
        return line > 0 ? source + ":" + line + ": " : source + ": ";
    }

    /** File name (or synthetic spec) the error is in. */
    public String source() {
        return source;
    }

    /** 1-based line number; 0 when the error is not tied to a line (e.g. an unreadable file). */
    public long line() {
        return line;
    }
}
