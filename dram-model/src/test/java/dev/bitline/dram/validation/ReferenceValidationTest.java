package dev.bitline.dram.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitline.dram.energy.EnergyBreakdown;
import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.dram.run.RunResult;
import dev.bitline.dram.run.TraceRun;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.trace.ReferenceTraces;
import dev.bitline.dram.trace.TextTraceReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Bitline against the DRAMsim3 / Ramulator 2.1 reference runs (shared/reference/dram/README.md),
 * on the full 200k-request traces, with the independent checker listening to every run.
 *
 * <p>What is asserted, and why only that:
 * <ul>
 *   <li>bandwidth within 5% of the mean of the two peers (the README's tolerance) with the
 *       Ramulator-matching and the DRAMsim3-matching configuration on all three loaded traces;
 *   <li>loaded read latency against the peer whose queues each setup copies (Ramulator within
 *       15%; DRAMsim3 within 5-25% per trace, as measured: the peers themselves differ by 2x, so
 *       this checks the queueing model, not the last cycle);
 *   <li>unloaded latency within 10% of DRAMsim3's 59.7 cycles, made of the move into the bank
 *       queue (1 cycle) plus closed-bank accesses (tRCD+CL+BL/2 = 38 cycles) or row conflicts
 *       (tRP+tRCD+CL+BL/2 = 55);
 *   <li>energy, with the DRAMsim3-matching configuration, within 10% (total) and 20% (each
 *       component) of DRAMsim3's table, converted to its unit;
 *   <li>zero checker violations.
 * </ul>
 */
class ReferenceValidationTest {
    static final Path DIR = ReferenceTraces.dir();

    static RunResult run(String config, String trace) {
        Path root = ReferenceTraces.repoRoot();
        DramRunConfig c = DramRunConfig.load(root.resolve("configs/dram/validation/" + config + ".yaml"), List.of());
        return new TraceRun(c.spec(), c.controller()).check(true).run(TextTraceReader.open(
                DIR.resolve(trace + ".dramsim3.trace.gz"), null, c.spec().organization().totalBytes()));
    }

    static void within(double expected, double actual, double rel, String what) {
        double err = Math.abs(actual - expected) / expected;
        assertTrue(err <= rel, String.format("%s: expected %.4g +-%.0f%%, got %.4g (%.1f%% off)", what,
                expected, rel * 100, actual, err * 100));
    }

    static void clean(RunResult r) {
        assertEquals(0, r.check().violations(), r.check().summary(5));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // trace, DRAMsim3 BW, Ramulator BW, Ramulator avg read latency (cycles)
            "random-200k, 10.92, 10.82, 381",
            "stream-200k, 15.08, 14.33, 193",
            "mixed-200k,  14.83, 14.50, 374"})
    void ramulatorSetupMatchesPeers(String trace, double dramsim3Bw, double ramulatorBw, double ramulatorLat) {
        assumeTrue(DIR != null, ReferenceTraces.SKIP_REASON);
        RunResult r = run("ddr4-2400-ramulator", trace);
        clean(r);
        assertEquals(200_000, r.stats().reads() + r.stats().writes());
        within((dramsim3Bw + ramulatorBw) / 2, r.bandwidthGBps(), 0.05, trace + " bandwidth vs peer mean");
        within(ramulatorLat, r.readLatency().mean(), 0.15, trace + " read latency vs Ramulator");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // trace, ACT, RD, WR, REF, act, read, write, refresh, actStb, preStb, total (README units),
            // DRAMsim3 BW, Ramulator BW, DRAMsim3 read latency, BW tolerance vs peer mean, latency tolerance
            "random-200k,  200711, 133003,  66976, 150, 834, 470, 206, 125,  556,  21, 2212, 10.92, 10.82, 864, 0.05, 0.05",
            "stream-200k,    1727, 200000,      0, 109, 7.2, 707,   0,  91,  403,  16, 1223, 15.08, 14.33, 243, 0.05, 0.05",
            "mixed-200k,   113970,  98955, 101024, 111, 474, 350, 310,  93,  409,  16, 1652, 14.83, 14.50, 721, 0.05, 0.10",
            "unloaded-20k,  20000,  20000,      0, 854,  83,  71,   0, 713, 3148, 122, 4137,     0,     0,   0,    0,    0"})
    void dramsim3SetupMatchesDramsim3(String trace, long acts, long reads, long writes, long refs,
            double act, double read, double write, double refresh, double actStb, double preStb, double total,
            double dramsim3Bw, double ramulatorBw, double dramsim3Lat, double bwTol, double latTol) {
        assumeTrue(DIR != null, ReferenceTraces.SKIP_REASON);
        RunResult r = run("ddr4-2400-dramsim3", trace);
        clean(r);
        if (dramsim3Bw > 0) {
            // Queue structure and arbitration matched (DRAMsim3's read queue and write buffer of 32,
            // its write drain, 8-entry per-bank queues served round-robin), so loaded latency is
            // compared with DRAMsim3. Measured: random -1.1%, stream -0.2%, mixed -5.1%; bandwidth
            // vs DRAMsim3 -0.6%, -0.3%, -1.8%. With the shared 32-entry queue used before
            // 2026-12-02 latency was -11.6% / -0.2% / -20.8% (tolerances were 15% / 5% / 25%).
            // See results/dram-validation/README.md.
            within((dramsim3Bw + ramulatorBw) / 2, r.bandwidthGBps(), bwTol, trace + " bandwidth vs peer mean");
            within(dramsim3Lat, r.readLatency().mean(), latTol, trace + " read latency vs DRAMsim3");
        }
        // DRAMsim3 merges a write into a queued write to the same line and answers a read from a
        // queued write (random: 66,976 WR for 66,997 writes; mixed: 98,955 RD for 98,968 reads);
        // the setup does both (writeMerge, readForward: 3 reads forwarded on mixed), so its counts
        // are within 0.1% of the trace's and of DRAMsim3's.
        within(reads, r.stats().count("RD"), 0.001, "RD");
        within(Math.max(writes, 1), Math.max(r.stats().count("WR"), 1), 0.001, "WR");
        within(acts, r.stats().count("ACT"), 0.02, "ACT");
        within(refs, r.stats().count("REFab"), 0.10, "REF");
        // README energies are DRAMsim3's V*mA*cycles sums / 10^6 (see EnergyModelTest).
        EnergyBreakdown e = r.energy().inDramsim3Units();
        double k = 1e-6;
        within(total, e.total() * k, 0.10, trace + " total energy");
        within(act, e.act() * k, 0.20, trace + " act");
        within(read, e.read() * k, 0.20, trace + " read");
        if (write > 0) {
            within(write, e.write() * k, 0.20, trace + " write");
        }
        within(refresh, e.refresh() * k, 0.20, trace + " refresh");
        within(actStb, e.actStandby() * k, 0.20, trace + " act standby");
        within(preStb, e.preStandby() * k, 0.20, trace + " pre standby");
    }

    @Test
    void ramulatorFormatTraceGivesTheSameRun() {
        assumeTrue(DIR != null, ReferenceTraces.SKIP_REASON);
        DramRunConfig c = DramRunConfig.load(ReferenceTraces.repoRoot().resolve(
                "configs/dram/validation/ddr4-2400-ramulator.yaml"), List.of());
        long cap = c.spec().organization().totalBytes();
        RunResult a = new TraceRun(c.spec(), c.controller()).energy(false).run(
                TextTraceReader.open(DIR.resolve("stream-200k.dramsim3.trace.gz"), null, cap));
        RunResult b = new TraceRun(c.spec(), c.controller()).energy(false).run(
                TextTraceReader.open(DIR.resolve("stream-200k.ramulator.trace.gz"), null, cap));
        assertEquals(a.cycles(), b.cycles());
        assertEquals(a.stats(), b.stats());
    }

    @Test
    void unloadedLatencyIsClosedBankOrRowConflict() {
        assumeTrue(DIR != null, ReferenceTraces.SKIP_REASON);
        RunResult r = run("ddr4-2400-dramsim3", "unloaded-20k");
        clean(r);
        within(59.7, r.readLatency().mean(), 0.10, "unloaded read latency vs DRAMsim3");
        // An idle open-page system: a request moves into its bank queue after its arrival cycle's
        // decision (1 cycle, as in DRAMsim3), then finds its bank either closed (the refresh's PREA
        // closes every bank each tREFI) and pays tRCD + CL + BL/2 = 17 + 17 + 4 = 38 cycles, or
        // open on an older row and pays tRP more, 55 cycles. Those two values (+1) must hold nearly
        // all requests; the rest arrived while the rank was refreshing (tRFC / tREFI = 4.5% of the
        // time) and waited.
        long at38 = 0;
        long at55 = 0;
        for (long[] b : r.readLatency().buckets()) {
            if (b[0] == 1 + 38) {
                at38 = b[1];
            } else if (b[0] == 1 + 55) {
                at55 = b[1];
            }
        }
        assertEquals(1 + 38, r.readLatency().min(), "nothing beats a closed-bank access");
        assertTrue(at38 <= r.stats().rowMisses() && at55 <= r.stats().rowConflicts(), "classes agree");
        assertTrue(at38 + at55 > 0.90 * 20_000, "38: " + at38 + ", 55: " + at55);
        assertTrue(at55 > 0.4 * 20_000 && at38 > 0.4 * 20_000, "38: " + at38 + ", 55: " + at55);
    }
}
