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
import dev.bitline.sim.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Duplex: decode throughput of the H100 alone (roofline) against H100 + Logic-PIM
 * ({@code configs/hybrid/duplex-h100.yaml}: cheapest unit per operation, MoE experts and
 * attention co-processed; Logic-PIM on its cycle model), Mixtral-8x7B (int8 weights so it fits
 * 80 GB) and LLaMA-3-8B (fp16), batch 16 and 64, prompt 1024.
 */
public final class DuplexStudy {
    private DuplexStudy() {}

    public static final double PAPER_MAX_SPEEDUP = 2.67;

    public record Row(String model, String compression, int batch, RunReport gpu, RunReport hybrid) {
        public double speedup() {
            return hybrid.tokensPerSecond() / gpu.tokensPerSecond();
        }
    }

    public static List<Row> run(Path configs, int prompt, int tokens) {
        ConfigLoader loader = new ConfigLoader(configs);
        Mapper gpu = Hardware.load(loader, configs.resolve("gpu/h100-sxm.yaml"), List.of());
        Mapper hybrid = Hardware.load(loader, configs.resolve("hybrid/duplex-h100.yaml"), List.of());
        Scheduler hs = new Scheduler(hybrid);
        List<Row> rows = new ArrayList<>();
        String[][] cases = {{"mixtral-8x7b", "w8"}, {"llama-3-8b", "fp16"}};
        for (String[] c : cases) {
            ModelConfig m = HfConfigReader.read(configs.resolve("models/" + c[0] + ".json"));
            Compression comp = Compression.load(loader, configs.resolve("compress/" + c[1] + ".yaml"), List.of());
            for (int b : new int[] {16, 64}) {
                Workload w = new Workload(b, prompt, tokens);
                rows.add(new Row(m.name(), comp.name(), b, TokenRun.run(m, comp, new Scheduler(gpu), w, false),
                        TokenRun.run(m, comp, hs, w, false)));
            }
        }
        return rows;
    }

    public static void write(List<Row> rows, Path dir, int prompt, int tokens, double wall) {
        StringBuilder csv = new StringBuilder("model,compression,batch,gpu_tokens_per_s,hybrid_tokens_per_s,speedup\n");
        StringBuilder md = new StringBuilder("# Duplex: H100 alone vs H100 + Logic-PIM, decode throughput\n\n");
        md.append("```sh\n./bitline study duplex      # writes this folder; ").append(String.format(Locale.ROOT, "%.0f s", wall))
                .append(" on this machine\n```\n\n");
        md.append(String.format(Locale.ROOT, "Configs: `configs/gpu/h100-sxm.yaml` (roofline, modelled) and `configs/hybrid/duplex-h100.yaml`\n"
                + "(the same H100 + `configs/pim/logic-pim.yaml` on its cycle model, sharing the HBM); prompt %d, %d decode\n"
                + "steps, batch as listed. The hybrid mapper puts each operation on the unit with the cheaper estimate and\n"
                + "splits multi-instance operations (attention per sequence and K/V head, MoE experts) between the two so both\n"
                + "finish together.%n%n", prompt, tokens));
        md.append("| model | weights | batch | H100 tokens/s (modelled) | Duplex tokens/s | speedup | paper |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.1f,%.1f,%.3f%n", r.model(), r.compression(), r.batch(),
                    r.gpu().tokensPerSecond(), r.hybrid().tokensPerSecond(), r.speedup()));
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %.2fx | up to 2.67x |%n", r.model(), r.compression(),
                    r.batch(), r.gpu().tokensPerSecond(), r.hybrid().tokensPerSecond(), r.speedup()));
        }
        md.append("\nWhat the hybrid gains comes from the low-Op/B operations: attention against the KV cache (Op/B ~ 1 to the\n"
                + "group size) and, for Mixtral, experts at small per-expert batch, which Logic-PIM's internal bandwidth serves\n"
                + "faster than the H100's 3.35 TB/s; the dense projections stay on the xPU. Gaps to the paper's figure:\n"
                + "the paper's system and batch sizes are larger (its best case is long contexts and large batches, where\n"
                + "attention dominates), its xPU is measured-calibrated where ours is a roofline with assumed fractions, and\n"
                + "Mixtral runs here with int8 weights to fit one 80 GB device (the paper uses several devices in fp16).\n"
                + "The units are chosen on analytical estimates (so --fast and the cycle-model run execute one schedule);\n"
                + "where the Logic-PIM cycle model is slower than its estimate, a hybrid row can come out slightly below the\n"
                + "H100 alone (LLaMA-3-8B, batch 64): the estimate's error, reported per run by bitline run, not a gain.\n");
        AtomicFiles.write(dir.resolve("rows.csv"), csv.toString());
        AtomicFiles.write(dir.resolve("README.md"), md.toString());
    }
}
