package dev.bitline.mapping.graph;

import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.compress.CompressionSpec;
import dev.bitline.mapping.compress.LayerType;
import dev.bitline.mapping.compress.MatrixCompression;
import dev.bitline.mapping.compress.WeightKind;
import dev.bitline.mapping.graph.Attention.Kind;
import dev.bitline.mapping.graph.Gemm.Part;
import dev.bitline.mapping.graph.VectorOp.Fn;
import dev.bitline.mapping.model.ModelConfig;
import dev.bitline.mapping.model.ModelConfig.FfnKind;
import dev.bitline.mapping.model.ModelConfig.NormKind;
import dev.bitline.mapping.model.ModelConfig.PositionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link LayerGraph} of one forward pass. Per block, in dataflow order: norm, Q/K/V
 * projection (one concatenated matrix, as PIM-GPT stores it), RoPE where the model uses it, KV
 * append, scores, softmax, context, output projection, residual add, norm, FFN (gate and up
 * concatenated; MoE: router, top-k, the loaded experts, weighted combine), residual add. Then
 * final norm, LM head for the last position of each sequence, argmax.
 *
 * <p>Compression shapes the graph: a low-rank matrix becomes two GEMMs (V: k -> r, then U: r ->
 * n); outlier columns become a separate fp16 GEMM and an add. MoE decode loads the experts that
 * uniform top-k routing is expected to touch: E (1 - (1 - k/E)^T) for T tokens, rounded up.
 *
 * <p>Live activation memory counts the residual stream plus what the operation reads and writes;
 * a streamed (FlashSVD) low-rank intermediate, and the FFN's wide intermediate when the FFN
 * factors are streamed, count one tile of rows.
 */
public final class GraphBuilder {
    private final ModelConfig m;
    private final Compression c;
    private final Step step;
    private final List<Op> ops = new ArrayList<>();
    private final int a;
    private long weightBytes;

    private GraphBuilder(ModelConfig model, Compression compression, Step step) {
        this.m = model;
        this.c = compression;
        this.step = step;
        this.a = compression.activations().bits() / 8;
    }

    public static LayerGraph build(ModelConfig model, Compression compression, Step step) {
        if (step.keys() > model.maxPositions()) {
            throw new IllegalArgumentException(model.name() + " has a context of " + model.maxPositions()
                    + " tokens; this step needs " + step.keys());
        }
        GraphBuilder b = new GraphBuilder(model, compression, step);
        b.all();
        long kvElements = 2L * model.layers() * step.batch() * step.keys() * model.kvWidth();
        long kvBytes = kvElements * compression.kvBits() / 8;
        return new LayerGraph(model, compression, step, b.ops, b.weightBytes, kvBytes);
    }

    private void all() {
        long t = step.tokens();
        long d = m.hidden();
        long resid = t * d * a;
        boolean learned = m.positions() == PositionKind.LEARNED;
        ops.add(new VectorOp("embed", -1, Fn.EMBED, t * d, t * d * 2 * (learned ? 2 : 1), resid, resid));
        for (int l = 0; l < m.layers(); l++) {
            block(l, resid);
        }
        ops.add(norm("final_norm", -1, t, resid));
        // generation needs the logits of the last position of each sequence only
        long rows = step.batch();
        long headIn = rows * d * a;
        matmul("lm_head", -1, LayerType.LM_HEAD, rows, m.vocab(), m.hidden(), 1, 1, resid, headIn, false);
        ops.add(new VectorOp("argmax", -1, Fn.ARGMAX, rows * m.vocab(), rows * m.vocab() * a, rows * 4,
                resid + rows * m.vocab() * a));
        long embedTable = (long) m.vocab() * d * 2 + (learned ? (long) m.maxPositions() * d * 2 : 0);
        if (m.tiedEmbeddings()) {
            // stored once: the LM head's copy (counted by matmul) serves the lookup too
            embedTable -= (long) m.vocab() * d * 2;
        }
        weightBytes += embedTable;
    }

