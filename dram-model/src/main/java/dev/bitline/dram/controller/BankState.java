package dev.bitline.dram.controller;

/** What a bank is doing, as the controller sees it (see {@link Controller#bankState}). */
public enum BankState {
    /** Precharged: an ACT may open a row. */
    CLOSED,
    /** A row is open in the row buffer. */
    ROW_OPEN,
    /** An all-bank, per-bank or same-bank refresh covering this bank is in progress. */
    REFRESHING,
    /** The bank's rank is in power-down. */
    POWERED_DOWN
}
