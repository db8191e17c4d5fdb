package dev.bitline.mapping.map;

import dev.bitline.mapping.compress.CompressionSpec;
import dev.bitline.mapping.graph.Attention;
import dev.bitline.mapping.graph.Gemm;
import dev.bitline.mapping.graph.Op;
import dev.bitline.mapping.graph.VectorOp;
import dev.bitline.mapping.schedule.Move;
import dev.bitline.mapping.schedule.ScheduledOp;
import java.util.List;
import java.util.Locale;

/**
 * The uniform product view of a graph operation that schedules store: {@code instances} products
 * O[m, n] = A[m, k] x W[n, k]^T, or a vector function over {@code m x n} elements.
 *
 * <p>Attention becomes one product per sequence and K/V head with the K (or V) cache as the
 * matrix: score has n = keys, k = headDim, m = the group's query heads x new tokens; context has
 * n = headDim, k = keys. For decode that is exactly the graph's arithmetic; for causal prefill
 * it over-counts the masked half, so the graph's flops are kept alongside.
 */
public record OpShape(String kind, String function, long m, long n, long k, int instances, String weights, String acts) {

    public static OpShape of(Op op) {
        if (op instanceof Gemm g) {
            return new OpShape("gemm", function(g), g.rowsPerInstance(), g.n(), g.k(), g.instances(), format(g),
                    g.acts().name().toLowerCase(Locale.ROOT));
        }
        if (op instanceof Attention a) {
            long rows = (long) (a.heads() / a.kvHeads()) * a.queries();
            boolean score = a.kind() == Attention.Kind.SCORE;
            String kv = a.kvBits() == 16 ? a.acts().name().toLowerCase(Locale.ROOT) : "int" + a.kvBits();
            return new OpShape("attention", score ? "score" : "context", rows, score ? a.keys() : a.headDim(),
                    score ? a.headDim() : a.keys(), a.batch() * a.kvHeads(), kv, a.acts().name().toLowerCase(Locale.ROOT));
        }
        VectorOp v = (VectorOp) op;
        return new OpShape("vector", v.fn().name().toLowerCase(Locale.ROOT), 1, v.elements(), 0, 1, "-", "-");
    }

    /** Weight matrix type plus the factor or outlier part: {@code attn_qkv}, {@code ffn_up.V}. */
    static String function(Gemm g) {
        String base = g.type().key();
        return switch (g.part()) {
            case FULL -> base;
            case FACTOR_V -> base + ".V";
            case FACTOR_U -> base + ".U";
            case OUTLIERS -> base + ".outliers";
        };
    }

    /** {@code int4/g128}, {@code ternary/row}, {@code fp16}, with {@code 2:4} when sparse. */
    static String format(Gemm g) {
        CompressionSpec.Weights w = g.compression().weights();
        String f = w.format().variableWidth() ? w.format().key() + w.storageBits() : w.format().key();
        if (!w.format().unscaled()) {
            f += "/" + (w.groupSize() == 0 ? "row" : "g" + w.groupSize());
        }
        String sp = g.compression().sparsity().pattern();
        return sp.equals("dense") ? f : f + "/" + sp;
    }

    /** A scheduled operation of this shape (times filled in by the mapper). */
    public ScheduledOp scheduled(Op op, String unit, String placement, List<Move> moves, long estimatedPs, double energyPj) {
        return new ScheduledOp(op.name(), op.layer(), kind, function, unit, placement, m, n, k, instances, weights, acts,
                op.flops(), op.readBytes() + op.writeBytes(), moves, estimatedPs, estimatedPs, false, energyPj);
    }
}
