package dev.bitline.dram.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The byte-level reader (fast path and general path) against a plain String-per-line reference
 * parser on random valid traces: spacing, tabs, comments, blank lines, line endings, hex case,
 * decimal addresses, bubble counts, read buffer boundaries. And a bad line inserted anywhere is
 * reported at its own line number.
 */
class TextTraceReaderProperties {
    static final long CAP = 8L << 30;

    /** One request as the reference parser sees it. */
    record Req(long address, boolean write, long cycle) {
    }

    /** The reference: split each line on whitespace, as the format documentation reads. */
    static List<Req> reference(List<String> lines, TraceFormat f) {
        List<Req> out = new ArrayList<>();
        long last = 0;
        for (String line : lines) {
            int hash = line.indexOf('#');
            String t = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] tok = t.split("[ \\t\\r]+");
            if (f == TraceFormat.DRAMSIM3) {
                long c = Long.parseLong(tok[2]);
                out.add(new Req(addr(tok[0]), tok[1].equals("WRITE"), c));
                last = c;
            } else {
                int k = 0;
                if (tok.length == 3) {
                    last += Long.parseLong(tok[0]);
                    k = 1;
                }
                out.add(new Req(addr(tok[k + 1]), tok[k].equals("ST"), last));
            }
        }
        return out;
    }

    static long addr(String s) {
        return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }

    static String space(Random r) {
        if (r.nextInt(4) != 0) {
            return " ";
        }
        String[] s = {"  ", "\t", " \t ", "   "};
        return s[r.nextInt(s.length)];
    }

    static String hex(Random r, long v) {
        String h = Long.toHexString(v);
        h = r.nextBoolean() ? h.toUpperCase() : h;
        return (r.nextInt(5) == 0 ? "0X" : "0x") + "0".repeat(r.nextInt(5) == 0 ? 1 : 0) + h;
    }

    static String address(Random r, long v) {
        return r.nextInt(8) == 0 ? Long.toString(v) : hex(r, v);
    }

    /** Random valid lines: requests in canonical and non-canonical spellings, blanks and comments. */
    static List<String> validLines(Random r, TraceFormat f, int n) {
        List<String> lines = new ArrayList<>();
        long cycle = 0;
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(20);
            if (kind == 0) {
                lines.add(r.nextBoolean() ? "" : space(r));
                continue;
            }
            if (kind == 1) {
                lines.add(space(r) + "# comment " + i);
                continue;
            }
            long a = (r.nextLong() & Long.MAX_VALUE) % CAP;
            a = r.nextBoolean() ? a & ~63L : a;
            String lead = r.nextInt(6) == 0 ? space(r) : "";
            String tail = r.nextInt(8) == 0 ? space(r) : r.nextInt(12) == 0 ? " # c" : "";
            if (f == TraceFormat.DRAMSIM3) {
                cycle += r.nextInt(4) == 0 ? 0 : r.nextInt(1000);
                lines.add(lead + address(r, a) + space(r) + (r.nextInt(3) == 0 ? "WRITE" : "READ") + space(r) + cycle + tail);
            } else {
                String bubbles = r.nextBoolean() ? r.nextInt(100) + space(r) : "";
                lines.add(lead + bubbles + (r.nextInt(3) == 0 ? "ST" : "LD") + space(r) + address(r, a) + tail);
            }
        }
        return lines;
    }

    static byte[] join(Random r, List<String> lines) {
        StringBuilder sb = new StringBuilder();
        String[] ends = {"\n", "\n", "\n", "\r\n", "\r"};
        for (int i = 0; i < lines.size(); i++) {
            sb.append(lines.get(i));
            if (i < lines.size() - 1 || r.nextBoolean()) {
                sb.append(ends[r.nextInt(ends.length)]);
            }
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A stream that hands out bytes in small random chunks, so lines straddle every buffer refill. */
    static InputStream chunked(byte[] data, Random r) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(64)));
            }
        };
    }

    static List<Req> readAll(TextTraceReader t) {
        List<Req> out = new ArrayList<>();
        try (t) {
            while (t.next()) {
                out.add(new Req(t.address(), t.isWrite(), t.cycle()));
            }
        }
        return out;
    }

    @Property(tries = 300)
    void byteParserEqualsReference(@ForAll long seed, @ForAll boolean ramulator, @ForAll boolean detect,
            @ForAll boolean chunks, @ForAll @IntRange(min = 0, max = 400) int n) {
        Random r = new Random(seed);
        TraceFormat f = ramulator ? TraceFormat.RAMULATOR : TraceFormat.DRAMSIM3;
        List<String> lines = validLines(r, f, n);
        byte[] data = join(r, lines);
        InputStream in = chunks ? chunked(data, r) : new ByteArrayInputStream(data);
        TextTraceReader t = TextTraceReader.fromStream(in, "t.trace", detect ? null : f, CAP);
        List<Req> expected = reference(lines, f);
        assertEquals(expected, readAll(t));
        if (detect && !expected.isEmpty()) {
            assertEquals(f, t.format());
        }
    }

    @Property(tries = 300)
    void badLineIsReportedAtItsLine(@ForAll long seed, @ForAll boolean ramulator, @ForAll boolean chunks,
            @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 0, max = 7) int badKind) {
        Random r = new Random(seed);
        TraceFormat f = ramulator ? TraceFormat.RAMULATOR : TraceFormat.DRAMSIM3;
        List<String> lines = validLines(r, f, n);
        int at = r.nextInt(lines.size() + 1);
        String bad = switch (badKind) {
            case 0 -> f == TraceFormat.DRAMSIM3 ? "0x40 FETCH 99999999" : "XX 0x40";
            case 1 -> f == TraceFormat.DRAMSIM3 ? "0xZZ READ 99999999" : "LD 0xZZ";
            case 2 -> f == TraceFormat.DRAMSIM3 ? "0x40 READ" : "LD";
            case 3 -> f == TraceFormat.DRAMSIM3 ? "0x200000000 READ 99999999" : "ST 0x200000000";
            case 4 -> f == TraceFormat.DRAMSIM3 ? "0x40 READ 99999999 extra" : "LD 0x40 extra";
            case 5 -> f == TraceFormat.DRAMSIM3 ? "0x40 READ -1" : "-1 LD 0x40";
            case 6 -> f == TraceFormat.DRAMSIM3 ? "0x40 READ 1234567890123456789" : "1234567890123456789 LD 0x40";
            default -> f == TraceFormat.DRAMSIM3 ? "0x11112222333344445 WRITE 99999999" : "ST 0x11112222333344445";
        };
        lines.add(at, bad);
        // Physical line endings only: a lone '\r' would be a line end, so use '\n' and '\r\n'.
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append(r.nextBoolean() ? "\n" : "\r\n");
        }
        byte[] data = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        InputStream in = chunks ? chunked(data, r) : new ByteArrayInputStream(data);
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> readAll(TextTraceReader.fromStream(in, "t.trace", f, CAP)));
        assertEquals(at + 1, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.trace:" + (at + 1) + ": "), e.getMessage());
    }
}
