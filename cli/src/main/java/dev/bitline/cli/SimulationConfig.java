package dev.bitline.cli;

import dev.bitline.sim.config.Default;
import dev.bitline.sim.pipeline.PipelineConfig;
import java.util.Optional;

/**
 * What {@code bitline simulate} runs: a named run with one seed and exactly
 * one model section.
 *
 * @param name     run name; results go to {@code results/<name>/}
 * @param seed     the one seed every random stream of the run is split from
 * @param pipeline the kernel's tandem-queue model
 * @param generation decode tokens of a model on a hardware preset, end to end
 */
public record SimulationConfig(
        String name,
        @Default("1") long seed,
        Optional<PipelineConfig> pipeline,
        Optional<dev.bitline.mapping.run.GenerationConfig> generation) {

    public SimulationConfig {
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("name '" + name + "' must be usable as a folder name (letters, digits, _ . -)");
        }
        if (pipeline.isPresent() == generation.isPresent()) {
            throw new IllegalArgumentException("exactly one model section (expected one of: pipeline, generation)");
        }
    }
}
