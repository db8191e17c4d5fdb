package dev.bitline.mapping.schedule;

import java.util.List;

/**
 * One operation of a {@link Schedule}: what it computes, on which unit, where its data sits, what
 * it moves, and its time by the analytical estimate and by the cycle model. Every operation is
 * described as {@code instances} independent products O[m, n] = A[m, k] x W[n, k]^T (attention
 * against the KV cache included: one instance per sequence and K/V head) or as an element-wise
 * or row-wise function of {@code m x n} elements ({@code kind = vector}), so a schedule read back
 * from JSON has what a device needs to run it again.
 *
 * @param name operation name from the layer graph
 * @param layer block index or -1
 * @param kind {@code gemm}, {@code attention} or {@code vector}
 * @param function the weight matrix ({@code attn_qkv}, {@code ffn_up.V}), the attention product
 *     ({@code score}, {@code context}) or the vector function ({@code softmax}, {@code gelu})
 * @param unit which unit runs it ({@code pim}, {@code host}, {@code lut}, {@code gpu}, ...)
 * @param placement where the weights or operands sit on that unit, in words
 * @param m rows per instance
 * @param n output width (vector: elements per row)
 * @param k reduction length (vector: 0)
 * @param instances independent products (MoE experts, sequences x K/V heads)
 * @param weights weight (or KV) format, {@code -} for vector ops
 * @param acts activation format
 * @param flops arithmetic operations from the graph
 * @param bytes bytes the graph says the operation reads and writes
 * @param moves data movement as the unit does it
 * @param estimatedPs analytical time
 * @param simulatedPs cycle-model time; equal to the estimate when {@code cycleModel} is false
 * @param cycleModel whether a cycle model produced {@code simulatedPs}
 * @param energyPj energy from the unit's model (0 where none)
 * @param parts for an operation split between units (hybrid co-processing), each unit's share;
 *     the operation's times are the longest part's, its energy their sum; empty otherwise
 */
public record ScheduledOp(String name, int layer, String kind, String function, String unit, String placement, long m,
        long n, long k, int instances, String weights, String acts, double flops, long bytes, List<Move> moves,
        long estimatedPs, long simulatedPs, boolean cycleModel, double energyPj, List<ScheduledOp> parts) {

    public ScheduledOp {
        moves = List.copyOf(moves);
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /** An operation run whole on one unit. */
    public ScheduledOp(String name, int layer, String kind, String function, String unit, String placement, long m, long n,
            long k, int instances, String weights, String acts, double flops, long bytes, List<Move> moves, long estimatedPs,
            long simulatedPs, boolean cycleModel, double energyPj) {
        this(name, layer, kind, function, unit, placement, m, n, k, instances, weights, acts, flops, bytes, moves, estimatedPs,
                simulatedPs, cycleModel, energyPj, List.of());
    }

    /**
     * This operation (name, layer, shape, graph counts) with the unit-side results of {@code done},
     * a run of an identical description: placement, moves, both times, energy, parts.
     */
    public ScheduledOp withResultsOf(ScheduledOp done) {
        return new ScheduledOp(name, layer, kind, function, unit, done.placement, m, n, k, instances, weights, acts, flops,
                bytes, done.moves, done.estimatedPs, done.simulatedPs, done.cycleModel, done.energyPj, done.parts);
    }

    public ScheduledOp withUnit(String u) {
        return new ScheduledOp(name, layer, kind, function, u, placement, m, n, k, instances, weights, acts, flops, bytes,
                moves, estimatedPs, simulatedPs, cycleModel, energyPj, parts);
    }

    /** The same operation restricted to {@code count} of its instances, times and moves scaled. */
    public ScheduledOp share(int count) {
        double f = count / (double) instances;
        List<Move> mv = moves.stream().map(x -> new Move(x.from(), x.to(), Math.round(x.bytes() * f))).toList();
        return new ScheduledOp(name, layer, kind, function, unit, placement, m, n, k, count, weights, acts, flops * f,
                Math.round(bytes * f), mv, Math.round(estimatedPs * f), Math.round(simulatedPs * f), cycleModel,
                energyPj * f, parts);
    }

    public long movedBytes() {
        return moves.stream().mapToLong(Move::bytes).sum();
    }

    public double opsPerByte() {
        return bytes == 0 ? 0 : flops / bytes;
    }

    /** (estimate - simulated) / simulated, or 0 when there is no cycle model. */
    public double estimateError() {
        return !cycleModel || simulatedPs == 0 ? 0 : (estimatedPs - simulatedPs) / (double) simulatedPs;
    }

    public ScheduledOp withSimulated(long ps, double energy) {
        return new ScheduledOp(name, layer, kind, function, unit, placement, m, n, k, instances, weights, acts, flops, bytes,
                moves, estimatedPs, ps, true, energy, parts);
    }
}