    private void block(int l, long resid) {
        long t = step.tokens();
        long d = m.hidden();
        String p = "L" + l + ".";
        ops.add(norm(p + "norm1", l, t, resid));
        int qkv = m.qWidth() + 2 * m.kvWidth();
        matmul(p + "attn_qkv", l, LayerType.ATTN_QKV, t, qkv, m.hidden(), 1, 1, resid, resid, false);
        long qkvBytes = t * qkv * a;
        if (m.positions() == PositionKind.ROPE) {
            long e = t * (m.qWidth() + m.kvWidth());
            ops.add(new VectorOp(p + "rope", l, Fn.ROPE, e, e * a, e * a, resid + qkvBytes));
        }
        long kvNew = t * 2L * m.kvWidth();
        ops.add(new VectorOp(p + "kv_append", l, Fn.KV_APPEND, kvNew, kvNew * a, kvNew * c.kvBits() / 8,
                resid + qkvBytes));
        long qBytes = t * m.qWidth() * a;
        long scores = (long) step.batch() * m.heads() * step.pairs();
        // FlashSVD fuses the streamed Q/K/V factors into a flash-style attention kernel: scores
        // exist one tile of query rows at a time; otherwise the score matrix is materialized
        MatrixCompression qkvC = c.resolve(LayerType.ATTN_QKV, qkv, m.hidden());
        long liveScores = qkvC.streaming() && qkvC.rank() > 0
                ? (long) step.batch() * m.heads() * Math.min(step.queries(), qkvC.streamTile()) * step.keys() : scores;
        CompressionSpec.KvCache kv = c.spec().kvCache();
        ops.add(attention(p + "attn.score", l, Kind.SCORE, resid + qBytes + liveScores * a, kv));
        ops.add(new VectorOp(p + "softmax", l, Fn.SOFTMAX, scores, scores * a, scores * a, resid + 2 * liveScores * a));
        ops.add(attention(p + "attn.context", l, Kind.CONTEXT, resid + liveScores * a + qBytes, kv));
        matmul(p + "attn_out", l, LayerType.ATTN_OUT, t, m.hidden(), m.qWidth(), 1, 1, resid, qBytes, false);
        ops.add(new VectorOp(p + "residual1", l, Fn.ADD, t * d, 2 * t * d * a, t * d * a, 2 * resid));
        ops.add(norm(p + "norm2", l, t, resid));
        if (m.moe()) {
            moe(p, l, resid);
        } else {
            ffn(p, l, t, 1, 1, resid);
        }
        ops.add(new VectorOp(p + "residual2", l, Fn.ADD, t * d, 2 * t * d * a, t * d * a, 2 * resid));
    }

    /** {@code held}: matrices of this shape the device stores (all experts), {@code instances} of them read now. */
    private void ffn(String p, int l, long rows, int instances, int held, long resid) {
        int f = m.intermediate();
        boolean gated = m.ffn().gated();
        int upWidth = (gated ? 2 : 1) * f;
        MatrixCompression up = c.resolve(LayerType.FFN_UP, upWidth, m.hidden());
        boolean streamed = up.streaming() && up.rank() > 0;
        long interRows = streamed ? Math.min(rows, up.streamTile()) : rows;
        long inBytes = rows * m.hidden() * a;
        matmul(p + "ffn_up", l, LayerType.FFN_UP, rows, upWidth, m.hidden(), instances, held, resid, inBytes, streamed);
        long inter = interRows * (long) upWidth * a;
        Fn act = switch (m.ffn()) {
            case GELU -> Fn.GELU;
            case RELU -> Fn.RELU;
            case GATED_SILU -> Fn.SILU;
            case GATED_RELU2 -> Fn.RELU2;
        };
        long e = rows * f;
        ops.add(new VectorOp(p + "ffn_act", l, act, e, e * a, e * a, resid + inter));
        if (gated) {
            ops.add(new VectorOp(p + "ffn_gate_mul", l, Fn.MUL, e, 2 * e * a, e * a, resid + inter));
        }
        long downIn = interRows * (long) f * a;
        matmul(p + "ffn_down", l, LayerType.FFN_DOWN, rows, m.hidden(), f, instances, held, resid, downIn, false);
    }

