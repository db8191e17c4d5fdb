package dev.bitline.dram.trace;

import dev.bitline.sim.io.Messages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Streaming reader of DRAMsim3 and Ramulator text traces, plain or gzip (recognized by its magic
 * bytes, not by the file name). Blank lines and lines starting with {@code #} are skipped.
 *
 * <p>Parsing is byte-level: lines are found and parsed in place in one reusable buffer, so a
 * request costs no {@code String}, no decoding and no allocation (issue 15: the reader runs at
 * tens of millions of lines per second, a trace run is as fast as an in-memory one). Lines end at
 * {@code \n}, {@code \r} or {@code \r\n}, as {@link BufferedReader#readLine()} splits them.
 *
 * <p>Every malformed line, and every address at or beyond the configured capacity, is an error
 * naming {@code file:line}; addresses are never wrapped into range, because a silent wrap would
 * turn a wrong configuration into plausible-looking numbers.
 */
public final class TextTraceReader implements RequestSource {
    /** Longest line accepted; a longer one is not a trace line (a binary file, usually). */
    static final int MAX_LINE = 1 << 20;
    private static final byte[] HEX = new byte[256];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX['a' + i] = (byte) (10 + i);
            HEX['A' + i] = (byte) (10 + i);
        }
    }

    private final InputStream in;
    private final String name;
    private TraceFormat format;
    private boolean pendingLine; // the current line was read to detect the format and is not parsed yet
    private final long capacityBytes;
    private byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private boolean skipLf; // the last line ended in '\r': a '\n' right after it belongs to it
    // the current line is buf[ls, le)
    private int ls;
    private int le;
    private long lineNo;
    private long address;
    private boolean write;
    private long cycle;
    private long lastCycle;

    private TextTraceReader(InputStream in, String name, TraceFormat format, long capacityBytes, byte[] buf, int lim) {
        this.in = in;
        this.name = name;
        this.format = format;
        this.capacityBytes = capacityBytes;
        this.buf = buf;
        this.lim = lim;
    }

    /**
     * Opens a trace file.
     *
     * @param format the format, or null to detect it from the first request line
     * @param capacityBytes addresses must be below this (the channel's capacity)
     */
    public static TextTraceReader open(Path file, TraceFormat format, long capacityBytes) {
        String name = file.toString();
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
            byte[] magic = raw.readNBytes(2);
            if (magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                raw.close();
                raw = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
            } else {
                return fromStream(raw, magic, name, format, capacityBytes);
            }
        } catch (NoSuchFileException e) {
            throw new TraceFormatException(name, 0, "no such file (expected a readable trace file)");
        } catch (IOException e) {
            throw new TraceFormatException(name, 0, "cannot read: " + e.getMessage());
        }
        return fromStream(raw, new byte[0], name, format, capacityBytes);
    }

    /** Reads a trace from an already-open byte stream (stdin, a pipe); closes it on {@link #close()}. */
    public static TextTraceReader fromStream(InputStream in, String name, TraceFormat format, long capacityBytes) {
        return fromStream(in, new byte[0], name, format, capacityBytes);
    }

    /**
     * Reads a trace from an already-open reader (tests). Characters are taken as ISO-8859-1 bytes;
     * traces are ASCII.
     */
    public static TextTraceReader fromReader(BufferedReader reader, String name, TraceFormat format,
            long capacityBytes) {
        return fromStream(new ReaderBytes(reader), new byte[0], name, format, capacityBytes);
    }

    private static TextTraceReader fromStream(InputStream in, byte[] head, String name, TraceFormat format,
            long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive");
        }
        byte[] buf = new byte[1 << 16];
        System.arraycopy(head, 0, buf, 0, head.length);
        TextTraceReader r = new TextTraceReader(in, name, format, capacityBytes, buf, head.length);
        if (format != null) {
            return r;
        }
        // Detect the format from the first request line; next() parses that line first.
        while (r.nextLine()) {
            int s = r.skipSpace(r.ls);
            if (s == r.le || r.buf[s] == '#') {
                continue;
            }
            String first = new String(r.buf, r.ls, r.le - r.ls, StandardCharsets.ISO_8859_1);
            r.format = TraceFormat.detect(first);
            if (r.format == null) {
                throw new TraceFormatException(name, r.lineNo, "unknown trace format '" + Messages.token(first.strip())
                        + "' (expected '0xADDR READ|WRITE cycle' (DRAMsim3) or '[bubbles] LD|ST 0xADDR' (Ramulator))");
            }
            r.pendingLine = true;
            return r;
        }
        r.format = TraceFormat.DRAMSIM3; // empty trace: the format does not matter
        return r;
    }

    public TraceFormat format() {
        return format;
    }

    /**
     * Moves to the next physical line, {@code buf[ls, le)}; false at the end of the input. The
     * buffer is compacted (so earlier lines' offsets move) only while looking for this line's end.
     */
    private boolean nextLine() {
        try {
            if (skipLf) {
                if (pos == lim && !eof) {
                    fill();
                }
                if (pos < lim && buf[pos] == '\n') {
                    pos++;
                }
                skipLf = false;
            }
            int i = pos;
            while (true) {
                byte[] b = buf;
                int n = lim;
                while (i < n) {
                    byte c = b[i];
                    if (c == '\n' || c == '\r') {
                        ls = pos;
                        le = i;
                        pos = i + 1;
                        skipLf = c == '\r';
                        lineNo++;
                        return true;
                    }
                    i++;
                }
                if (eof) {
                    if (pos == lim) {
                        return false;
                    }
                    ls = pos;
                    le = lim;
                    pos = lim;
                    lineNo++;
                    return true;
                }
                int scanned = i - pos;
                fill();
                i = pos + scanned;
            }
        } catch (IOException e) {
            throw new TraceFormatException(name, lineNo + 1, "cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new TraceFormatException(name, lineNo + 1, "cannot read: " + e.getCause().getMessage());
        }
    }

    /** Moves the unread bytes to the front, grows the buffer if one line fills it, reads more. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            if (buf.length >= MAX_LINE) {
                throw new TraceFormatException(name, lineNo + 1, "line longer than " + MAX_LINE
                        + " bytes (expected a text trace, one request per line)");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int r = in.read(buf, lim, buf.length - lim);
        if (r < 0) {
            eof = true;
        } else {
            lim += r;
        }
    }

    @Override
    public boolean next() {
        if (pendingLine) {
            pendingLine = false;
            parse(skipSpace(ls));
            return true;
        }
        if (!skipLf && (format == TraceFormat.DRAMSIM3 ? fastDramsim3() : fastRamulator())) {
            return true;
        }
        while (nextLine()) {
            int s = skipSpace(ls);
            if (s == le || buf[s] == '#') {
                continue;
            }
            parse(s);
            return true;
        }
        return false;
    }

    /**
     * One pass over a canonical DRAMsim3 line ({@code 0xHEX READ|WRITE DEC\n}, single spaces, whole
     * line in the buffer) that parses while it scans. Anything else, including every error, returns
     * false having changed nothing, and the general path reads the line again.
     */
    private boolean fastDramsim3() {
        byte[] b = buf;
        int n = lim;
        int i = pos;
        if (n - i < 12 || b[i] != '0' || (b[i + 1] | 0x20) != 'x') {
            return false;
        }
        i += 2;
        int h0 = i;
        long a = 0;
        int d;
        while (i < n && (d = HEX[b[i] & 0xff]) >= 0) {
            a = (a << 4) | d;
            i++;
        }
        if (i == h0 || i - h0 > 16 || Long.compareUnsigned(a, capacityBytes) >= 0 || i + 7 > n || b[i] != ' ') {
            return false;
        }
        i++;
        boolean w;
        if (b[i] == 'R' && b[i + 1] == 'E' && b[i + 2] == 'A' && b[i + 3] == 'D' && b[i + 4] == ' ') {
            w = false;
            i += 5;
        } else if (b[i] == 'W' && b[i + 1] == 'R' && b[i + 2] == 'I' && b[i + 3] == 'T' && b[i + 4] == 'E'
                && i + 5 < n && b[i + 5] == ' ') {
            w = true;
            i += 6;
        } else {
            return false;
        }
        int c0 = i;
        long c = 0;
        while (i < n && (d = b[i] - '0') >= 0 && d <= 9) {
            c = c * 10 + d;
            i++;
        }
        if (i == c0 || i - c0 > 18 || i >= n || b[i] != '\n' || c < lastCycle) {
            return false;
        }
        address = a;
        write = w;
        cycle = c;
        lastCycle = c;
        ls = pos;
        le = i;
        pos = i + 1;
        lineNo++;
        return true;
    }

    /** The same for a canonical Ramulator line: {@code [DEC ]LD|ST 0xHEX\n}. */
    private boolean fastRamulator() {
        byte[] b = buf;
        int n = lim;
        int i = pos;
        if (n - i < 7) {
            return false;
        }
        long bubbles = 0;
        int d;
        if (b[i] >= '0' && b[i] <= '9') {
            int b0 = i;
            while (i < n && (d = b[i] - '0') >= 0 && d <= 9) {
                bubbles = bubbles * 10 + d;
                i++;
            }
            if (i - b0 > 18 || i >= n || b[i] != ' ') {
                return false;
            }
            i++;
        }
        if (i + 6 > n) {
            return false;
        }
        boolean w;
        if (b[i] == 'L' && b[i + 1] == 'D') {
            w = false;
        } else if (b[i] == 'S' && b[i + 1] == 'T') {
            w = true;
        } else {
            return false;
        }
        if (b[i + 2] != ' ' || b[i + 3] != '0' || (b[i + 4] | 0x20) != 'x') {
            return false;
        }
        i += 5;
        int h0 = i;
        long a = 0;
        while (i < n && (d = HEX[b[i] & 0xff]) >= 0) {
            a = (a << 4) | d;
            i++;
        }
        if (i == h0 || i - h0 > 16 || Long.compareUnsigned(a, capacityBytes) >= 0 || i >= n || b[i] != '\n') {
            return false;
        }
        address = a;
        write = w;
        lastCycle += bubbles;
        cycle = lastCycle;
        ls = pos;
        le = i;
        pos = i + 1;
        lineNo++;
        return true;
    }

    private void parse(int s) {
        if (format == TraceFormat.DRAMSIM3) {
            parseDramsim3(s);
        } else {
            parseRamulator(s);
        }
    }

    private void parseDramsim3(int s) {
        byte[] b = buf;
        int e = tokenEnd(s);
        address = parseAddress(s, e);
        int s2 = skipSpace(e);
        int e2 = tokenEnd(s2);
        if (e2 - s2 == 4 && b[s2] == 'R' && b[s2 + 1] == 'E' && b[s2 + 2] == 'A' && b[s2 + 3] == 'D') {
            write = false;
        } else if (e2 - s2 == 5 && b[s2] == 'W' && b[s2 + 1] == 'R' && b[s2 + 2] == 'I' && b[s2 + 3] == 'T'
                && b[s2 + 4] == 'E') {
            write = true;
        } else {
            throw err("bad command '" + token(s2, e2) + "' (expected READ or WRITE)");
        }
        int s3 = skipSpace(e2);
        int e3 = tokenEnd(s3);
        if (s3 == e3) {
            throw err("missing cycle (expected '0xADDR READ|WRITE cycle')");
        }
        long c = parseDecimal(s3, e3, "cycle");
        if (c < lastCycle) {
            throw err("cycle " + c + " is before the previous request's " + lastCycle
                    + " (expected non-decreasing cycles)");
        }
        expectEnd(e3, "'0xADDR READ|WRITE cycle'");
        cycle = c;
        lastCycle = c;
    }

    private void parseRamulator(int s) {
        byte[] b = buf;
        int e = tokenEnd(s);
        long bubbles = 0;
        if (b[s] >= '0' && b[s] <= '9') {
            bubbles = parseDecimal(s, e, "bubble count");
            s = skipSpace(e);
            e = tokenEnd(s);
        }
        if (e - s == 2 && b[s] == 'L' && b[s + 1] == 'D') {
            write = false;
        } else if (e - s == 2 && b[s] == 'S' && b[s + 1] == 'T') {
            write = true;
        } else {
            throw err("bad request type '" + token(s, e) + "' (expected LD or ST)");
        }
        int s2 = skipSpace(e);
        int e2 = tokenEnd(s2);
        if (s2 == e2) {
            throw err("missing address (expected '[bubbles] LD|ST 0xADDR')");
        }
        address = parseAddress(s2, e2);
        expectEnd(e2, "'[bubbles] LD|ST 0xADDR'");
        // Bubbles are cycles of non-memory work before this request: they push back the earliest
        // feed cycle, cumulatively, like an idle core would.
        lastCycle += bubbles;
        cycle = lastCycle;
    }

    private long parseAddress(int s, int e) {
        byte[] b = buf;
        long v;
        if (e - s > 2 && b[s] == '0' && (b[s + 1] == 'x' || b[s + 1] == 'X')) {
            if (e - s - 2 > 16) {
                throw err("address '" + token(s, e) + "' too long (expected at most 64 bits)");
            }
            v = 0;
            for (int i = s + 2; i < e; i++) {
                int d = HEX[b[i] & 0xff];
                if (d < 0) {
                    throw err("bad address '" + token(s, e) + "' (expected hex like 0x1F40)");
                }
                v = (v << 4) | d;
            }
        } else if (s < e && b[s] >= '0' && b[s] <= '9') {
            v = parseDecimal(s, e, "address");
        } else {
            throw err("bad address '" + token(s, e) + "' (expected hex like 0x1F40)");
        }
        if (Long.compareUnsigned(v, capacityBytes) >= 0) {
            throw err("address 0x" + Long.toHexString(v) + " is beyond the capacity of "
                    + capacityBytes + " bytes (expected < 0x" + Long.toHexString(capacityBytes) + ")");
        }
        return v;
    }

    private long parseDecimal(int s, int e, String what) {
        if (s == e || e - s > 18) {
            throw err("bad " + what + " '" + token(s, e) + "' (expected a non-negative integer)");
        }
        byte[] b = buf;
        long v = 0;
        for (int i = s; i < e; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                throw err("bad " + what + " '" + token(s, e) + "' (expected a non-negative integer)");
            }
            v = v * 10 + c;
        }
        return v;
    }

    private void expectEnd(int from, String expected) {
        int s = skipSpace(from);
        if (s != le && buf[s] != '#') {
            throw err("unexpected '" + token(s, tokenEnd(s)) + "' after the request (expected " + expected + ")");
        }
    }

    private int skipSpace(int i) {
        byte[] b = buf;
        int e = le;
        while (i < e && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    private int tokenEnd(int i) {
        byte[] b = buf;
        int e = le;
        while (i < e) {
            byte c = b[i];
            if (c == ' ' || c == '\t' || c == '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The offending token as an error may echo it: cut and escaped, so a binary file stays one line. */
    private String token(int s, int e) {
        return s >= e ? "" : Messages.token(new String(buf, s, e - s, StandardCharsets.ISO_8859_1));
    }

    private TraceFormatException err(String msg) {
        return new TraceFormatException(name, lineNo, msg);
    }

    @Override
    public long address() {
        return address;
    }

    @Override
    public boolean isWrite() {
        return write;
    }

    @Override
    public long cycle() {
        return cycle;
    }

    @Override
    public String location() {
        return name + ":" + lineNo;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // closing a read-only stream cannot lose data
        }
    }

    /** A character reader seen as ISO-8859-1 bytes (chars above 0xff become '?'). */
    private static final class ReaderBytes extends InputStream {
        private final Reader reader;
        private char[] chars = new char[0];

        ReaderBytes(Reader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            int c = reader.read();
            return c < 0 ? -1 : c > 0xff ? '?' : c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (chars.length < len) {
                chars = new char[len];
            }
            int n = reader.read(chars, 0, len);
            for (int i = 0; i < n; i++) {
                char c = chars[i];
                b[off + i] = (byte) (c > 0xff ? '?' : c);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
