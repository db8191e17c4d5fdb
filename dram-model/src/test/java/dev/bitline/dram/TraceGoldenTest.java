package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.controller.PagePolicy;
import dev.bitline.dram.controller.QueueStructure;
import dev.bitline.dram.controller.SchedulerKind;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Golden command traces: a hash of every issued command for presets x controller configurations
 * x workloads, recorded from the controller as of commit 9ced80c, re-recorded when ties
 * between idle-row PREs became canonical (lower bank index; before, they went by scan order,
 * which changed only the timeout-policy rows), and again when staged requests began to move into
 * their bank queues after the cycle's command instead of before it (only the bankq and rr rows), and
 * when HBM got separate row and column command buses (only the HBM rows), and when DDR5's
 * and LPDDR5's two-cycle commands began to hold the command bus (only those rows), and for issue
 * 17 (only the hbm2-2gbps, hbm3-6.4gbps and lpddr5-6400 rows: the HBM2 ACT holds the row bus two
 * clocks, HBM3 took Ramulator 2.1's HBM3_6400Mbps timings, LPDDR5 RL/WL 17/9). The event == ticked tests
 * compare two modes of the same build; this one catches a speed change that alters decisions
 * in both (e.g. tie order between idle-row PREs). The hashes are keyed by command names
 * ({@link #CODES}), not by a standard's command ids, and stored with the command counts in
 * {@code golden-command-traces.txt} (test resources). If a change of behaviour is intended,
 * regenerate the file with {@link #main} and say why in the commit.
 */
class TraceGoldenTest {
    static final String[] PRESETS = {"ddr4-2400-8gb-x8", "ddr4-3200-8gb-x16", "ddr5-4800-16gb-x8",
            "lpddr5-6400", "gddr6-16gbps", "hbm2-2gbps", "hbm3-6.4gbps"};

    static Map<String, ControllerConfig> configs(DramSpec spec) {
        ControllerConfig base = PresetConfigs.forSpec(spec);
        Map<String, ControllerConfig> m = new LinkedHashMap<>();
        m.put("default", base);
        m.put("closed", base.withPagePolicy(PagePolicy.CLOSED, 0));
        m.put("timeout", base.withPagePolicy(PagePolicy.TIMEOUT, 50));
        m.put("fcfs", base.withScheduler(SchedulerKind.FCFS));
        m.put("unified", base.withQueues(QueueStructure.SHARED, 32, 32, 32).withReadsFirst(false));
        m.put("bankq", base.withQueues(QueueStructure.SHARED, 32, 32, 32).withBankQueueDepth(8));
        m.put("pd", base.withPowerDownIdle(20).withRefresh(base.refresh(), 2));
        m.put("rr", base.withQueues(QueueStructure.SHARED, 32, 32, 32).withBankQueueDepth(8).withReadsFirst(false)
                .withArbitration(dev.bitline.dram.controller.Arbitration.ROUND_ROBIN));
        m.put("xor", base.withXorBankWithRow(true).withPagePolicy(PagePolicy.CLOSED, 0)
                .withScheduler(SchedulerKind.FCFS));
        return m;
    }

    /**
     * The code a command name contributes to the hash: the enum ordinals the hashes were recorded
     * with, now keyed by name (so a standard's own vocabulary order cannot change a hash). The table
     * is also written at the top of the golden file. A new name needs a new code here.
     */
    static final Map<String, Integer> CODES = codes("ACT", "PRE", "PREA", "RD", "WR", "RDA", "WRA", "REFab",
            "REFpb", "REFsb", "PDE", "PDX", "SRE", "SRX");

    private static Map<String, Integer> codes(String... names) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String n : names) m.put(n, m.size());
        return m;
    }

    static int code(String name) {
        Integer c = CODES.get(name);
        if (c == null) throw new AssertionError("command " + name + " has no hash code in TraceGoldenTest.CODES");
        return c;
    }

    /**
     * One golden line of a run: mixed (gap 0) or random at low load (gap 40): commands/end
     * cycle/hash, then the command counts by name (for a person reading a diff).
     */
    static String run(DramSpec spec, ControllerConfig cfg, boolean lowLoad) {
        return run(spec, cfg, lowLoad, false);
    }

    /** The same with {@link DramSystem#setDeferredChannels deferred channels} on or off. */
    static String run(DramSpec spec, ControllerConfig cfg, boolean lowLoad, boolean deferred) {
        long[] h = {1, 0};
        Map<String, Long> counts = new LinkedHashMap<>();
        for (var c : spec.commands()) counts.put(c.name(), 0L);
        CommandSink sink = (c, cmd, ch, pc, ra, bg, ba, row, col) -> {
            for (long x : new long[] {c, code(cmd.name()), ch, pc, ra, bg, ba, row, col}) h[0] = h[0] * 1000003L + x;
            h[1]++;
            counts.merge(cmd.name(), 1L, Long::sum);
        };
        DramSystem sys = new DramSystem(spec, cfg, null);
        sys.setDeferredChannels(deferred);
        sys.setCommandSink(sink);
        SplittableRandom rnd = new SplittableRandom(7);
        long cap = sys.capacity();
        int line = sys.mapping().burstBytes();
        long lines = cap / line;
        long t = 0, base = 0, gap = lowLoad ? 40 : 0;
        for (int i = 0, n = lowLoad ? 3000 : 15000; i < n; i++) {
            long addr;
            if (lowLoad) {
                addr = rnd.nextLong(lines) * line;
            } else {
                if (i % 8 == 0) base = rnd.nextLong(lines) * line;
                addr = (base + (long) (i % 8) * 4096) % cap;
            }
            boolean w = rnd.nextDouble() < 0.33;
            t = sys.submitBlocking(addr, w, Math.max(t, i * gap), i) + 1;
        }
        long end = sys.drain();
        StringBuilder sb = new StringBuilder(h[1] + "/" + end + "/" + Long.toHexString(h[0]) + " ");
        counts.forEach((n, v) -> {
            if (v > 0) sb.append(' ').append(n).append('=').append(v);
        });
        return sb.toString();
    }

    static List<String> all() {
        List<String> out = new ArrayList<>();
        for (String p : PRESETS) {
            DramSpec spec = Presets.load(p);
            for (var e : configs(spec).entrySet()) {
                for (boolean low : new boolean[] {false, true}) {
                    out.add(p + " " + e.getKey() + (low ? " low " : " mixed ") + run(spec, e.getValue(), low));
                }
            }
        }
        return out;
    }

    static final String FILE = "golden-command-traces.txt";

    static String header() {
        StringBuilder codes = new StringBuilder();
        CODES.forEach((n, c) -> codes.append(' ').append(n).append('=').append(c));
        return String.join("\n",
                "# Golden command traces of TraceGoldenTest: preset, controller configuration, workload (mixed:",
                "# 15000 requests back to back; low: 3000 random requests, one per 40 cycles), then",
                "# commands/end cycle/hash and the command counts. The hash folds (cycle, code, ch, pc, ra, bg,",
                "# ba, row, col) of every command in issue order; a command's code comes from its name:",
                "# codes:" + codes,
                "# Regenerate (only for an intended change of behaviour, saying why in the commit) with",
                "# TraceGoldenTest.main, run from the repository root.");
    }

    /** Rewrites the golden file (run from the repository root). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of("dram-model/src/test/resources/dev/bitline/dram/" + FILE);
        Files.createDirectories(out.getParent());
        Files.writeString(out, header() + "\n" + String.join("\n", all()) + "\n");
        System.out.println("wrote " + out);
    }

    static List<String> golden() throws IOException {
        try (InputStream in = TraceGoldenTest.class.getResourceAsStream(FILE)) {
            if (in == null) throw new AssertionError("missing test resource " + FILE);
            List<String> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) out.add(l.strip());
            }
            return out;
        }
    }

    @Test
    void commandTracesMatchTheRecordedOnes() throws IOException {
        assertEquals(String.join("\n", golden()), String.join("\n", all()));
    }

    /**
     * Channels that advance only when a request comes to them (what a trace run does) make the
     * same decisions and hand the sink the same commands in the same order: the multi-channel
     * presets' lines equal the recorded ones. The mixed workload fills the queues (the blocking
     * path) and issues enough commands to pass the merge buffer's flush point many times.
     */
    @Test
    void deferredChannelsGiveTheRecordedTraces() throws IOException {
        List<String> want = new ArrayList<>(), got = new ArrayList<>();
        for (String line : golden()) {
            String[] f = line.split(" ", 4);
            DramSpec spec = Presets.load(f[0]);
            if (spec.organization().channels() == 1) continue;
            want.add(line);
            got.add(f[0] + " " + f[1] + " " + f[2] + " " + run(spec, configs(spec).get(f[1]), f[2].equals("low"), true));
        }
        assertTrue(want.size() >= 3 * 9 * 2, "multi-channel presets covered: " + want.size());
        assertEquals(String.join("\n", want), String.join("\n", got));
    }

    @Test
    void theFileStatesTheCodesTheTestUses() throws IOException {
        try (InputStream in = TraceGoldenTest.class.getResourceAsStream(FILE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.startsWith(header()), "header of " + FILE + " matches CODES");
        }
    }
}
