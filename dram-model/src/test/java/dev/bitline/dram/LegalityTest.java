package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.PagePolicy;
import dev.bitline.dram.spec.DramSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every preset's controller output obeys the preset's own table (checked pairwise). */
class LegalityTest {
    static List<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        for (String p : Presets.names()) {
            for (Traffic.Kind k : Traffic.Kind.values()) l.add(Arguments.of(p, k));
        }
        return l;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void tracesAreLegal(String preset, Traffic.Kind kind) {
        DramSpec spec = Presets.load(preset);
        for (ControllerConfig cfg : List.of(PresetConfigs.forSpec(spec),
                PresetConfigs.forSpec(spec).withPagePolicy(PagePolicy.CLOSED, 0).withPowerDownIdle(
                        spec.supports("PDE") ? 30 : 0),
                PresetConfigs.forSpec(spec).withBankQueueDepth(4).withReadsFirst(false))) {
            Traffic.Run r = Traffic.run(spec, cfg, kind, 600, 5, 0.4, 11, true);
            List<String> bad = BruteForceChecker.check(spec, r.trace(), 400);
            assertTrue(bad.isEmpty(), preset + " " + kind + ": " + bad.size() + " violations, first: "
                    + bad.subList(0, Math.min(5, bad.size())));
        }
    }
}
