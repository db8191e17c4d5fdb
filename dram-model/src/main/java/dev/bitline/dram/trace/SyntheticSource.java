package dev.bitline.dram.trace;

import java.util.SplittableRandom;

/**
 * Generates a {@link SyntheticSpec} stream on the fly from a seeded random stream (take it from the
 * kernel's {@code RandomStreams}, e.g. {@code sim.random().stream("dram.synthetic")}), so runs are
 * reproducible and a 10^6-request stream costs no memory.
 */
public final class SyntheticSource implements RequestSource {
    private final SyntheticSpec spec;
    private final SplittableRandom rng;
    private final long lines;
    private final long[] hotBase;
    private final long regionLines;
    private long index = -1;
    private long address;
    private boolean write;
    private double time;
    private long cycle;

    /**
     * @param capacityBytes addresses are drawn from [0, capacityBytes)
     */
    public SyntheticSource(SyntheticSpec spec, SplittableRandom rng, long capacityBytes) {
        this.spec = spec;
        this.rng = rng;
        this.lines = capacityBytes / spec.lineBytes();
        if (lines <= 0) {
            throw new IllegalArgumentException("capacity smaller than one line");
        }
        this.regionLines = Math.max(1, Math.min(lines, spec.regionBytes() / spec.lineBytes()));
        long regionsInCapacity = Math.max(1, lines / regionLines);
        hotBase = new long[spec.hotRegions()];
        for (int i = 0; i < hotBase.length; i++) {
            hotBase[i] = rng.nextLong(regionsInCapacity) * regionLines;
        }
    }

    @Override
    public boolean next() {
        if (index + 1 >= spec.count()) {
            index = spec.count();
            return false;
        }
        index++;
        long line = switch (spec.kind()) {
            case RANDOM -> rng.nextLong(lines);
            case STREAM -> index % lines;
            case STRIDED -> Math.floorMod(index * (spec.strideBytes() / spec.lineBytes()), lines);
            case HOTROW -> rng.nextDouble() < spec.hotFraction()
                    ? hotBase[rng.nextInt(hotBase.length)] + rng.nextLong(regionLines)
                    : rng.nextLong(lines);
        };
        address = line * spec.lineBytes();
        write = rng.nextDouble() >= spec.readRatio();
        if (spec.rate() > 0) {
            // Poisson arrivals: exponential gaps with mean 1/rate cycles.
            time += -Math.log(1.0 - rng.nextDouble()) / spec.rate();
            cycle = (long) time;
        }
        return true;
    }

    @Override
    public long address() {
        return address;
    }

    @Override
    public boolean isWrite() {
        return write;
    }

    @Override
    public long cycle() {
        return cycle;
    }

    @Override
    public String location() {
        return "synthetic " + spec + " #" + (index + 1);
    }

    @Override
    public void close() {}
}
