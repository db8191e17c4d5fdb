package dev.bitline.sim.io;

/** Helpers for one-line user-facing error messages. */
public final class Messages {
    private static final int MAX_QUOTED = 60;

    private Messages() {
    }

    /**
     * Quotes a value the user wrote: escapes quotes, backslashes and control
     * characters (so the message stays one line) and cuts long text.
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > n) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
