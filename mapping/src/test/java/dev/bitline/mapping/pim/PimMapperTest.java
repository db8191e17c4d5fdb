package dev.bitline.mapping.pim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.mapping.TestConfigs;
import dev.bitline.mapping.graph.GraphBuilder;
import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.map.Hardware;
import dev.bitline.mapping.map.Mapper;
import dev.bitline.mapping.map.Scheduler;
import dev.bitline.mapping.model.ModelConfig;
import dev.bitline.mapping.schedule.Schedule;
import dev.bitline.mapping.schedule.ScheduledOp;
import dev.bitline.sim.io.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PimMapperTest {
    static Mapper pimGpt() {
        return Hardware.load(TestConfigs.loader(), TestConfigs.CONFIGS.resolve("pim/pim-gpt.yaml"), List.of());
    }

    static LayerGraph tiny(int keys) {
        var m = TestConfigs.model("gpt2-small");
        var small = new ModelConfig("tiny", m.family(), 2, 256, 4, 4, 64, 1024, 512, 128, m.ffn(), m.norm(), m.positions(), 1, 1,
                true, 16);
        return GraphBuilder.build(small, TestConfigs.compression("bf16"), Step.decode(1, keys));
    }

    @Test
    void gemvsAndAttentionInTheBanksTheRestOnTheHost() {
        Schedule s = new Scheduler(pimGpt()).simulate(tiny(8));
        for (ScheduledOp op : s.ops()) {
            switch (op.kind()) {
                case "gemm", "attention" -> {
                    assertEquals("pim", op.unit(), op.name());
                    assertTrue(op.cycleModel(), op.name());
                    assertTrue(op.simulatedPs() > 0 && op.energyPj() > 0, op.name());
                    // every transfer accounted: input broadcast, in-bank weight reads, result read-out
                    assertEquals(3, op.moves().size(), op.name());
                }
                default -> {
                    assertTrue(op.unit().equals("host") || op.unit().equals("bus"), op.name());
                    assertTrue(!op.cycleModel(), op.name());
                }
            }
        }
        assertTrue(s.ops().stream().anyMatch(o -> o.function().equals("kv_append") && o.unit().equals("bus")));
    }

    @Test
    void placementHoldsEveryMatrixAndTheKvCache() {
        LayerGraph g = tiny(16);
        PimPlacement p = ((PimMapper) pimGpt()).placement(g);
        // 2 blocks x (qkv, out, up, down) + head, and per block 4 heads x (K, V)
        assertEquals(2 * 4 + 1 + 2 * 4 * 2, p.regions().size());
        assertTrue(p.fits());
    }

    @Test
    void aModelThatDoesNotFitTheBanksNamesTheFileAndField() {
        LayerGraph g = GraphBuilder.build(TestConfigs.model("llama-2-7b"), TestConfigs.compression("bf16"), Step.decode(1, 4));
        String msg = assertThrows(InputException.class, () -> pimGpt().checkFits(g)).getMessage();
        assertTrue(msg.contains("pim-gpt.yaml: dram.organization: llama-2-7b"), msg);
    }
}
