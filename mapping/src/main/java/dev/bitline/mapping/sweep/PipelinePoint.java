package dev.bitline.mapping.sweep;

import dev.bitline.sim.Simulator;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.pipeline.PipelineConfig;
import dev.bitline.sim.pipeline.PipelineModel;
import java.util.List;
import java.util.SortedMap;

/**
 * A kernel pipeline point ({@code bitline simulate}, e.g. {@code configs/quickstart.yaml}): the
 * tandem-queue model run to completion. Stats: the kernel registry ({@code pipeline.*}) plus
 * {@code pipeline.throughputPerUs}. Takes no {@code run:} keys.
 */
public final class PipelinePoint implements PointRunner {

    /** No inputs beyond the config. */
    public record Inputs() {
    }

    @Override
    public String kind() {
        return "simulation";
    }

    @Override
    public String describe() {
        return "a kernel simulation config (configs/quickstart.yaml); no run: keys";
    }

    @Override
    public boolean accepts(ConfigNode.MapNode config) {
        return config.has("pipeline");
    }

    @Override
    public Job prepare(ConfigNode config, ConfigNode.MapNode run, Context context) {
        PointRunner.bindRun(run, Inputs.class);
        // the keys of `bitline simulate` configs; anything else (an axis path with a typo) is an error
        for (ConfigNode.Entry e : ((ConfigNode.MapNode) config).entries().values()) {
            if (!List.of("name", "seed", "pipeline").contains(e.key())) {
                throw new ConfigException(e.keyLocation(), "unknown key '" + e.key() + "' (expected one of: name, seed, pipeline)");
            }
        }
        PipelineConfig pc = ConfigBinder.bind(config.find("pipeline").orElseThrow(), PipelineConfig.class);
        long seed = context.seed();
        return () -> {
            Simulator sim = new Simulator(seed);
            PipelineModel model = new PipelineModel(sim, "pipeline", pc);
            model.start();
            sim.runUntilQuiet();
            sim.stats().finish(sim.now());
            SortedMap<String, Double> s = PointStats.of(sim.stats());
            s.put("pipeline.throughputPerUs", model.throughputPerSecond() / 1e6);
            return s;
        };
    }
}
