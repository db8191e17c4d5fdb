package dev.bitline.dram.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextTraceReaderTest {
    static final long CAP = 8L << 30;

    static TextTraceReader read(String text, TraceFormat f) {
        return TextTraceReader.fromReader(new BufferedReader(new StringReader(text)), "t.trace", f, CAP);
    }

    @Test
    void readsDramsim3() {
        RequestBuffer b = RequestBuffer.readAll(read("# comment\n0x40 READ 0\n\n0x1F40 WRITE 12\n", null));
        assertEquals(2, b.size());
        assertEquals(0x40, b.address(0));
        assertFalse(b.isWrite(0));
        assertEquals(0x1F40, b.address(1));
        assertTrue(b.isWrite(1));
        assertEquals(12, b.cycle(1));
    }

    @Test
    void readsRamulatorWithAndWithoutBubbles() {
        RequestBuffer b = RequestBuffer.readAll(read("LD 0x40\nST 0x80\n3 LD 0xC0\n2 ST 0x100\n", null));
        assertEquals(4, b.size());
        assertTrue(b.isWrite(1));
        assertEquals(0, b.cycle(1));
        assertEquals(3, b.cycle(2)); // bubbles accumulate
        assertEquals(5, b.cycle(3));
        assertEquals(0x100, b.address(3));
    }

    static Stream<Arguments> dramsim3Errors() {
        return Stream.of(
                Arguments.of("0x40 READ 0\n0x80 FETCH 1", "t.trace:2: bad command 'FETCH' (expected READ or WRITE)"),
                Arguments.of("0x40 READ", "t.trace:1: missing cycle (expected '0xADDR READ|WRITE cycle')"),
                Arguments.of("0xZZ READ 1", "t.trace:1: bad address '0xZZ' (expected hex like 0x1F40)"),
                Arguments.of("0x40 READ 5\n0x80 READ 4", "t.trace:2: cycle 4 is before the previous request's 5 (expected non-decreasing cycles)"),
                Arguments.of("0x200000000 READ 0", "t.trace:1: address 0x200000000 is beyond the capacity of 8589934592 bytes (expected < 0x200000000)"),
                Arguments.of("0x40 READ 0 extra", "t.trace:1: unexpected 'extra' after the request (expected '0xADDR READ|WRITE cycle')"),
                Arguments.of("0x40 READ -1", "t.trace:1: bad cycle '-1' (expected a non-negative integer)"));
    }

    @ParameterizedTest
    @MethodSource("dramsim3Errors")
    void dramsim3ErrorsNameFileAndLine(String text, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> RequestBuffer.readAll(read(text, TraceFormat.DRAMSIM3)));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> ramulatorErrors() {
        return Stream.of(
                Arguments.of("LD 0x40\nXX 0x80", "t.trace:2: bad request type 'XX' (expected LD or ST)"),
                Arguments.of("LD", "t.trace:1: missing address (expected '[bubbles] LD|ST 0xADDR')"),
                Arguments.of("ST 0x400000000", "t.trace:1: address 0x400000000 is beyond the capacity of 8589934592 bytes (expected < 0x200000000)"));
    }

    @ParameterizedTest
    @MethodSource("ramulatorErrors")
    void ramulatorErrorsNameFileAndLine(String text, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> RequestBuffer.readAll(read(text, TraceFormat.RAMULATOR)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void unknownFormatIsAnError() {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> read("\nhello world\n", null));
        assertTrue(e.getMessage().startsWith("t.trace:2: unknown trace format 'hello world'"), e.getMessage());
    }

    @Test
    void readsGzipByMagicNotByName(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("a.trace");
        Files.writeString(plain, "0x40 READ 0\n0x80 WRITE 3\n");
        Path gz = dir.resolve("b.trace"); // no .gz suffix on purpose
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write("LD 0x40\nST 0x80\n".getBytes(StandardCharsets.US_ASCII));
        }
        RequestBuffer a = RequestBuffer.readAll(TextTraceReader.open(plain, null, CAP));
        RequestBuffer b = RequestBuffer.readAll(TextTraceReader.open(gz, null, CAP));
        assertEquals(2, a.size());
        assertEquals(2, b.size());
        assertEquals(a.address(1), b.address(1));
        assertEquals(a.isWrite(1), b.isWrite(1));
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> TextTraceReader.open(dir.resolve("missing.trace"), null, CAP));
        assertTrue(e.getMessage().endsWith("missing.trace: no such file (expected a readable trace file)"));
    }

    @Test
    void referenceTracesAgreeBetweenFormats() {
        Path dir = ReferenceTraces.dir();
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, ReferenceTraces.SKIP_REASON);
        try (RequestSource d = TextTraceReader.open(dir.resolve("mixed-200k.dramsim3.trace.gz"), null, CAP);
                RequestSource r = TextTraceReader.open(dir.resolve("mixed-200k.ramulator.trace.gz"), null, CAP)) {
            long n = 0;
            while (d.next()) {
                assertTrue(r.next());
                assertEquals(d.address(), r.address());
                assertEquals(d.isWrite(), r.isWrite());
                n++;
            }
            assertFalse(r.next());
            assertEquals(200_000, n);
        }
    }

    /** Lines split across buffer refills, every line ending, comments and a line longer than the buffer. */
    @Test
    void byteReaderAgreesWithLineSplitting(@TempDir Path dir) throws IOException {
        java.util.Random r = new java.util.Random(15);
        StringBuilder sb = new StringBuilder();
        java.util.List<long[]> expect = new java.util.ArrayList<>();
        String[] ends = {"\n", "\r\n", "\r", "  \n", "\t# c\n"};
        long cyc = 0;
        for (int i = 0; i < 60_000; i++) {
            if (i == 30_000) {
                sb.append('#').append("x".repeat(200_000)).append('\n');
            }
            if (r.nextInt(50) == 0) {
                sb.append(r.nextBoolean() ? "\n" : "# comment\n");
            }
            long a = (r.nextLong() >>> 31) & ~63L;
            boolean w = r.nextInt(3) == 0;
            cyc += r.nextInt(3);
            sb.append(r.nextBoolean() ? "0x" + Long.toHexString(a) : "0X" + Long.toHexString(a).toUpperCase())
                    .append(w ? " WRITE " : "\tREAD ").append(cyc).append(ends[r.nextInt(ends.length)]);
            expect.add(new long[] {a, w ? 1 : 0, cyc});
        }
        Path plain = dir.resolve("big.trace");
        Files.writeString(plain, sb);
        Path gz = dir.resolve("big.trace.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        }
        for (Path p : new Path[] {plain, gz}) {
            RequestBuffer b = RequestBuffer.readAll(TextTraceReader.open(p, null, CAP));
            assertEquals(expect.size(), b.size(), p.toString());
            for (int i = 0; i < b.size(); i++) {
                assertEquals(expect.get(i)[0], b.address(i));
                assertEquals(expect.get(i)[1] == 1, b.isWrite(i));
                assertEquals(expect.get(i)[2], b.cycle(i));
            }
        }
        // a line number after the long line and the mixed endings is still the physical line
        Files.writeString(plain, "0x40 READ 0\r\n" + "#" + "y".repeat(100_000) + "\r0x80 READ 1\rbad\n");
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> RequestBuffer.readAll(TextTraceReader.open(plain, null, CAP)));
        assertTrue(e.getMessage().endsWith("big.trace:4: bad address 'bad' (expected hex like 0x1F40)"), e.getMessage());
    }

    /** Ramulator lines, canonical (the one-pass path) and not (the general one), across refills. */
    @Test
    void ramulatorFastAndGeneralPathsAgree(@TempDir Path dir) throws IOException {
        java.util.Random r = new java.util.Random(16);
        StringBuilder sb = new StringBuilder();
        java.util.List<long[]> expect = new java.util.ArrayList<>();
        String[] ends = {"\n", "\r\n", " \n", "\n\n"};
        long cyc = 0;
        for (int i = 0; i < 50_000; i++) {
            long a = (r.nextLong() >>> 31) & ~63L;
            boolean w = r.nextInt(3) == 0;
            int bub = r.nextInt(4) == 0 ? r.nextInt(100) : -1;
            if (bub >= 0) {
                sb.append(bub).append(r.nextBoolean() ? " " : "\t");
                cyc += bub;
            }
            sb.append(w ? "ST" : "LD").append(' ')
                    .append(r.nextInt(5) == 0 ? Long.toString(a) : "0x" + Long.toHexString(a))
                    .append(ends[r.nextInt(ends.length)]);
            expect.add(new long[] {a, w ? 1 : 0, cyc});
        }
        Path f = dir.resolve("r.trace");
        Files.writeString(f, sb);
        RequestBuffer b = RequestBuffer.readAll(TextTraceReader.open(f, null, CAP));
        assertEquals(expect.size(), b.size());
        for (int i = 0; i < b.size(); i++) {
            assertEquals(expect.get(i)[0], b.address(i), "request " + i);
            assertEquals(expect.get(i)[1] == 1, b.isWrite(i));
            assertEquals(expect.get(i)[2], b.cycle(i));
        }
        // errors on canonical-looking lines still come from the general path, with its message
        Files.writeString(f, "LD 0x40\nST 0x400000000\n");
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> RequestBuffer.readAll(TextTraceReader.open(f, null, CAP)));
        assertTrue(e.getMessage().endsWith("r.trace:2: address 0x400000000 is beyond the capacity of 8589934592 bytes "
                + "(expected < 0x200000000)"), e.getMessage());
        Files.writeString(f, "0x40 READ 5\n0x80 WRITE 4\n");
        e = assertThrows(TraceFormatException.class, () -> RequestBuffer.readAll(TextTraceReader.open(f, null, CAP)));
        assertTrue(e.getMessage().endsWith("r.trace:2: cycle 4 is before the previous request's 5 (expected non-decreasing cycles)"),
                e.getMessage());
    }

    @Test
    void aLineLongerThanAMegabyteIsAnError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("long.trace");
        Files.writeString(f, "0x40 READ 0\n" + "z".repeat(TextTraceReader.MAX_LINE + 10));
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> RequestBuffer.readAll(TextTraceReader.open(f, null, CAP)));
        assertTrue(e.getMessage().endsWith("long.trace:2: line longer than 1048576 bytes (expected a text trace, one request per line)"),
                e.getMessage());
    }
}
