package dev.bitline.mapping.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files: axis forms, and every bad input as one located line. */
class SweepFileTest {
    @TempDir
    Path dir;

    private Sweep load(String yaml) {
        return Sweep.load(SweepFiles.write(dir, "s.yaml", yaml));
    }

    private String error(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> {
            Sweep s = load(yaml);
            s.points();
            s.validate();
        });
        return e.getMessage();
    }

    private static List<String> values(Axis a, int path) {
        return a.values().stream().map(t -> Point.canonical(t.get(path))).toList();
    }

    @Test
    void axisFormsListRangeLogCountAndZip() {
        Sweep s = load("name: x\n" + SweepFiles.PIPELINE_BASE + """
                axes:
                  pipeline.items: {from: 100, to: 400, step: 150}
                  pipeline.stages.0.buffer: {from: 1, to: 16, times: 2}
                  pipeline.sourceInterval: [1ns, 2ns]
                  "pipeline.stages.1.buffer, pipeline.stages.1.linkLatency": [[4, 0.5ns], [8, 1ns]]
                metrics: {t: pipeline.throughputPerUs}
                """);
        assertEquals(List.of("100", "250", "400"), values(s.axes().get(0), 0));
        assertEquals(List.of("1", "2", "4", "8", "16"), values(s.axes().get(1), 0));
        assertEquals(List.of("4", "8"), values(s.axes().get(3), 0));
        assertEquals(List.of("0.5ns", "1ns"), values(s.axes().get(3), 1));
        assertEquals(3 * 5 * 2 * 2, s.points().size());
        // the last axis moves fastest; a zipped axis sets both paths
        Point p1 = s.points().get(1);
        assertEquals("8", p1.value("pipeline.stages.1.buffer").toString().contains("8") ? "8" : "?");
        assertEquals("1ns", Point.canonical(p1.value("pipeline.stages.1.linkLatency")));
    }

    @Test
    void decimalRangesAreExact() {
        Sweep s = load("name: x\n" + SweepFiles.PIPELINE_BASE + """
                axes:
                  pipeline.stages.0.service: [1ns]
                  seed: {from: 0.1, to: 0.3, step: 0.1}
                  pipeline.items: {from: 0, to: 1, count: 5}
                metrics: {t: pipeline.throughputPerUs}
                """);
        assertEquals(List.of("0.1", "0.2", "0.3"), values(s.axes().get(1), 0));
        assertEquals(List.of("0", "0.25", "0.5", "0.75", "1"), values(s.axes().get(2), 0));
    }

    @Test
    void unknownAxisKeyPointsAtTheAxisInTheSweepFile() {
        String m = error("name: x\n" + SweepFiles.PIPELINE_BASE + """
                axes:
                  pipeline.itmes: [1, 2]
                metrics: {t: pipeline.throughputPerUs}
                """);
        assertTrue(m.contains("s.yaml:11:12: unknown key 'itmes'"), m);
        assertTrue(m.contains("did you mean 'items'"), m);
    }

    @Test
    void badAxisValuePointsAtTheValue() {
        String m = error("name: x\n" + SweepFiles.PIPELINE_BASE + """
                axes:
                  pipeline.items: [10, ten]
                metrics: {t: pipeline.throughputPerUs}
                """);
        assertTrue(m.contains("s.yaml:11:24: "), m);
        assertTrue(m.contains("\"ten\""), m);
    }

    @Test
    void emptyAxisAndBadRanges() {
        String head = "name: x\n" + SweepFiles.PIPELINE_BASE + "axes:\n";
        String tail = "metrics: {t: pipeline.throughputPerUs}\n";
        assertTrue(error(head + "  pipeline.items: []\n" + tail).contains("s.yaml:11:19: axis 'pipeline.items' is empty"));
        assertTrue(error(head + "  pipeline.items: {from: 5, to: 1, step: 1}\n" + tail).contains("is empty (expected from <= to)"));
        assertTrue(error(head + "  pipeline.items: {from: 1, to: 9, step: 0}\n" + tail).contains("expected a step > 0"));
        assertTrue(error(head + "  pipeline.items: {from: 1, to: 9}\n" + tail).contains("expected exactly one"));
        assertTrue(error(head + "  pipeline.items: {from: 1, to: 9, stp: 1}\n" + tail).contains("unknown range key 'stp'"));
        assertTrue(error(head + "  \"pipeline.items, seed\": [[1, 2], [3]]\n" + tail).contains("expected a list of 2 values"));
        assertTrue(error(head + "  pipeline.items: 7\n" + tail).contains("expected a list of values, or a range"));
        assertTrue(error("name: x\n" + SweepFiles.PIPELINE_BASE + "axes: {}\n" + tail).contains("with no axis"));
    }

    @Test
    void constraintsFilterAndAreChecked() {
        String head = "name: x\n" + SweepFiles.PIPELINE_BASE + """
                axes:
                  pipeline.items: [100, 200, 300]
                  pipeline.stages.0.buffer: [2, 4]
                metrics: {t: pipeline.throughputPerUs}
                """;
        Sweep s = load(head + "constraints: [\"pipeline.items * pipeline.stages.0.buffer <= 600\"]\n");
        assertEquals(4, s.points().size());
        assertEquals(List.of(0, 1, 2, 3), s.points().stream().map(Point::index).toList());
        String none = error(head + "constraints: [\"pipeline.items > 1000\"]\n");
        assertTrue(none.contains("s.yaml:14:15: the constraints remove every one of the 6 points"), none);
        String unknown = error(head + "constraints: [\"pipeline.item > 1\"]\n");
        assertTrue(unknown.contains("reads 'pipeline.item', which is not an axis"), unknown);
        String syntax = error(head + "constraints: [\"pipeline.items >\"]\n");
        assertTrue(syntax.contains("s.yaml:14:31:") && syntax.contains("unexpected end"), syntax);
    }

    @Test
    void sectionsAreChecked() {
        String axes = "axes: {pipeline.items: [1]}\n";
        assertTrue(error("name: x\n" + SweepFiles.PIPELINE_BASE + axes).contains("missing required key 'metrics'"));
        assertTrue(error("name: x\n" + SweepFiles.PIPELINE_BASE + axes + "metrics: {t: 'a +'}\n").contains("unexpected end"));
        assertTrue(error("name: x\n" + SweepFiles.PIPELINE_BASE + axes + "metrics: {t: a}\npareto: [{x: max t, y: best t}]\n")
                .contains("expected 'max METRIC' or 'min METRIC'"));
        assertTrue(error("name: x\n" + SweepFiles.PIPELINE_BASE + axes + "metrics: {t: a}\npareto: [{x: max t, y: min t, by: nope}]\n")
                .contains("by: 'nope' is not an axis"));
        assertTrue(error("name: x\n" + SweepFiles.PIPELINE_BASE + axes + "metrics: {t: a}\nrun: {kind: gpu}\n")
                .contains("unknown run kind \"gpu\" (expected one of: dram, lut-gemm, lut-ppa, pim, simulation, model)"));
        assertTrue(error("name: x\n" + SweepFiles.PIPELINE_BASE + axes + "metrics: {t: a}\nsample: {method: random}\n")
                .contains("needs points: N"));
        assertTrue(error("name: x\n" + SweepFiles.PIPELINE_BASE + axes + "metrics: {t: a}\nmetrix: 1\n")
                .contains("unknown key 'metrix'"));
        assertTrue(error("name: 'a b'\n" + SweepFiles.PIPELINE_BASE + axes + "metrics: {t: a}\n")
                .contains("not usable as a folder name"));
    }

    @Test
    void baseMayBeAPresetAndExtendsMayBeAnAxis() {
        Path f = SweepFiles.write(dir, "d.yaml", """
                name: d
                base: %s/dram/ddr4-3200
                run: {traffic: "random:100"}
                axes:
                  extends: [%s/dram/ddr4-3200, %s/dram/lpddr5-6400]
                  controller.pagePolicy: [open, closed]
                metrics: {bw: dram.bandwidthGBps}
                """.formatted(SweepFiles.CONFIGS, SweepFiles.CONFIGS, SweepFiles.CONFIGS));
        Sweep s = Sweep.load(f, new ConfigLoader(SweepFiles.CONFIGS));
        s.validate();
        assertEquals("dram", s.runner().kind());
        assertTrue(Point.canonical(s.config(s.points().get(3))).contains("lpddr5-6400"), "the preset axis swaps the standard");
        String bad = assertThrows(ConfigException.class, () -> {
            Sweep t = Sweep.load(SweepFiles.write(dir, "e.yaml", """
                    name: d
                    base: %s/dram/ddr4-3200
                    run: {traffic: "random:100"}
                    axes:
                      controller.pagePolicy: [open, shut]
                    metrics: {bw: dram.bandwidthGBps}
                    """.formatted(SweepFiles.CONFIGS)), new ConfigLoader(SweepFiles.CONFIGS));
            t.validate();
        }).getMessage();
        assertTrue(bad.contains("e.yaml:5:33: unknown value \"shut\""), bad);
        String traffic = assertThrows(ConfigException.class, () -> {
            Sweep t = Sweep.load(SweepFiles.write(dir, "g.yaml", """
                    name: d
                    base: %s/dram/ddr4-3200
                    run: {traffic: "random:100"}
                    axes:
                      run.trafic: ["random:100"]
                    metrics: {bw: dram.bandwidthGBps}
                    """.formatted(SweepFiles.CONFIGS)), new ConfigLoader(SweepFiles.CONFIGS));
            t.validate();
        }).getMessage();
        assertTrue(traffic.contains("g.yaml:5:7: unknown key 'trafic'"), traffic);
    }
}
