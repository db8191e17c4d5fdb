package dev.bitline.mapping.sweep;

import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Runs one design point of one kind of simulation. A sweep's base config picks its runner
 * ({@link PointRunners}): by {@code run.kind} when the sweep file names one, else by the config's
 * own kind (the top-level key only that kind of config has). Adding a simulation to sweeps is one
 * class implementing this and one line in {@link PointRunners#ALL}.
 *
 * <p>{@link #prepare} binds and checks everything (a bad value throws a located
 * {@code ConfigException} before any result is written); {@link Job#run} only simulates. Jobs run
 * on worker threads at the same time, so a runner keeps no mutable state of its own.
 */
public interface PointRunner {

    /** What {@code run.kind} names: {@code dram}, {@code lut-gemm}, ... */
    String kind();

    /** One line for help texts: what a point runs and which {@code run:} keys it reads. */
    String describe();

    /** Whether {@code config} (resolved) is a config this runner reads. */
    boolean accepts(ConfigNode.MapNode config);

    /**
     * Binds one point: its resolved config (axes applied) and its {@code run:} section (without
     * {@code kind}, axes applied).
     */
    Job prepare(ConfigNode config, ConfigNode.MapNode run, Context context);

    /** One bound point, ready to simulate. */
    @FunctionalInterface
    interface Job {
        /** Simulates and returns the point's stats by name ({@link PointStats}). */
        SortedMap<String, Double> run();
    }

    /**
     * @param loader   resolves presets the config names (the configs root)
     * @param sweepDir folder of the sweep file (relative paths in {@code run:} are resolved here)
     * @param seed     the point's seed: from the sweep seed and the point's coordinates only
     * @param preset   the preset file the point's config is, when its base is nothing but
     *                 {@code extends: PRESET}: for runners whose module loads a config from a file
     * @param sets     the point's config axes as {@code --set path=value} overrides of that preset
     */
    record Context(ConfigLoader loader, Path sweepDir, long seed, Optional<Path> preset, List<String> sets) {
    }

    /** Binds a {@code run:} section to a runner's record of inputs (unknown keys are located errors). */
    static <T extends Record> T bindRun(ConfigNode.MapNode run, Class<T> type) {
        return ConfigBinder.bind(run, type);
    }
}
