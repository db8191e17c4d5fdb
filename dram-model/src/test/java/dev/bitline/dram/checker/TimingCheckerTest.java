package dev.bitline.dram.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Organization;
import dev.bitline.dram.spec.Power;
import dev.bitline.dram.spec.Scope;
import dev.bitline.dram.spec.TimingRule;
import dev.bitline.dram.spec.WindowRule;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandRecord;
import dev.bitline.dram.trace.CommandTraceReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-written traces, each breaking one kind of rule once; the checker must name exactly that
 * rule, both commands and their distance. The spec here is a small DDR4-like table built in code
 * so these tests do not depend on the preset files.
 */
class TimingCheckerTest {

    static DramSpec spec() {
        return spec(dev.bitline.dram.spec.CommandBus.SINGLE);
    }

    static DramSpec spec(dev.bitline.dram.spec.CommandBus bus) {
        return spec(bus, Map.of());
    }

    static DramSpec spec(dev.bitline.dram.spec.CommandBus bus, Map<String, Integer> commandCycles) {
        Organization org = new Organization(1, 1, 2, 2, 4, 1024, 1024, 8, 64, 8, 2);
        Map<String, String> t = new LinkedHashMap<>();
        t.put("CL", "17");
        t.put("CWL", "12");
        t.put("tRCD", "17");
        t.put("tRP", "17");
        t.put("tRAS", "39");
        t.put("tRC", "tRAS+tRP");
        t.put("tRRD_S", "4");
        t.put("tRRD_L", "6");
        t.put("tCCD_S", "4");
        t.put("tCCD_L", "6");
        t.put("tFAW", "26");
        t.put("tRFC", "420");
        t.put("tREFI", "9360");
        t.put("tRTRS", "1");
        t.put("tWR", "18");
        List<String> rd = List.of("RD", "RDA");
        List<String> wr = List.of("WR", "WRA");
        List<TimingRule> table = List.of(
                new TimingRule(List.of("ACT"), List.of("ACT"), Scope.BANK, "tRC"),
                new TimingRule(List.of("ACT"), List.of("RD", "RDA", "WR", "WRA"), Scope.BANK, "tRCD"),
                new TimingRule(List.of("ACT"), List.of("PRE"), Scope.BANK, "tRAS"),
                new TimingRule(List.of("PRE"), List.of("ACT"), Scope.BANK, "tRP"),
                new TimingRule(List.of("ACT"), List.of("ACT"), Scope.BANKGROUP, "tRRD_L"),
                new TimingRule(List.of("ACT"), List.of("ACT"), Scope.RANK, "tRRD_S"),
                new TimingRule(rd, rd, Scope.BANKGROUP, "tCCD_L"),
                new TimingRule(rd, rd, Scope.RANK, "tCCD_S"),
                new TimingRule(wr, wr, Scope.RANK, "tCCD_S"),
                new TimingRule(rd, rd, Scope.OTHER_RANK, "tBL+tRTRS"),
                new TimingRule(List.of("REFab"), List.of("ACT"), Scope.RANK, "tRFC"),
                new TimingRule(List.of("PRE", "PREA"), List.of("REFab"), Scope.RANK, "tRP"));
        List<WindowRule> windows = List.of(new WindowRule(List.of("ACT"), Scope.RANK, 4, "tFAW"));
        Power p = new Power(1.2, 0, 48, 0, 34, 0, 25, 0, 43, 0, 37, 0, 135, 0, 123, 0, 250, 0, 0, 30, 0);
        Map<String, dev.bitline.dram.spec.CommandMeta> vocab = dev.bitline.dram.TestCommands.all();
        commandCycles.forEach((c, n) -> vocab.put(c, vocab.get(c).withCycles(n)));
        return DramSpec.resolve("test-ddr4", org, vocab, 833, t, table, windows, p, bus);
    }

    static CommandBuffer trace(String text) {
        return trace(text, spec());
    }

