package dev.bitline.lut.ppa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked-in configs load and give the study the values the README quotes. */
class PpaConfigTest {
    static final Path CONFIGS = ConfigLoader.findConfigsRoot(Path.of("")).orElseThrow();

    static PpaStudy.Result study(String file) {
        ConfigLoader loader = new ConfigLoader(CONFIGS);
        LutTensorCoreConfig c = loader.load(CONFIGS.resolve(file), LutTensorCoreConfig.class, List.of());
        TechTable t = loader.load(CONFIGS.resolve(c.ppa().tech() + ".yaml"), TechTable.class, List.of());
        return PpaStudy.run(c.lutDesign(), c.macDesign(), new CostModel(t), c.array().clock().hz(), c.bufferSizes());
    }

    @Test
    void allConfigsLoad() {
        for (String f : List.of("lut/lut-tensor-core.yaml", "lut/lut-tensor-core-hbm.yaml", "lut/lut-tensor-core-7nm.yaml")) {
            PpaStudy.Result r = study(f);
            System.out.println(PpaStudy.format(r, f));
            assertEquals(6, r.grid().size());
            assertEquals(4, r.ablation().size());
        }
    }

    @Test
    void checkedInResultsMatchTheModel() throws Exception {
        // results/lut-tensor-core was written by `bitline lut ppa --config configs/lut/lut-tensor-core.yaml
        // --out results/lut-tensor-core`; if the model or the config changes, regenerate it.
        Path dir = CONFIGS.getParent().resolve("results/lut-tensor-core");
        PpaStudy.Result r = study("lut/lut-tensor-core.yaml");
        assertEquals(java.nio.file.Files.readString(dir.resolve("lut-vs-mac.csv")), PpaStudy.gridCsv(r));
        assertEquals(java.nio.file.Files.readString(dir.resolve("ablation.csv")), PpaStudy.ablationCsv(r));
    }

    @Test
    void sevenNmScalesAreaAndEnergyButNotRatios() {
        PpaStudy.Result r28 = study("lut/lut-tensor-core.yaml");
        PpaStudy.Result r7 = study("lut/lut-tensor-core-7nm.yaml");
        for (int i = 0; i < r28.grid().size(); i++) {
            // every part scales by the same factors, so LUT/MAC ratios are node-independent
            assertEquals(r28.grid().get(i).densityRatio(), r7.grid().get(i).densityRatio(), 1e-9);
            assertEquals(r28.grid().get(i).efficiencyRatio(), r7.grid().get(i).efficiencyRatio(), 1e-9);
            assertTrue(r7.grid().get(i).lut().areaUm2() < r28.grid().get(i).lut().areaUm2());
        }
    }
}
