package dev.bitline.rtl.model;

import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.hdl.Port;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each port of a top module sits in a cycle's frame: the Java side holds a frame as
 * {@code long[]} (each port starting on a fresh 64-bit word), the wire protocol to the Verilated
 * harness as bytes (each port ceil(width/8) bytes, little endian, in port order). {@code clk}
 * is not in the frame (the harness drives it); {@code rst} is an ordinary input.
 */
public record PortLayout(String top, List<Slot> inputs, List<Slot> outputs, int inWords, int outWords,
                         int inBytes, int outBytes) {

    /** One port: its id (index in its direction's list), width, and offsets. */
    public record Slot(int id, String name, int width, boolean signed, int word, int byteOffset) {
        public int words() {
            return (width + 63) >>> 6;
        }

        public int bytes() {
            return (width + 7) >>> 3;
        }
    }

    public static PortLayout of(Module top) {
        top.elaborate();
        List<Slot> in = new ArrayList<>();
        List<Slot> out = new ArrayList<>();
        int iw = 0;
        int ow = 0;
        int ib = 0;
        int ob = 0;
        for (Port p : top.ports()) {
            if (p.name().equals("clk")) {
                continue;
            }
            int words = (p.width() + 63) >>> 6;
            int bytes = (p.width() + 7) >>> 3;
            if (p.isInput()) {
                in.add(new Slot(in.size(), p.name(), p.width(), p.signed(), iw, ib));
                iw += words;
                ib += bytes;
            } else {
                out.add(new Slot(out.size(), p.name(), p.width(), p.signed(), ow, ob));
                ow += words;
                ob += bytes;
            }
        }
        return new PortLayout(top.name(), List.copyOf(in), List.copyOf(out), iw, ow, ib, ob);
    }

    public Slot input(String name) {
        for (Slot s : inputs) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(top + " has no input '" + name + "'");
    }

    public Slot output(String name) {
        for (Slot s : outputs) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(top + " has no output '" + name + "'");
    }

    /** Bits [lo, lo+width) of a port's words (width <= 64). */
    public static long field(long[] frame, int word, int lo, int width) {
        int w = word + (lo >>> 6);
        int b = lo & 63;
        long v = frame[w] >>> b;
        if (b + width > 64) {
            v |= frame[w + 1] << (64 - b);
        }
        return width == 64 ? v : v & ((1L << width) - 1);
    }

    /** Writes bits [lo, lo+width) of a port's words (width <= 64). */
    public static void setField(long[] frame, int word, int lo, int width, long value) {
        long mask = width == 64 ? -1L : (1L << width) - 1;
        value &= mask;
        int w = word + (lo >>> 6);
        int b = lo & 63;
        frame[w] = (frame[w] & ~(mask << b)) | (value << b);
        if (b + width > 64) {
            int spill = 64 - b;
            long hiMask = mask >>> spill;
            frame[w + 1] = (frame[w + 1] & ~hiMask) | (value >>> spill);
        }
    }

    /** Sign-extends the low {@code width} bits. */
    public static long signExtend(long v, int width) {
        return width == 64 ? v : (v << (64 - width)) >> (64 - width);
    }

    /** Keeps the low {@code width} bits (two's complement wrap). */
    public static long wrap(long v, int width) {
        return width == 64 ? v : v & ((1L << width) - 1);
    }
}
