package dev.bitline.gpu.calibrate;

import dev.bitline.mapping.gpu.GpuMapper;
import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Op;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.schedule.ScheduledOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Modelled GPU time of a layer graph, per operation and summed per decoder block: every
 * operation placed by mapping's {@link GpuMapper} (one kernel on the roofline, its precision
 * rule and sparsity handling). Everything here is modelled, never measured.
 */
public final class LayerTimes {
    private LayerTimes() {}

    /** A block's (or the out-of-block part's, layer -1) operations as the GPU mapper placed them. */
    public record Layer(int layer, List<ScheduledOp> ops) {
        public double seconds() {
            return ops.stream().mapToLong(ScheduledOp::estimatedPs).sum() / 1e12;
        }

        public double flops() {
            return ops.stream().mapToDouble(ScheduledOp::flops).sum();
        }

        public long bytes() {
            return ops.stream().mapToLong(ScheduledOp::bytes).sum();
        }

        public long memoryBoundOps() {
            return ops.stream().filter(LayerTimes::memoryBound).count();
        }
    }

    public static boolean memoryBound(ScheduledOp o) {
        return o.placement().contains("memory-bound");
    }

    /** Layers in graph order; the out-of-block operations (embedding, final norm, LM head) are layer -1. */
    public static List<Layer> of(LayerGraph g, GpuMapper mapper, Step step) {
        Map<Integer, List<ScheduledOp>> by = new LinkedHashMap<>();
        for (Op op : g.ops()) {
            by.computeIfAbsent(op.layer(), l -> new ArrayList<>()).add(mapper.place(op, step));
        }
        List<Layer> out = new ArrayList<>();
        by.forEach((l, ops) -> out.add(new Layer(l, ops)));
        return out;
    }
}
