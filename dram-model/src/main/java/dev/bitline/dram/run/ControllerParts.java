package dev.bitline.dram.run;

import dev.bitline.dram.controller.Arbitration;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DualIssue;
import dev.bitline.dram.controller.RefreshPrecharge;
import dev.bitline.dram.controller.PagePolicy;
import dev.bitline.dram.controller.QueueStructure;
import dev.bitline.dram.controller.RefreshMode;
import dev.bitline.dram.controller.SchedulerKind;
import dev.bitline.dram.controller.SlotRelease;
import dev.bitline.dram.controller.Staging;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigName;
import dev.bitline.sim.config.ConfigNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place a {@code controller:} section is resolved into a {@link ControllerConfig}: the
 * controller's parts chosen by {@code kind:}, each part a section of its own, beside the flat keys
 * of {@link ControllerConfig} (which stay valid):
 *
 * <pre>
 * controller:
 *   queues:    {kind: split, readDepth: 32, writeDepth: 32}   # or {kind: shared, depth: 32}
 *   scheduler: {kind: frfcfs, arbitration: age}               # frfcfs | fcfs; also dualIssue
 *   rowPolicy: {kind: timeout, timeout: 100}                  # open | closed | timeout
 *   refresh:   {kind: allbank, postpone: 0}                   # allbank | perbank | samebank | none
 *   powerDown: {kind: idle, cycles: 30}                       # never | idle
 *   addressMapping: ro-ba-bg-ra-pc-co-ch                      # flat keys as before
 * </pre>
 *
 * Each part's kind is the implementation the controller builds (queues: {@code SplitQueues} /
 * {@code SharedQueue}; scheduler: {@code FrFcfs} / {@code Fcfs}; row policy: {@code OpenRow} /
 * {@code ClosedRow} / {@code TimeoutRow}; refresh: {@code AllBankRefresh} / {@code PerBankRefresh}
 * / {@code SameBankRefresh} / {@code NoRefresh}; power-down: {@code Never} / {@code AfterIdle});
 * a section's options are that kind's, and an option it leaves out keeps the value it had (the
 * defaults, or the flat keys). A section without {@code kind:} keeps the current kind, so
 * {@code --set controller.refresh.postpone=4} works on any config; a bare scalar is short for
 * the kind ({@code rowPolicy: closed}; {@code scheduler: fcfs} and {@code refresh: perbank} are
 * also the old flat keys, bound with them). An unknown kind is a located error that
 * lists the known ones; an option another kind owns is an unknown key; setting one option both
 * flat and in its section is an error (which one would win is not obvious).
 */
public final class ControllerParts {
    private ControllerParts() {}

    /** The part sections, in the order they are applied. */
    public static final List<String> SECTIONS = List.of("queues", "scheduler", "rowPolicy", "refresh", "powerDown");

    /** Flat keys that set what each section sets (a section and one of these together are an error). */
    private static final Map<String, List<String>> FLAT = Map.of(
            "queues", List.of("queueStructure", "transactionQueueDepth", "readQueueDepth", "writeQueueDepth",
                    "bankQueueDepth", "readsFirst", "writeLowWatermark", "writeHighWatermark", "slotRelease", "staging",
                    "writeMerge", "readForward"),
            "scheduler", List.of("arbitration", "dualIssue"),
            "rowPolicy", List.of("pagePolicy", "pageTimeout"),
            "refresh", List.of("refreshPostpone", "refreshStagger", "refreshPrecharge"),
            "powerDown", List.of("powerDownIdle"));

    // ---- the sections' schema: one record per kind -----------------------------------------------

    /** {@code queues:} the request queues (controller/queue). */
    public sealed interface Queues permits Split, Shared {
    }

