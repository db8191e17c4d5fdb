package dev.bitline.dram.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.Presets;
import dev.bitline.dram.controller.Arbitration;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.PagePolicy;
import dev.bitline.dram.controller.QueueStructure;
import dev.bitline.dram.controller.RefreshMode;
import dev.bitline.dram.controller.SchedulerKind;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.config.YamlTreeReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller's parts chosen by {@code kind:} in the config ({@link ControllerParts}), beside the flat keys. */
class ControllerPartsConfigTest {
    private static final ControllerConfig BASE = ControllerConfig.defaults().withAddressMapping(DramRunConfig.DEFAULT_MAPPING);

    private static ControllerConfig resolve(String yaml, String... overrides) {
        ConfigNode tree = YamlTreeReader.parse(yaml, "t.yaml", 0);
        tree = ConfigLoader.applyOverrides(tree, List.of(overrides));
        return ControllerParts.resolve(((ConfigNode.MapNode) tree).get("controller"), BASE);
    }

    @Test
    void peerPoliciesInSectionsOrFlat() {
        ControllerConfig sections = resolve("""
                controller:
                  queues: {kind: split, bankDepth: 8, readsFirst: false, slotRelease: act, staging: write-drain}
                  refresh: {kind: allbank, stagger: 0}
                """);
        ControllerConfig flat = resolve("""
                controller:
                  bankQueueDepth: 8
                  readsFirst: false
                  slotRelease: act
                  staging: write-drain
                  refreshStagger: 0
                """);
        assertEquals(flat, sections);
        assertEquals(dev.bitline.dram.controller.SlotRelease.ACT, sections.slotRelease());
        assertEquals(dev.bitline.dram.controller.Staging.WRITE_DRAIN, sections.staging());
        assertEquals(0.0, sections.refreshStagger());
        assertEquals(0.5, resolve("controller: {refresh: {stagger: 0.5}}\n").refreshStagger());
        ControllerConfig buffered = resolve("controller: {queues: {writeMerge: true, readForward: true}}\n");
        assertEquals(resolve("controller: {writeMerge: true, readForward: true}\n"), buffered);
        assertTrue(buffered.writeMerge() && buffered.readForward());
        assertFalse(resolve("controller: {queues: {kind: split}}\n").writeMerge());
    }

    @Test
    void dualIssueFlatOrInTheSchedulerSection() {
        assertEquals(dev.bitline.dram.controller.DualIssue.OTHER_BUS, resolve("controller: {}\n").dualIssue());
        ControllerConfig flat = resolve("controller: {dualIssue: first-ready}\n");
        ControllerConfig section = resolve("controller: {scheduler: {kind: frfcfs, dualIssue: first-ready}}\n");
        assertEquals(dev.bitline.dram.controller.DualIssue.FIRST_READY, flat.dualIssue());
        assertEquals(flat, section);
    }

    @Test
    void sectionsGiveWhatTheFlatKeysGive() {
        ControllerConfig sections = resolve("""
                controller:
                  queues: {kind: shared, depth: 48, bankDepth: 8, readsFirst: false}
                  scheduler: {kind: fcfs, arbitration: round-robin}
                  rowPolicy: {kind: timeout, timeout: 60}
                  refresh: {kind: allbank, postpone: 4}
                  powerDown: {kind: idle, cycles: 30}
                """);
        ControllerConfig flat = resolve("""
                controller:
                  queueStructure: shared
                  transactionQueueDepth: 48
                  bankQueueDepth: 8
                  readsFirst: false
                  scheduler: fcfs
                  arbitration: round-robin
                  pagePolicy: timeout
                  pageTimeout: 60
                  refresh: allbank
                  refreshPostpone: 4
                  powerDownIdle: 30
                """);
        assertEquals(flat, sections);
        assertEquals(QueueStructure.SHARED, sections.queueStructure());
        assertEquals(48, sections.transactionQueueDepth());
        assertEquals(SchedulerKind.FCFS, sections.scheduler());
        assertEquals(Arbitration.ROUND_ROBIN, sections.arbitration());
        assertEquals(PagePolicy.TIMEOUT, sections.pagePolicy());
        assertEquals(60, sections.pageTimeout());
        assertEquals(4, sections.refreshPostpone());
        assertEquals(30, sections.powerDownIdle());
        // no controller section, or an empty one: the base
        assertEquals(BASE, resolve("seed: 1\n"));
        assertEquals(BASE, resolve("controller: {}\n"));
    }

