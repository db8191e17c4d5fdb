package dev.bitline.mapping.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.mapping.TestConfigs;
import dev.bitline.mapping.model.ModelConfig.Family;
import dev.bitline.sim.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfConfigReaderTest {
    @TempDir
    Path dir;

    @Test
    void gpt2SmallParametersMatchThePublishedCount() {
        ModelConfig m = TestConfigs.model("gpt2-small");
        assertEquals(Family.GPT2, m.family());
        assertEquals(3072, m.intermediate(), "n_inner: null means 4 x n_embd");
        assertEquals(64, m.headDim());
        assertTrue(m.tiedEmbeddings());
        assertEquals(124_439_808L, m.parameters());
    }

    @Test
    void llama2ParametersMatchThePublishedCount() {
        ModelConfig m = TestConfigs.model("llama-2-7b");
        assertEquals(6_738_415_616L, m.parameters());
        assertEquals(ModelConfig.FfnKind.GATED_SILU, m.ffn());
        assertEquals(ModelConfig.PositionKind.ROPE, m.positions());
    }

    @Test
    void llama3HasGroupedQueryAttention() {
        ModelConfig m = TestConfigs.model("llama-3-8b");
        assertEquals(8, m.kvHeads());
        assertEquals(4, m.groupSize());
        assertEquals(1024, m.kvWidth());
        assertEquals(8_030_261_248L, m.parameters());
    }

    @Test
    void mixtralHasTopTwoOfEightExperts() {
        ModelConfig m = TestConfigs.model("mixtral-8x7b");
        assertEquals(8, m.experts());
        assertEquals(2, m.expertsPerToken());
        assertEquals(46_702_792_704L, m.parameters());
    }

    @Test
    void bitnetIsRecognisedByItsArchitecture() {
        ModelConfig m = TestConfigs.model("bitnet-b1.58-3b");
        assertEquals(Family.BITNET, m.family());
        assertEquals(100, m.headDim());
    }

    @Test
    void everyShippedModelLoads() throws IOException {
        try (Stream<Path> s = Files.list(TestConfigs.CONFIGS.resolve("models"))) {
            assertEquals(13, s.filter(p -> p.toString().endsWith(".json")).map(HfConfigReader::read).count());
        }
        // GPT-3 XL "1.3B": 24 x (12 d^2 + 13 d) + (50257 + 2048) d + 2 d with d = 2048
        assertEquals(1_315_723_264L, TestConfigs.model("gpt3-xl").parameters());
    }

    private String error(String json) throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return assertThrows(ConfigException.class, () -> HfConfigReader.read(f)).getMessage();
    }

    @Test
    void missingFieldNamesFileAndField() throws IOException {
        String msg = error("{\n  \"model_type\": \"llama\",\n  \"hidden_size\": 4096\n}\n");
        assertTrue(msg.contains("config.json:1:1") && msg.contains("num_attention_heads"), msg);
    }

    @Test
    void inconsistentGqaIsAnError() throws IOException {
        String msg = error("{\"model_type\": \"llama\", \"hidden_size\": 4096, \"num_attention_heads\": 32,\n"
                + " \"num_key_value_heads\": 6, \"num_hidden_layers\": 2, \"intermediate_size\": 100,\n"
                + " \"vocab_size\": 10, \"max_position_embeddings\": 64, \"hidden_act\": \"silu\"}");
        assertTrue(msg.contains(":2:") && msg.contains("num_key_value_heads 6 does not divide"), msg);
    }

    @Test
    void headsNotDividingHiddenIsAnError() throws IOException {
        String msg = error("{\"model_type\": \"gpt2\", \"n_embd\": 1000, \"n_head\": 12, \"n_layer\": 2,"
                + " \"vocab_size\": 10, \"n_positions\": 64, \"activation_function\": \"gelu_new\"}");
        assertTrue(msg.contains("n_head 12 does not divide n_embd 1000"), msg);
    }

    @Test
    void unknownModelTypeAndWrongTypesAreErrors() throws IOException {
        assertTrue(error("{\"model_type\": \"t5\"}").contains("unknown model_type 't5'"));
        assertTrue(error("{\"model_type\": \"gpt2\", \"n_embd\": \"768\"}").contains("n_embd: \"768\" (expected a positive integer)"));
    }
}