    static CommandBuffer trace(String text, DramSpec spec) {
        try {
            return CommandTraceReader.read(new BufferedReader(new StringReader(text)), "t", spec);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static CheckReport check(String text) {
        return TimingChecker.check(spec(), trace(text));
    }

    static Violation only(CheckReport r, Violation.Kind kind) {
        assertEquals(1, r.violations(), r.summary(10));
        Violation v = r.first().get(0);
        assertEquals(kind, v.kind(), r.summary(10));
        return v;
    }

    @Test
    void legalSequenceIsClean() {
        CheckReport r = check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=5
        4 ACT ch=0 ra=0 bg=1 ba=0 row=7
        17 RD ch=0 ra=0 bg=0 ba=0 row=5 col=0
        21 RD ch=0 ra=0 bg=1 ba=0 row=7 col=0
        27 RD ch=0 ra=0 bg=0 ba=0 row=5 col=8
        56 PRE ch=0 ra=0 bg=0 ba=0
        73 ACT ch=0 ra=0 bg=0 ba=0 row=6
        """);
        assertTrue(r.clean(), r.summary(10));
        assertEquals(7, r.commands());
    }

    @Test
    void catchesTrcdWithBothCommandsAndTimes() {
        Violation v = only(check("""
        100 ACT ch=0 ra=0 bg=0 ba=1 row=5
        116 RD ch=0 ra=0 bg=0 ba=1 row=5 col=0
        """), Violation.Kind.TIMING);
        assertEquals("ACT->RD bank >= tRCD (=17)", v.rule());
        assertEquals(17, v.required());
        assertEquals(16, v.actual());
        assertEquals(100, v.prev().cycle());
        assertEquals(116, v.next().cycle());
    }

    @Test
    void catchesTrpTrasAndTrc() {
        Violation ras = only(check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=5
        38 PRE ch=0 ra=0 bg=0 ba=0
        """), Violation.Kind.TIMING);
        assertTrue(ras.rule().contains("tRAS"), ras.rule());
        CheckReport r = check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=5
        39 PRE ch=0 ra=0 bg=0 ba=0
        55 ACT ch=0 ra=0 bg=0 ba=0 row=6
        """);
        // 55 breaks both tRP (16 < 17) and tRC (55 < 56): two rows of the table, two violations.
        assertEquals(2, r.violations(), r.summary(10));
        assertTrue(r.first().stream().anyMatch(v -> v.rule().contains("tRP")));
        assertTrue(r.first().stream().anyMatch(v -> v.rule().contains("tRC ")));
    }

    @Test
    void bankGroupScopeAppliesOnlyWithinTheGroup() {
        Violation v = only(check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        5 ACT ch=0 ra=0 bg=0 ba=1 row=1
        """), Violation.Kind.TIMING);
        assertTrue(v.rule().contains("tRRD_L"), v.rule());
        assertTrue(check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        5 ACT ch=0 ra=0 bg=1 ba=1 row=1
        """).clean());
        Violation s = only(check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        3 ACT ch=0 ra=0 bg=1 ba=1 row=1
        """), Violation.Kind.TIMING);
        assertTrue(s.rule().contains("tRRD_S"), s.rule());
        assertTrue(check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        1 ACT ch=0 ra=1 bg=0 ba=0 row=1
        """).clean(), "tRRD is per rank");
    }

    @Test
    void catchesFifthActivateInsideTfaw() {
        String four = """
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        6 ACT ch=0 ra=0 bg=1 ba=0 row=1
        12 ACT ch=0 ra=0 bg=0 ba=1 row=1
        18 ACT ch=0 ra=0 bg=1 ba=1 row=1
        """;
        assertTrue(check(four + "25 ACT ch=0 ra=1 bg=0 ba=2 row=1\n").clean(), "tFAW is per rank");
        assertTrue(check(four + "26 ACT ch=0 ra=0 bg=0 ba=2 row=1\n").clean(), "26 cycles after the first");
        Violation v = only(check(four + "25 ACT ch=0 ra=0 bg=0 ba=2 row=1\n"), Violation.Kind.WINDOW);
        assertEquals(0, v.prev().cycle());
        assertEquals(25, v.next().cycle());
        assertEquals(26, v.required());
        assertEquals(25, v.actual());
    }

    @Test
    void catchesProtocolErrors() {
        assertTrue(only(check("0 RD ch=0 ra=0 bg=0 ba=0 row=1 col=0\n"), Violation.Kind.PROTOCOL)
                .rule().contains("closed bank"));
        assertTrue(only(check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        100 ACT ch=0 ra=0 bg=0 ba=0 row=2
        """), Violation.Kind.PROTOCOL).rule().contains("row 1 open"));
        assertTrue(only(check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        100 RD ch=0 ra=0 bg=0 ba=0 row=2 col=0
        """), Violation.Kind.PROTOCOL).rule().contains("row 1 is open"));
        assertTrue(only(check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        100 REFab ch=0 ra=0
        """), Violation.Kind.PROTOCOL).rule().contains("1 bank(s) open"));
        assertTrue(check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        100 PREA ch=0 ra=0
        117 REFab ch=0 ra=0
        537 ACT ch=0 ra=0 bg=0 ba=0 row=1
        """).clean());
        Violation rfc = only(check("""
        0 REFab ch=0 ra=0
        419 ACT ch=0 ra=0 bg=0 ba=0 row=1
        """), Violation.Kind.TIMING);
        assertTrue(rfc.rule().contains("tRFC"), rfc.rule());
        assertTrue(only(check("""
        0 PDE ch=0 ra=0
        10 ACT ch=0 ra=0 bg=0 ba=0 row=1
        """), Violation.Kind.PROTOCOL).rule().contains("powered-down"));
    }

    @Test
    void catchesDataBusConflictsAndRankSwitches() {
        // Two reads to different ranks 4 cycles apart pass no table row here except other_rank
        // (tBL+tRTRS = 5): that row and the data-bus replay must both fire.
        CheckReport r = check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        1 ACT ch=0 ra=1 bg=0 ba=0 row=1
        20 RD ch=0 ra=0 bg=0 ba=0 row=1 col=0
        24 RD ch=0 ra=1 bg=0 ba=0 row=1 col=0
        """);
        assertEquals(2, r.violations(), r.summary(10));
        Violation bus = r.first().stream().filter(v -> v.kind() == Violation.Kind.DATA_BUS).findFirst().orElseThrow();
        assertTrue(bus.rule().contains("tRTRS"), bus.rule());
        assertEquals(20, bus.prev().cycle());
        // A write whose burst lands inside a read burst (same rank; no table row forbids it here).
        CheckReport w = check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        20 RD ch=0 ra=0 bg=0 ba=0 row=1 col=0
        26 WR ch=0 ra=0 bg=0 ba=0 row=1 col=8
        """);
        Violation o = only(w, Violation.Kind.DATA_BUS);
        assertTrue(o.rule().contains("overlap"), o.rule());
    }

    /** With separate row and column buses a row and a column command may share a cycle, no more. */
    @Test
    void rowAndColumnBusesEachTakeOneCommandPerCycle() {
        String rowPlusColumn = """
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        17 RD ch=0 ra=0 bg=0 ba=0 row=1 col=0
        17 ACT ch=0 ra=0 bg=1 ba=0 row=2
        """;
        assertTrue(TimingChecker.check(spec(dev.bitline.dram.spec.CommandBus.ROW_COLUMN), trace(rowPlusColumn)).clean());
        only(check(rowPlusColumn), Violation.Kind.COMMAND_BUS);
        CheckReport twoRow = TimingChecker.check(spec(dev.bitline.dram.spec.CommandBus.ROW_COLUMN), trace("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        0 ACT ch=0 ra=1 bg=0 ba=0 row=1
        """));
        assertEquals(Violation.Kind.COMMAND_BUS, twoRow.first().get(0).kind(), twoRow.summary(5));
    }

    /** A two-cycle command (DDR5's ACT) holds the command bus for its second cycle too. */
    @Test
    void twoCycleCommandHoldsTheBus() {
        DramSpec ddr5Like = spec(dev.bitline.dram.spec.CommandBus.SINGLE, Map.of("ACT", 2));
        String text = """
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        1 PRE ch=0 ra=0 bg=1 ba=0
        """;
        assertTrue(check(text).clean(), "one-cycle ACT: the bus is free at 1");
        Violation v = only(TimingChecker.check(ddr5Like, trace(text, ddr5Like)), Violation.Kind.COMMAND_BUS);
        assertTrue(v.rule().contains("2 cycles"), v.rule());
        assertEquals(0, v.prev().cycle());
        assertTrue(TimingChecker.check(ddr5Like, trace("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        2 PRE ch=0 ra=0 bg=1 ba=0
        """, ddr5Like)).clean());
    }

    @Test
    void catchesCommandBusAndOrder() {
        only(check("""
        0 ACT ch=0 ra=0 bg=0 ba=0 row=1
        0 ACT ch=0 ra=1 bg=0 ba=0 row=1
        """), Violation.Kind.COMMAND_BUS);
        CheckReport r = check("""
        10 ACT ch=0 ra=0 bg=0 ba=0 row=1
        5 ACT ch=0 ra=1 bg=0 ba=0 row=1
        """);
        assertTrue(r.byKind().containsKey(Violation.Kind.ORDER), r.summary(5));
    }

    @Test
    void reportNamesBothCommands() {
        CheckReport r = check("""
        100 ACT ch=0 ra=0 bg=0 ba=1 row=5
        116 RD ch=0 ra=0 bg=0 ba=1 row=5 col=0
        """);
        String s = r.summary(5);
        assertTrue(s.contains("violations: 1"), s);
        assertTrue(s.contains("earlier: 100 ACT ch=0 pc=0 ra=0 bg=0 ba=1 row=5 col=*"), s);
        assertTrue(s.contains("command: 116 RD ch=0 pc=0 ra=0 bg=0 ba=1 row=5 col=0"), s);
        CommandRecord n = r.first().get(0).next();
        assertEquals("RD", n.command().name());
    }
}
