package dev.bitline.pim.channel;

/**
 * Where the cycles of a PIM run go, per rank unit, summed over rank units. {@link #COMPUTE} is
 * MAC commands at the unit's peak rate; everything else is time lost against peak.
 */
public enum Loss {
    /** MAC commands at the unit's peak rate. */
    COMPUTE,
    /** MAC commands spaced wider than the unit's peak period by the timing table (tCCD, power limit). */
    MAC_SPACING,
    /** Precharge and activate between DRAM rows (tRAS, tRP, tRCD before the first MAC). */
    ROW_SWITCH,
    /** Writing input chunks into the global buffer over the channel bus. */
    BUFFER_LOAD,
    /** Reading result registers back over the channel bus, and the last burst's latency. */
    READOUT,
    /** Precharge and refresh for REFab, and the re-activate after it. */
    REFRESH
}
