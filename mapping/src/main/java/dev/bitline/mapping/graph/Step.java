package dev.bitline.mapping.graph;

/**
 * One forward pass: prefill of the whole prompt, or one decode step.
 *
 * @param phase prefill or decode
 * @param batch sequences processed together
 * @param queries new tokens per sequence (the prompt in prefill, 1 in decode)
 * @param keys tokens in each sequence's KV cache after this step appends its own
 */
public record Step(Phase phase, int batch, int queries, int keys) {
    public enum Phase { PREFILL, DECODE }

    public Step {
        if (batch < 1 || queries < 1 || keys < queries) {
            throw new IllegalArgumentException("step needs batch >= 1, queries >= 1, keys >= queries; got " + batch + ", "
                    + queries + ", " + keys);
        }
        if (phase == Phase.DECODE && queries != 1) {
            throw new IllegalArgumentException("a decode step has one query per sequence");
        }
    }

    public static Step prefill(int batch, int prompt) {
        return new Step(Phase.PREFILL, batch, prompt, prompt);
    }

    /** A decode step whose KV cache holds {@code keys} tokens once this token is appended. */
    public static Step decode(int batch, int keys) {
        return new Step(Phase.DECODE, batch, 1, keys);
    }

    /** Activation rows of a weight GEMM: batch x queries. */
    public long tokens() {
        return (long) batch * queries;
    }

    /** (query, key) pairs per sequence and head: causal in prefill (the first query sees keys - queries + 1). */
    public long pairs() {
        long before = keys - queries;
        return (long) queries * before + (long) queries * (queries + 1) / 2;
    }
}
