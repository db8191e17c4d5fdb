package dev.bitline.dram.spec;

/** How a channel's commands reach the devices. */
public enum CommandBus {
    /** One command bus: at most one command per cycle per channel (DDR4/5, LPDDR5, GDDR6). */
    SINGLE,
    /**
     * Separate row and column command buses (HBM): per cycle at most one row command (ACT, PRE,
     * PREA, refresh, power-down) and one column command (RD, WR, RDA, WRA).
     */
    ROW_COLUMN
}
