package dev.bitline.mapping.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.mapping.TestConfigs;
import dev.bitline.mapping.graph.GraphBuilder;
import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.map.Hardware;
import dev.bitline.mapping.map.Mapper;
import dev.bitline.mapping.map.Scheduler;
import dev.bitline.mapping.schedule.Schedule;
import dev.bitline.mapping.schedule.ScheduledOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class LutMapperTest {
    static Mapper lut(String preset) {
        return Hardware.load(TestConfigs.loader(), TestConfigs.CONFIGS.resolve("lut/" + preset + ".yaml"), List.of());
    }

    /** A two-block model keeps the cycle-model runs short. */
    static LayerGraph tiny(String compression) {
        var m = TestConfigs.model("gpt2-small");
        var small = new dev.bitline.mapping.model.ModelConfig("tiny", m.family(), 2, 256, 4, 4, 64, 1024, 512, 128, m.ffn(),
                m.norm(), m.positions(), 1, 1, true, 16);
        return GraphBuilder.build(small, TestConfigs.compression(compression), Step.decode(1, 16));
    }

    @Test
    void lowBitGemmsGoToTheArrayTheRestToTheVectorUnit() {
        Schedule s = new Scheduler(lut("lut-tensor-core")).simulate(tiny("w3-g64"));
        for (ScheduledOp op : s.ops()) {
            boolean lowBitGemm = op.kind().equals("gemm") && !op.function().equals("lm_head");
            assertEquals(lowBitGemm ? "lut" : "host", op.unit(), op.name());
            assertEquals(lowBitGemm, op.cycleModel(), op.name());
            if (lowBitGemm) {
                // the analytical model is a lower bound of the cycle model (LutArrayModel: within
                // 10% on 85% of random shapes); these small GEMVs are port-contended at the start
                assertTrue(op.estimatedPs() <= op.simulatedPs(), op.name());
                assertTrue(Math.abs(op.estimateError()) < 0.25, op.name() + " " + op.estimateError());
                assertTrue(op.placement().contains("fastest simulated of"), op.placement());
                assertTrue(op.energyPj() > 0);
            }
        }
    }

    @Test
    void reusedSimulationsEqualFreshOnes() {
        Mapper m = lut("lut-tensor-core");
        Scheduler sch = new Scheduler(m);
        Schedule s = sch.simulate(tiny("w4-g128"));
        assertTrue(sch.reused() > 0, "block 1 reuses block 0's runs");
        for (ScheduledOp op : s.ops()) {
            if (op.cycleModel()) {
                ScheduledOp fresh = m.simulate(m.place(tinyOp(op.name()), Step.decode(1, 16)));
                assertEquals(fresh.simulatedPs(), op.simulatedPs(), op.name());
                assertEquals(fresh.energyPj(), op.energyPj(), op.name());
            }
        }
    }

    private static dev.bitline.mapping.graph.Op tinyOp(String name) {
        return tiny("w4-g128").ops().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void dramBackedArrayRunsTheSameSchedule() {
        Schedule fixed = new Scheduler(lut("lut-tensor-core-hbm")).simulate(tiny("bitnet-ternary"));
        Schedule dram = new Scheduler(lut("lut-tensor-core-hbm2-dram")).simulate(tiny("bitnet-ternary"));
        assertEquals(fixed.ops().size(), dram.ops().size());
        assertTrue(dram.simulatedPs() > 0 && fixed.simulatedPs() > 0);
    }
}
