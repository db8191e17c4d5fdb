package dev.bitline.dram;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandBuffer;
import java.util.SplittableRandom;

/** Test helper: deterministic request streams fed with the reference feed rule. */
public final class Traffic {
    private Traffic() {}

    public enum Kind { RANDOM, STREAM, MIXED }

    /** Result of one run. */
    public record Run(DramSystem system, CommandBuffer trace, long endCycle) {}

    /**
     * Feeds {@code n} requests: at most one per cycle, in order, blocking while full, not before
     * {@code i * gap}; then drains.
     */
    public static Run run(DramSpec spec, ControllerConfig cfg, Kind kind, int n, long gap,
            double writeFraction, long seed, boolean record) {
        DramSystem sys = new DramSystem(spec, cfg, null);
        CommandBuffer buf = record ? new CommandBuffer() : null;
        sys.setCommandSink(buf);
        SplittableRandom rnd = new SplittableRandom(seed);
        long cap = sys.capacity();
        int line = sys.mapping().burstBytes();
        long lines = cap / line;
        long t = 0;
        long base = 0;
        for (int i = 0; i < n; i++) {
            long addr;
            switch (kind) {
                case STREAM -> addr = ((long) i * line) % cap;
                case MIXED -> {
                    if (i % 8 == 0) base = rnd.nextLong(lines) * line;
                    addr = (base + (long) (i % 8) * 4096) % cap;
                }
                default -> addr = rnd.nextLong(lines) * line;
            }
            boolean w = rnd.nextDouble() < writeFraction;
            t = sys.submitBlocking(addr, w, Math.max(t, i * gap), i) + 1;
        }
        long end = sys.drain();
        return new Run(sys, buf, end);
    }
}
