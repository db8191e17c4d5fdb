package dev.bitline.sim.io;

/**
 * Bad user input: a config, trace, model file or flag that cannot be used.
 * The message is one line that names the place ({@code file:line:col:} or
 * {@code file:line:}) and says what was expected; the CLI prints it as is and
 * exits with status 2, without a stack trace.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code file:line: message}, the form trace and model readers use. */
    public static InputException at(String file, long line, String message) {
        return new InputException(file + ":" + line + ": " + message);
    }
}
