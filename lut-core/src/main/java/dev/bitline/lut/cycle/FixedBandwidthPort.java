package dev.bitline.lut.cycle;

import dev.bitline.sim.Clock;
import dev.bitline.sim.Component;
import dev.bitline.sim.Simulator;

/**
 * A memory port with a fixed bandwidth (bytes per cycle of its clock) and a fixed latency.
 * Requests are served one after another in arrival order: a request starts transferring at the
 * first edge when the port is free, occupies it for {@code ceil(bytes / bytesPerCycle)} cycles and
 * its data is usable {@code latencyCycles} cycles after its last byte left.
 */
public final class FixedBandwidthPort extends Component implements MemoryPort {
    private final Clock clock;
    private final double bytesPerCycle;
    private final long latencyCycles;
    private long freeAtCycle;
    private long bytes;
    private long busyCycles;

    public FixedBandwidthPort(Simulator sim, String name, Component parent, Clock clock,
            double bytesPerCycle, long latencyCycles) {
        super(sim, name, parent);
        if (!(bytesPerCycle > 0) || Double.isInfinite(bytesPerCycle)) {
            throw new IllegalArgumentException("port bandwidth must be positive and finite, got " + bytesPerCycle + " B/cycle");
        }
        if (latencyCycles < 0) {
            throw new IllegalArgumentException("port latency must be >= 0 cycles, got " + latencyCycles);
        }
        this.clock = clock;
        this.bytesPerCycle = bytesPerCycle;
        this.latencyCycles = latencyCycles;
    }

    /** Cycles the port is busy moving {@code n} bytes. */
    public long transferCycles(long n) {
        return (long) Math.ceil(n / bytesPerCycle - 1e-9);
    }

    @Override
    public void read(long address, long n, int handlerId, long payload) {
        if (n <= 0) {
            throw new IllegalArgumentException("read of " + n + " bytes");
        }
        long start = Math.max(clock.firstCycleAtOrAfter(sim().now()), freeAtCycle);
        long xfer = transferCycles(n);
        freeAtCycle = start + xfer;
        bytes += n;
        busyCycles += xfer;
        sim().schedule(clock.timeOf(freeAtCycle + latencyCycles), COMPLETION_PRIORITY, handlerId, payload);
    }

    @Override
    public long bytesRequested() {
        return bytes;
    }

    /** Cycles spent transferring (the port's utilization numerator). */
    public long busyCycles() {
        return busyCycles;
    }

    public double bytesPerCycle() {
        return bytesPerCycle;
    }

    public long latencyCycles() {
        return latencyCycles;
    }
}
