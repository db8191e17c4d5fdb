package dev.bitline.mapping.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine: worker count, order, shards, resume and merge never change a result. */
class SweepRunTest {
    @TempDir
    Path dir;

    private Sweep pipeline() {
        return Sweep.load(SweepFiles.write(dir, "pipe.yaml", SweepFiles.PIPELINE));
    }

    private SweepRun.Outcome run(Sweep s, String out, int jobs, Shard shard) {
        return SweepRun.run(s, new SweepRun.Options(dir.resolve(out), jobs, shard), SweepRun.Listener.NONE);
    }

    private String csv(String out) throws IOException {
        return Files.readString(dir.resolve(out).resolve("results.csv"));
    }

    @Test
    void resultsDoNotDependOnWorkersShardsOrResume() throws IOException {
        Sweep s = pipeline();
        SweepRun.Outcome one = run(s, "one", 1, Shard.ALL);
        assertEquals(12, one.ran());
        assertTrue(one.merged().orElseThrow().complete());
        String expected = csv("one");
        assertEquals(13, expected.lines().count());
        assertTrue(expected.startsWith("index,hash,pipeline.stages.0.buffer,pipeline.items,seed,throughput,p99\n"), expected);

        run(s, "four", 4, Shard.ALL);
        assertEquals(expected, csv("four"), "4 workers give the same table as 1");

        // shards into their own folders, copied side by side, then merged
        for (int i = 0; i < 3; i++) {
            SweepRun.Outcome o = run(s, "shards/s" + i, 2, new Shard(i, 3));
            assertEquals(4, o.inShard());
            assertTrue(o.merged().isEmpty(), "a shard does not merge");
        }
        SweepMerge.Report m = SweepMerge.merge(dir.resolve("shards"));
        assertTrue(m.complete(), m.toString());
        assertEquals(expected, csv("shards"));

        // resume: delete two finished points, rerun: only those two run, same table
        List<Path> pts = new PointStore(dir.resolve("one")).pointFiles();
        Files.delete(pts.get(3));
        Files.delete(pts.get(7));
        Files.writeString(pts.get(0).resolveSibling(".x.json.123.tmp"), "{half"); // a write killed in flight
        SweepRun.Outcome again = run(s, "one", 2, Shard.ALL);
        assertEquals(2, again.ran());
        assertEquals(10, again.skipped());
        assertEquals(expected, csv("one"));
        assertFalse(Files.readString(dir.resolve("one/plan.json")).isEmpty());
    }

    @Test
    void mergeReportsMissingAndDuplicatedPoints() throws IOException {
        Sweep s = pipeline();
        run(s, "a/x", 2, new Shard(0, 2));
        SweepMerge.Report half = SweepMerge.merge(dir.resolve("a"));
        assertEquals(6, half.found());
        assertEquals(6, half.missing().size());
        assertFalse(half.complete());
        assertEquals(6, Files.readString(dir.resolve("a/results.csv")).lines().count() - 1);

        run(s, "a/y", 2, Shard.ALL); // the whole sweep again beside shard 0: shard 0's points twice
        SweepMerge.Report dup = SweepMerge.merge(dir.resolve("a"));
        assertEquals(12, dup.found());
        assertTrue(dup.missing().isEmpty());
        assertEquals(6, dup.duplicates().size());
        assertTrue(dup.duplicates().stream().allMatch(SweepMerge.Duplicate::identical), "a point computes the same anywhere");
    }

    @Test
    void anotherSweepsFolderIsRefusedAndUntouched() throws IOException {
        Sweep s = pipeline();
        run(s, "out", 2, Shard.ALL);
        String plan = Files.readString(dir.resolve("out/plan.json"));
        String csv = csv("out");
        Sweep other = Sweep.load(SweepFiles.write(dir, "other.yaml", SweepFiles.PIPELINE.replace("seed: 7", "seed: 8")));
        InputException e = assertThrows(InputException.class, () -> run(other, "out", 2, Shard.ALL));
        assertTrue(e.getMessage().contains("holds the results of sweep 'pipe'"), e.getMessage());
        assertEquals(plan, Files.readString(dir.resolve("out/plan.json")));
        assertEquals(csv, csv("out"));

        run(other, "mix/b", 1, new Shard(1, 2));
        Files.createDirectories(dir.resolve("mix/a"));
        Files.writeString(dir.resolve("mix/a/plan.json"), plan);
        InputException m = assertThrows(InputException.class, () -> SweepMerge.merge(dir.resolve("mix")));
        assertTrue(m.getMessage().contains("expected shards of one sweep file"), m.getMessage());
    }

    @Test
    void aMetricOnAStatTheRunLacksIsALocatedError() {
        Sweep s = Sweep.load(SweepFiles.write(dir, "m.yaml", SweepFiles.PIPELINE.replace("pipeline.throughputPerUs",
                "pipeline.throughputPerMs")));
        ConfigException e = assertThrows(ConfigException.class, () -> run(s, "m", 2, Shard.ALL));
        assertTrue(e.getMessage().contains("m.yaml:15:15: metric 'throughput' reads stat 'pipeline.throughputPerMs'"), e.getMessage());
        assertTrue(e.getMessage().contains("pipeline.throughputPerUs"), "names the nearest stats: " + e.getMessage());
    }

