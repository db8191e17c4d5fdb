package dev.bitline.sim;

/**
 * Receives the events a component scheduled for itself. The payload is a
 * primitive the component chose (a bank index, a request slot, an opcode), so
 * scheduling never allocates.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(long timePs, long payload);
}
