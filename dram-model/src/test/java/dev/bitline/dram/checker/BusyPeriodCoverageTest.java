package dev.bitline.dram.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.Presets;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.Constraint;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A refresh's busy period (tRFC, tRFCpb, tRFCsb): JEDEC allows only DES to the banks being
 * refreshed. For every shipped standard, every refresh command and every command that operates
 * on banks, a command to a refreshed bank one cycle after the refresh must be flagged (by a table
 * row where the standard writes one, else by the checker's busy-period rule), and the same
 * command once the busy period is over must not be flagged as busy.
 */
class BusyPeriodCoverageTest {

    @Test
    void ddr4PrechargeDuringRefreshIsCaught() {
        DramSpec s = Presets.load("ddr4-3200-8gb-x8");
        TraceBuilder b = new TraceBuilder(s);
        List<CommandRecord> tr = List.of(b.rec(0, s.command("REFab"), TraceBuilder.Tgt.ZERO),
                b.rec(1, s.command("PRE"), TraceBuilder.Tgt.ZERO));
        CheckReport r = b.check(tr);
        assertEquals(1, r.violations(), r.summary(5));
        Violation v = r.first().get(0);
        assertEquals(Violation.Kind.BUSY, v.kind(), r.summary(5));
        assertEquals(2, v.line());
        assertEquals(1, v.prevLine());
        assertEquals(s.param("tRFC"), v.required());
        assertTrue(v.toString().startsWith("t:2: BUSY: REFab->PRE busy >= tRFC"), v.toString());
    }

    @Test
    void everyCommandDuringEveryRefreshIsCaught() {
        int cases = 0, byRow = 0, byBusy = 0;
        List<String> missed = new ArrayList<>();
        for (Map.Entry<String, DramSpec> e : TraceBuilder.standards().entrySet()) {
            DramSpec s = e.getValue();
            for (Command ref : s.commands()) {
                if (!ref.isRefresh()) continue;
                long busy = 0;
                for (Constraint c : s.constraints()) {
                    if (c.prev() == ref && c.next().opens()) busy = Math.max(busy, c.cycles());
                }
                assertTrue(busy > 0, e.getKey() + ": " + ref + " has no busy period (no row to an activate)");
                for (Command x : s.commands()) {
                    if (!(x.opens() || x.closes() || x.isColumn() || x.isRefresh())) continue;
                    TraceBuilder b = new TraceBuilder(s);
                    TraceBuilder.Tgt t = TraceBuilder.Tgt.ZERO;
                    long at = b.earliest(ref, t, 0);
                    long during = at + Math.max(1, s.commandCycles(ref));
                    CheckReport r = b.check(List.of(b.rec(at, ref, t), b.rec(during, x, t)));
                    cases++;
                    boolean row = r.first().stream().anyMatch(v -> v.line() == 2 && v.prevLine() == 1
                            && v.kind() == Violation.Kind.TIMING);
                    boolean inBusy = r.first().stream().anyMatch(v -> v.line() == 2 && v.kind() == Violation.Kind.BUSY);
                    if (row) byRow++;
                    if (inBusy) byBusy++;
                    if (!row && !inBusy) missed.add(e.getKey() + ": " + ref + " then " + x + " at +" + (during - at));
                    CheckReport after = b.check(List.of(b.rec(at, ref, t), b.rec(at + busy, x, t)));
                    assertTrue(after.first().stream().noneMatch(v -> v.kind() == Violation.Kind.BUSY),
                            e.getKey() + ": " + ref + " then " + x + " after the busy period: " + after.summary(3));
                }
            }
        }
        assertTrue(missed.isEmpty(), missed.size() + " of " + cases + " not caught: " + missed);
        System.out.printf("busy periods: %d refresh x command cases, %d by a table row, %d by the busy rule%n",
                cases, byRow, byBusy);
        assertTrue(cases > 100, "cases " + cases);
    }
}
