package dev.bitline.sim.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every preset under the repository's {@code configs/} is well-formed for the strict
 * reader (YAML syntax, no duplicate keys or aliases, every {@code extends:} resolves,
 * no cycles). Binding into the right record is each owning module's test.
 */
class RepositoryConfigsTest {

    @Test
    void everyPresetReadsAndResolves() throws IOException {
        Optional<Path> root = ConfigLoader.findConfigsRoot(Path.of(""));
        Assumptions.assumeTrue(root.isPresent(), "no configs/ above the working directory");
        ConfigLoader loader = new ConfigLoader(root.get());
        List<String> failures = new ArrayList<>();
        int n = 0;
        try (Stream<Path> files = Files.walk(root.get())) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".yaml"))::iterator) {
                n++;
                try {
                    loader.loadTree(p);
                } catch (ConfigException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        assertTrue(n > 0, "configs/ holds no .yaml files");
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }
}
