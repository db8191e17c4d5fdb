package dev.bitline.dram.controller;

/** Request scheduling policy. */
public enum SchedulerKind {
    /** First-ready FCFS: among ready commands, row hits first, then oldest first. */
    FRFCFS,
    /** Oldest first: each bank serves its requests in arrival order; across banks the oldest ready request wins. */
    FCFS
}
