package dev.bitline.mapping.study;

import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.graph.GraphBuilder;
import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.model.HfConfigReader;
import dev.bitline.mapping.model.ModelConfig;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * FlashSVD (peak activation memory of SVD low-rank models, with and without streaming the
 * factors): for each model, prompt length and rank fraction, the prefill layer graph under
 * {@code lowrank-svd} (two materialized GEMMs per matrix, materialized attention scores) and
 * under {@code lowrank-flashsvd} (factors fused and streamed one 64-row tile at a time, scores
 * tiled), and the peak live activation bytes of each.
 */
public final class FlashSvdStudy {
    private FlashSvdStudy() {}

    /**
     * @param model model name
     * @param prompt prefill length
     * @param batch sequences
     * @param fraction rank / min(N, K)
     * @param plainBytes peak activations, factors run as two GEMMs
     * @param streamedBytes peak activations, factors streamed
     * @param plainPeakAt the operation where the plain peak happens
     * @param streamedPeakAt where the streamed peak happens
     */
    public record Row(String model, int prompt, int batch, double fraction, long plainBytes, long streamedBytes,
            String plainPeakAt, String streamedPeakAt) {
        public double reduction() {
            return 1 - streamedBytes / (double) plainBytes;
        }
    }

    public static final double PAPER_MAX_REDUCTION = 0.702;

    public static List<Row> run(Path configs) {
        ConfigLoader loader = new ConfigLoader(configs);
        List<Row> rows = new ArrayList<>();
        String[][] cases = {{"gpt2-medium", "1024"}, {"llama-2-7b", "512"}, {"llama-2-7b", "2048"}, {"llama-3-8b", "2048"}};
        for (String[] c : cases) {
            ModelConfig m = HfConfigReader.read(configs.resolve("models/" + c[0] + ".json"));
            int prompt = Integer.parseInt(c[1]);
            for (double f : new double[] {0.125, 0.25, 0.5}) {
                List<String> set = List.of("defaults.lowRank.fraction=" + f);
                Compression plain = Compression.load(loader, configs.resolve("compress/lowrank-svd.yaml"), set);
                Compression streamed = Compression.load(loader, configs.resolve("compress/lowrank-flashsvd.yaml"), set);
                LayerGraph a = GraphBuilder.build(m, plain, Step.prefill(1, prompt));
                LayerGraph b = GraphBuilder.build(m, streamed, Step.prefill(1, prompt));
                rows.add(new Row(m.name(), prompt, 1, f, a.peakActivationBytes(), b.peakActivationBytes(),
                        a.peakOp().name(), b.peakOp().name()));
            }
        }
        return rows;
    }
}
