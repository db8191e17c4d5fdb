package dev.bitline.sim.io;

/** Helpers for one-line user-facing error messages. */
public final class Messages {
    private static final int MAX_QUOTED = 60;
    private static final int MAX_TOKEN = 40;

    private Messages() {
    }

    /**
     * Quotes a value the user wrote: escapes quotes, backslashes and characters
     * that are not printable (so the message stays one line) and cuts long text.
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                sb.append('\\').append(c);
            } else {
                appendEscaped(sb, c, false);
            }
        }
        if (s.length() > n) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }

    /**
     * The offending token of an input line as an error message may echo it: at most
     * {@value #MAX_TOKEN} characters, backslashes and everything but printable ASCII escaped
     * ({@code \xNN}, {@code \\uNNNN}; the trace formats are ASCII), so a binary file can never spread an error over
     * several lines or write control codes to the terminal.
     */
    public static String token(String s) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(s.length(), MAX_TOKEN);
        for (int i = 0; i < n; i++) {
            appendEscaped(sb, s.charAt(i), true);
        }
        if (s.length() > n) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static void appendEscaped(StringBuilder sb, char c, boolean asciiOnly) {
        if (c == '\\') {
            sb.append("\\\\");
        } else if (asciiOnly ? c >= 0x20 && c < 0x7f : printable(c)) {
            sb.append(c);
        } else if (c < 0x100) {
            sb.append(String.format("\\x%02x", (int) c));
        } else {
            sb.append(String.format("\\u%04x", (int) c));
        }
    }

    private static boolean printable(char c) {
        if (c < 0x80) {
            return c >= 0x20 && c < 0x7f;
        }
        if (c == '\ufffd') {
            return false; // an undecodable byte: show that something was there
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Optimal-string-alignment distance (insert, delete, substitute, swap neighbours), for "did you mean". */
    public static int editDistance(String a, String b) {
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
