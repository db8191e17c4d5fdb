package dev.bitline.mapping.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.mapping.TestConfigs;
import dev.bitline.mapping.gpu.GpuMapper;
import dev.bitline.mapping.gpu.GpuPreset;
import dev.bitline.mapping.graph.GraphBuilder;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.map.Scheduler;
import dev.bitline.sim.io.InputException;
import org.junit.jupiter.api.Test;

class ScheduleJsonTest {
    static Scheduler gpu(String preset) {
        GpuPreset p = TestConfigs.loader().load(TestConfigs.CONFIGS.resolve("gpu/" + preset + ".yaml"), GpuPreset.class);
        return new Scheduler(new GpuMapper(p, "configs/gpu/" + preset + ".yaml"));
    }

    @Test
    void roundTripGivesAnEqualSchedule() {
        Schedule s = gpu("t4").simulate(GraphBuilder.build(TestConfigs.model("llama-2-7b"),
                TestConfigs.compression("w4-sparse24-outliers"), Step.decode(2, 64)));
        String json = ScheduleJson.write(s);
        Schedule back = ScheduleJson.read(json, "s.json");
        assertEquals(s, back);
        assertEquals(json, ScheduleJson.write(back));
        assertTrue(s.ops().size() > 32 * 10);
    }

    @Test
    void aReadBackScheduleRunsAgainToTheSameTimes() {
        Scheduler sch = gpu("a100-80gb");
        Schedule s = sch.simulate(GraphBuilder.build(TestConfigs.model("gpt2-small"), TestConfigs.compression("w8"),
                Step.decode(1, 16)));
        Schedule again = gpu("a100-80gb").simulate(ScheduleJson.read(ScheduleJson.write(s), "s.json"));
        assertEquals(s.simulatedPs(), again.simulatedPs());
    }

    @Test
    void badJsonIsALocatedInputError() {
        String msg = assertThrows(InputException.class, () -> ScheduleJson.read("{\"model\": 1, \"bogus\": 2}", "x.json"))
                .getMessage();
        assertTrue(msg.startsWith("x.json:1:"), msg);
    }
}
