package dev.bitline.mapping.sweep;

import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.map.Hardware;
import dev.bitline.mapping.map.Mapper;
import dev.bitline.mapping.map.Scheduler;
import dev.bitline.mapping.model.HfConfigReader;
import dev.bitline.mapping.model.ModelConfig;
import dev.bitline.mapping.run.RunReport;
import dev.bitline.mapping.run.TokenRun;
import dev.bitline.mapping.run.Workload;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A whole-model point: {@code bitline run}, decoding tokens of a Hugging Face model with a
 * compression on a hardware preset ({@link TokenRun} on {@link Hardware}'s mapper). The base is the
 * hardware preset (GPU roofline presets pick this runner; a LUT or PIM preset with
 * {@code run.kind: model}); the axes reach it as {@code --set} overrides, as {@code bitline run --set}
 * does. Stats: {@code model.latencyPerTokenMs}, {@code model.tokensPerSecond},
 * {@code model.energyPerTokenMJ}, {@code model.cycles}, {@code model.simulations},
 * {@code model.estimateError} (cycle model runs), and per operation
 * {@code model.fn.<function>.usPerToken} and {@code .uJPerToken}.
 */
public final class ModelPoint implements PointRunner {

    /**
     * What {@code bitline run} takes as flags.
     *
     * @param model    Hugging Face config.json (relative to the sweep file, or under configs/)
     * @param compress compression spec (same lookup); absent: fp16 everywhere
     * @param batch    sequences decoded together
     * @param prompt   tokens already in each sequence's KV cache
     * @param tokens   decode steps
     * @param fast     analytical estimates only
     */
    public record Inputs(String model, Optional<String> compress, @Default("1") @Range(min = 1) int batch,
            @Default("0") @Range(min = 0) int prompt, @Default("8") @Range(min = 1) int tokens,
            @Default("false") boolean fast) {
    }

    @Override
    public String kind() {
        return "model";
    }

    @Override
    public String describe() {
        return "a hardware preset (configs/gpu/*.yaml; LUT or PIM presets with run.kind: model) for bitline run; "
                + "run: {model, compress, batch, prompt, tokens, fast}";
    }

    @Override
    public boolean accepts(ConfigNode.MapNode config) {
        return config.has("gpu");
    }

    @Override
    public Job prepare(ConfigNode config, ConfigNode.MapNode run, Context context) {
        Inputs in = PointRunner.bindRun(run, Inputs.class);
        Path preset = context.preset().orElseThrow(() -> new ConfigException(config.location(),
                "a model point's base is a hardware preset and its axes --set overrides of it "
                        + "(expected base: gpu/a100-80gb, or base: {extends: lut/lut-tensor-core} with no other keys)"));
        Mapper mapper = Hardware.load(context.loader(), preset, context.sets());
        ModelConfig model = HfConfigReader.read(find(in.model(), run, "model", context));
        Compression comp = in.compress().map(c -> Compression.load(context.loader(), find(c, run, "compress", context),
                List.of())).orElse(Compression.none());
        if (in.prompt() + in.tokens() > model.maxPositions()) {
            throw new ConfigException(run.locationOf("tokens"), "prompt " + in.prompt() + " + tokens " + in.tokens()
                    + " do not fit the context of " + model.name() + " (expected at most " + model.maxPositions() + ")");
        }
        Workload w = new Workload(in.batch(), in.prompt(), in.tokens());
        return () -> {
            RunReport r = TokenRun.run(model, comp, new Scheduler(mapper), w, in.fast());
            SortedMap<String, Double> s = new TreeMap<>();
            s.put("model.latencyPerTokenMs", r.latencyPerToken() * 1e3);
            s.put("model.tokensPerSecond", r.tokensPerSecond());
            s.put("model.energyPerTokenMJ", r.energyPerTokenJ() * 1e3);
            s.put("model.cycles", (double) r.cycles());
            s.put("model.simulations", (double) r.simulations());
            if (r.cycleModelUsed() && !r.fast()) {
                s.put("model.estimateError", r.estimateError());
            }
            int t = r.workload().tokens();
            for (RunReport.FunctionRow f : r.functions()) {
                s.put("model.fn." + f.function() + ".usPerToken", f.simulatedPs() * 1e-6 / t);
                s.put("model.fn." + f.function() + ".uJPerToken", f.energyPj() * 1e-6 / t);
            }
            return s;
        };
    }

    /** A file the run section names: relative to the sweep file, else under the configs root. */
    private static Path find(String name, ConfigNode.MapNode run, String key, Context context) {
        Path p = context.sweepDir().resolve(name);
        if (Files.isRegularFile(p)) {
            return p;
        }
        Path root = context.loader().configsRoot();
        if (root != null && Files.isRegularFile(root.resolve(name))) {
            return root.resolve(name);
        }
        throw new ConfigException(run.locationOf(key), "no such file '" + name + "' (expected a path relative to the sweep file"
                + (root != null ? " or to " + root : "") + ", e.g. models/gpt2-medium.json)");
    }
}
