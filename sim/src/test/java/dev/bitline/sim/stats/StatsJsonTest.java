package dev.bitline.sim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** stats.json is written by hand; it must stay byte-identical to what Jackson's pretty printer wrote. */
class StatsJsonTest {

    /** The Jackson implementation toJson() replaced, kept here as the reference. */
    static String jackson(StatsRegistry reg) throws Exception {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        for (Stat s : reg.all()) {
            ObjectNode node = root;
            String[] parts = s.name().split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                var child = node.get(parts[i]);
                if (child instanceof ObjectNode o && !o.has("kind")) {
                    node = o;
                } else {
                    node = node.putObject(parts[i]);
                }
            }
            ObjectNode leaf = node.putObject(parts[parts.length - 1]);
            leaf.put("kind", s.kind());
            s.values().forEach((k, v) -> {
                if (v instanceof Long || v instanceof Integer) {
                    leaf.put(k, v.longValue());
                } else {
                    leaf.put(k, v.doubleValue());
                }
            });
        }
        return om.writeValueAsString(root) + "\n";
    }

    @Test
    void handWrittenJsonEqualsJackson() throws Exception {
        StatsRegistry reg = new StatsRegistry();
        assertEquals(jackson(reg), reg.toJson());
        reg.counter("dram.ch0.rowHits").add(12);
        reg.counter("dram.ch0.rowMisses").add(0);
        reg.counter("dram.ch1.rowHits").add(Long.MAX_VALUE);
        Histogram h = reg.histogram("dram.readLatency");
        for (int i = 0; i < 1000; i++) {
            h.record(17 + (i * 7919L) % 900);
        }
        reg.histogram("dram.writeLatency"); // empty
        TimeWeightedAverage t = reg.timeAverage("dram.ch0.queue.occupancy");
        t.set(0, 3);
        t.set(1000, 7.25);
        t.finish(3333);
        reg.probe("dram.bandwidth", () -> 15_080_000_000L);
        reg.counter("top").add(1);
        reg.counter("a.b\"q\\z\tw").add(2);
        reg.counter("x").add(1);
        reg.counter("x.y").add(2); // a counter under a name that is also a counter: replaced, as before
        reg.counter("p.kind").add(3);
        reg.counter("p.kind.q").add(4);
        assertEquals(jackson(reg), reg.toJson());
    }
}