    private void moe(String p, int l, long resid) {
        long t = step.tokens();
        int e = m.experts();
        matmul(p + "router", l, LayerType.ROUTER, t, e, m.hidden(), 1, 1, resid, resid, false);
        ops.add(new VectorOp(p + "top_k", l, Fn.TOP_K, t * e, t * e * a, t * m.expertsPerToken() * 8L, resid));
        long pairs = t * m.expertsPerToken();
        int loaded = expectedExperts(e, m.expertsPerToken(), t);
        ffn(p + "expert.", l, pairs, loaded, e, resid);
        long out = pairs * m.hidden();
        ops.add(new VectorOp(p + "expert_combine", l, Fn.ADD, out, out * a, t * m.hidden() * a, resid + out * a));
    }

    /** Experts uniform top-k routing touches, in expectation, for {@code tokens} tokens (rounded up). */
    public static int expectedExperts(int experts, int topK, long tokens) {
        double untouched = Math.pow(1 - topK / (double) experts, tokens);
        return (int) Math.min(experts, Math.ceil(experts * (1 - untouched) - 1e-9));
    }

    private VectorOp norm(String name, int l, long t, long resid) {
        long e = t * m.hidden();
        Fn fn = m.norm() == NormKind.LAYER_NORM ? Fn.LAYER_NORM : Fn.RMS_NORM;
        long params = (m.norm() == NormKind.LAYER_NORM ? 2L : 1L) * m.hidden() * 2;
        return new VectorOp(name, l, fn, e, e * a + params, e * a, resid + e * a);
    }

    private Attention attention(String name, int l, Kind kind, long live, CompressionSpec.KvCache kv) {
        return new Attention(name, l, kind, step.batch(), m.heads(), m.kvHeads(), m.headDim(), step.queries(), step.keys(),
                step.pairs(), kv.bits(), kv.groupSize(), c.activations(), live);
    }

    /**
     * Adds the GEMM(s) of one weight matrix: whole, or its two low-rank factors; plus the fp16
     * outlier GEMM and its add. {@code outStreamed}: the output is consumed tile by tile.
     */
    private void matmul(String name, int l, LayerType type, long rows, int n, int k, int instances, int held, long resid,
            long inBytes, boolean outStreamed) {
        MatrixCompression mc = c.resolve(type, n, k);
        int kMain = k - mc.outlierColumns();
        long tileRows = Math.min(rows, mc.streamTile());
        long outRows = outStreamed ? tileRows : rows;
        long outBytes = outRows * n * a;
        if (mc.rank() > 0) {
            int r = mc.rank();
            long vBytes = mc.storedBytes(r, kMain) * instances;
            long uBytes = mc.storedBytes(n, r) * instances;
            long mid = (mc.streaming() ? tileRows : rows) * r * a;
            ops.add(new Gemm(name + ".V", l, type, Part.FACTOR_V, rows, r, kMain, instances, mc, vBytes, c.activations(),
                    resid + inBytes + mid));
            ops.add(new Gemm(name + ".U", l, type, Part.FACTOR_U, rows, n, r, instances, mc, uBytes, c.activations(),
                    resid + mid + outBytes));
            weightBytes += (vBytes + uBytes) / instances * held;
        } else {
            long wBytes = mc.storedBytes(n, kMain) * instances;
            ops.add(new Gemm(name, l, type, Part.FULL, rows, n, kMain, instances, mc, wBytes, c.activations(),
                    resid + inBytes + outBytes));
            weightBytes += wBytes / instances * held;
        }
        if (mc.outlierColumns() > 0) {
            int oc = mc.outlierColumns();
            MatrixCompression fp16 = new MatrixCompression(new CompressionSpec.Weights(WeightKind.FP16, Optional.empty(), 0,
                    CompressionSpec.ScaleKind.FP16), 0, false, mc.streamTile(), new CompressionSpec.Sparsity("dense",
                    Optional.empty()), 0);
            long oBytes = ((long) n * oc * 2 + oc * 4L) * instances;
            ops.add(new Gemm(name + ".outliers", l, type, Part.OUTLIERS, rows, n, oc, instances, fp16, oBytes,
                    c.activations(), resid + inBytes + 2 * outBytes));
            long e = rows * n;
            ops.add(new VectorOp(name + ".outlier_add", l, Fn.ADD, e, 2 * e * a, e * a, resid + 2 * outBytes));
            weightBytes += oBytes / instances * held;
        }
    }
}
