package dev.bitline.mapping.compress;

/**
 * The weight matrices of a decoder block, by role: what a compression spec's {@code layers:}
 * section overrides. Gate and up projections share {@code ffn_up} (they have the same shape and
 * are quantized alike in every published recipe we model); MoE experts use the FFN types.
 */
public enum LayerType {
    ATTN_QKV, ATTN_OUT, FFN_UP, FFN_DOWN, ROUTER, LM_HEAD;

    /** The spelling used in configs and reports: {@code attn_qkv}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
