package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.checker.CheckReport;
import dev.bitline.dram.checker.TimingChecker;
import dev.bitline.dram.checker.Violation;
import dev.bitline.dram.controller.BankState;
import dev.bitline.dram.controller.Controller;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.controller.RefreshMode;
import dev.bitline.dram.energy.ActivityCounter;
import dev.bitline.dram.energy.EnergyBreakdown;
import dev.bitline.dram.energy.EnergyModel;
import dev.bitline.dram.energy.EnergyParams;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.dram.timing.TimingEngine;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandRecord;
import dev.bitline.dram.trace.CommandSink;
import dev.bitline.dram.trace.CommandTraceReader;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standard adds commands purely in YAML (fixtures/gddr6-allbank-mac.yaml: an all-bank activate
 * and an all-bank MAC, with their timing rows, a window and their energies, on top of GDDR6 by
 * {@code extends:}); the timing engine, the controller's command hook, the checker and the energy
 * model handle them with no Java naming them.
 */
class CommandsAsDataTest {
    static final int N = CommandRecord.NONE;

    static Path fixture() {
        return Path.of("src/test/resources/dev/bitline/dram/fixtures/gddr6-allbank-mac.yaml").toAbsolutePath();
    }

    static DramSpec spec() {
        return DramStandards.load(new ConfigLoader(Presets.configsRoot()), fixture(), List.of());
    }

    @Test
    void vocabularyIsInternedAndTheBaseTableIsKept() {
        DramSpec base = Presets.load("gddr6-16gbps");
        DramSpec s = spec();
        assertEquals(base.commandCount() + 2, s.commandCount());
        assertEquals(base.commandCount(), s.command("ACTab").id(), "new rows come after the inherited ones");
        assertEquals(s.command("ACT"), s.roles().activate(), "the request translation is unchanged");
        assertEquals(s.command("RD"), s.roles().read(), "a MAC (no data on the bus) is not the read command");
        // sections merge by name: the base table plus the fixture's pim rows (12 pairs)
        assertEquals(base.constraints().size() + 12, s.constraints().size());
        assertEquals(base.windows().size() + 1, s.windows().size());
        assertNull(base.commandOrNull("MACab"));
    }

    @Test
    void engineEnforcesTheNewRowsOverEveryBank() {
        DramSpec s = spec();
        TimingEngine e = new TimingEngine(s);
        e.issue(s.command("ACTab"), 0, 0, 0, 100);
        assertEquals(100 + s.param("tRCDRD"), e.earliest(s.command("MACab"), 0, 0, 0));
        assertEquals(100 + s.param("tRC"), e.earliest(s.command("ACT"), 0, 3, 2), "bank scope covers every bank");
        assertEquals(100 + Math.max(s.param("tRC"), s.param("tFAW")), e.earliest(s.command("ACTab"), 0, 0, 0));
        e.issue(s.command("MACab"), 0, 0, 0, 200);
        assertEquals(200 + s.param("tRTP"), e.earliest(s.command("PRE"), 0, 1, 1));
        assertEquals(0, new TimingEngine(s).earliest(s.command("MACab"), 0, 0, 0));
    }

