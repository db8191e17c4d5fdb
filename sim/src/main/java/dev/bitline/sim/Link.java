package dev.bitline.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A point-to-point channel from an {@link OutPort} to an {@link InPort} with a
 * fixed latency and a number of credits (the receiver's buffer slots).
 *
 * <p>A send takes a credit; the receiver gives it back with
 * {@link InPort#release()} and the sender sees it one latency later, as a
 * credit-based flow-control wire would. Messages arrive in send order.
 */
public final class Link<T> {
    private static final long DELIVER = 0;
    private static final long CREDIT = 1;

    private final Simulator sim;
    private final InPort<T> to;
    private final long latencyPs;
    private final int handlerId;
    private final ArrayDeque<T> inFlight = new ArrayDeque<>();
    private final List<Runnable> spaceListeners = new ArrayList<>();
    private int credits;

    private Link(Simulator sim, InPort<T> to, long latencyPs, int capacity) {
        this.sim = sim;
        this.to = to;
        this.latencyPs = latencyPs;
        this.credits = capacity;
        this.handlerId = sim.register(this::onEvent);
    }

    /**
     * Connects {@code from} to {@code to}.
     *
     * @param latencyPs time from send to arrival, and from release to the credit's return
     * @param capacity  messages that may be sent and not yet released
     */
    public static <T> Link<T> connect(OutPort<T> from, InPort<T> to, long latencyPs, int capacity) {
        if (latencyPs < 0) {
            throw new IllegalArgumentException("negative link latency " + latencyPs);
        }
        if (capacity <= 0) {
            throw new IllegalArgumentException("link capacity must be positive, got " + capacity);
        }
        if (from.link != null || to.link != null) {
            throw new IllegalStateException("port already connected: " + (from.link != null ? from.path() : to.path()));
        }
        Simulator sim = simOf(from, to);
        Link<T> link = new Link<>(sim, to, latencyPs, capacity);
        from.link = link;
        to.link = link;
        return link;
    }

    private static Simulator simOf(OutPort<?> from, InPort<?> to) {
        if (from.sim() != to.sim()) {
            throw new IllegalArgumentException(from.path() + " and " + to.path() + " belong to different simulators");
        }
        return from.sim();
    }

    public long latencyPs() {
        return latencyPs;
    }

    boolean hasCredit() {
        return credits > 0;
    }

    void send(T message) {
        if (credits == 0) {
            throw new IllegalStateException("send without credit to " + to.path());
        }
        credits--;
        inFlight.addLast(message);
        sim.scheduleAfter(latencyPs, Priorities.DEFAULT, handlerId, DELIVER);
    }

    void returnCredit() {
        sim.scheduleAfter(latencyPs, Priorities.DEFAULT, handlerId, CREDIT);
    }

    void addSpaceListener(Runnable r) {
        spaceListeners.add(r);
    }

    private void onEvent(long time, long kind) {
        if (kind == DELIVER) {
            to.deliver(inFlight.removeFirst());
        } else {
            credits++;
            for (int i = 0; i < spaceListeners.size(); i++) {
                spaceListeners.get(i).run();
            }
        }
    }
}