    /**
     * Separate read and write queues (Ramulator). Options shared by both kinds: {@code bankDepth}
     * (DRAMsim3-style per-bank queues behind the first level; 0 = none), {@code readsFirst}, the
     * write-drain watermarks (fractions of the write capacity), {@code slotRelease} (column | act:
     * Ramulator 2.1 frees a slot at ACT), {@code staging} (oldest | write-drain: DRAMsim3's move into
     * the bank queues), {@code writeMerge} / {@code readForward} (DRAMsim3: a write to an address
     * with a pending write merges into it, a read to it is served from the write queue).
     */
    @ConfigName("split")
    public record Split(Optional<Integer> readDepth, Optional<Integer> writeDepth, Optional<Integer> bankDepth,
            Optional<Boolean> readsFirst, Optional<Double> writeLowWatermark, Optional<Double> writeHighWatermark,
            Optional<SlotRelease> slotRelease, Optional<Staging> staging, Optional<Boolean> writeMerge,
            Optional<Boolean> readForward) implements Queues {
    }

    /** One transaction queue of {@code depth} shared by reads and writes (DRAMsim3). */
    @ConfigName("shared")
    public record Shared(Optional<Integer> depth, Optional<Integer> bankDepth, Optional<Boolean> readsFirst,
            Optional<Double> writeLowWatermark, Optional<Double> writeHighWatermark,
            Optional<SlotRelease> slotRelease, Optional<Staging> staging, Optional<Boolean> writeMerge,
            Optional<Boolean> readForward) implements Queues {
    }

    /**
     * {@code scheduler:} (controller/scheduler); {@code arbitration} (age | round-robin) and, on
     * parts with row and column buses, {@code dualIssue} (other-bus | first-ready: DRAMsim3).
     */
    public sealed interface Scheduler permits FrFcfs, Fcfs {
        Optional<Arbitration> arbitration();

        Optional<DualIssue> dualIssue();
    }

    /** Ready row hits first, then oldest. */
    @ConfigName("frfcfs")
    public record FrFcfs(Optional<Arbitration> arbitration, Optional<DualIssue> dualIssue) implements Scheduler {
    }

    /** Each bank in arrival order, oldest first. */
    @ConfigName("fcfs")
    public record Fcfs(Optional<Arbitration> arbitration, Optional<DualIssue> dualIssue) implements Scheduler {
    }

    /** {@code rowPolicy:} (controller/rowpolicy). */
    public sealed interface RowPolicy permits Open, Closed, Timeout {
    }

    @ConfigName("open")
    public record Open() implements RowPolicy {
    }

    @ConfigName("closed")
    public record Closed() implements RowPolicy {
    }

    /** Close a row {@code timeout} cycles after its last column access when no queued request hits it. */
    @ConfigName("timeout")
    public record Timeout(Optional<Integer> timeout) implements RowPolicy {
    }

    /**
     * {@code refresh:} (controller/refresh); {@code postpone}: refreshes that may be owed while the
     * rank has requests; {@code stagger}: how far apart the rank units refresh, a fraction of the
     * interval (1 evenly spread, 0 together as Ramulator 2.1 refreshes HBM pseudo-channels).
     */
    public sealed interface Refresh permits AllBank, PerBank, SameBank, NoRefresh {
        default Optional<Integer> postpone() {
            return Optional.empty();
        }

        default Optional<Double> stagger() {
            return Optional.empty();
        }
    }

    /** {@code precharge}: rank (one PREA, default) | banks (a PRE per open bank, as DRAMsim3 does). */
    @ConfigName("allbank")
    public record AllBank(Optional<Integer> postpone, Optional<Double> stagger, Optional<RefreshPrecharge> precharge)
            implements Refresh {
    }

    @ConfigName("perbank")
    public record PerBank(Optional<Integer> postpone, Optional<Double> stagger) implements Refresh {
    }

    @ConfigName("samebank")
    public record SameBank(Optional<Integer> postpone, Optional<Double> stagger) implements Refresh {
    }

    @ConfigName("none")
    public record NoRefresh() implements Refresh {
    }

    /** {@code powerDown:} (controller/powerdown). */
    public sealed interface PowerDown permits Never, Idle {
    }

    @ConfigName("never")
    public record Never() implements PowerDown {
    }

    /** Power-down after {@code cycles} idle cycles. */
    @ConfigName("idle")
    public record Idle(int cycles) implements PowerDown {
    }

    // ---- resolution --------------------------------------------------------------------------

