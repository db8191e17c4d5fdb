package dev.bitline.mapping.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small sweep files for tests: a fast kernel-pipeline base, so a point takes milliseconds. */
final class SweepFiles {
    private SweepFiles() {
    }

    /** The repository's configs/ (tests run in the module folder). */
    static final Path CONFIGS = Path.of("..", "configs").toAbsolutePath().normalize();

    static final String PIPELINE_BASE = """
            base:
              name: t
              pipeline:
                items: 300
                sourceInterval: 1ns
                stages:
                  - {name: a, service: 0.8ns, buffer: 4, linkLatency: 0.5ns}
                  - {name: b, service: 1.25ns, distribution: exponential, buffer: 8, linkLatency: 0.5ns}
            """;

    /** A 3 x 4 = 12-point pipeline sweep. */
    static final String PIPELINE = "name: pipe\nseed: 7\n" + PIPELINE_BASE + """
            axes:
              pipeline.stages.0.buffer: [2, 4, 8]
              pipeline.items: {from: 100, to: 400, step: 100}
            metrics:
              throughput: pipeline.throughputPerUs
              p99: pipeline.sink.latencyPs.p99
            pareto:
              - {x: max throughput, y: min p99, by: pipeline.stages.0.buffer}
            """;

    static Path write(Path dir, String name, String yaml) {
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve(name);
            Files.writeString(f, yaml);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