    @Test
    void optionsLeftOutKeepTheirValuesAndScalarsNameTheKind() {
        ControllerConfig c = resolve("""
                controller:
                  queues: {kind: split, readDepth: 16}
                  rowPolicy: closed
                  powerDown: never
                """);
        assertEquals(16, c.readQueueDepth());
        assertEquals(BASE.writeQueueDepth(), c.writeQueueDepth());
        assertEquals(BASE.writeHighWatermark(), c.writeHighWatermark());
        assertEquals(PagePolicy.CLOSED, c.pagePolicy());
        assertEquals(0, c.powerDownIdle());
        // the old flat scalars still name the kind
        assertEquals(RefreshMode.PERBANK, resolve("controller: {refresh: perbank, refreshPostpone: 2}\n").refresh());
        assertEquals(SchedulerKind.FCFS, resolve("controller: {scheduler: fcfs}\n").scheduler());
    }

    @Test
    void setReachesIntoSections() {
        // a section without kind keeps the current kind: --set works on a config that has no section
        ControllerConfig c = resolve("controller: {pagePolicy: open}\n", "controller.refresh.postpone=3",
                "controller.scheduler.kind=fcfs", "controller.queues.writeHighWatermark=0.5");
        assertEquals(RefreshMode.ALLBANK, c.refresh());
        assertEquals(3, c.refreshPostpone());
        assertEquals(SchedulerKind.FCFS, c.scheduler());
        assertEquals(QueueStructure.SPLIT, c.queueStructure());
        assertEquals(0.5, c.writeHighWatermark());
        ControllerConfig t = resolve("controller:\n  rowPolicy: {kind: timeout, timeout: 10}\n",
                "controller.rowPolicy.timeout=75");
        assertEquals(75, t.pageTimeout());
        assertEquals(PagePolicy.TIMEOUT, t.pagePolicy());
    }

    @Test
    void unknownKindIsLocatedAndListsTheKinds() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolve("controller:\n  scheduler: {kind: lifo}\n"));
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.yaml:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("lifo") && e.getMessage().contains("frfcfs")
                && e.getMessage().contains("fcfs"), e.getMessage());
        ConfigException r = assertThrows(ConfigException.class,
                () -> resolve("controller:\n  rowPolicy: {kind: sometimes}\n"));
        assertTrue(r.getMessage().contains("open, closed, timeout"), r.getMessage());
        ConfigException q = assertThrows(ConfigException.class,
                () -> resolve("controller: {}\n", "controller.queues.kind=stacked"));
        assertTrue(q.getMessage().startsWith("<--set controller.queues.kind>"), q.getMessage());
        assertTrue(q.getMessage().contains("split, shared"), q.getMessage());
    }

    @Test
    void anOptionOfAnotherKindOrBothFormsAreErrors() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolve("controller:\n  rowPolicy: {kind: open, timeout: 50}\n"));
        assertTrue(e.getMessage().contains("timeout"), e.getMessage());
        assertEquals(2, e.line(), e.getMessage());
        ConfigException both = assertThrows(ConfigException.class,
                () -> resolve("controller:\n  pagePolicy: closed\n  rowPolicy: {kind: open}\n"));
        assertEquals(2, both.line(), both.getMessage());
        assertTrue(both.getMessage().contains("pagePolicy") && both.getMessage().contains("rowPolicy"), both.getMessage());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> resolve("controller:\n  queues: {kind: split, readDepth: 0}\n"));
        assertTrue(bad.getMessage().contains("readQueueDepth must be 1..4096"), bad.getMessage());
        assertEquals(2, bad.line(), bad.getMessage());
        ConfigException pd = assertThrows(ConfigException.class,
                () -> resolve("controller:\n  powerDown: {kind: idle}\n"));
        assertTrue(pd.getMessage().contains("cycles"), pd.getMessage());
    }

    @Test
    void aRunConfigWithSectionsRunsAndMisfitsAreLocated() {
        Path preset = Presets.configsRoot().resolve("dram/ddr4-2400-8gb-x8.yaml"); // no controller section
        DramRunConfig rc = DramRunConfig.load(preset, List.of("controller.scheduler.kind=fcfs",
                "controller.refresh.postpone=8"));
        assertEquals(SchedulerKind.FCFS, rc.controller().scheduler());
        assertEquals(8, rc.controller().refreshPostpone());
        assertEquals(DramRunConfig.DEFAULT_MAPPING, rc.controller().addressMapping());
        // DDR4 has no per-bank refresh: a config error at the controller section, not a run-time failure
        ConfigException e = assertThrows(ConfigException.class,
                () -> DramRunConfig.load(preset, List.of("controller.refresh.kind=perbank")));
        assertTrue(e.getMessage().contains("per-bank refresh"), e.getMessage());
    }
}
