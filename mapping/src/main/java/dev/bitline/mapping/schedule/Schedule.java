package dev.bitline.mapping.schedule;

import java.util.List;

/**
 * A mapped forward pass: the operations in execution order with unit, placement, data
 * movement and times. Inspectable ({@code bitline map --explain} prints it) and serializable
 * ({@link ScheduleJson}, round trip tested).
 *
 * @param model model name
 * @param compression compression spec name
 * @param hardware hardware preset name
 * @param phase {@code prefill} or {@code decode}
 * @param batch sequences
 * @param queries new tokens per sequence
 * @param keys KV-cache length after the step
 * @param ops the operations
 */
public record Schedule(String model, String compression, String hardware, String phase, int batch, int queries, int keys,
        List<ScheduledOp> ops) {

    public Schedule {
        ops = List.copyOf(ops);
    }

    public long estimatedPs() {
        return ops.stream().mapToLong(ScheduledOp::estimatedPs).sum();
    }

    public long simulatedPs() {
        return ops.stream().mapToLong(ScheduledOp::simulatedPs).sum();
    }

    public double energyPj() {
        return ops.stream().mapToDouble(ScheduledOp::energyPj).sum();
    }

    public long movedBytes() {
        return ops.stream().mapToLong(ScheduledOp::movedBytes).sum();
    }
}
