package dev.bitline.dram.controller;

/** Which refresh command the controller uses. */
public enum RefreshMode {
    /** REFab every tREFI per rank. */
    ALLBANK,
    /** REFpb to one bank at a time, round robin, every tREFIpb per rank (LPDDR5, HBM). */
    PERBANK,
    /** REFsb to one bank index in all bank groups, round robin, every tREFIsb per rank (DDR5). */
    SAMEBANK,
    /** No refresh (for experiments only: violates retention). */
    NONE
}
