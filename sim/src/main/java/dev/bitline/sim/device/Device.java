package dev.bitline.sim.device;

import dev.bitline.sim.Simulator;
import dev.bitline.sim.stats.Stat;
import java.util.List;

/**
 * A timed model that executes {@link Operation}s on the caller's {@link Simulator}: the common
 * contract of LUT arrays, PIM channels and the host ASIC, so the mapper can compose them on one
 * timeline. Implementations are {@link dev.bitline.sim.Component}s, whose {@code sim()} and
 * {@code path()} satisfy this interface.
 *
 * <p>The protocol mirrors a memory port's: {@link #submit} returns at once; when the operation's
 * last result is written the device schedules the caller's event {@code (handlerId, payload)} on
 * the shared simulator at {@link dev.bitline.sim.Priorities#DEFAULT}. A device runs submitted
 * operations one at a time in submission order (a device with internal parallelism says so and
 * may overlap them). Its statistics are registered by the device itself under {@link #path()} in
 * the simulator's registry ({@code lut.tile3.computeCycles}, {@code dram.ch0.rowHits}) and are
 * live: reading them mid-run gives the counts so far.
 */
public interface Device {
    Simulator sim();

    /** Hierarchical name; the device's statistics live under it. */
    String path();

    /** The analytical model of this same device. */
    DeviceModel model();

    /**
     * Starts {@code op}, or queues it behind the operations submitted before it.
     *
     * @throws IllegalArgumentException if the device cannot execute {@code op} ({@link
     *     DeviceModel#unsupported} says why)
     */
    void submit(Operation op, int handlerId, long payload);

    /** Operations submitted and not yet completed. */
    int pending();

    /** This device's statistics (those registered under {@link #path()}), sorted by name. */
    default List<Stat> stats() {
        return sim().stats().under(path());
    }
}
