package dev.bitline.dram.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitline.dram.Presets;
import dev.bitline.dram.run.StandardsStudy;
import dev.bitline.dram.run.StandardsStudy.Peer;
import dev.bitline.dram.run.StandardsStudy.Result;
import dev.bitline.dram.trace.ReferenceTraces;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation setup of configs/dram/validation/peers.csv (GDDR6, HBM2 one and eight channels,
 * HBM3, DDR5, LPDDR5 against DRAMsim3 and Ramulator 2.1, shared/reference/dram/standards.md) on
 * the trace its peer ran, the full 200k requests, with the independent checker: bandwidth within
 * 5% of the peer, read latency within 10%, ACT and REF counts within 5%, zero violations (the
 * issue's tolerances). The measured errors are in results/dram-validation/standards.md.
 */
class StandardsValidationTest {
    static Stream<Peer> peers() {
        return StandardsStudy.peers(Presets.configsRoot()).stream();
    }

    @Test
    void peersCoverEveryPairOfStandardsMd() {
        List<Peer> ps = StandardsStudy.peers(Presets.configsRoot());
        assertEquals(24, ps.size());
        Set<String> configs = new TreeSet<>();
        for (Peer p : ps) configs.add(p.config());
        assertEquals(Set.of("gddr6-dramsim3", "gddr6-ramulator", "hbm2-dramsim3-1ch", "hbm2-dramsim3-8ch",
                "hbm2-ramulator", "hbm3-ramulator", "ddr5-ramulator", "lpddr5-ramulator"), configs);
        for (Peer p : ps) {
            assertTrue(p.acts() > 0 && p.refreshes() > 0 && p.bandwidthGBps() > 0 && p.readLatency() > 0, p.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void withinToleranceOfItsPeer(Peer p) {
        assumeTrue(ReferenceTraces.dir() != null, ReferenceTraces.SKIP_REASON);
        Result r = StandardsStudy.run(Presets.configsRoot(), ReferenceTraces.dir(), p);
        String who = p.config() + " " + p.trace();
        assertEquals(0, r.violations(), who + ": checker violations");
        assertEquals(200_000, r.reads() + r.writes(), who + ": every request served");
        within(r.bandwidthError(), 0.05, who + " bandwidth", r.bandwidthGBps(), p.bandwidthGBps());
        // The worst row, DRAMsim3 HBM2 with its 8 channels on random traffic, is +9.4% (411 vs 375
        // cycles) at the same bandwidth and command counts (results/dram-validation/README.md,
        // "Known gaps"); it needed 12% before refreshPrecharge: banks.
        within(r.latencyError(), 0.10, who + " read latency", r.readLatency(), p.readLatency());
        within(r.actError(), 0.05, who + " ACT count", r.acts(), p.acts());
        within(r.refreshError(), 0.05, who + " REF count", r.refreshes(), p.refreshes());
    }

    static void within(double err, double tol, String what, double got, double want) {
        assertTrue(Math.abs(err) <= tol, String.format("%s: Bitline %.4g vs peer %.4g (%+.1f%%, tolerance %.0f%%)",
                what, got, want, 100 * err, 100 * tol));
    }
}
