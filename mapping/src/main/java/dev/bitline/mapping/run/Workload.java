package dev.bitline.mapping.run;

/**
 * A generation: {@code batch} sequences with a {@code prompt} already in the KV cache, then
 * {@code tokens} decode steps; step i (from 0) attends over prompt + i + 1 keys.
 */
public record Workload(int batch, int prompt, int tokens) {
    public Workload {
        if (batch < 1 || prompt < 0 || tokens < 1) {
            throw new IllegalArgumentException("workload needs batch >= 1, prompt >= 0, tokens >= 1");
        }
    }
}
