package dev.bitline.mapping.model;

import dev.bitline.mapping.model.ModelConfig.Family;
import dev.bitline.mapping.model.ModelConfig.FfnKind;
import dev.bitline.mapping.model.ModelConfig.NormKind;
import dev.bitline.mapping.model.ModelConfig.PositionKind;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.config.ConfigNode.MapNode;
import dev.bitline.sim.config.ConfigNode.Scalar;
import dev.bitline.sim.config.YamlTreeReader;
import java.nio.file.Path;

/**
 * Reads a Hugging Face {@code config.json} as published (the YAML reader parses JSON and keeps
 * line:col for errors). Each family has its own field names (GPT-2 {@code n_embd}, OPT {@code
 * ffn_dim}, LLaMA {@code intermediate_size}); fields the timing model does not need are ignored,
 * fields it needs must be present. The only values filled in are the defaults the Hugging Face
 * classes document themselves: GPT-2 {@code n_inner: null} means 4 x n_embd, a missing {@code
 * num_key_value_heads} means no GQA, a missing {@code head_dim} means hidden / heads.
 *
 * <p>Errors name the file, line:col and field ({@code config.json:3:5: num_attention_heads: 12
 * does not divide hidden_size 1000}), as every config error in Bitline does.
 */
public final class HfConfigReader {
    private HfConfigReader() {}

    public static ModelConfig read(Path file) {
        String shown = file.toString();
        ConfigNode root = YamlTreeReader.read(file, shown);
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        return parse(root, stem);
    }

    /** Parses a config tree; {@code defaultName} is used when the config has no {@code _name_or_path}. */
    public static ModelConfig parse(ConfigNode root, String defaultName) {
        if (!(root instanceof MapNode m)) {
            throw new ConfigException(root.location(), "a model config must be a JSON object (expected Hugging Face config.json)");
        }
        Fields f = new Fields(m);
        String type = f.string("model_type");
        Family family = switch (type) {
            case "gpt2" -> Family.GPT2;
            case "opt" -> Family.OPT;
            case "llama" -> f.has("weight_bits") || isBitnetArch(m) ? Family.BITNET : Family.LLAMA;
            case "mistral" -> Family.MISTRAL;
            case "mixtral" -> Family.MIXTRAL;
            case "bitnet" -> Family.BITNET;
            default -> throw f.bad("model_type", "unknown model_type '" + type
                    + "' (expected one of gpt2, opt, llama, mistral, mixtral, bitnet)");
        };
        String name = f.has("_name_or_path") ? f.string("_name_or_path") : defaultName;
        return switch (family) {
            case GPT2 -> gpt2(f, name);
            case OPT -> opt(f, name);
            default -> llamaLike(f, name, family);
        };
    }

    private static boolean isBitnetArch(MapNode m) {
        ConfigNode a = m.get("architectures");
        if (a instanceof ConfigNode.ListNode l) {
            return l.items().stream().anyMatch(i -> i instanceof Scalar s && s.text().toLowerCase().contains("bitnet"));
        }
        return false;
    }

    private static ModelConfig gpt2(Fields f, String name) {
        int d = f.positive("n_embd");
        int heads = f.positive("n_head");
        int headDim = f.headDim("n_embd", d, "n_head", heads);
        int inner = f.isNullOrAbsent("n_inner") ? 4 * d : f.positive("n_inner");
        FfnKind act = activation(f, "activation_function");
        boolean tied = !f.has("tie_word_embeddings") || f.bool("tie_word_embeddings");
        return new ModelConfig(name, Family.GPT2, f.positive("n_layer"), d, heads, heads, headDim, inner,
                f.positive("vocab_size"), f.positive("n_positions"), act, NormKind.LAYER_NORM, PositionKind.LEARNED, 1, 1,
                tied, 16);
    }

    private static ModelConfig opt(Fields f, String name) {
        int d = f.positive("hidden_size");
        int heads = f.positive("num_attention_heads");
        int headDim = f.headDim("hidden_size", d, "num_attention_heads", heads);
        if (f.has("word_embed_proj_dim") && f.positive("word_embed_proj_dim") != d) {
            throw f.bad("word_embed_proj_dim", "word_embed_proj_dim " + f.positive("word_embed_proj_dim")
                    + " differs from hidden_size " + d + ": the projected-embedding OPT variant (350m) is not modelled");
        }
        FfnKind act = activation(f, "activation_function");
        boolean tied = !f.has("tie_word_embeddings") || f.bool("tie_word_embeddings");
        return new ModelConfig(name, Family.OPT, f.positive("num_hidden_layers"), d, heads,
                heads, headDim, f.positive("ffn_dim"), f.positive("vocab_size"), f.positive("max_position_embeddings"),
                act, NormKind.LAYER_NORM, PositionKind.LEARNED, 1, 1, tied, 16);
    }

