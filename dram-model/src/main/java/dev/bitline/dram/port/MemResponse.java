package dev.bitline.dram.port;

/**
 * The completion of a {@link MemRequest}: its data burst (plus the
 * controller's return latency) has finished.
 *
 * @param acceptedPs  when the controller's queue took the request
 * @param completedPs when the data transfer completed
 */
public record MemResponse(long tag, boolean write, long acceptedPs, long completedPs) {
}
