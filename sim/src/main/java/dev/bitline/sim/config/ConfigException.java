package dev.bitline.sim.config;

import dev.bitline.sim.io.InputException;

/**
 * A configuration error with its source position. {@link #getMessage()} is one line,
 * {@code file:line:col: message (expected ...)}, ready to print as is (the CLI prints
 * it and exits with code 2). The first error found wins; there is no error list.
 *
 * <p>{@code line()} and {@code column()} are 1-based; both are 0 when the error has no
 * position inside the file (e.g. the file does not exist), and the message is then
 * {@code file: message}.
 */
public class ConfigException extends InputException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    public ConfigException(String file, int line, int column, String reason) {
        super(format(file, line, column, reason));
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public ConfigException(ConfigNode.Location location, String reason) {
        this(location.file(), location.line(), location.column(), reason);
    }

    /** The file (or pseudo-file such as {@code <--set a.b>}) the error is in. */
    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the location prefix. */
    public String reason() {
        return reason;
    }

    private static String format(String file, int line, int column, String reason) {
        String oneLine = reason.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
        return line > 0 ? file + ":" + line + ":" + column + ": " + oneLine : file + ": " + oneLine;
    }
}