    /**
     * The controller options of {@code node} (a {@code controller:} map, or null for none) on top of
     * {@code base}: flat keys first, then the part sections.
     *
     * @throws ConfigException located, for any bad input
     */
    public static ControllerConfig resolve(ConfigNode node, ControllerConfig base) {
        if (node == null) return base;
        if (!(node instanceof ConfigNode.MapNode m)) {
            throw new ConfigException(node.location(), "controller is " + node.describe()
                    + " (expected a map of controller options and parts: " + String.join(", ", SECTIONS) + ")");
        }
        ConfigNode.MapNode flat = m;
        Map<String, ConfigNode> sections = new LinkedHashMap<>();
        for (String s : SECTIONS) {
            ConfigNode v = m.get(s);
            // a scalar scheduler / refresh is the flat form (the kind alone), bound with the flat keys
            if (v == null || (v instanceof ConfigNode.Scalar && FLAT_SCALAR.contains(s))) continue;
            sections.put(s, v); // a map, or a scalar kind ({@code rowPolicy: closed})
            flat = flat.without(s);
        }
        for (Map.Entry<String, ConfigNode> e : sections.entrySet()) {
            for (String k : FLAT.get(e.getKey())) {
                ConfigNode.Entry f = m.entries().get(k);
                if (f != null) {
                    throw new ConfigException(f.keyLocation(), "controller." + k + " and the section controller."
                            + e.getKey() + " at " + e.getValue().location() + " both set the " + e.getKey()
                            + " (expected one of them: the section's options, or the flat keys)");
                }
            }
        }
        ControllerConfig cc = base;
        if (!flat.entries().isEmpty()) {
            cc = ConfigBinder.bind(ConfigLoader.merge(ConfigBinder.toNode(base), flat), ControllerConfig.class);
        }
        for (Map.Entry<String, ConfigNode> e : sections.entrySet()) {
            ConfigNode sec = e.getValue();
            if (sec instanceof ConfigNode.MapNode mm && !mm.has("kind")) {
                sec = mm.with("kind", mm.location(), new ConfigNode.Scalar(currentKind(e.getKey(), cc),
                        ConfigNode.ScalarType.STRING, mm.location()));
            }
            try {
                cc = apply(e.getKey(), sec, cc);
            } catch (IllegalArgumentException x) {
                throw new ConfigException(sec.location(), "controller." + e.getKey() + ": " + x.getMessage());
            }
        }
        return cc;
    }

    private static final List<String> FLAT_SCALAR = List.of("scheduler", "refresh");

    /** The kinds a section accepts, for messages. */
    public static List<String> kinds(String section) {
        return switch (section) {
            case "queues" -> List.of("split", "shared");
            case "scheduler" -> List.of("frfcfs", "fcfs");
            case "rowPolicy" -> List.of("open", "closed", "timeout");
            case "refresh" -> List.of("allbank", "perbank", "samebank", "none");
            case "powerDown" -> List.of("never", "idle");
            default -> throw new IllegalArgumentException("no controller section " + section);
        };
    }

    private static String currentKind(String section, ControllerConfig cc) {
        return switch (section) {
            case "queues" -> cc.queueStructure() == QueueStructure.SHARED ? "shared" : "split";
            case "scheduler" -> cc.scheduler() == SchedulerKind.FCFS ? "fcfs" : "frfcfs";
            case "rowPolicy" -> ConfigBinder.enumName(cc.pagePolicy());
            case "refresh" -> ConfigBinder.enumName(cc.refresh());
            case "powerDown" -> cc.powerDownIdle() > 0 ? "idle" : "never";
            default -> throw new IllegalArgumentException("no controller section " + section);
        };
    }

