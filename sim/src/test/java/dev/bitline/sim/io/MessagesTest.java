package dev.bitline.sim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void tokenEscapesNonPrintableBytesAndCuts() {
        assertEquals("0x1F40", Messages.token("0x1F40"));
        assertEquals("a\\x00b\\x1b[2J\\x0c\\x85\\\\", Messages.token("a\u0000b\u001b[2J\u000c\u0085\\"));
        assertEquals("\\u2028\\ufffd\\xa0\\xe9", Messages.token("\u2028\ufffd\u00a0\u00e9"));
        assertEquals("\"5\u00b5s\"", Messages.quote("5\u00b5s"));
        assertEquals("x".repeat(40) + "...", Messages.token("x".repeat(500)));
        assertEquals("\"q\\\"\\x07\"", Messages.quote("q\"\u0007"));
    }

    @Test
    void randomBinaryNeverSpansLinesOrCarriesControlCodes() {
        Random r = new Random(16);
        for (int i = 0; i < 2000; i++) {
            char[] cs = new char[r.nextInt(80)];
            for (int j = 0; j < cs.length; j++) {
                cs[j] = r.nextBoolean() ? (char) r.nextInt(256) : (char) r.nextInt(0x10000);
            }
            for (String t : new String[] {Messages.token(new String(cs)), Messages.quote(new String(cs))}) {
                assertTrue(t.chars().allMatch(c -> c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)
                        && Character.getType(c) != Character.LINE_SEPARATOR
                        && Character.getType(c) != Character.PARAGRAPH_SEPARATOR), t);
                assertFalse(t.length() > 5 + 6 * 60, t);
            }
        }
    }
}
