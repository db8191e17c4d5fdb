package dev.bitline.pim.channel;

/**
 * The logical steps of a PIM program, before the channel turns them into DRAM commands (an
 * {@link #OPEN} becomes a PREA and an all-bank or per-bank ACT as needed; a refresh in between
 * makes the channel re-open the row the program is in).
 */
public enum StepKind {
    /** Write one column of the input chunk into the global buffer (WR_GB, over the data bus). */
    LOAD,
    /** Have the given DRAM row open in every bank. */
    OPEN,
    /** One all-unit MAC command on a column of the open row. */
    MAC,
    /** Apply the activation function to every result register of a block (AF), before its readout. */
    ACTIVATE,
    /** Read one burst of result registers back to the host (RD_MAC, over the data bus). */
    READ,
    /** Close every bank at the end (PREA). */
    CLOSE
}
