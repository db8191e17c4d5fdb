package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bitline validate} accepts exactly what a run accepts: for good configs and for configs
 * broken by one {@code --set}, validate and the run give the same exit code (0 or 2), and a
 * rejected one is one located line, never an internal error.
 */
class ValidateMatchesRunTest {
    private static String cfg(String rel) {
        return Path.of("..", "configs").resolve(rel).toAbsolutePath().normalize().toString();
    }

    record Case(String config, String set, List<String> run) {}

    @Test
    void validateAndRunAgree(@TempDir Path tmp) {
        String dram = cfg("dram/ddr4-3200.yaml"), lut = cfg("lut/lut-tensor-core.yaml"),
                lutHbm = cfg("lut/lut-tensor-core-hbm2-dram.yaml"), pim = cfg("pim/pim-gpt.yaml");
        List<String> dramRun = List.of("dram", "--config", dram, "--synthetic", "random:200", "--out", tmp.resolve("d").toString());
        List<String> lutRun = List.of("lut", "gemm", "--config", lut, "--m", "1", "--n", "64", "--k", "64");
        List<String> lutHbmRun = List.of("lut", "gemm", "--config", lutHbm, "--m", "1", "--n", "64", "--k", "64");
        List<String> pimRun = List.of("pim", "gemv", "--config", pim, "--rows", "64", "--cols", "64");
        List<Case> cases = new ArrayList<>();
        for (String s : new String[] {null, "timing.tRDC=3", "timing.tRP=0", "timing.tRAS=0", "timing.CL=0", "timing.tRCD=0",
                "timing.tFAW=0", "timing.tWR=0", "timing.tCCD_L=1", "timing.tRC=10", "organization.rows=0",
                "controller.pagePolicy=sideways", "controller.queueDepth=0"}) {
            cases.add(new Case(dram, s, dramRun));
        }
        for (String s : new String[] {null, "buffers.tableBuffer=0", "buffers.weightBuffer=0", "memory.bandwidth=0",
                "ppa.tech=lut/tech/none", "array.tiles=0", "buffers.weightChunkK=3"}) {
            cases.add(new Case(lut, s, lutRun));
        }
        for (String s : new String[] {null, "memory.dram.standard=nonexistent-part", "memory.dram.credits=0"}) {
            cases.add(new Case(lutHbm, s, lutHbmRun));
        }
        for (String s : new String[] {null, "dram.timing.tRP=0", "dram.timing.tRDC=3", "unit.resultRegisters=0"}) {
            cases.add(new Case(pim, s, pimRun));
        }
        List<String> disagree = new ArrayList<>();
        for (Case c : cases) {
            List<String> v = new ArrayList<>(List.of("validate", c.config()));
            List<String> r = new ArrayList<>(c.run());
            if (c.set() != null) {
                v.addAll(List.of("--set", c.set()));
                r.addAll(List.of("--set", c.set()));
            }
            DramCommandTest.Result vr = DramCommandTest.run(v.toArray(String[]::new));
            DramCommandTest.Result rr = DramCommandTest.run(r.toArray(String[]::new));
            for (DramCommandTest.Result x : List.of(vr, rr)) {
                assertFalse(x.err().contains("internal error"), c + ": " + x.err());
                assertTrue(x.code() == 0 || x.code() == 2, c + ": exit " + x.code() + " " + x.err());
                if (x.code() == 2) assertEquals(1, x.err().strip().lines().count(), c + ": one line: " + x.err());
            }
            if (vr.code() != rr.code()) disagree.add(c + ": validate " + vr.code() + " " + vr.err().strip()
                    + " / run " + rr.code() + " " + rr.err().strip());
            if (c.set() == null) assertEquals(0, vr.code(), c + ": " + vr.err() + rr.err());
            else assertEquals(2, vr.code(), c + " must be rejected");
        }
        assertTrue(disagree.isEmpty(), String.join("\n", disagree));
    }
}
