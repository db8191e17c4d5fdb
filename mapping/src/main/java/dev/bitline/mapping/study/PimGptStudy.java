package dev.bitline.mapping.study;

import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.map.Hardware;
import dev.bitline.mapping.map.Mapper;
import dev.bitline.mapping.map.Scheduler;
import dev.bitline.mapping.model.HfConfigReader;
import dev.bitline.mapping.model.ModelConfig;
import dev.bitline.mapping.run.RunReport;
import dev.bitline.mapping.run.TokenRun;
import dev.bitline.mapping.run.Workload;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PIM-GPT reproduction: the eight GPT models decoding on the PIM-GPT preset (cycle models) and
 * on the T4 roofline (modelled), bf16 / fp16, batch 1. Speedup = T4 latency / PIM latency,
 * energy efficiency = T4 energy / PIM energy per token, next to the paper's ranges.
 */
public final class PimGptStudy {
    private PimGptStudy() {}

    public static final String[] MODELS = {"gpt2-small", "gpt2-medium", "gpt2-large", "gpt2-xl", "gpt3-small", "gpt3-medium",
        "gpt3-large", "gpt3-xl"};
    /** Paper (all versions): speedup over the GPU (T4) and over the CPU. */
    public static final double[] PAPER_SPEEDUP_GPU = {41, 137};
    public static final double[] PAPER_SPEEDUP_CPU = {631, 1074};
    /** Energy efficiency, journal version (npj Unconventional Computing 2024) and v2. */
    public static final double[] PAPER_ENERGY_GPU = {123, 383};
    public static final double[] PAPER_ENERGY_CPU = {320, 602};

    /**
     * @param model model
     * @param pim the PIM-GPT run
     * @param gpu the T4 roofline run
     */
    public record Row(String model, long parameters, RunReport pim, RunReport gpu) {
        public double speedup() {
            return gpu.latencyPerToken() / pim.latencyPerToken();
        }

        public double energyEfficiency() {
            return gpu.energyPerTokenJ() / pim.energyPerTokenJ();
        }
    }

    public static List<Row> run(Path configs, int prompt, int tokens, java.util.function.Consumer<String> progress) {
        ConfigLoader loader = new ConfigLoader(configs);
        Mapper pim = Hardware.load(loader, configs.resolve("pim/pim-gpt.yaml"), List.of());
        Mapper t4 = Hardware.load(loader, configs.resolve("gpu/t4.yaml"), List.of());
        Compression bf16 = Compression.load(loader, configs.resolve("compress/bf16.yaml"), List.of());
        Compression fp16 = Compression.load(loader, configs.resolve("compress/fp16.yaml"), List.of());
        List<Row> rows = new ArrayList<>();
        Scheduler pimSched = new Scheduler(pim);
        for (String name : MODELS) {
            ModelConfig m = HfConfigReader.read(configs.resolve("models/" + name + ".json"));
            progress.accept(name);
            Workload w = new Workload(1, prompt, tokens);
            RunReport p = TokenRun.run(m, bf16, pimSched, w, false);
            RunReport g = TokenRun.run(m, fp16, new Scheduler(t4), w, false);
            rows.add(new Row(name, m.parameters(), p, g));
        }
        return rows;
    }
}