    private static ModelConfig llamaLike(Fields f, String name, Family family) {
        int d = f.positive("hidden_size");
        int heads = f.positive("num_attention_heads");
        int kv = f.has("num_key_value_heads") ? f.positive("num_key_value_heads") : heads;
        if (heads % kv != 0) {
            throw f.bad("num_key_value_heads", "num_key_value_heads " + kv + " does not divide num_attention_heads "
                    + heads + " (GQA needs whole groups of query heads)");
        }
        int headDim = f.has("head_dim") && !f.isNullOrAbsent("head_dim") ? f.positive("head_dim")
                : f.headDim("hidden_size", d, "num_attention_heads", heads);
        FfnKind act = activation(f, "hidden_act");
        if (!act.gated()) {
            throw f.bad("hidden_act", "hidden_act '" + f.string("hidden_act") + "' in a gated (LLaMA-style) FFN"
                    + " (expected silu or relu2)");
        }
        int experts = 1;
        int topK = 1;
        if (family == Family.MIXTRAL) {
            experts = f.positive("num_local_experts");
            topK = f.positive("num_experts_per_tok");
            if (topK > experts) {
                throw f.bad("num_experts_per_tok", "num_experts_per_tok " + topK + " exceeds num_local_experts " + experts);
            }
        }
        boolean tied = f.has("tie_word_embeddings") && f.bool("tie_word_embeddings");
        double bits = family == Family.BITNET ? 1.58 : 16;
        return new ModelConfig(name, family, f.positive("num_hidden_layers"), d, heads, kv,
                headDim, f.positive("intermediate_size"), f.positive("vocab_size"), f.positive("max_position_embeddings"),
                act, NormKind.RMS_NORM, PositionKind.ROPE, experts, topK, tied, bits);
    }

    private static FfnKind activation(Fields f, String key) {
        String a = f.string(key);
        return switch (a) {
            case "gelu", "gelu_new", "gelu_fast", "gelu_pytorch_tanh" -> FfnKind.GELU;
            case "relu" -> FfnKind.RELU;
            case "silu", "swish" -> FfnKind.GATED_SILU;
            case "relu2" -> FfnKind.GATED_RELU2;
            default -> throw f.bad(key, "unknown activation '" + a + "' (expected gelu, gelu_new, relu, silu or relu2)");
        };
    }

    /** Typed, located access to the top-level fields of one config. */
    private static final class Fields {
        private final MapNode m;

        Fields(MapNode m) {
            this.m = m;
        }

        boolean has(String key) {
            return m.has(key);
        }

        boolean isNullOrAbsent(String key) {
            ConfigNode n = m.get(key);
            return n == null || (n instanceof Scalar s && s.isNull());
        }

        ConfigNode need(String key, String expected) {
            ConfigNode n = m.get(key);
            if (n == null) {
                throw new ConfigException(m.location(), "missing field '" + key + "' (expected " + expected + ")");
            }
            return n;
        }

        ConfigException bad(String key, String why) {
            ConfigNode n = m.get(key);
            return new ConfigException(n == null ? m.location() : n.location(), key + ": " + why);
        }

        String string(String key) {
            ConfigNode n = need(key, "a string");
            if (n instanceof Scalar s && s.type() == ConfigNode.ScalarType.STRING) {
                return s.text();
            }
            throw new ConfigException(n.location(), key + ": " + n.describe() + " (expected a string)");
        }

        boolean bool(String key) {
            ConfigNode n = need(key, "true or false");
            if (n instanceof Scalar s && s.type() == ConfigNode.ScalarType.BOOLEAN) {
                return Boolean.parseBoolean(s.text());
            }
            throw new ConfigException(n.location(), key + ": " + n.describe() + " (expected true or false)");
        }

        int positive(String key) {
            ConfigNode n = need(key, "a positive integer");
            if (n instanceof Scalar s && s.type() == ConfigNode.ScalarType.INTEGER) {
                try {
                    int v = Integer.parseInt(s.text());
                    if (v >= 1) {
                        return v;
                    }
                } catch (NumberFormatException e) {
                    // falls through to the error below
                }
            }
            throw new ConfigException(n.location(), key + ": " + n.describe() + " (expected a positive integer)");
        }

        int headDim(String dKey, int d, String hKey, int heads) {
            if (d % heads != 0) {
                throw bad(hKey, hKey + " " + heads + " does not divide " + dKey + " " + d
                        + " (expected hidden = heads x head_dim)");
            }
            return d / heads;
        }
    }
}
