package dev.bitline.mapping.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.mapping.TestConfigs;
import dev.bitline.mapping.graph.GraphBuilder;
import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Op;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.map.Hardware;
import dev.bitline.mapping.map.Mapper;
import dev.bitline.mapping.map.Scheduler;
import dev.bitline.mapping.schedule.Schedule;
import dev.bitline.mapping.schedule.ScheduleJson;
import dev.bitline.mapping.schedule.ScheduledOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class HybridMapperTest {
    static Mapper load(String rel) {
        return Hardware.load(TestConfigs.loader(), TestConfigs.CONFIGS.resolve(rel), List.of());
    }

    @Test
    void everyOperationGoesToItsCheapestUnitOrIsSplit() {
        Mapper h = load("hybrid/jetson-orin-lut.yaml");
        Mapper gpu = load("gpu/jetson-orin.yaml");
        Mapper lut = load("lut/lut-tensor-core.yaml");
        LayerGraph g = GraphBuilder.build(TestConfigs.model("gpt2-small"), TestConfigs.compression("w4-g128"), Step.decode(2, 32));
        for (Op op : g.ops()) {
            ScheduledOp o = h.place(op, g.step());
            long a = gpu.place(op, g.step()).estimatedPs();
            long b = lut.place(op, g.step()).estimatedPs();
            assertTrue(o.estimatedPs() <= Math.min(a, b), op.name());
            if (o.parts().isEmpty()) {
                assertEquals(Math.min(a, b), o.estimatedPs(), op.name());
            } else {
                assertEquals(2, o.parts().size());
                assertEquals(o.instances(), o.parts().get(0).instances() + o.parts().get(1).instances());
            }
        }
    }

    @Test
    void splitOperationsSimulatePartByPartAndRoundTrip() {
        Mapper h = load("hybrid/jetson-orin-lut.yaml");
        Scheduler sch = new Scheduler(h);
        LayerGraph g = GraphBuilder.build(TestConfigs.model("mixtral-8x7b"), TestConfigs.compression("w4-g128"), Step.decode(4, 16));
        Schedule s = sch.simulate(g);
        List<ScheduledOp> split = s.ops().stream().filter(o -> !o.parts().isEmpty()).toList();
        assertTrue(!split.isEmpty(), "some expert or attention operations are co-processed");
        for (ScheduledOp o : split) {
            long longest = o.parts().stream().mapToLong(ScheduledOp::simulatedPs).max().orElseThrow();
            assertEquals(longest, o.simulatedPs(), o.name());
        }
        Schedule back = ScheduleJson.read(ScheduleJson.write(s), "s.json");
        assertEquals(s, back);
        assertEquals(s.simulatedPs(), new Scheduler(load("hybrid/jetson-orin-lut.yaml")).simulate(back).simulatedPs());
    }
}
