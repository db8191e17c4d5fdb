package dev.bitline.dram.trace;

import dev.bitline.sim.io.Messages;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Streaming reader of DRAMsim3 and Ramulator text traces, plain or gzip (recognized by its magic
 * bytes, not by the file name). Blank lines and lines starting with {@code #} are skipped.
 *
 * <p>Every malformed line, and every address at or beyond the configured capacity, is an error
 * naming {@code file:line}; addresses are never wrapped into range, because a silent wrap would
 * turn a wrong configuration into plausible-looking numbers.
 */
public final class TextTraceReader implements RequestSource {
    private final BufferedReader in;
    private final String name;
    private final TraceFormat format;
    private final long capacityBytes;
    private long lineNo;
    private long address;
    private boolean write;
    private long cycle;
    private long lastCycle;
    private String pending;

    private TextTraceReader(BufferedReader in, String name, TraceFormat format, long capacityBytes,
            String pending, long pendingLineNo) {
        this.in = in;
        this.name = name;
        this.format = format;
        this.capacityBytes = capacityBytes;
        this.pending = pending;
        this.lineNo = pendingLineNo;
    }

    /**
     * Opens a trace file.
     *
     * @param format the format, or null to detect it from the first request line
     * @param capacityBytes addresses must be below this (the channel's capacity)
     */
    public static TextTraceReader open(Path file, TraceFormat format, long capacityBytes) {
        String name = file.toString();
        BufferedReader reader;
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                raw = new GZIPInputStream(raw, 1 << 16);
            }
            reader = new BufferedReader(new InputStreamReader(raw, StandardCharsets.US_ASCII), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new TraceFormatException(name, 0, "no such file (expected a readable trace file)");
        } catch (IOException e) {
            throw new TraceFormatException(name, 0, "cannot read: " + e.getMessage());
        }
        return fromReader(reader, name, format, capacityBytes);
    }

    /** Reads a trace from an already-open reader (tests, stdin). */
    public static TextTraceReader fromReader(BufferedReader reader, String name, TraceFormat format,
            long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive");
        }
        TraceFormat f = format;
        String first = null;
        long firstNo = 0;
        if (f == null) {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    firstNo++;
                    String t = line.trim();
                    if (!t.isEmpty() && t.charAt(0) != '#') {
                        first = line;
                        break;
                    }
                }
            } catch (IOException e) {
                throw new TraceFormatException(name, firstNo, "cannot read: " + e.getMessage());
            }
            if (first == null) {
                f = TraceFormat.DRAMSIM3; // empty trace: the format does not matter
            } else {
                f = TraceFormat.detect(first);
                if (f == null) {
                    throw new TraceFormatException(name, firstNo, "unknown trace format '" + Messages.token(first.strip())
                            + "' (expected '0xADDR READ|WRITE cycle' (DRAMsim3) or '[bubbles] LD|ST 0xADDR' (Ramulator))");
                }
            }
            firstNo--; // next() counts the pending line again
        }
        return new TextTraceReader(reader, name, f, capacityBytes, first, firstNo);
    }

    public TraceFormat format() {
        return format;
    }

    @Override
    public boolean next() {
        String line;
        try {
            while (true) {
                if (pending != null) {
                    line = pending;
                    pending = null;
                } else {
                    line = in.readLine();
                }
                if (line == null) {
                    return false;
                }
                lineNo++;
                int s = skipSpace(line, 0);
                if (s == line.length() || line.charAt(s) == '#') {
                    continue;
                }
                if (format == TraceFormat.DRAMSIM3) {
                    parseDramsim3(line, s);
                } else {
                    parseRamulator(line, s);
                }
                return true;
            }
        } catch (IOException e) {
            throw new TraceFormatException(name, lineNo, "cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new TraceFormatException(name, lineNo, "cannot read: " + e.getCause().getMessage());
        }
    }

    private void parseDramsim3(String line, int s) {
        int e = tokenEnd(line, s);
        address = parseAddress(line, s, e);
        int s2 = skipSpace(line, e);
        int e2 = tokenEnd(line, s2);
        if (line.regionMatches(s2, "READ", 0, 4) && e2 - s2 == 4) {
            write = false;
        } else if (line.regionMatches(s2, "WRITE", 0, 5) && e2 - s2 == 5) {
            write = true;
        } else {
            throw err("bad command '" + token(line, s2, e2) + "' (expected READ or WRITE)");
        }
        int s3 = skipSpace(line, e2);
        int e3 = tokenEnd(line, s3);
        if (s3 == e3) {
            throw err("missing cycle (expected '0xADDR READ|WRITE cycle')");
        }
        long c = parseDecimal(line, s3, e3, "cycle");
        if (c < lastCycle) {
            throw err("cycle " + c + " is before the previous request's " + lastCycle
                    + " (expected non-decreasing cycles)");
        }
        expectEnd(line, e3, "'0xADDR READ|WRITE cycle'");
        cycle = c;
        lastCycle = c;
    }

    private void parseRamulator(String line, int s) {
        int e = tokenEnd(line, s);
        long bubbles = 0;
        if (Character.isDigit(line.charAt(s))) {
            bubbles = parseDecimal(line, s, e, "bubble count");
            s = skipSpace(line, e);
            e = tokenEnd(line, s);
        }
        if (e - s == 2 && line.regionMatches(s, "LD", 0, 2)) {
            write = false;
        } else if (e - s == 2 && line.regionMatches(s, "ST", 0, 2)) {
            write = true;
        } else {
            throw err("bad request type '" + token(line, s, e) + "' (expected LD or ST)");
        }
        int s2 = skipSpace(line, e);
        int e2 = tokenEnd(line, s2);
        if (s2 == e2) {
            throw err("missing address (expected '[bubbles] LD|ST 0xADDR')");
        }
        address = parseAddress(line, s2, e2);
        expectEnd(line, e2, "'[bubbles] LD|ST 0xADDR'");
        // Bubbles are cycles of non-memory work before this request: they push back the earliest
        // feed cycle, cumulatively, like an idle core would.
        lastCycle += bubbles;
        cycle = lastCycle;
    }

    private long parseAddress(String line, int s, int e) {
        long v;
        if (e - s > 2 && line.charAt(s) == '0' && (line.charAt(s + 1) == 'x' || line.charAt(s + 1) == 'X')) {
            if (e - s - 2 > 16) {
                throw err("address '" + token(line, s, e) + "' too long (expected at most 64 bits)");
            }
            v = 0;
            for (int i = s + 2; i < e; i++) {
                int d = Character.digit(line.charAt(i), 16);
                if (d < 0) {
                    throw err("bad address '" + token(line, s, e) + "' (expected hex like 0x1F40)");
                }
                v = (v << 4) | d;
            }
        } else if (s < e && Character.isDigit(line.charAt(s))) {
            v = parseDecimal(line, s, e, "address");
        } else {
            throw err("bad address '" + token(line, s, e) + "' (expected hex like 0x1F40)");
        }
        if (Long.compareUnsigned(v, capacityBytes) >= 0) {
            throw err("address 0x" + Long.toHexString(v) + " is beyond the capacity of "
                    + capacityBytes + " bytes (expected < 0x" + Long.toHexString(capacityBytes) + ")");
        }
        return v;
    }

    private long parseDecimal(String line, int s, int e, String what) {
        if (s == e || e - s > 18) {
            throw err("bad " + what + " '" + token(line, s, e) + "' (expected a non-negative integer)");
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw err("bad " + what + " '" + token(line, s, e) + "' (expected a non-negative integer)");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private void expectEnd(String line, int from, String expected) {
        int s = skipSpace(line, from);
        if (s != line.length() && line.charAt(s) != '#') {
            throw err("unexpected '" + token(line, s, tokenEnd(line, s)) + "' after the request (expected " + expected + ")");
        }
    }

    private static int skipSpace(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t'
                || line.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    private static int tokenEnd(String line, int i) {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The offending token as an error may echo it: cut and escaped, so a binary file stays one line. */
    private static String token(String line, int s, int e) {
        return s >= e ? "" : Messages.token(line.substring(s, e));
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
}