    @Test
    void controllerHookCheckerAndEnergyHandleTheNewCommands() {
        DramSpec s = spec();
        ControllerConfig cfg = ControllerConfig.defaults().withRefresh(RefreshMode.NONE, 0);
        DramSystem sys = new DramSystem(s, cfg, null);
        Controller ch = sys.channel(0);
        TimingChecker checker = new TimingChecker(s);
        ActivityCounter activity = new ActivityCounter(s);
        CommandBuffer buf = new CommandBuffer();
        CommandSink tee = (c, k, chan, pc, ra, bg, ba, row, col) -> {
            checker.onCommand(c, k, chan, pc, ra, bg, ba, row, col);
            activity.onCommand(c, k, chan, pc, ra, bg, ba, row, col);
            buf.onCommand(c, k, chan, pc, ra, bg, ba, row, col);
        };
        sys.setCommandSink(tee);
        Command actab = s.command("ACTab"), macab = s.command("MACab"), prea = s.command("PREA");

        long t0 = ch.earliest(actab, 0, 0, 0);
        ch.issue(actab, 0, 0, 0, 7, N, t0);
        for (int g = 0; g < 4; g++) {
            for (int b = 0; b < 4; b++) {
                assertEquals(BankState.ROW_OPEN, ch.bankState(0, g, b, ch.now()));
                assertEquals(7, ch.openRow(0, g, b));
            }
        }
        long m = ch.earliest(macab, 0, 0, 0);
        assertEquals(t0 + s.param("tRCDRD"), m);
        assertThrows(IllegalArgumentException.class, () -> ch.issue(macab, 0, 0, 0, 7, 0, t0 + 1), "too early");
        for (int i = 0; i < 4; i++) {
            long at = ch.earliest(macab, 0, 0, 0);
            if (i > 0) assertEquals(m + (long) i * s.param("tCCDMAC"), at);
            ch.issue(macab, 0, 0, 0, 7, i, at);
        }
        ch.issue(prea, 0, 0, 0, N, N, ch.earliest(prea, 0, 0, 0));
        assertEquals(BankState.CLOSED, ch.bankState(0, 2, 1, ch.now()));
        // ordinary requests still flow through the controller's own scheduler, after the PIM phase
        long read = sys.mapping().encode(0, 0, 0, 1, 2, 9, 3);
        assertTrue(sys.trySubmit(read, false, ch.now(), 1));
        long end = sys.drain();

        CheckReport r = checker.report();
        assertTrue(r.clean(), r.summary(5));
        assertEquals(1, ch.stats().count("ACTab"));
        assertEquals(4, ch.stats().count("MACab"));
        assertEquals(1, ch.stats().count("ACT"));
        assertEquals(1, ch.stats().reads());
        long act = buf.asList().stream().filter(c -> c.command().name().equals("ACT")).findFirst().orElseThrow().cycle();
        long preaAt = buf.asList().stream().filter(c -> c.command() == prea).findFirst().orElseThrow().cycle();
        assertTrue(act >= preaAt + s.param("tRP"), "the controller's ACT respects PREA -> ACT");

        EnergyModel model = new EnergyModel(EnergyParams.from(s));
        EnergyBreakdown e = ActivityCounter.energy(model, activity.finish(end));
        int devices = s.organization().devicesPerRank();
        double tck = s.tCKps() / 1000.0;
        double mac = devices * tck * s.param("tCCDMAC") * s.power().VDD() * (900 - s.power().IDD3N());
        assertEquals(4 * mac, e.commands().get("MACab"), 1e-6);
        assertEquals(devices * 2000.0, e.commands().get("ACTab"), 1e-6);
        // the controller's own ACT is one activate; PREA precharged the 16 banks ACTab had opened
        assertEquals(model.energy(new dev.bitline.dram.energy.RankActivity(1, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0)).act(),
                e.act(), 1e-6);
        assertTrue(e.total() > e.act() + e.commands().get("MACab"));
    }

    @Test
    void checkerReportsTheNewRowsAndBankState() throws IOException {
        DramSpec s = spec();
        CommandBuffer early = CommandTraceReader.read(new BufferedReader(new StringReader("""
                0 ACTab ch=0 ra=0 row=7
                10 MACab ch=0 ra=0 row=7 col=0
                """)), "early", s);
        CheckReport r = TimingChecker.check(s, early);
        assertEquals(1, r.violations(), r.summary(5));
        assertEquals(Violation.Kind.TIMING, r.first().get(0).kind());
        assertTrue(r.first().get(0).rule().startsWith("ACTab->MACab"), r.first().get(0).rule());
        CommandBuffer closed = CommandTraceReader.read(new BufferedReader(new StringReader("""
                0 ACT ch=0 ra=0 bg=0 ba=0 row=7
                40 MACab ch=0 ra=0 row=7 col=0
                """)), "closed", s);
        CheckReport c = TimingChecker.check(s, closed);
        assertEquals(Violation.Kind.PROTOCOL, c.first().get(0).kind(), c.summary(5));
        assertEquals(15, c.violations(), "MACab reads every bank; 15 are closed");
    }

    @Test
    void badVocabularyRowsAreLocatedErrors(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "extends: dram/gddr6-16gbps\nname: bad\ncommands:\n  RD2: {target: bank, access: read}\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> DramStandards.load(new ConfigLoader(Presets.configsRoot()), f, List.of()));
        assertTrue(e.getMessage().contains("RD, RD2") || e.getMessage().contains("[RD, RD2]"), e.getMessage());
        Files.writeString(f, "extends: dram/gddr6-16gbps\nname: bad\ncommands:\n  X: {target: bank, opens: yes}\n");
        assertThrows(ConfigException.class, () -> DramStandards.load(new ConfigLoader(Presets.configsRoot()), f, List.of()));
        Files.writeString(f, "extends: dram/gddr6-16gbps\nname: bad\nconstraints:\n  pim:\n"
                + "    - {prev: [FOO], next: [ACT], scope: bank, min: 1}\n");
        e = assertThrows(ConfigException.class,
                () -> DramStandards.load(new ConfigLoader(Presets.configsRoot()), f, List.of()));
        assertTrue(e.getMessage().contains("FOO") && e.getMessage().contains("bad.yaml:5"), e.getMessage());
    }
}
