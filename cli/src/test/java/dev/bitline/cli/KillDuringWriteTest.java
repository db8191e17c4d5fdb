package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of real {@code bitline dram} runs at random moments (fixed seed): a child JVM rewrites
 * one results folder in a loop with two alternating seeds; after every kill the folder (after the
 * recovery the next run does first) must be, file for file, exactly one of the two runs, and no
 * temp file or folder may be left beside it.
 */
class KillDuringWriteTest {
    static final int KILLS = 20;
    static final int BATCH = 10;

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) m.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return m;
    }

    private static boolean same(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) return false;
        for (String k : a.keySet()) if (!Arrays.equals(a.get(k), b.get(k))) return false;
        return true;
    }

    private static Map<String, byte[]> reference(Path tmp, String name, int seed) throws IOException {
        Path d = tmp.resolve(name);
        DramCommandTest.Result r = DramCommandTest.run("dram", "--config", DramCommandTest.CONFIG, "--synthetic",
                "random:" + REQUESTS, "--set", "seed=" + seed, "--out", d.toString());
        assertEquals(0, r.code(), r.err());
        return contents(d);
    }

    static final int REQUESTS = 300;

    @Test
    void killedRunsLeaveTheOldFolderOrTheNewOneWhole(@TempDir Path tmp) throws Exception {
        Map<String, byte[]> one = reference(tmp, "ref1", 1);
        Map<String, byte[]> two = reference(tmp, "ref2", 2);
        assertTrue(!same(one, two), "the two seeds give different results");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        SplittableRandom rnd = new SplittableRandom(16);
        int asOne = 0, asTwo = 0, kills = 0;
        // children in parallel batches: each warms up (first run done), then is killed at a random
        // moment of its loop of runs, which is back-to-back simulate + write + rename
        for (int batch = 0; batch < KILLS / BATCH; batch++) {
            Process[] ps = new Process[BATCH];
            Path[] outs = new Path[BATCH];
            Path[] ready = new Path[BATCH];
            for (int i = 0; i < BATCH; i++) {
                Path runs = Files.createDirectories(tmp.resolve("runs-" + batch + "-" + i));
                outs[i] = runs.resolve("dram");
                ready[i] = tmp.resolve("ready-" + batch + "-" + i);
                ps[i] = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", cp,
                        KillChild.class.getName(), DramCommandTest.CONFIG, outs[i].toString(), String.valueOf(REQUESTS),
                        ready[i].toString()).redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("child-" + batch + "-" + i + ".log").toFile()).start();
            }
            for (int i = 0; i < BATCH; i++) {
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (!Files.exists(ready[i])) {
                    assertTrue(ps[i].isAlive() && System.nanoTime() < deadline, "child " + i + " did not start: "
                            + Files.readString(tmp.resolve("child-" + batch + "-" + i + ".log")));
                    Thread.sleep(10);
                }
                Thread.sleep(rnd.nextInt(400));
                ps[i].destroyForcibly(); // SIGKILL
                ps[i].waitFor();
                kills++;
                dev.bitline.sim.io.AtomicFolder.recover(outs[i]); // what the next run does first
                Map<String, byte[]> now = contents(outs[i]);
                boolean isOne = same(now, one), isTwo = same(now, two);
                assertTrue(isOne || isTwo, "kill " + kills + ": folder is neither run whole: " + now.keySet());
                if (isOne) asOne++;
                if (isTwo) asTwo++;
                try (Stream<Path> s = Files.list(outs[i].getParent())) {
                    assertEquals(List.of("dram"), s.map(x -> x.getFileName().toString()).toList(), "kill " + kills);
                }
            }
        }
        System.out.printf("kill -9: %d kills of real runs, folder whole every time (%d as seed 1, %d as seed 2)%n",
                kills, asOne, asTwo);
        assertEquals(KILLS, kills);
        assertTrue(asOne > 0, "some kills came after a second run completed");
    }
}
