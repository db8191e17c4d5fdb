package dev.bitline.rtl.hdl;

/** A combinational signal. */
public final class Wire extends Signal {
    Wire(Module m, String name, int width, boolean signed, SourceLine src) {
        super(m, name, width, signed, src);
    }
}
