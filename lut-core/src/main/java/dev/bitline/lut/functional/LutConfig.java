package dev.bitline.lut.functional;

/**
 * Parameters of the LUT mpGEMM datapath.
 *
 * @param g          activations per table (table index width), 1..8; 4 in LUT Tensor Core and T-MAC
 * @param symmetric  symmetrized tables: weights reinterpreted so every bit reads -1/+1, only
 *                   2^(g-1) entries stored, sign recovered from one index bit
 * @param signBit    which index bit is the sign (symmetric tables only)
 * @param table      stored entry precision
 */
public record LutConfig(int g, boolean symmetric, SignBit signBit, TablePrecision table) {

    /** LUT Tensor Core: g = 4, symmetrized, sign in the top bit, exact tables. */
    public static final LutConfig DEFAULT = new LutConfig(4, true, SignBit.TOP, TablePrecision.EXACT);

    public LutConfig {
        if (g < 1 || g > 8) {
            throw new IllegalArgumentException("activation group g must be 1..8, got " + g);
        }
        if (signBit == null || table == null) {
            throw new IllegalArgumentException("signBit and table must be given");
        }
    }

    /** Entries stored per table: 2^g, or 2^(g-1) when symmetrized. */
    public int storedEntries() {
        return symmetric ? 1 << (g - 1) : 1 << g;
    }

    public LutConfig withG(int newG) {
        return new LutConfig(newG, symmetric, signBit, table);
    }

    public LutConfig withSymmetric(boolean s) {
        return new LutConfig(g, s, signBit, table);
    }

    public LutConfig withSignBit(SignBit s) {
        return new LutConfig(g, symmetric, s, table);
    }

    public LutConfig withTable(TablePrecision t) {
        return new LutConfig(g, symmetric, signBit, t);
    }
}
