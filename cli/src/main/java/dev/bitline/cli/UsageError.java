package dev.bitline.cli;

/** A flag combination that cannot work; printed as one line, exit status 2. */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super("bitline: " + message);
    }
}
