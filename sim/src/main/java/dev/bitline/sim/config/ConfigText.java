package dev.bitline.sim.config;

import dev.bitline.sim.io.Messages;

/** Small text helpers shared by the config classes: quoting values into one-line messages. */
final class ConfigText {

    private ConfigText() {
    }

    /** Quotes a value for an error message: escapes control characters, cuts long text. */
    static String quote(String s) {
        return Messages.quote(s);
    }

    /** Collapses a multi-line library message into one line. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\s\\u0085\\u2028\\u2029]+", " ").strip();
    }

    /** Optimal-string-alignment edit distance (a swap of two neighbours counts 1: tRDC -> tRCD). */
    static int editDistance(String a, String b) {
        return Messages.editDistance(a, b);
    }
}
