package dev.bitline.lut.cycle;

/**
 * Where the LUT array's operands (weight planes, activations, reloaded tables) come from.
 *
 * <p>A port accepts read requests and, when the last byte of a request has been delivered,
 * schedules the requester's event {@code (handlerId, payload)} on the shared {@link
 * dev.bitline.sim.Simulator} at {@link dev.bitline.sim.Priorities#DATA_ARRIVAL}. Completion is reported in picoseconds on the shared timeline, so an
 * implementation may live in another clock domain: {@link FixedBandwidthPort} is a bytes-per-cycle
 * pipe with a fixed latency; a DRAM controller (HBM/GDDR presets) can back the same interface
 * through an adapter in a module above lut-core, which must not depend on dram-model. Requests may
 * complete out of order; the array copes with that.
 */
public interface MemoryPort {
    /**
     * Requests {@code bytes} starting at byte {@code address}. The port schedules {@code
     * (handlerId, payload)} at the time the data has arrived.
     */
    void read(long address, long bytes, int handlerId, long payload);

    /** Bytes delivered or in flight so far. */
    long bytesRequested();
}
