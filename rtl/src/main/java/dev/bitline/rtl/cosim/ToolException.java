package dev.bitline.rtl.cosim;

/**
 * An external tool (Verilator, Yosys, the C++ compiler, a harness process) is missing or failed.
 * The message is one line: what was run and the tool's first error line. The CLI exits 1.
 */
public final class ToolException extends RuntimeException {
    public ToolException(String message) {
        super(message);
    }
}
