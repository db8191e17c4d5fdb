package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bitline dram check} validates every line against the organization (exit 2, one
 * {@code file:line} line), names violations by trace line, says when there is nothing to check,
 * and streams: a long trace is checked in a small heap.
 */
class DramCheckInputTest {
    static final String CONFIG = DramCommandTest.CONFIG;

    private static DramCommandTest.Result check(Path tmp, String text) throws IOException {
        Path t = tmp.resolve("c.txt");
        Files.writeString(t, text);
        return DramCommandTest.run("dram", "check", "--config", CONFIG, t.toString());
    }

    @Test
    void linesOutsideTheOrganizationAreLocatedErrors(@TempDir Path tmp) throws IOException {
        String ok = "0 ACT ch=0 ra=0 bg=0 ba=0 row=5\n";
        for (String[] c : List.of(
                new String[] {"30 ACT ch=0 ra=0 bg=9 ba=1 row=5", "bg=9 is out of range (expected 0..3"},
                new String[] {"30 ACT ch=0 ra=0 bg=1 ba=1 row=99999999", "row=99999999 is out of range (expected 0..65535"},
                new String[] {"30 ACT ch=5 ra=0 bg=1 ba=1 row=1", "ch=5 is out of range (expected 0..0"},
                new String[] {"30 ACT ch=0 ra=1 bg=1 ba=1 row=1", "ra=1 is out of range"},
                new String[] {"30 RD ch=0 ra=0 bg=0 ba=4 row=5 col=0", "ba=4 is out of range"},
                new String[] {"30 RD ch=0 ra=0 bg=0 ba=0 row=5 col=1024", "col=1024 is out of range"},
                new String[] {"30 ACT ch=0 ra=0 ba=1 row=1", "ACT needs bg= (expected bg=0..3)"},
                new String[] {"30 ACT ch=0 ra=0 bg=1 row=1", "ACT needs ba="},
                new String[] {"30 ACT ch=0 ra=0 bg=1 ba=1", "ACT needs row="},
                new String[] {"30 RD ch=0 ra=0 bg=0 ba=0 row=5", "RD needs col="},
                new String[] {"30 REFsb ch=0 ra=0 ba=1", "unknown DRAM command 'REFsb'"})) {
            DramCommandTest.Result r = check(tmp, ok + c[0] + "\n");
            assertEquals(2, r.code(), c[0] + ": " + r.out() + r.err());
            String err = r.err().strip();
            assertTrue(err.contains("c.txt:2: ") && err.contains(c[1]), c[0] + " -> " + err);
            assertFalse(err.contains("\n"), "one line: " + err);
        }
    }

    @Test
    void violationsNameTheTraceLine(@TempDir Path tmp) throws IOException {
        DramCommandTest.Result r = check(tmp, """
                # header
                0 ACT ch=0 ra=0 bg=0 ba=0 row=5 col=*
                1000 REFab ch=0 ra=0
                """.replace("1000 REFab", "200 PRE ch=0 ra=0 bg=0 ba=0\n1000 REFab") + "1001 PRE ch=0 ra=0 bg=0 ba=0\n");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("violations: 1"), r.out());
        assertTrue(r.out().contains("c.txt:5: BUSY: REFab->PRE busy >= tRFC"), r.out());
        assertTrue(r.out().contains("(" + tmp.resolve("c.txt") + ":4)"), r.out());
    }

    @Test
    void emptyTraceIsNothingToDo(@TempDir Path tmp) throws IOException {
        DramCommandTest.Result r = check(tmp, "# only a comment\n\n");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("no commands in the trace: nothing to check"), r.err());
    }

    /** 600k commands through the checker in a 48 MB heap: the check streams. */
    @Test
    void longTraceIsCheckedInASmallHeap(@TempDir Path tmp) throws Exception {
        Path t = tmp.resolve("long.txt.gz");
        try (var w = new java.io.PrintWriter(new java.io.OutputStreamWriter(
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(t)), java.nio.charset.StandardCharsets.UTF_8))) {
            long cyc = 0;
            for (int i = 0; i < 150_000; i++) {
                int bg = i % 4;
                w.println(cyc + " ACT ch=0 ra=0 bg=" + bg + " ba=0 row=" + (i % 1000) + " col=*");
                w.println((cyc + 30) + " RD ch=0 ra=0 bg=" + bg + " ba=0 row=" + (i % 1000) + " col=0");
                w.println((cyc + 60) + " PRE ch=0 ra=0 bg=" + bg + " ba=0 row=* col=*");
                w.println((cyc + 61) + " PDE ch=0 ra=0");
                w.println((cyc + 70) + " PDX ch=0 ra=0");
                cyc += 100;
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.bitline.cli.Bitline", "dram", "check", "--config", CONFIG, t.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("commands checked: 750000") && out.contains("violations: 0"), out);
    }
}
