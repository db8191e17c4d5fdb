package dev.bitline.sim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFolderTest {
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void commitReplacesTheFolderWholeAndKeepsOtherFiles(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        try (AtomicFolder f = AtomicFolder.open(out)) {
            Files.writeString(f.dir().resolve("stats.json"), "old");
            Files.writeString(f.dir().resolve("plot.png"), "old plot");
            assertFalse(Files.exists(out), "nothing visible before commit");
            f.commit();
        }
        assertEquals(List.of("plot.png", "stats.json"), names(out));
        Files.writeString(out.resolve("notes.txt"), "mine");
        try (AtomicFolder f = AtomicFolder.open(out)) {
            Files.writeString(f.dir().resolve("stats.json"), "new");
            Files.writeString(f.dir().resolve("plot.png"), "new plot");
            assertEquals("old", Files.readString(out.resolve("stats.json")), "old run intact until commit");
            f.commit();
        }
        assertEquals("new", Files.readString(out.resolve("stats.json")));
        assertEquals("new plot", Files.readString(out.resolve("plot.png")));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")), "a file the run did not write is kept");
        assertEquals(List.of("run"), names(tmp), "no temp or old folder left");
    }

    @Test
    void commitReplacingDropsWhatTheNewRunDidNotWrite(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("gen");
        AtomicFolder.writeWhole(out, d -> AtomicFiles.write(d.resolve("a.v"), "module a;"));
        Files.writeString(out.resolve("stale.v"), "module old;");
        try (AtomicFolder f = AtomicFolder.open(out)) {
            Files.writeString(f.dir().resolve("b.v"), "module b;");
            f.commitReplacing();
        }
        assertEquals(List.of("b.v"), names(out), "generated output replaced whole");
        assertEquals(List.of("gen"), names(tmp));
    }

    @Test
    void writeWholeLeavesTheTargetUntouchedWhenTheWriterFails(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("study");
        AtomicFolder.writeWhole(out, d -> AtomicFiles.write(d.resolve("rows.csv"), "old"));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> AtomicFolder.writeWhole(out, d -> {
                    AtomicFiles.write(d.resolve("rows.csv"), "half");
                    throw new IllegalStateException("chart failed");
                }));
        assertEquals("chart failed", e.getMessage());
        assertEquals("old", Files.readString(out.resolve("rows.csv")));
        assertEquals(List.of("study"), names(tmp), "the temp folder is gone");
    }

    @Test
    void fileTreesDeleteRemovesLinksWithoutFollowingThem(@TempDir Path tmp) throws IOException {
        Path keep = Files.createDirectories(tmp.resolve("keep"));
        Files.writeString(keep.resolve("x"), "x");
        Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
        Files.writeString(tree.resolve("f"), "f");
        Files.createSymbolicLink(tmp.resolve("tree/link"), keep);
        FileTrees.delete(tmp.resolve("tree"));
        assertFalse(Files.exists(tmp.resolve("tree")));
        assertTrue(Files.exists(keep.resolve("x")), "the link's target is untouched");
        FileTrees.delete(tmp.resolve("missing")); // not an error
        FileTrees.deleteQuietly(keep);
        assertFalse(Files.exists(keep));
    }

    @Test
    void closeWithoutCommitLeavesTheOldFolder(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        Files.createDirectories(out);
        Files.writeString(out.resolve("a"), "old");
        try (AtomicFolder f = AtomicFolder.open(out)) {
            Files.writeString(f.dir().resolve("a"), "half");
        }
        assertEquals("old", Files.readString(out.resolve("a")));
        assertEquals(List.of("run"), names(tmp));
    }

    @Test
    void recoverPutsBackAnOrphanedOldFolderAndDeletesDeadTemps(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        long dead = deadPid();
        Path old = tmp.resolve(".run." + dead + ".old");
        Files.createDirectories(old);
        Files.writeString(old.resolve("stats.json"), "previous");
        Path temp = tmp.resolve(".run." + dead + ".x1.tmp");
        Files.createDirectories(temp);
        Files.writeString(temp.resolve("stats.json"), "half");
        Path tempFile = tmp.resolve(".run." + dead + ".123.tmp");
        Files.writeString(tempFile, "8 MB of a command trace");
        Path live = tmp.resolve(".run." + ProcessHandle.current().pid() + ".y.tmp");
        Files.createDirectories(live);
        AtomicFolder.recover(out);
        assertEquals("previous", Files.readString(out.resolve("stats.json")));
        assertEquals(List.of(live.getFileName().toString(), "run"), names(tmp), "a live run's temp stays");
    }

    @Test
    void streamedFilesCleanWhatAKilledRunLeft(@TempDir Path tmp) throws IOException {
        Path trace = tmp.resolve("cmds.txt");
        Path stale = tmp.resolve(".cmds.txt." + deadPid() + ".42.tmp");
        Files.writeString(stale, "stale");
        try (AtomicFiles.Streamed s = AtomicFiles.stream(trace, java.nio.charset.StandardCharsets.UTF_8)) {
            s.writer().write("x\n");
            s.commit();
        }
        assertEquals(List.of("cmds.txt"), names(tmp));
    }

    /** A pid no process has (a finished child's). */
    private static long deadPid() throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        try {
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(!p.isAlive());
        return p.pid();
    }
}
