package dev.bitline.mapping.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.mapping.TestConfigs;
import dev.bitline.mapping.graph.GraphBuilder;
import dev.bitline.mapping.graph.Step;
import dev.bitline.sim.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionTest {
    @TempDir
    Path dir;

    @Test
    void everyShippedSpecLoadsAndBuildsOnEveryModel() throws IOException {
        List<Path> specs;
        try (Stream<Path> s = Files.list(TestConfigs.CONFIGS.resolve("compress"))) {
            specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(specs.size() >= 8);
        for (Path p : specs) {
            Compression c = Compression.load(TestConfigs.loader(), p, List.of());
            for (String m : List.of("gpt2-small", "llama-2-7b", "mixtral-8x7b", "bitnet-b1.58-3b")) {
                assertTrue(GraphBuilder.build(TestConfigs.model(m), c, Step.decode(1, 32)).flops() > 0, p + " on " + m);
            }
        }
    }

    @Test
    void overridesReplaceWholeSections() {
        Compression c = TestConfigs.compression("w4-g128");
        assertEquals(4, c.layer(LayerType.FFN_UP).weights().storageBits());
        assertEquals(8, c.layer(LayerType.LM_HEAD).weights().storageBits());
        assertEquals(0, c.layer(LayerType.LM_HEAD).weights().groupSize(), "the override's weights section is whole");
        Compression t = TestConfigs.compression("bitnet-ternary");
        assertEquals(2, t.layer(LayerType.ATTN_QKV).weights().storageBits(), "ternary is stored on two planes");
        assertEquals(8, t.activations().bits());
    }

    private String error(String yaml) throws IOException {
        Path f = dir.resolve("spec.yaml");
        Files.writeString(f, yaml);
        return assertThrows(ConfigException.class, () -> {
            Compression c = Compression.load(TestConfigs.loader(), f, List.of());
            GraphBuilder.build(TestConfigs.model("gpt2-small"), c, Step.decode(1, 4));
        }).getMessage();
    }

    @Test
    void unknownFormatNamesFileAndField() throws IOException {
        String msg = error("name: x\ndefaults:\n  weights: {format: int3x}\n");
        assertTrue(msg.contains("spec.yaml:3:21") && msg.contains("int3x"), msg);
    }

    @Test
    void integerFormatNeedsBitsAndFixedFormatsRejectOtherWidths() throws IOException {
        assertTrue(error("name: x\ndefaults:\n  weights: {format: int}\n").contains("needs bits"));
        assertTrue(error("name: x\ndefaults:\n  weights: {format: fp8-e4m3, bits: 4}\n").contains("8 bits wide"));
        assertTrue(error("name: x\ndefaults:\n  weights: {format: int, bits: 9}\n").contains("bits"));
    }

    @Test
    void rankAboveTheMatrixIsAnErrorAtTheRankField() throws IOException {
        String msg = error("name: x\ndefaults:\n  weights: {format: fp16}\nlayers:\n  attn_out:\n    lowRank: {rank: 1000}\n");
        assertTrue(msg.contains("spec.yaml:6:") && msg.contains("rank 1000 exceeds the attn_out matrix's min(N, K) = 768"), msg);
    }

    @Test
    void badSparsityPatterns() throws IOException {
        assertTrue(error("name: x\ndefaults:\n  weights: {format: int, bits: 4}\n  sparsity: {pattern: \"5:4\"}\n")
                .contains("N <= M"));
        assertTrue(error("name: x\ndefaults:\n  weights: {format: int, bits: 4}\n  sparsity: {pattern: unstructured}\n")
                .contains("needs density"));
    }
}
