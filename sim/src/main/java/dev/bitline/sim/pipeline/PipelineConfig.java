package dev.bitline.sim.pipeline;

import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import dev.bitline.sim.units.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A chain of service stages fed by a source: the kernel's own model
 * (components, credit links, back-pressure, stats) in a form a user can
 * configure. Service times may be fixed or exponentially distributed.
 *
 * @param items          items the source emits
 * @param sourceInterval time between emissions when not back-pressured
 * @param stages         the stages, in order; the last one is the sink
 */
public record PipelineConfig(
        @Range(min = 1, max = 1_000_000_000) long items,
        Duration sourceInterval,
        List<Stage> stages) {

    public PipelineConfig {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one stage");
        }
        if (sourceInterval.ps() <= 0) {
            throw new IllegalArgumentException("sourceInterval must be positive, got " + sourceInterval);
        }
        Set<String> names = new HashSet<>();
        for (Stage s : stages) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("duplicate stage name '" + s.name() + "'");
            }
        }
        stages = List.copyOf(stages);
    }

    /**
     * @param name        component name (no dots)
     * @param service     mean service time per item
     * @param distribution fixed or exponential service times
     * @param buffer      items the stage can hold (its input link's credits)
     * @param linkLatency latency of the link into this stage (and of credits back)
     */
    public record Stage(
            String name,
            Duration service,
            @Default("fixed") ServiceDistribution distribution,
            @Default("4") @Range(min = 1, max = 1_000_000) int buffer,
            @Default("0ps") Duration linkLatency) {

        public Stage {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException("stage name '" + name + "' must be an identifier (letters, digits, _ or -)");
            }
            if (service.ps() <= 0) {
                throw new IllegalArgumentException("service time must be positive, got " + service);
            }
        }
    }

    public enum ServiceDistribution {
        FIXED, EXPONENTIAL
    }
}
