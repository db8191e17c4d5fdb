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
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
