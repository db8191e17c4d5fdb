package dev.bitline.dram.spec;

/**
 * What one command addresses, from one bank up to the whole channel. The timing engine, the
 * checker and the energy model derive from it which banks a command covers; a bank- or
 * bank-group-scope rule between two commands applies where their covered banks overlap.
 */
public enum Target {
    /** One bank (ACT, PRE, RD, WR, REFpb). */
    BANK,
    /** A bank and its pair partner in the same bank group (banks 2k and 2k+1): LPDDR5 pair refresh, PIM units shared by two banks. */
    BANK_PAIR,
    /** Every bank of one bank group. */
    BANKGROUP,
    /** Bank index b in every bank group of the rank (DDR5 REFsb). */
    SAME_BANK,
    /** Every bank of one rank (HBM: one pseudo-channel): PREA, REFab, PDE, PDX. */
    RANK,
    /** Every rank of the channel (PIM broadcast commands). */
    CHANNEL;

    /** True if the command covers every bank of (at least) a rank. */
    public boolean wholeRank() {
        return this == RANK || this == CHANNEL;
    }
}
