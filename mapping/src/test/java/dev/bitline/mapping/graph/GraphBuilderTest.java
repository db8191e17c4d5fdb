package dev.bitline.mapping.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.mapping.TestConfigs;
import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.model.ModelConfig;
import org.junit.jupiter.api.Test;

/** Operation and byte counts against values worked out by hand from the published shapes. */
class GraphBuilderTest {
    private static Op op(LayerGraph g, String name) {
        return g.ops().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    @Test
    void gpt2SmallDecodeCounts() {
        ModelConfig m = TestConfigs.model("gpt2-small");
        LayerGraph g = GraphBuilder.build(m, TestConfigs.compression("fp16"), Step.decode(1, 128));
        Gemm qkv = (Gemm) op(g, "L0.attn_qkv");
        // 1 x 768 times 768 x 2304: 2 * 2304 * 768 ops, 2304 * 768 fp16 weights
        assertEquals(3_538_944, qkv.flops());
        assertEquals(3_538_944, qkv.weightBytes());
        assertEquals(768 * 2, qkv.actInBytes());
        assertEquals(2304 * 2, qkv.actOutBytes());
        assertEquals(2.0 * 768 * 768, op(g, "L0.attn_out").flops());
        assertEquals(2.0 * 3072 * 768, op(g, "L0.ffn_up").flops());
        assertEquals(2.0 * 768 * 3072, op(g, "L0.ffn_down").flops());
        Attention score = (Attention) op(g, "L0.attn.score");
        assertEquals(2.0 * 12 * 128 * 64, score.flops());
        assertEquals(12L * 128 * 64 * 2, score.kvBytes(), "K of 128 tokens, 12 heads of 64, fp16");
        assertEquals(2.0 * 50257 * 768, op(g, "lm_head").flops());
        // all weight GEMMs: 12 x 2 x (2304 + 768 + 3072 + 3072) x 768 + the head
        double gemm = g.ops().stream().filter(o -> o instanceof Gemm).mapToDouble(Op::flops).sum();
        assertEquals(12 * 2.0 * 9216 * 768 + 2.0 * 50257 * 768, gemm);
        // stored weights: 12 layers of 9216 x 768, the tied embedding/head, 1024 positions; fp16
        assertEquals(12L * 9216 * 768 * 2 + 50257L * 768 * 2 + 1024L * 768 * 2, g.weightBytes());
        // KV cache: 2 x 12 layers x 128 tokens x 768 x 2 bytes
        assertEquals(2L * 12 * 128 * 768 * 2, g.kvCacheBytes());
        // decode is memory-bound: a GEMV does about one op per weight byte
        assertEquals(1.0, qkv.opsPerByte(), 0.01);
    }

    @Test
    void gpt2SmallPrefillIsCausal() {
        LayerGraph g = GraphBuilder.build(TestConfigs.model("gpt2-small"), TestConfigs.compression("fp16"), Step.prefill(1, 128));
        Attention score = (Attention) op(g, "L0.attn.score");
        assertEquals(128L * 129 / 2, score.pairs());
        assertEquals(2.0 * 12 * 8256 * 64, score.flops());
        assertEquals(2.0 * 128 * 2304 * 768, op(g, "L0.attn_qkv").flops());
        // the LM head runs on the last position only
        assertEquals(2.0 * 50257 * 768, op(g, "lm_head").flops());
        // peak activation: the attention score matrix (12 x 8256 fp16) on top of the residual
        assertTrue(g.peakActivationBytes() >= 128L * 3072 * 2, "the FFN intermediate is live at once");
    }

    @Test
    void llama2DecodeCounts() {
        ModelConfig m = TestConfigs.model("llama-2-7b");
        LayerGraph g = GraphBuilder.build(m, TestConfigs.compression("fp16"), Step.decode(1, 1024));
        assertEquals(2.0 * 12288 * 4096, op(g, "L0.attn_qkv").flops());
        assertEquals(2.0 * 22016 * 4096, op(g, "L0.ffn_up").flops(), "gate and up, 2 x 11008, concatenated");
        assertEquals(2.0 * 4096 * 11008, op(g, "L0.ffn_down").flops());
        Attention score = (Attention) op(g, "L0.attn.score");
        assertEquals(2.0 * 32 * 1024 * 128, score.flops());
        assertEquals(32L * 1024 * 128 * 2, score.kvBytes());
        assertEquals(2L * 32 * 1024 * 4096 * 2, g.kvCacheBytes());
        assertEquals(((VectorOp) op(g, "L0.rope")).elements(), 4096 + 4096);
        // weights: every parameter but the norms, in fp16
        long norms = 32L * 2 * 4096 + 4096;
        assertEquals((m.parameters() - norms) * 2, g.weightBytes());
    }

    @Test
    void llama2FourBitGroupScales() {
        LayerGraph g = GraphBuilder.build(TestConfigs.model("llama-2-7b"), TestConfigs.compression("w4-g128"), Step.decode(1, 16));
        Gemm qkv = (Gemm) op(g, "L0.attn_qkv");
        // 4 bits per weight plus one fp16 scale per 128 along K: 32 groups per row
        assertEquals(12288L * 4096 / 2 + 12288L * 32 * 2, qkv.weightBytes());
        Attention score = (Attention) op(g, "L0.attn.score");
        // int8 KV with one fp16 scale per token and head
        assertEquals(32L * 16 * 128 + 32L * 16 * 2, score.kvBytes());
    }

    @Test
    void llama3GqaReadsFewerKvBytes() {
        LayerGraph g = GraphBuilder.build(TestConfigs.model("llama-3-8b"), TestConfigs.compression("fp16"), Step.decode(1, 1024));
        Attention score = (Attention) op(g, "L0.attn.score");
        assertEquals(2.0 * 32 * 1024 * 128, score.flops(), "every query head does its product");
        assertEquals(8L * 1024 * 128 * 2, score.kvBytes(), "but the 8 K heads are read once");
        assertEquals(2.0 * (4096 + 2 * 1024) * 4096, op(g, "L0.attn_qkv").flops());
    }

    @Test
    void lowRankSplitsIntoTwoGemmsAndStreamingShrinksActivations() {
        ModelConfig m = TestConfigs.model("gpt2-small");
        Compression svd = TestConfigs.compression("lowrank-svd");
        LayerGraph g = GraphBuilder.build(m, svd, Step.decode(1, 8));
        Gemm v = (Gemm) op(g, "L0.attn_qkv.V");
        Gemm u = (Gemm) op(g, "L0.attn_qkv.U");
        assertEquals(192, v.n(), "rank = 0.25 x min(2304, 768)");
        assertEquals(768, v.k());
        assertEquals(192L * 768 * 2, v.weightBytes());
        assertEquals(2304L * 192 * 2, u.weightBytes());
        assertEquals(2.0 * 192 * 768 + 2.0 * 2304 * 192, v.flops() + u.flops());
        LayerGraph plain = GraphBuilder.build(m, svd, Step.prefill(1, 1024));
        LayerGraph streamed = GraphBuilder.build(m, TestConfigs.compression("lowrank-flashsvd"), Step.prefill(1, 1024));
        assertEquals(plain.flops(), streamed.flops());
        assertTrue(streamed.peakActivationBytes() < plain.peakActivationBytes());
    }

    @Test
    void sparsityAndOutliers() {
        LayerGraph g = GraphBuilder.build(TestConfigs.model("llama-2-7b"), TestConfigs.compression("w4-sparse24-outliers"),
                Step.decode(1, 4));
        Gemm main = (Gemm) op(g, "L0.attn_qkv");
        Gemm out = (Gemm) op(g, "L0.attn_qkv.outliers");
        int oc = (int) Math.round(0.005 * 4096);
        assertEquals(20, oc);
        assertEquals(4096 - 20, main.k());
        // half the weights kept, 4 bits + 2 index bits each, plus a scale per 128 columns
        long kept = 12288L * 4076 / 2;
        long groups = 12288L * ((4076 + 127) / 128);
        assertEquals((kept * 6 + groups * 16 + 7) / 8, main.weightBytes());
        assertEquals(2.0 * 12288 * 4076 * 0.5, main.flops());
        assertEquals(12288L * 20 * 2 + 20 * 4, out.weightBytes());
    }

    @Test
    void mixtralLoadsTheExpectedExperts() {
        ModelConfig m = TestConfigs.model("mixtral-8x7b");
        LayerGraph g = GraphBuilder.build(m, TestConfigs.compression("fp16"), Step.decode(1, 64));
        Gemm up = (Gemm) op(g, "L0.expert.ffn_up");
        assertEquals(2, up.instances(), "one token reads its two experts");
        assertEquals(2, up.m());
        assertEquals(2.0 * 2 * 28672 * 4096, up.flops());
        assertEquals(2L * 28672 * 4096 * 2, up.weightBytes());
        assertEquals(8, GraphBuilder.expectedExperts(8, 2, 16));
        assertEquals(2, GraphBuilder.expectedExperts(8, 2, 1));
        assertEquals(4, GraphBuilder.expectedExperts(8, 2, 2), "8 (1 - 0.75^2) = 3.5, rounded up");
        // all eight experts are stored
        long norms = 32L * 2 * 4096 + 4096;
        assertEquals((m.parameters() - norms) * 2, g.weightBytes());
        LayerGraph batch = GraphBuilder.build(m, TestConfigs.compression("fp16"), Step.decode(16, 64));
        assertEquals(8, ((Gemm) op(batch, "L0.expert.ffn_up")).instances());
    }
}
