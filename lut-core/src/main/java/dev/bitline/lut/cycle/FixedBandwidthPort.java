package dev.bitline.lut.cycle;

import dev.bitline.sim.Clock;
import dev.bitline.sim.Component;
import dev.bitline.sim.Priorities;
import dev.bitline.sim.Simulator;

/**
 * A memory port with a fixed bandwidth (bytes per cycle of its clock) and a fixed latency.
 * Requests are served one after another in arrival order: a request starts transferring at the
 * first edge when the port is free (or, back to back, exactly where the previous one ended: the
 * port's occupancy is kept in fractional cycles so a bandwidth that is not a whole number of
 * bytes per cycle is not rounded up per request), occupies it for {@code bytes / bytesPerCycle}
 * cycles, and its data is usable at the first edge after its last byte plus {@code
 * latencyCycles}. Statistics: {@code <path>.bytes}, {@code <path>.busyCycles}.
 */
public final class FixedBandwidthPort extends Component implements MemoryPort {
    private final Clock clock;
    private final double bytesPerCycle;
    private final long latencyCycles;
    private double freeAt;
    private long bytes;
    private double busy;

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
        sim.stats().probe(statName("bytes"), () -> bytes);
        sim.stats().probe(statName("busyCycles"), this::busyCycles);
    }


    @Override
    public void read(long address, long n, int handlerId, long payload) {
        if (n <= 0) {
            throw new IllegalArgumentException("read of " + n + " bytes");
        }
        double start = Math.max(clock.firstCycleAtOrAfter(sim().now()), freeAt);
        double xfer = n / bytesPerCycle;
        freeAt = start + xfer;
        bytes += n;
        busy += xfer;
        long done = (long) Math.ceil(freeAt - 1e-9);
        sim().schedule(clock.timeOf(done + latencyCycles), Priorities.DATA_ARRIVAL, handlerId, payload);
    }

    @Override
    public long bytesRequested() {
        return bytes;
    }

    /** Cycles spent transferring (the port's utilization numerator). */
    public long busyCycles() {
        return (long) Math.ceil(busy - 1e-9);
    }

    public double bytesPerCycle() {
        return bytesPerCycle;
    }

    public long latencyCycles() {
        return latencyCycles;
    }
}
