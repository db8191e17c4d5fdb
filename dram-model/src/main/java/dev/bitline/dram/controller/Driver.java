package dev.bitline.dram.controller;

/**
 * The time loop of a {@link Controller}: which cycles it visits and the decision it runs in each.
 * Both drivers run the same parts (queues, refresh manager, row policy, power-down, command
 * buses, the scheduler's candidate choice and order, the issue) and must emit the identical
 * command trace; they differ only in how they find the next decision. Chosen once, at
 * construction ({@link ControllerConfig#ticked()}): {@link EventDriver} (the product path) or
 * {@link TickedReference} (the test oracle); no product path asks which one runs.
 */
sealed interface Driver permits EventDriver, TickedReference {

    /** Cycle of the next decision ({@link Long#MAX_VALUE}: nothing can happen without an arrival). */
    long nextDecision();

    /** Runs the decision of {@link #nextDecision()} and moves the controller past it. */
    void step();

    /**
     * Runs every decision before {@code cycle} (one call per advance: the loop is the driver's
     * own); does nothing unless {@link #nextDecision()} {@code < cycle}, which callers may test first.
     */
    void advanceTo(long cycle);

    /** A request was queued to flat bank {@code bank} at {@code cycle} (every decision before it has run). */
    void arrived(int bank, long cycle);

    /** The queues were full at {@code t}: the next cycle an arrival may find room. */
    long nextArrivalTry(long t);

    /** A command was issued through the hook at {@code cycle}, ahead of that cycle's decision. */
    void issuedExternally(long cycle);
}