    @Test
    void lutSweepsRunGemmAndPpaPoints() throws IOException {
        ConfigLoader loader = new ConfigLoader(SweepFiles.CONFIGS);
        Sweep gemm = Sweep.load(SweepFiles.write(dir, "g.yaml", """
                name: g
                base: {extends: %s/lut/lut-tensor-core}
                run: {m: 1, n: 128, k: 256}
                axes:
                  run.weights: [w1, w2, uint4]
                  array.tiles: [1, 4]
                metrics: {cycles: lut.cycles, topsPerW: lut.topsPerW}
                """.formatted(SweepFiles.CONFIGS)), loader);
        assertEquals("lut-gemm", gemm.runner().kind());
        SweepRun.Outcome o = run(gemm, "g", 2, Shard.ALL);
        assertEquals(6, o.ran());
        List<String> rows = Files.readString(dir.resolve("g/results.csv")).lines().toList();
        double w1t1 = Double.parseDouble(rows.get(1).split(",")[5]);
        double w1t4 = Double.parseDouble(rows.get(2).split(",")[5]);
        assertTrue(w1t4 < w1t1, "four tiles finish the GEMM sooner than one: " + rows);

        Sweep ppa = Sweep.load(SweepFiles.write(dir, "p.yaml", """
                name: p
                base: %s/lut/lut-tensor-core.yaml
                run: {kind: lut-ppa}
                axes:
                  run.weightBits: [1, 2, 4]
                  run.acts: [int8, fp16]
                metrics: {density: lut.topsPerMm2, efficiency: lut.topsPerW, vsMac: ratio.density}
                pareto: [{x: max density, y: max efficiency, by: run.acts}]
                """.formatted(SweepFiles.CONFIGS)), loader);
        SweepRun.Outcome p = run(ppa, "p", 2, Shard.ALL);
        assertEquals(6, p.ran());
        assertTrue(Files.size(dir.resolve("p/pareto-density-efficiency.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("p/pareto-density-efficiency.svg")).contains("<svg"));
        String bad = assertThrows(ConfigException.class, () -> Sweep.load(SweepFiles.write(dir, "q.yaml", """
                name: q
                base: %s/lut/lut-tensor-core.yaml
                run: {kind: lut-ppa}
                axes:
                  run.weightBits: [2, 8]
                metrics: {density: lut.topsPerMm2}
                """.formatted(SweepFiles.CONFIGS)), loader).validate()).getMessage();
        assertTrue(bad.contains("q.yaml:5:23: weightBits 8 is outside what the array handles (expected 1..4"), bad);
    }

    @Test
    void modelSweepsRunBitlineRunPoints() throws IOException {
        Sweep s = Sweep.load(SweepFiles.write(dir, "m.yaml", """
                name: m
                base: gpu/a100-80gb
                run: {kind: model, model: models/gpt2-small.json, tokens: 2, fast: true}
                axes:
                  run.batch: [1, 8]
                  gpu.bandwidth: [1000GB/s, 2000GB/s]
                metrics: {tps: model.tokensPerSecond}
                """), new ConfigLoader(SweepFiles.CONFIGS));
        assertEquals("model", s.runner().kind());
        run(s, "m", 2, Shard.ALL);
        List<double[]> tps = Files.readString(dir.resolve("m/results.csv")).lines().skip(1)
                .map(l -> new double[] {Double.parseDouble(l.split(",")[5])}).toList();
        assertTrue(tps.get(1)[0] > tps.get(0)[0], "more bandwidth, more tokens/s (GPT-2 decode is memory bound)");
        assertTrue(tps.get(2)[0] > tps.get(0)[0], "batch 8 makes more tokens/s than batch 1");
        String bad = assertThrows(ConfigException.class, () -> Sweep.load(SweepFiles.write(dir, "n.yaml", """
                name: n
                base: gpu/a100-80gb
                run: {kind: model, model: models/gpt2-small.json}
                axes:
                  gpu.bandwith: [1000GB/s]
                metrics: {tps: model.tokensPerSecond}
                """), new ConfigLoader(SweepFiles.CONFIGS)).validate()).getMessage();
        assertTrue(bad.contains("unknown key 'bandwith' (did you mean 'bandwidth'?"), bad);
    }

    @Test
    void pimSweepsRunGemvPoints() throws IOException {
        Sweep s = Sweep.load(SweepFiles.write(dir, "pim.yaml", """
                name: pim
                base: pim/pim-gpt
                run: {rows: 256, cols: 512}
                axes:
                  unit.resultRegisters: [4, 16]
                metrics: {gmacs: pim.gmacPerSecond, util: pim.utilization}
                """), new ConfigLoader(SweepFiles.CONFIGS));
        assertEquals("pim", s.runner().kind());
        SweepRun.Outcome o = run(s, "pim", 2, Shard.ALL);
        assertEquals(2, o.ran());
        assertTrue(o.merged().orElseThrow().complete());
        String bad = assertThrows(ConfigException.class, () -> Sweep.load(SweepFiles.write(dir, "pq.yaml", """
                name: pq
                base: pim/pim-gpt
                run: {rows: 256, cols: 512, precision: fp64}
                axes:
                  unit.resultRegisters: [4]
                metrics: {gmacs: pim.gmacPerSecond}
                """), new ConfigLoader(SweepFiles.CONFIGS)).validate()).getMessage();
        assertTrue(bad.contains("pq.yaml:3:"), bad);
    }
}