    private static ControllerConfig apply(String section, ConfigNode sec, ControllerConfig cc) {
        switch (section) {
            case "queues" -> {
                Queues q = ConfigBinder.bind(sec, Queues.class);
                if (q instanceof Split s) {
                    cc = cc.withQueues(QueueStructure.SPLIT, cc.transactionQueueDepth(),
                            s.readDepth().orElse(cc.readQueueDepth()), s.writeDepth().orElse(cc.writeQueueDepth()));
                    cc = common(cc, s.bankDepth(), s.readsFirst(), s.writeLowWatermark(), s.writeHighWatermark());
                    return buffer(policies(cc, s.slotRelease(), s.staging()), s.writeMerge(), s.readForward());
                }
                Shared s = (Shared) q;
                cc = cc.withQueues(QueueStructure.SHARED, s.depth().orElse(cc.transactionQueueDepth()),
                        cc.readQueueDepth(), cc.writeQueueDepth());
                cc = common(cc, s.bankDepth(), s.readsFirst(), s.writeLowWatermark(), s.writeHighWatermark());
                return buffer(policies(cc, s.slotRelease(), s.staging()), s.writeMerge(), s.readForward());
            }
            case "scheduler" -> {
                Scheduler s = ConfigBinder.bind(sec, Scheduler.class);
                cc = cc.withScheduler(s instanceof Fcfs ? SchedulerKind.FCFS : SchedulerKind.FRFCFS);
                cc = s.arbitration().map(cc::withArbitration).orElse(cc);
                return s.dualIssue().map(cc::withDualIssue).orElse(cc);
            }
            case "rowPolicy" -> {
                RowPolicy p = ConfigBinder.bind(sec, RowPolicy.class);
                if (p instanceof Timeout t) return cc.withPagePolicy(PagePolicy.TIMEOUT, t.timeout().orElse(cc.pageTimeout()));
                return cc.withPagePolicy(p instanceof Closed ? PagePolicy.CLOSED : PagePolicy.OPEN, cc.pageTimeout());
            }
            case "refresh" -> {
                Refresh r = ConfigBinder.bind(sec, Refresh.class);
                RefreshMode mode = r instanceof AllBank ? RefreshMode.ALLBANK : r instanceof PerBank ? RefreshMode.PERBANK
                        : r instanceof SameBank ? RefreshMode.SAMEBANK : RefreshMode.NONE;
                cc = cc.withRefresh(mode, r.postpone().orElse(cc.refreshPostpone()));
                if (r instanceof AllBank a && a.precharge().isPresent()) cc = cc.withRefreshPrecharge(a.precharge().get());
                return r.stagger().map(cc::withRefreshStagger).orElse(cc);
            }
            case "powerDown" -> {
                PowerDown p = ConfigBinder.bind(sec, PowerDown.class);
                if (p instanceof Idle i) {
                    if (i.cycles() <= 0) {
                        throw new IllegalArgumentException("powerDown idle cycles must be > 0, got " + i.cycles()
                                + " (use kind: never to turn power-down off)");
                    }
                    return cc.withPowerDownIdle(i.cycles());
                }
                return cc.withPowerDownIdle(0);
            }
            default -> throw new IllegalArgumentException("no controller section " + section);
        }
    }

    private static ControllerConfig policies(ControllerConfig cc, Optional<SlotRelease> slot, Optional<Staging> staging) {
        if (slot.isPresent()) cc = cc.withSlotRelease(slot.get());
        if (staging.isPresent()) cc = cc.withStaging(staging.get());
        return cc;
    }

    private static ControllerConfig buffer(ControllerConfig cc, Optional<Boolean> merge, Optional<Boolean> forward) {
        if (merge.isPresent()) cc = cc.withWriteMerge(merge.get());
        if (forward.isPresent()) cc = cc.withReadForward(forward.get());
        return cc;
    }

    private static ControllerConfig common(ControllerConfig cc, Optional<Integer> bankDepth, Optional<Boolean> readsFirst,
            Optional<Double> low, Optional<Double> high) {
        if (bankDepth.isPresent()) cc = cc.withBankQueueDepth(bankDepth.get());
        if (readsFirst.isPresent()) cc = cc.withReadsFirst(readsFirst.get());
        if (low.isPresent() || high.isPresent()) {
            cc = cc.withWatermarks(low.orElse(cc.writeLowWatermark()), high.orElse(cc.writeHighWatermark()));
        }
        return cc;
    }
}
