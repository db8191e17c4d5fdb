package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandTraceReader;
import dev.bitline.dram.trace.RequestBuffer;
import dev.bitline.dram.trace.TextTraceReader;
import dev.bitline.dram.trace.TraceFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A binary file given as a trace: the error is one line and echoes only the escaped offending token. */
class BinaryTraceErrorsTest {

    /** Control bytes that split or garble a terminal line even though readLine() does not split on them. */
    private static final byte[] NASTY = {0x0b, 0x0c, 0x1b, 0x00, 0x07, 0x7f, (byte) 0x85, (byte) 0xe2, (byte) 0x80,
                                         (byte) 0xa8, 0x08, 0x1c, 0x1d, 0x1e};

    private static byte[] binary(Random r, byte[] prefix) {
        byte[] b = new byte[prefix.length + 300];
        System.arraycopy(prefix, 0, b, 0, prefix.length);
        for (int i = prefix.length; i < b.length; i++) {
            int c = r.nextInt(4);
            b[i] = c == 0 ? NASTY[r.nextInt(NASTY.length)] : c == 1 ? (byte) ' ' : (byte) r.nextInt(256);
            if (b[i] == '\n' || b[i] == '\r') {
                b[i] = 0x0b;
            }
        }
        return b;
    }

    private static void assertOneCleanLine(String m, String prefix) {
        assertTrue(m.startsWith(prefix), m);
        assertTrue(m.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "only printable ASCII, escaped: " + m);
        assertTrue(m.length() < 400, m);
    }

    @Test
    void binaryRequestTracesGiveOneEscapedLine(@TempDir Path dir) throws IOException {
        Random r = new Random(16);
        byte[][] prefixes = {{}, "0x40 READ 0\n0x".getBytes(), "0x40 ".getBytes(), "0x40 READ ".getBytes(),
                             "0x40 READ 1 ".getBytes(), "LD ".getBytes(), "3 LD 0x40 ".getBytes()};
        for (int i = 0; i < 200; i++) {
            Path f = dir.resolve("bin" + i + ".trace");
            Files.write(f, binary(r, prefixes[i % prefixes.length]));
            TraceFormat format = i % 3 == 0 ? null : i % 3 == 1 ? TraceFormat.DRAMSIM3 : TraceFormat.RAMULATOR;
            var e = assertThrows(RuntimeException.class,
                    () -> RequestBuffer.readAll(TextTraceReader.open(f, format, 8L << 30)), f.toString());
            assertOneCleanLine(e.getMessage(), f + ":");
        }
    }

    @Test
    void echoedTokenIsEscapedNotRaw() {
        var e = assertThrows(RuntimeException.class, () -> RequestBuffer.readAll(TextTraceReader.fromReader(
                new BufferedReader(new StringReader("0x40 RE\u000bAD\u001b[2J 0\n")), "t.trace", TraceFormat.DRAMSIM3, 1L << 30)));
        assertEquals("t.trace:1: bad command 'RE\\x0bAD\\x1b[2J' (expected READ or WRITE)", e.getMessage());
    }

    @Test
    void binaryCommandTracesGiveOneEscapedLine() {
        DramSpec spec = Presets.load("ddr4-2400-8gb-x8");
        Random r = new Random(61);
        String[] prefixes = {"", "12 ", "12 ACT ", "12 ACT ch=", "12 ACT bg"};
        for (int i = 0; i < 100; i++) {
            byte[] b = binary(r, prefixes[i % prefixes.length].getBytes());
            String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> CommandTraceReader.read(new BufferedReader(new StringReader(text)), "c.txt", spec));
            assertOneCleanLine(e.getMessage(), "c.txt:1: ");
            assertFalse(e.getMessage().contains("\u000b"), e.getMessage());
        }
    }
}
