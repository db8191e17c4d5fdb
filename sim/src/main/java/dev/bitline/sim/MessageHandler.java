package dev.bitline.sim;

/** Receives a message that arrived on an {@link InPort}; the time is {@code sim.now()}. */
@FunctionalInterface
public interface MessageHandler<T> {
    void receive(T message);
}
