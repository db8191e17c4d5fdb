package dev.bitline.mapping.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.mapping.TestConfigs;
import dev.bitline.mapping.graph.Gemm;
import dev.bitline.mapping.graph.GraphBuilder;
import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.map.Scheduler;
import dev.bitline.mapping.schedule.Schedule;
import dev.bitline.mapping.schedule.ScheduledOp;
import dev.bitline.sim.io.InputException;
import org.junit.jupiter.api.Test;

class GpuMapperTest {
    static GpuMapper mapper(String name) {
        return new GpuMapper(RooflineTest.preset(name), "configs/gpu/" + name + ".yaml");
    }

    @Test
    void precisionFollowsTheFormats() {
        LayerGraph w4 = GraphBuilder.build(TestConfigs.model("gpt2-small"), TestConfigs.compression("w4-g128"), Step.decode(1, 4));
        LayerGraph w3a8 = GraphBuilder.build(TestConfigs.model("gpt2-small"), TestConfigs.compression("w3-g64"), Step.decode(1, 4));
        LayerGraph fp8 = GraphBuilder.build(TestConfigs.model("gpt2-small"), TestConfigs.compression("fp8"), Step.decode(1, 4));
        assertEquals(Precision.FP16, GpuMapper.precision((Gemm) w4.ops().get(2)), "weight-only: fp16 arithmetic");
        assertEquals(Precision.INT8, GpuMapper.precision((Gemm) w3a8.ops().get(2)));
        assertEquals(Precision.FP8, GpuMapper.precision((Gemm) fp8.ops().get(2)));
    }

    @Test
    void decodeStepTimeIsTheSumOfKernelRoofs() {
        GpuMapper m = mapper("t4");
        Schedule s = new Scheduler(m).simulate(GraphBuilder.build(TestConfigs.model("gpt2-small"),
                TestConfigs.compression("fp16"), Step.decode(1, 32)));
        double expected = 0;
        for (ScheduledOp op : s.ops()) {
            double memory = op.bytes() / (320e9 * 0.8);
            assertTrue(op.estimatedPs() >= Math.round((memory + 5e-6) * 1e12) - 1, op.name());
            expected += op.estimatedPs();
            assertTrue(!op.cycleModel());
        }
        assertEquals((long) expected, s.simulatedPs());
        // decode GEMVs sit far below the ridge: memory-bound
        assertTrue(s.ops().stream().filter(o -> o.kind().equals("gemm")).allMatch(o -> o.placement().endsWith("memory-bound")));
    }

    @Test
    void aModelThatDoesNotFitNamesTheFileAndField() {
        LayerGraph g = GraphBuilder.build(TestConfigs.model("mixtral-8x7b"), TestConfigs.compression("fp16"), Step.decode(1, 4));
        String msg = assertThrows(InputException.class, () -> new Scheduler(mapper("rtx-4090")).map(g)).getMessage();
        assertTrue(msg.startsWith("configs/gpu/rtx-4090.yaml: gpu.memory: 24.0 GB cannot hold mixtral-8x7b"), msg);
    }
}
