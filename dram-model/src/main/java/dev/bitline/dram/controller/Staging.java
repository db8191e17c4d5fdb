package dev.bitline.dram.controller;

/** Which first-level request moves into its bank queue each cycle (with {@code bankQueueDepth > 0}). */
public enum Staging {
    /** The oldest staged request, read or write, whose bank queue has room (Bitline's default). */
    OLDEST,
    /**
     * DRAMsim3's separate read queue and write buffer: reads move (oldest first whose bank queue
     * has room) until a write drain starts, when the write buffer is full or holds more than 8
     * writes while every bank queue is empty; the drain then moves as many writes as were
     * buffered when it started, oldest first, before reads move again (its
     * {@code Controller::ScheduleTransaction}).
     */
    WRITE_DRAIN
}
