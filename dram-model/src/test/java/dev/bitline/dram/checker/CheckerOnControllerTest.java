package dev.bitline.dram.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.PresetConfigs;
import dev.bitline.dram.Presets;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.PagePolicy;
import dev.bitline.dram.controller.SchedulerKind;
import dev.bitline.dram.run.RunResult;
import dev.bitline.dram.run.TraceRun;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.SyntheticSource;
import dev.bitline.dram.trace.SyntheticSpec;
import dev.bitline.sim.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker against the real controller: every preset under varied traffic and controller
 * options is clean; a controller run with one timing parameter weakened, checked against the
 * real standard, is caught, naming that parameter.
 */
class CheckerOnControllerTest {

    static Stream<Arguments> presetsAndTraffic() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Presets.names()) {
            for (String traffic : List.of("random:4000,read=0.6", "stream:3000", "hotrow:4000,read=0.5",
                    "random:1500,rate=0.02")) {
                out.add(Arguments.of(p, traffic));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("presetsAndTraffic")
    void everyPresetIsCleanUnderRandomTraffic(String preset, String traffic) {
        DramSpec spec = Presets.load(preset);
        ControllerConfig base = PresetConfigs.forSpec(spec);
        List<ControllerConfig> variants = List.of(
                base,
                base.withPagePolicy(PagePolicy.CLOSED, 0),
                base.withPagePolicy(PagePolicy.TIMEOUT, 50).withScheduler(SchedulerKind.FCFS),
                base.withPowerDownIdle(20).withRefresh(base.refresh(), 4));
        long seed = 1;
        for (ControllerConfig cfg : variants) {
            SyntheticSpec s = SyntheticSpec.parse(traffic).withLineBytes(spec.organization().burstBytes());
            RunResult r = new TraceRun(spec, cfg).energy(false).check(true).run(
                    new SyntheticSource(s, new SplittableRandom(seed++), spec.organization().totalBytes()));
            assertEquals(0, r.check().violations(), preset + " " + traffic + " " + cfg + "\n" + r.check().summary(5));
            assertTrue(r.check().commands() > s.count(), "checked every command");
        }
    }

    @ParameterizedTest(name = "{0} with 2 ranks")
    @MethodSource("twoRankPresets")
    void twoRanksShareTheDataBusCleanly(String preset) {
        // Rank switches exercise the other_rank rows, tRTRS on the data bus and per-rank tFAW.
        ConfigLoader loader = new ConfigLoader(Presets.configsRoot());
        DramSpec spec = DramStandards.load(loader, Presets.configsRoot().resolve("dram/" + preset + ".yaml"),
                List.of("organization.ranks=2"));
        ControllerConfig cfg = PresetConfigs.forSpec(spec);
        for (String traffic : List.of("random:4000,read=0.6", "stream:3000", "random:1500,rate=0.02")) {
            SyntheticSpec s = SyntheticSpec.parse(traffic).withLineBytes(spec.organization().burstBytes());
            RunResult r = new TraceRun(spec, cfg).energy(false).check(true).run(
                    new SyntheticSource(s, new SplittableRandom(3), spec.organization().totalBytes()));
            assertEquals(0, r.check().violations(), preset + " " + traffic + "\n" + r.check().summary(5));
        }
    }

    @org.junit.jupiter.api.Test
    void aRankSwitchWithoutTrtrsIsCaught() {
        ConfigLoader loader = new ConfigLoader(Presets.configsRoot());
        java.nio.file.Path file = Presets.configsRoot().resolve("dram/ddr4-2400-8gb-x8.yaml");
        DramSpec real = DramStandards.load(loader, file, List.of("organization.ranks=2"));
        DramSpec weak = DramStandards.load(loader, file, List.of("organization.ranks=2", "timing.tRTRS=0"));
        CommandBuffer cmds = new CommandBuffer();
        SyntheticSpec s = SyntheticSpec.parse("random:3000,read=1");
        new TraceRun(weak, PresetConfigs.forSpec(weak)).energy(false).commandSink(cmds).run(
                new SyntheticSource(s, new SplittableRandom(5), weak.organization().totalBytes()));
        CheckReport bad = TimingChecker.check(real, cmds);
        assertTrue(bad.byKind().getOrDefault(Violation.Kind.DATA_BUS, 0L) > 0, bad.summary(3));
        assertTrue(bad.first().stream().anyMatch(v -> v.rule().contains("tRTRS")), bad.summary(3));
    }

    static Stream<String> twoRankPresets() {
        return Stream.of("ddr4-2400-8gb-x8", "ddr4-3200-8gb-x16", "ddr5-4800-16gb-x8");
    }

    static Stream<Arguments> weakened() {
        // parameter, weakened value (DDR4-2400: real values in the preset), traffic that exercises it
        return Stream.of(
                Arguments.of("tRCD", "10", "random:3000,read=0.7"),
                Arguments.of("tRP", "8", "random:3000,read=0.7"),
                Arguments.of("tRAS", "20", "random:3000,read=0.7"),
                Arguments.of("tRFC", "100", "random:3000,rate=0.02"),
                Arguments.of("tFAW", "12", "random:3000,read=1"),
                Arguments.of("tRRD_L", "4", "random:3000,read=1"),
                Arguments.of("tCCD_L", "4", "stream:3000"),
                Arguments.of("tWTR_L", "3", "hotrow:3000,read=0.5"), // = tWTR_S: lower is a load error
                Arguments.of("tWR", "4", "random:3000,read=0"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("weakened")
    void aWeakenedParameterIsCaught(String param, String value, String traffic) {
        ConfigLoader loader = new ConfigLoader(Presets.configsRoot());
        java.nio.file.Path file = Presets.configsRoot().resolve("dram/ddr4-2400-8gb-x8.yaml");
        DramSpec real = DramStandards.load(loader, file, List.of());
        DramSpec weak = DramStandards.load(loader, file, List.of("timing." + param + "=" + value));
        CommandBuffer cmds = new CommandBuffer();
        ControllerConfig cfg = ControllerConfig.defaults().withPagePolicy(
                param.equals("tWR") ? PagePolicy.CLOSED : PagePolicy.OPEN, 0);
        SyntheticSpec s = SyntheticSpec.parse(traffic);
        new TraceRun(weak, cfg).energy(false).commandSink(cmds).run(
                new SyntheticSource(s, new SplittableRandom(7), weak.organization().totalBytes()));
        CheckReport bad = TimingChecker.check(real, cmds);
        assertTrue(bad.violations() > 0, param + " weakened to " + value + " went unnoticed");
        assertTrue(bad.first().stream().anyMatch(v -> v.rule().contains(param)),
                "no violation names " + param + ":\n" + bad.summary(5));
        assertTrue(TimingChecker.check(weak, cmds).clean(), "the weakened spec's own trace obeys it");
    }
}
