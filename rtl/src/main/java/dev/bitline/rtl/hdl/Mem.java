package dev.bitline.rtl.hdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A register file: {@code depth} words of {@code width} bits, asynchronous read ports and
 * write ports on the clock edge (a later write port wins when two write the same word). Not
 * reset: contents are undefined until written, as in an SRAM or latch array.
 */
public final class Mem {
    public record WritePort(Expr enable, Expr addr, Expr data, SourceLine src) {}

    private final Module module;
    private final String name;
    private final int depth;
    private final int width;
    private final boolean signed;
    private final SourceLine src;
    private final List<WritePort> writes = new ArrayList<>();
    private boolean read;

    Mem(Module module, String name, int depth, int width, boolean signed, SourceLine src) {
        if (depth < 2 || width < 1) {
            throw new HdlException(src, "memory '" + name + "': depth " + depth + ", width " + width + " (expected depth >= 2, width >= 1)");
        }
        this.module = module;
        this.name = name;
        this.depth = depth;
        this.width = width;
        this.signed = signed;
        this.src = src;
    }

    public int addrWidth() {
        return Hdl.bitsFor(depth - 1);
    }

    public Expr read(Expr addr) {
        SourceLine at = SourceLine.capture();
        module.checkOpen(at);
        checkAddr(addr, at);
        read = true;
        return new MemRead(this, addr, at);
    }

    public void write(Expr enable, Expr addr, Expr data) {
        SourceLine at = SourceLine.capture();
        module.checkOpen(at);
        checkAddr(addr, at);
        if (enable.width() != 1) {
            throw new HdlException(at, "write enable of memory '" + name + "' is " + enable.width() + " bits (expected 1)");
        }
        if (data.width() != width) {
            throw new HdlException(at, "width mismatch: writing " + data.width() + "-bit data to " + width + "-bit memory '" + name + "'");
        }
        writes.add(new WritePort(enable, addr, data, at));
    }

    private void checkAddr(Expr addr, SourceLine at) {
        if (addr.width() != addrWidth()) {
            throw new HdlException(at, "width mismatch: " + addr.width() + "-bit address for memory '" + name + "' of depth " + depth
                    + " (expected " + addrWidth() + " bits)");
        }
    }

    public Module module() {
        return module;
    }

    public String name() {
        return name;
    }

    public int depth() {
        return depth;
    }

    public int width() {
        return width;
    }

    public boolean signed() {
        return signed;
    }

    public SourceLine src() {
        return src;
    }

    public boolean isRead() {
        return read;
    }

    public List<WritePort> writes() {
        return Collections.unmodifiableList(writes);
    }
}
