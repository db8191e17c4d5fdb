package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bitline sweep}: bad input, and a real run killed with SIGKILL and resumed. */
class SweepCommandTest {
    /** A kernel-pipeline sweep; {@code items} sets how long a point takes. */
    static String pipelineSweep(String name, int items, int bufferValues) {
        StringBuilder buffers = new StringBuilder();
        for (int i = 1; i <= bufferValues; i++) {
            buffers.append(i > 1 ? ", " : "").append(i);
        }
        return """
                name: %s
                seed: 5
                base:
                  name: t
                  pipeline:
                    items: %d
                    sourceInterval: 1ns
                    stages:
                      - {name: a, service: 0.8ns, buffer: 4, linkLatency: 0.5ns}
                      - {name: b, service: 1.25ns, distribution: exponential, buffer: 8, linkLatency: 0.5ns}
                axes:
                  pipeline.stages.0.buffer: [%s]
                  pipeline.stages.1.buffer: [2, 8]
                metrics:
                  throughput: pipeline.throughputPerUs
                  p99: pipeline.sink.latencyPs.p99
                pareto:
                  - {x: max throughput, y: min p99}
                """.formatted(name, items, buffers);
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void badInputIsOneLineExit2AndTouchesNothing(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "s.yaml", pipelineSweep("s", 200, 2));
        Path out = tmp.resolve("out");
        for (String[] args : List.of(
                new String[] {"sweep", f.toString(), "--shard", "5/4", "--out", out.toString()},
                new String[] {"sweep", f.toString(), "--jobs", "0", "--out", out.toString()},
                new String[] {"sweep", tmp.resolve("nope.yaml").toString()},
                new String[] {"sweep", "--merge", tmp.resolve("nothing").toString()},
                new String[] {"sweep"})) {
            CliTest.Result r = CliTest.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        Path bad = write(tmp, "b.yaml", pipelineSweep("b", 200, 2).replace("pipeline.stages.1.buffer", "pipeline.stages.1.bufer"));
        CliTest.Result r = CliTest.run("sweep", bad.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("b.yaml:13:21: unknown key 'bufer' (did you mean 'buffer'?"), r.err());
        assertFalse(Files.exists(out), "nothing written for a bad sweep file");

        CliTest.Result dry = CliTest.run("sweep", f.toString(), "--dry-run", "--out", out.toString());
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("4 points"), dry.out());
        assertFalse(Files.exists(out), "a dry run writes nothing");

        CliTest.Result ok = CliTest.run("sweep", f.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, ok.code(), ok.err());
        String csv = Files.readString(out.resolve("results.csv"));
        Path changed = write(tmp, "c.yaml", pipelineSweep("s", 300, 2));
        CliTest.Result other = CliTest.run("sweep", changed.toString(), "--out", out.toString());
        assertEquals(2, other.code());
        assertTrue(other.err().contains("holds the results of sweep 's'"), other.err());
        assertEquals(csv, Files.readString(out.resolve("results.csv")));
    }

    /** The class path of this test JVM, for a child JVM running the same build. */
    static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void killNineLosesOnlyPointsInFlight(@TempDir Path tmp) throws Exception {
        // 16 points of some tens of ms each: the kill lands mid-run
        Path f = write(tmp, "k.yaml", pipelineSweep("k", 10_000, 8));
        Path out = tmp.resolve("killed");
        Process p = new ProcessBuilder(java(), "-cp", classpath(), Bitline.class.getName(), "sweep", f.toString(),
                "--out", out.toString(), "--jobs", "2").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(out) < 3 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
        p.waitFor(10, TimeUnit.SECONDS);
        int survived = count(out);
        assertTrue(survived >= 3 && survived < 16, "killed mid-run with " + survived + " points done: "
                + Files.readString(tmp.resolve("child.log")));
        assertFalse(Files.exists(out.resolve("results.csv")), "the kill came before the merge");

        CliTest.Result resume = CliTest.run("sweep", f.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, resume.code(), resume.err());
        assertTrue(resume.out().contains("ran " + (16 - survived) + " point(s)"), "only the missing points run: " + resume.out());
        assertTrue(resume.out().contains(survived + " were already done"), resume.out());
        assertTrue(resume.out().contains("merged " + out + ": 16 of 16 points"), resume.out());

        CliTest.Result clean = CliTest.run("sweep", f.toString(), "--out", tmp.resolve("clean").toString(), "--jobs", "1");
        assertEquals(0, clean.code(), clean.err());
        assertEquals(Files.readString(tmp.resolve("clean/results.csv")), Files.readString(out.resolve("results.csv")),
                "killed-and-resumed equals a clean run, point for point");
        assertEquals(16, count(out), "no duplicates");
    }

    private static int count(Path out) throws IOException {
        Path pts = out.resolve("points");
        if (!Files.isDirectory(pts)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(pts)) {
            return (int) s.filter(x -> x.getFileName().toString().matches("[0-9a-f]{16}\\.json")).count();
        }
    }

    static List<String> lines(String s) {
        return new ArrayList<>(s.lines().toList());
    }
}
