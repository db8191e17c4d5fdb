package dev.bitline.rtl.hdl;

/**
 * A hardware description that cannot be built: wrong widths, a signal driven twice or not at
 * all, a combinational loop. The message starts with the Java source line that built the
 * offending node ({@code LutTile.java:88: ...}).
 */
public final class HdlException extends RuntimeException {
    private final SourceLine where;

    public HdlException(SourceLine where, String message) {
        super(where + ": " + message);
        this.where = where;
    }

    public SourceLine where() {
        return where;
    }
}
