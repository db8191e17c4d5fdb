package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Expr;
import dev.bitline.dram.spec.Organization;
import dev.bitline.dram.spec.Power;
import dev.bitline.dram.spec.Scope;
import dev.bitline.dram.spec.TimingRule;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandRecord;
import dev.bitline.dram.trace.CommandTraceFormat;
import dev.bitline.dram.trace.CommandTraceReader;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecAndTraceFormatTest {
    @Test
    void expressions() {
        Map<String, Long> v = Map.of("CL", 17L, "CWL", 12L, "BL", 8L, "tRAS", 39L, "tRP", 17L);
        assertEquals(11, Expr.eval("CL+BL/2+2-CWL", v));
        assertEquals(56, Expr.eval("tRAS + tRP", v));
        assertEquals(-7, Expr.eval("-(3+4)", v));
        assertEquals(20, Expr.eval("2*(CL-7)", v));
        assertEquals(39, Expr.eval("max(4, tRAS, tRP)", v));
        assertEquals(3, Expr.eval("ceil(17, 6)", v));
        assertEquals(4, Expr.eval("min(BL/2, 9)", v));
        assertThrows(IllegalArgumentException.class, () -> Expr.eval("CL+", v));
        assertThrows(IllegalArgumentException.class, () -> Expr.eval("tXYZ", v));
        assertThrows(IllegalArgumentException.class, () -> Expr.eval("CL/0", v));
        assertThrows(IllegalArgumentException.class, () -> Expr.eval("foo(1)", v));
    }

    static Power power() {
        return new Power(1.2, 2.5, 50, 3, 30, 0, 20, 0, 40, 0, 30, 0, 130, 0, 120, 0, 250, 0, 0, 30, 0);
    }

    static Organization org() {
        return new Organization(1, 1, 1, 4, 4, 65536, 1024, 8, 64, 8, 2);
    }

    @Test
    void parametersMayReferToEachOtherAndCyclesAreErrors() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("tRC", "tRAS+tRP");
        t.put("tRAS", "39");
        t.put("tRP", "17");
        t.put("CL", "17");
        t.put("CWL", "CL-5");
        t.put("tREFI", "9360");
        t.put("tRFC", "420");
        DramSpec s = DramSpec.resolve("x", org(), TestCommands.all(), 833, t,
                List.of(new TimingRule(List.of("ACT"), List.of("ACT"), Scope.BANK, "tRC")), List.of(), power());
        assertEquals(56, s.param("tRC"));
        assertEquals(12, s.param("CWL"));
        assertEquals(4, s.param("tBL"));
        assertEquals(56, s.constraints().get(0).cycles());

        t.put("tRP", "tRC-39");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DramSpec.resolve("x", org(),
                TestCommands.all(), 833, t, List.of(), List.of(), power()));
        assertTrue(e.getMessage().contains("circular"), e.getMessage());
    }

    @Test
    void tableMayOnlyUseTheStandardsCommands() {
        Map<String, String> t = Map.of("CL", "17", "CWL", "12", "tREFI", "9360", "tRFC", "420");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DramSpec.resolve("x", org(),
                TestCommands.of("ACT", "PRE", "RD", "WR"), 833, t,
                List.of(new TimingRule(List.of("REFsb"), List.of("ACT"), Scope.BANK, "10")), List.of(), power()));
        assertTrue(e.getMessage().contains("REFsb"), e.getMessage());
    }

    @Test
    void traceLineRoundTrip() {
        DramSpec spec = Presets.load("hbm2-2gbps");
        CommandRecord r = new CommandRecord(123456, spec.command("ACT"), 0, 1, 0, 1, 2, 1234, CommandRecord.NONE);
        String line = CommandTraceFormat.format(r);
        assertEquals("123456 ACT ch=0 pc=1 ra=0 bg=1 ba=2 row=1234 col=*", line);
        assertEquals(r, CommandTraceFormat.parse(line, spec));
        assertEquals(new CommandRecord(5, spec.command("REFab"), 0, 0, 0, -1, -1, -1, -1),
                CommandTraceFormat.parse("5 REFab ch=0 ra=0", spec), "pc and fields a rank command does not use default");
        assertThrows(IllegalArgumentException.class, () -> CommandTraceFormat.parse("x ACT ch=0", spec));
        assertThrows(IllegalArgumentException.class, () -> CommandTraceFormat.parse("5 FOO ch=0", spec));
        assertThrows(IllegalArgumentException.class, () -> CommandTraceFormat.parse("5 ACT zz=0", spec));
    }

    @Test
    void writerAndReaderRoundTripATrace() throws Exception {
        Traffic.Run run = Traffic.run(Presets.load("hbm2-2gbps"), PresetConfigs.forSpec(Presets.load("hbm2-2gbps")),
                Traffic.Kind.MIXED, 500, 2, 0.5, 1, true);
        StringWriter w = new StringWriter();
        run.trace().writeText(w);
        CommandBuffer back = CommandTraceReader.read(new BufferedReader(new StringReader(w.toString())), "mem",
                Presets.load("hbm2-2gbps"));
        assertEquals(-1, run.trace().firstDifference(back));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandTraceReader.read(new BufferedReader(new StringReader("# c\n1 ACT ch=0 bg=0 ba=0 row=1\nbad\n")), "t.txt",
                        Presets.load("hbm2-2gbps")));
        assertTrue(e.getMessage().startsWith("t.txt:3: "), e.getMessage());
    }
}
