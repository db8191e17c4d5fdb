package dev.bitline.dram.controller;

/** When a queued request gives back its read- or write-queue slot (admission capacity). */
public enum SlotRelease {
    /** When its column command (RD / WR) issues: the request occupies its slot until it is served (DRAMsim3, Bitline's default). */
    COLUMN,
    /**
     * When the ACT opening its row issues, as Ramulator 2.1 does: the request moves from the read
     * or write buffer into the bank's "active" buffer, so the slot takes a new arrival while the
     * activated request still waits for its column command. Row hits keep their slot until served.
     */
    ACT
}
