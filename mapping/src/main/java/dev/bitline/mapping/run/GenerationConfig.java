package dev.bitline.mapping.run;

import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import java.util.Optional;

/**
 * The {@code generation:} section of a simulation config: decode tokens of a model on a
 * hardware preset, end to end. Paths are names under configs/ (or paths relative to the config).
 *
 * @param model Hugging Face config.json ({@code models/gpt2-small.json})
 * @param hardware hardware preset ({@code pim/pim-gpt.yaml})
 * @param compression compression spec; absent: fp16 everywhere
 * @param batch sequences decoded together
 * @param prompt tokens already in each KV cache
 * @param tokens decode steps
 * @param fast analytical estimates only
 */
public record GenerationConfig(String model, String hardware, Optional<String> compression,
        @Default("1") @Range(min = 1, max = 4096) int batch, @Default("0") @Range(min = 0) int prompt,
        @Range(min = 1, max = 1 << 20) int tokens, @Default("false") boolean fast) {}
