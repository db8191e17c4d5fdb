package dev.bitline.pim.config;

/**
 * Where a device's compute units sit, which fixes how many banks one unit serves and so how many
 * columns one all-unit MAC command reads per channel.
 */
public enum Placement {
    /** A unit per bank next to its row buffer (PIM-GPT, GDDR6-AiM, AttAcc per-bank). */
    BANK,
    /** A unit per two banks, alternating between its even and odd bank (Samsung HBM-PIM). */
    BANK_PAIR,
    /** A unit per bank group behind the bank-group I/O mux (AttAcc per-bank-group). */
    BANK_GROUP,
    /** A unit per pseudo-channel on the HBM buffer die, behind the TSVs (AttAcc buffer-die). */
    BUFFER_DIE,
    /** A unit per pseudo-channel on the HBM logic die with extra TSVs (Duplex Logic-PIM). */
    LOGIC_DIE;

    /** Banks one unit serves, given the organization of one rank unit. */
    public int banksPerUnit(int banksPerGroup, int banksPerRank) {
        return switch (this) {
            case BANK -> 1;
            case BANK_PAIR -> 2;
            case BANK_GROUP -> banksPerGroup;
            case BUFFER_DIE, LOGIC_DIE -> banksPerRank;
        };
    }
}
