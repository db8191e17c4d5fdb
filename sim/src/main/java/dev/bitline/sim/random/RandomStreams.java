package dev.bitline.sim.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Per-component random streams split from one run seed.
 *
 * <p>A stream is derived from the seed and the component's hierarchical name
 * only, never from creation order, so adding a component elsewhere in the
 * model does not perturb the numbers another component draws.
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A fresh generator for the named component; same name, same sequence. */
    public SplittableRandom stream(String componentPath) {
        return new SplittableRandom(mix64(seed ^ mix64(fnv1a(componentPath))));
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Stafford's mix13 finalizer: a bijection that spreads nearby seeds apart. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
