package dev.bitline.mapping.model;

/**
 * The hyperparameters of a decoder-only transformer that decide its operation and byte counts, as
 * read from a Hugging Face {@code config.json} by {@link HfConfigReader}. No weights are involved.
 *
 * @param name what reports print (the file's stem unless the config names itself)
 * @param family which published architecture this follows (decides norm, FFN and position kinds)
 * @param layers transformer blocks
 * @param hidden d_model
 * @param heads query heads
 * @param kvHeads key/value heads (= heads without GQA; 1 for MQA)
 * @param headDim per-head width (hidden / heads unless the config says otherwise)
 * @param intermediate FFN width (per expert for MoE)
 * @param vocab vocabulary (the LM head's output width)
 * @param maxPositions context the model was trained for (prompt + generated must fit)
 * @param ffn the FFN's shape and activation
 * @param norm layer norm or RMSNorm
 * @param positions learned absolute embeddings or rotary (RoPE)
 * @param experts experts per MoE layer (1 = dense FFN)
 * @param expertsPerToken top-k routing (1 for dense)
 * @param tiedEmbeddings the LM head reuses the token embedding (stored once)
 * @param weightBits bits the published model's weights have (16; 1.58 for BitNet b1.58 is given as 2
 *     storage bits by the compression spec, this only records what the config declares)
 */
public record ModelConfig(String name, Family family, int layers, int hidden, int heads, int kvHeads, int headDim,
        int intermediate, int vocab, int maxPositions, FfnKind ffn, NormKind norm, PositionKind positions,
        int experts, int expertsPerToken, boolean tiedEmbeddings, double weightBits) {

    /** Architectures the reader knows, by Hugging Face {@code model_type}. */
    public enum Family { GPT2, OPT, LLAMA, MISTRAL, MIXTRAL, BITNET }

    /** FFN shape: two matrices with an activation between, or gated (gate, up, down). */
    public enum FfnKind {
        GELU(false), RELU(false), GATED_SILU(true), GATED_RELU2(true);

        private final boolean gated;

        FfnKind(boolean gated) {
            this.gated = gated;
        }

        /** Three weight matrices (gate, up, down) instead of two. */
        public boolean gated() {
            return gated;
        }
    }

    public enum NormKind { LAYER_NORM, RMS_NORM }

    public enum PositionKind { LEARNED, ROPE }

    public ModelConfig {
        if (layers < 1 || hidden < 1 || heads < 1 || kvHeads < 1 || headDim < 1 || intermediate < 1 || vocab < 1
                || maxPositions < 1 || experts < 1 || expertsPerToken < 1) {
            throw new IllegalArgumentException("model dimensions must be >= 1");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads " + heads + " not a multiple of kv heads " + kvHeads);
        }
        if (expertsPerToken > experts) {
            throw new IllegalArgumentException("top-k " + expertsPerToken + " > experts " + experts);
        }
    }

    /** Width of Q (heads x headDim); equals hidden for every shipped model. */
    public int qWidth() {
        return heads * headDim;
    }

    /** Width of K (and of V): kvHeads x headDim. */
    public int kvWidth() {
        return kvHeads * headDim;
    }

    public boolean moe() {
        return experts > 1;
    }

    /** Query heads sharing one K/V head. */
    public int groupSize() {
        return heads / kvHeads;
    }

    /**
     * Parameters, counted from the shapes: embeddings (token; positions when learned), per layer
     * Q/K/V/O and FFN weights (all experts) with biases where the family has them, norms, LM head
     * unless tied.
     */
    public long parameters() {
        long d = hidden;
        boolean bias = family == Family.GPT2 || family == Family.OPT;
        long attn = d * qWidth() + 2 * d * kvWidth() + (long) qWidth() * d;
        if (bias) {
            attn += qWidth() + 2L * kvWidth() + d;
        }
        long ffnOne = (ffn.gated() ? 3 : 2) * d * intermediate + (bias ? intermediate + d : 0);
        long ffnAll = ffnOne * experts + (moe() ? d * experts : 0);
        long norms = (norm == NormKind.LAYER_NORM ? 2 : 1) * 2 * d;
        long perLayer = attn + ffnAll + norms;
        long embed = (long) vocab * d + (positions == PositionKind.LEARNED ? (long) maxPositions * d : 0);
        long head = tiedEmbeddings ? 0 : (long) vocab * d;
        long finalNorm = (norm == NormKind.LAYER_NORM ? 2 : 1) * d;
        return embed + layers * perLayer + finalNorm + head;
    }
}
