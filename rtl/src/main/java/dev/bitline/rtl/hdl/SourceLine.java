package dev.bitline.rtl.hdl;

/**
 * The line of generator code that built a node: the first stack frame outside this package.
 * Elaboration errors quote it so a failing check points at the Java that made the bad hardware,
 * not at the DSL internals.
 */
public record SourceLine(String file, int line) {
    private static final String HDL_PACKAGE = SourceLine.class.getPackageName() + ".";
    private static final StackWalker WALKER = StackWalker.getInstance();

    static SourceLine capture() {
        return WALKER.walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith(HDL_PACKAGE))
                .findFirst()
                .map(f -> new SourceLine(f.getFileName() == null ? f.getClassName() : f.getFileName(), f.getLineNumber()))
                .orElse(new SourceLine("?", 0)));
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
