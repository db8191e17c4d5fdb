package dev.bitline.sim;

import dev.bitline.sim.random.RandomStreams;
import dev.bitline.sim.stats.StatsRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The event-driven simulation kernel: one timeline in picoseconds, one
 * totally ordered event queue, the registry of statistics and the seeded
 * random streams of one run.
 *
 * <p>Components register an {@link EventHandler} once and then schedule
 * primitive (handler id, payload) events. Events at the same time run by
 * priority (lower first; every level is in {@link Priorities}), then in the order they were scheduled; nothing else
 * (hash order, wall clock, thread timing) can change the order, so a run is
 * reproducible bit for bit.
 */
public final class Simulator {
    private final EventQueue queue = new EventQueue();
    private final List<EventHandler> handlers = new ArrayList<>();
    private EventHandler[] handlerArray = new EventHandler[0];
    private final StatsRegistry stats = new StatsRegistry();
    private final RandomStreams random;
    private long now;
    private long dispatched;
    private boolean stopRequested;

    public Simulator(long seed) {
        this.random = new RandomStreams(seed);
    }

    /** Current simulated time in picoseconds. */
    public long now() {
        return now;
    }

    /** Registers a handler and returns the id to schedule events for it. */
    public int register(EventHandler handler) {
        handlers.add(handler);
        handlerArray = handlers.toArray(new EventHandler[0]);
        return handlers.size() - 1;
    }

    /** Schedules an event at absolute time {@code timePs} (not in the past). */
    public long schedule(long timePs, int priority, int handlerId, long payload) {
        if (timePs < now) {
            throw new IllegalArgumentException("event at " + timePs + " ps is in the past (now " + now + " ps)");
        }
        if (handlerId < 0 || handlerId >= handlerArray.length) {
            throw new IllegalArgumentException("unknown handler id " + handlerId);
        }
        return queue.add(timePs, priority, handlerId, payload);
    }

    public long schedule(long timePs, int handlerId, long payload) {
        return schedule(timePs, Priorities.DEFAULT, handlerId, payload);
    }

    /** Schedules an event {@code delayPs} after now. */
    public long scheduleAfter(long delayPs, int priority, int handlerId, long payload) {
        if (delayPs < 0) {
            throw new IllegalArgumentException("negative delay " + delayPs);
        }
        return schedule(Math.addExact(now, delayPs), priority, handlerId, payload);
    }

    /** Schedules an event at the first edge of {@code clock} strictly after now. */
    public long scheduleAtNextEdge(Clock clock, int priority, int handlerId, long payload) {
        return schedule(clock.edgeAfter(now), priority, handlerId, payload);
    }

    /** Schedules an event at edge {@code cycle} of {@code clock}. */
    public long scheduleAtCycle(Clock clock, long cycle, int priority, int handlerId, long payload) {
        return schedule(clock.timeOf(cycle), priority, handlerId, payload);
    }

    /** Cancels a pending event; false if it already ran or was cancelled. */
    public boolean cancel(long eventId) {
        return queue.cancel(eventId);
    }

    /**
     * Runs every event at or before {@code timePs}, then sets the time to
     * {@code timePs} (unless a handler called {@link #stop()}).
     */
    public void runUntil(long timePs) {
        stopRequested = false;
        EventQueue q = queue;
        while (!q.isEmpty() && q.peekTime() <= timePs && !stopRequested) {
            dispatchNext(q);
        }
        if (!stopRequested && timePs > now) {
            now = timePs;
        }
    }

    /** Runs until no event is pending (or a handler called {@link #stop()}). */
    public void runUntilQuiet() {
        stopRequested = false;
        EventQueue q = queue;
        while (!q.isEmpty() && !stopRequested) {
            dispatchNext(q);
        }
    }

    /** Dispatches exactly one event; false when none is pending. */
    public boolean step() {
        if (queue.isEmpty()) {
            return false;
        }
        dispatchNext(queue);
        return true;
    }

    /** Makes the current run loop return after the event being handled. */
    public void stop() {
        stopRequested = true;
    }

    private void dispatchNext(EventQueue q) {
        q.poll();
        now = q.polledTime();
        dispatched++;
        handlerArray[q.polledHandler()].handle(now, q.polledPayload());
    }

    public int pendingEvents() {
        return queue.size();
    }

    /** Time of the next pending event, or {@link Long#MAX_VALUE}. */
    public long nextEventTime() {
        return queue.peekTime();
    }

    public long eventsDispatched() {
        return dispatched;
    }

    public StatsRegistry stats() {
        return stats;
    }

    public RandomStreams random() {
        return random;
    }
}
