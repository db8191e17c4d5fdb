package dev.bitline.mapping.memory;

import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.port.DramDevice;
import dev.bitline.dram.port.MemRequest;
import dev.bitline.dram.port.MemResponse;
import dev.bitline.lut.cycle.MemoryPort;
import dev.bitline.sim.Component;
import dev.bitline.sim.InPort;
import dev.bitline.sim.OutPort;
import dev.bitline.sim.Priorities;
import dev.bitline.sim.Simulator;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Operand delivery for a LUT core (or any {@link MemoryPort} user) from a
 * cycle-accurate DRAM system: each read is split into bursts, the bursts go to
 * a {@link DramDevice} over a kernel link, and the requester's event fires when
 * the last burst of its read has completed. This is the adapter that lets
 * lut-core stay independent of dram-model (DESIGN.md section 1).
 *
 * <p>Addresses wrap modulo the DRAM capacity only if {@code wrap} is set (a
 * GEMM's operand footprint can exceed a small preset); otherwise an address
 * beyond capacity is an error.
 */
public final class DramMemoryPort extends Component implements MemoryPort {
    private final DramDevice dram;
    private final OutPort<MemRequest> req = outPort("req");
    private final InPort<MemResponse> resp;
    private final int burst;
    private final long capacity;
    private final boolean wrap;
    private final ArrayDeque<MemRequest> unsent = new ArrayDeque<>();
    private long bytes;

    // per read in flight: bursts outstanding and the requester's event
    private int[] remaining = new int[16];
    private int[] handler = new int[16];
    private long[] payload = new long[16];
    private int[] free = new int[16];
    private int freeCount;
    private int used;

    /**
     * @param credits    requests that may be outstanding between this port and the DRAM
     * @param latencyPs  one-way latency of the link (on-chip interconnect, PHY)
     */
    public DramMemoryPort(Simulator sim, String name, Component parent, DramSystem system, int credits,
                          long latencyPs, boolean wrap) {
        super(sim, name, parent);
        this.dram = new DramDevice(sim, "dram", this, system);
        this.resp = inPort("resp", this::completed);
        this.burst = system.mapping().burstBytes();
        this.capacity = system.capacity();
        this.wrap = wrap;
        DramDevice.wire(req, dram, resp, latencyPs, credits);
        req.onSpace(this::flush);
    }

    public DramDevice device() {
        return dram;
    }

    @Override
    public void read(long address, long n, int handlerId, long eventPayload) {
        if (n <= 0) {
            throw new IllegalArgumentException("read of " + n + " bytes");
        }
        long first = Math.floorDiv(address, burst);
        long last = Math.floorDiv(address + n - 1, burst);
        long count = last - first + 1;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("read of " + n + " bytes is too large");
        }
        int slot = alloc();
        remaining[slot] = (int) count;
        handler[slot] = handlerId;
        payload[slot] = eventPayload;
        for (long b = first; b <= last; b++) {
            long a = b * burst;
            if (a >= capacity || a < 0) {
                if (!wrap) {
                    throw new IllegalArgumentException(String.format(
                            "operand address 0x%x is beyond the DRAM capacity of %d bytes", a, capacity));
                }
                a = Math.floorMod(a, capacity);
            }
            unsent.addLast(new MemRequest(a, false, slot));
        }
        bytes += n;
        flush();
    }

    @Override
    public long bytesRequested() {
        return bytes;
    }

    private void flush() {
        while (!unsent.isEmpty() && req.canSend()) {
            req.send(unsent.pollFirst());
        }
    }

    private void completed(MemResponse r) {
        resp.release();
        int slot = (int) r.tag();
        if (--remaining[slot] == 0) {
            sim().schedule(sim().now(), Priorities.DATA_ARRIVAL, handler[slot], payload[slot]);
            free[freeCount++] = slot;
        }
    }

    private int alloc() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (used == remaining.length) {
            int cap = used * 2;
            remaining = Arrays.copyOf(remaining, cap);
            handler = Arrays.copyOf(handler, cap);
            payload = Arrays.copyOf(payload, cap);
            free = Arrays.copyOf(free, cap);
        }
        return used++;
    }
}
