package dev.bitline.mapping.map;

import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Op;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.schedule.ScheduledOp;

/**
 * Turns layer-graph operations into scheduled ones for one kind of hardware: chooses the unit and
 * placement, accounts the data movement, estimates the time analytically, and runs the same
 * description on the cycle model where the hardware has one.
 */
public interface Mapper {
    /** Hardware name for reports. */
    String hardware();

    /** Clock that "cycles" in reports count (the compute clock of the main unit). */
    long clockHz();

    /**
     * Throws {@link dev.bitline.sim.io.InputException} naming the hardware file and field when the
     * model's weights and KV cache do not fit the device's memory.
     */
    void checkFits(LayerGraph g);

    /** Unit, placement, moves and the analytical estimate ({@code simulatedPs} = estimate for now). */
    ScheduledOp place(Op op, Step step);

    /**
     * The same operation on the cycle model: returns it with {@code simulatedPs}, {@code energyPj}
     * and {@code cycleModel} set; unchanged where the hardware has only an analytical model.
     */
    ScheduledOp simulate(ScheduledOp op);

    /**
     * What decides a simulation's result: two operations with equal keys simulate identically
     * (every cycle-model run starts from an idle device), so {@link Scheduler} runs one of them.
     * The default is the description without its name and layer.
     */
    default Object simulationKey(ScheduledOp op) {
        return java.util.List.of(op.kind(), op.function().replaceAll("^L[0-9]+\\.", ""), op.unit(), op.placement(), op.m(),
                op.n(), op.k(), op.instances(), op.weights(), op.acts(), op.moves());
    }
}
