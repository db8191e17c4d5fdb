package dev.bitline.rtl.cosim;

import dev.bitline.rtl.model.PortLayout;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running co-simulation executable, driven over the {@link Harness} protocol. Frames go in
 * and out as {@code long[]} words laid out by {@link PortLayout}; packing to bytes happens here.
 */
public final class HarnessProcess implements AutoCloseable {
    private final Process proc;
    private final DataInputStream in;
    private final OutputStream out;
    private final PortLayout layout;
    private final Path stderrLog;
    private byte[] inBuf = new byte[0];
    private byte[] outBuf = new byte[0];
    private int status;

    public HarnessProcess(Path exe, PortLayout layout) {
        this.layout = layout;
        try {
            stderrLog = Files.createTempFile("bitline-harness", ".log");
            proc = new ProcessBuilder(exe.toString()).redirectError(stderrLog.toFile()).start();
            in = new DataInputStream(new BufferedInputStream(proc.getInputStream(), 1 << 20));
            out = new BufferedOutputStream(proc.getOutputStream(), 1 << 20);
            byte[] magic = in.readNBytes(4);
            if (!new String(magic, StandardCharsets.US_ASCII).equals(Harness.PROTOCOL)) {
                throw new ToolException("co-sim harness " + exe + " did not start: " + stderrTail());
            }
            int ib = Integer.reverseBytes(in.readInt());
            int ob = Integer.reverseBytes(in.readInt());
            if (ib != layout.inBytes() || ob != layout.outBytes()) {
                throw new ToolException("co-sim harness frame sizes " + ib + "/" + ob + " do not match the design ("
                        + layout.inBytes() + "/" + layout.outBytes() + ")");
            }
        } catch (IOException e) {
            throw new ToolException("co-sim harness " + exe + ": " + e.getMessage());
        }
    }

    /** 0 running, 1 the design called $finish, 2 $stop or $fatal. */
    public int status() {
        return status;
    }

    /** Starts a VCD of cycles [from, to) (counted from the start of this process). */
    public void trace(long from, long to, Path vcd) {
        try {
            byte[] p = vcd.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(1 + 16 + 4 + p.length).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) 'T').putLong(from).putLong(to).putInt(p.length).put(p);
            out.write(b.array());
        } catch (IOException e) {
            throw new ToolException("co-sim harness: " + e.getMessage() + " " + stderrTail());
        }
    }

    /**
     * Runs {@code n} cycles with input frames {@code ins[0..n)}; fills {@code outs} and returns
     * the cycles done (fewer than n if the design stopped: see {@link #status()}).
     */
    public int step(long[][] ins, long[][] outs, int n) {
        send(ins, n);
        return receive(outs);
    }

    /** Sends a batch without waiting for its outputs; {@link #receive} must follow. */
    public void send(long[][] ins, int n) {
        int ib = layout.inBytes();
        if (inBuf.length < 5 + n * ib) {
            inBuf = new byte[5 + n * ib];
        }
        ByteBuffer b = ByteBuffer.wrap(inBuf).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'S').putInt(n);
        for (int i = 0; i < n; i++) {
            pack(ins[i], layout.inputs(), b);
        }
        try {
            out.write(inBuf, 0, b.position());
            out.flush();
        } catch (IOException e) {
            throw new ToolException("co-sim harness died: " + e.getMessage() + " " + stderrTail());
        }
    }

    /** Reads the outputs of the batch last sent. */
    public int receive(long[][] outs) {
        try {
            int done = Integer.reverseBytes(in.readInt());
            status = Integer.reverseBytes(in.readInt());
            int ob = layout.outBytes();
            if (outBuf.length < done * ob) {
                outBuf = new byte[done * ob];
            }
            in.readFully(outBuf, 0, done * ob);
            ByteBuffer r = ByteBuffer.wrap(outBuf, 0, done * ob).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < done; i++) {
                unpack(r, layout.outputs(), outs[i]);
            }
            return done;
        } catch (IOException e) {
            throw new ToolException("co-sim harness died: " + e.getMessage() + " " + stderrTail());
        }
    }

    private static void pack(long[] frame, java.util.List<PortLayout.Slot> slots, ByteBuffer b) {
        for (PortLayout.Slot s : slots) {
            int bytes = s.bytes();
            int w = s.word();
            while (bytes >= 8) {
                b.putLong(frame[w++]);
                bytes -= 8;
            }
            if (bytes > 0) {
                long v = frame[w];
                for (int i = 0; i < bytes; i++) {
                    b.put((byte) (v >>> (8 * i)));
                }
            }
        }
    }

    private static void unpack(ByteBuffer b, java.util.List<PortLayout.Slot> slots, long[] frame) {
        for (PortLayout.Slot s : slots) {
            int bytes = s.bytes();
            int w = s.word();
            while (bytes >= 8) {
                frame[w++] = b.getLong();
                bytes -= 8;
            }
            if (bytes > 0) {
                long v = 0;
                for (int i = 0; i < bytes; i++) {
                    v |= (b.get() & 0xFFL) << (8 * i);
                }
                frame[w] = v;
            }
        }
    }

    /** The last lines the harness wrote to stderr (for error messages). */
    public String stderrTail() {
        try {
            String s = Files.readString(stderrLog, StandardCharsets.UTF_8).strip();
            if (s.isEmpty()) {
                return "";
            }
            String first = Tools.firstError(s);
            return "(" + first + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /** The harness's first stderr line (the design's $fatal message comes first), or "". */
    public String firstStderrLine() {
        try {
            String s = Files.readString(stderrLog, StandardCharsets.UTF_8).strip();
            // the design's own $fatal text (Verilator prints "%Fatal: file:line: ..."), else the first line
            return s.lines().filter(x -> x.contains("%Fatal")).findFirst()
                    .orElse(s.lines().findFirst().orElse("")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            out.write('Q');
            out.flush();
            InputStream i = in;
            i.readNBytes(1);
            proc.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // the process already exited
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            proc.destroy();
            try {
                Files.deleteIfExists(stderrLog);
            } catch (IOException ignored) {
                // temp log
            }
        }
    }
}
