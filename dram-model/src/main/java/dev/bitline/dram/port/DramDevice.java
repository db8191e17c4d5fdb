package dev.bitline.dram.port;

import dev.bitline.dram.controller.DramSystem;
import dev.bitline.sim.Clock;
import dev.bitline.sim.Component;
import dev.bitline.sim.InPort;
import dev.bitline.sim.Link;
import dev.bitline.sim.OutPort;
import dev.bitline.sim.Priorities;
import dev.bitline.sim.Simulator;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A DRAM memory system as a kernel {@link Component}: requests come in on
 * {@code in}, completions leave on {@code out}. This is the port through which
 * PIM hosts, LUT cores and mappers reach memory, so a plain channel and a PIM
 * channel can stand behind the same link.
 *
 * <p>The controllers keep their own cycle-level event loop (they jump from one
 * decision cycle to the next); this component only wakes them at their next
 * decision cycle while requests are queued, and converts cycles to the
 * kernel's picoseconds with the standard's clock. While nothing is queued no
 * event is scheduled, so {@link Simulator#runUntilQuiet()} ends; refreshes
 * missed meanwhile are caught up by the controller's own time jump.
 *
 * <p>Back-pressure: a request keeps its link credit until the controller's
 * queue accepts it, so a full queue stalls the sender exactly as a full
 * transaction queue stalls a real memory bus.
 *
 * <p>Statistics: the system's counters, live, under this component's path ({@code
 * <path>.ch0.rowHits}, {@code <path>.reads}, ...; see {@link DramSystem#registerStats}).
 */
public final class DramDevice extends Component {
    private final DramSystem dram;
    private final Clock clock;
    public final InPort<MemRequest> in;
    public final OutPort<MemResponse> out;
    private final ArrayDeque<MemRequest> waiting = new ArrayDeque<>();
    private final ArrayDeque<MemResponse> unsent = new ArrayDeque<>();
    private final int wakeHandler;
    private final int respondHandler;
    private boolean held;
    private long wakeEvent = -1;
    private long wakeCycle = Long.MAX_VALUE;

    // completions scheduled but not yet sent, by slot (payload of the respond event)
    private long[] slotTag = new long[64];
    private boolean[] slotWrite = new boolean[64];
    private long[] slotAccepted = new long[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int slotsUsed;

    public DramDevice(Simulator sim, String name, Component parent, DramSystem dram) {
        super(sim, name, parent);
        this.dram = dram;
        this.clock = Clock.ofPeriodPs(dram.spec().tCKps());
        this.in = inPort("in", this::arrive);
        this.out = outPort("out");
        this.wakeHandler = sim.register((t, p) -> wake());
        this.respondHandler = sim.register((t, slot) -> respond((int) slot));
        dram.setListener(this::completed);
        dram.registerStats(sim.stats(), path());
    }

    /** Call once after {@code out} is connected (the link must exist to listen for credits). */
    public void connectedOut() {
        out.onSpace(this::flush);
    }

    /** Convenience: connects request and response links and registers for credits. */
    public static void wire(OutPort<MemRequest> requests, DramDevice dev, InPort<MemResponse> responses,
                            long latencyPs, int credits) {
        Link.connect(requests, dev.in, latencyPs, credits);
        Link.connect(dev.out, responses, latencyPs, credits);
        dev.connectedOut();
    }

    /**
     * Blocked mode of a PIM channel: from now on requests wait at the port (keeping their link
     * credits, so senders stall as on a full queue) instead of entering the controllers, while
     * what is queued is still served. {@link #release()} lets them in again.
     */
    public void hold() {
        held = true;
    }

    /** Ends {@link #hold()}: waiting requests enter the controllers from now on. */
    public void release() {
        held = false;
        accept();
        scheduleWake();
    }

    public boolean held() {
        return held;
    }

    public DramSystem system() {
        return dram;
    }

    public Clock clock() {
        return clock;
    }

    private long cycleNow() {
        return clock.firstCycleAtOrAfter(sim().now());
    }

    private void arrive(MemRequest r) {
        waiting.addLast(r);
        accept();
        scheduleWake();
    }

    /**
     * Hands waiting requests to the controllers, in order, while their queues
     * have room. A request that waited for room arrives the cycle after the
     * decision that freed it (the controller has already run that cycle), as
     * with {@link DramSystem#submitBlocking}.
     */
    private void accept() {
        while (!held && !waiting.isEmpty()) {
            MemRequest r = waiting.peekFirst();
            long cycle = Math.max(cycleNow(), dram.channel(dram.mapping().channel(r.address())).now());
            if (!dram.trySubmit(r.address(), r.write(), cycle, r.tag())) {
                return;
            }
            waiting.pollFirst();
            in.release();
        }
    }

    private void wake() {
        wakeEvent = -1;
        wakeCycle = Long.MAX_VALUE;
        dram.advanceTo(cycleNow() + 1); // run this cycle's decisions
        accept();
        scheduleWake();
    }

    private void scheduleWake() {
        if (dram.queued() == 0) {
            return;
        }
        long next = Math.max(dram.nextEventCycle(), cycleNow());
        if (next == Long.MAX_VALUE || next >= wakeCycle) {
            return;
        }
        if (wakeEvent >= 0) {
            sim().cancel(wakeEvent);
        }
        wakeCycle = next;
        wakeEvent = sim().schedule(clock.timeOf(next), Priorities.DRAM_WAKE, wakeHandler, 0);
    }

    private void completed(long tag, boolean write, long arrivalCycle, long completionCycle) {
        int slot = allocSlot();
        slotTag[slot] = tag;
        slotWrite[slot] = write;
        slotAccepted[slot] = clock.timeOf(arrivalCycle);
        sim().schedule(clock.timeOf(completionCycle), respondHandler, slot);
    }

    private void respond(int slot) {
        unsent.addLast(new MemResponse(slotTag[slot], slotWrite[slot], slotAccepted[slot], sim().now()));
        freeSlots[freeCount++] = slot;
        flush();
    }

    private void flush() {
        while (!unsent.isEmpty() && out.canSend()) {
            out.send(unsent.pollFirst());
        }
    }

    private int allocSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == slotTag.length) {
            int cap = slotTag.length * 2;
            slotTag = Arrays.copyOf(slotTag, cap);
            slotWrite = Arrays.copyOf(slotWrite, cap);
            slotAccepted = Arrays.copyOf(slotAccepted, cap);
            freeSlots = Arrays.copyOf(freeSlots, cap);
        }
        return slotsUsed++;
    }
}
