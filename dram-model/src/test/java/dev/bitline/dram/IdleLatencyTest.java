package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.controller.RefreshMode;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.Constraint;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The textbook latencies of an idle system, for every preset: a read to a closed bank takes
 * tRCD + CL + tBL, one to another row of an open bank tRP + tRCD + CL + tBL, a row hit CL + tBL
 * (cycles from arrival to the end of the data burst; refresh off, so nothing else is in the way).
 * tRCD and tRP are the preset's own ACT -> RD and PRE -> ACT bank rules, CL and tBL its read
 * latency and burst; the controller must add nothing.
 */
class IdleLatencyTest {
    static List<String> presets() {
        return Presets.names();
    }

    static int bankRule(DramSpec s, String prev, String next) {
        int d = 0;
        for (Constraint c : s.constraints()) {
            if (c.prev().name().equals(prev) && c.next().name().equals(next) && c.scope() == Scope.BANK) d = Math.max(d, c.cycles());
        }
        return d;
    }

    @ParameterizedTest
    @MethodSource("presets")
    void closedConflictAndHitLatenciesAreTheTextbookSums(String name) {
        DramSpec s = Presets.load(name);
        ControllerConfig cfg = PresetConfigs.forSpec(s).withRefresh(RefreshMode.NONE, 0);
        List<Long> latency = new ArrayList<>();
        DramSystem sys = new DramSystem(s, cfg, (tag, write, arrival, done) -> latency.add(done - arrival));
        var m = sys.mapping();
        long t = 100;
        sys.submitBlocking(m.encode(0, 0, 0, 0, 0, 5, 0), false, t, 0);     // bank closed
        sys.submitBlocking(m.encode(0, 0, 0, 0, 0, 9, 0), false, t + 10_000, 1); // open on row 5
        sys.submitBlocking(m.encode(0, 0, 0, 0, 0, 9, 1), false, t + 20_000, 2); // open on row 9
        sys.drain();
        int tRCD = bankRule(s, "ACT", "RD");
        int tRP = bankRule(s, "PRE", "ACT");
        int data = s.readLatency() + s.burstCycles();
        assertEquals(List.of((long) tRCD + data, (long) tRP + tRCD + data, (long) data), latency,
                name + ": tRCD " + tRCD + ", tRP " + tRP + ", CL + tBL " + data);
    }
}
