package dev.bitline.dram.trace;

/**
 * A stream of memory requests read one at a time, so a 10^6-request trace never exists as 10^6
 * objects. The accessors describe the request the last {@link #next()} moved to.
 *
 * <p>{@link #cycle()} is the earliest DRAM cycle at which the request may enter the controller
 * (the DRAMsim3 trace's cycle field; 0 for "as soon as the feed allows").
 */
public interface RequestSource extends AutoCloseable {
    /** Moves to the next request; false at the end of the stream. */
    boolean next();

    /** Byte address of the current request. */
    long address();

    /** True for a write, false for a read. */
    boolean isWrite();

    /** Earliest DRAM cycle at which the current request may be fed to the controller. */
    long cycle();

    /** Where the current request came from, for error messages ("file:line"). */
    String location();

    @Override
    void close();
}
