package dev.bitline.dram.controller;

/** How the scheduler chooses among banks that each have a ready command. */
public enum Arbitration {
    /**
     * By the scheduler's order (FR-FCFS: row hits first, then the oldest request; FCFS: the
     * oldest request), across all banks of the channel.
     */
    AGE,
    /**
     * Round-robin over the banks, as DRAMsim3's per-bank command queues do: the first bank with a
     * ready command, searching from the bank after the one that issued last. The scheduler's order
     * then only picks each bank's own command.
     */
    ROUND_ROBIN
}
