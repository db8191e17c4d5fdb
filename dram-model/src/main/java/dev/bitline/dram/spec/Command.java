package dev.bitline.dram.spec;

/**
 * The DRAM command vocabulary shared by every standard. A standard's YAML lists the subset it
 * supports; the timing table may only mention those.
 *
 * <p>{@link #target()} says what a command addresses: one bank, the same bank index in every bank
 * group of a rank (DDR5 REFsb), or a whole rank (or HBM pseudo-channel).
 */
public enum Command {
    /** Activate: open a row in one bank. */
    ACT(Target.BANK),
    /** Precharge one bank. */
    PRE(Target.BANK),
    /** Precharge all banks of a rank. */
    PREA(Target.RANK),
    RD(Target.BANK),
    WR(Target.BANK),
    /** Read with auto-precharge. */
    RDA(Target.BANK),
    /** Write with auto-precharge. */
    WRA(Target.BANK),
    /** All-bank refresh (DDR4 REF, DDR5 REFab, LPDDR5 REFab, HBM REF). */
    REFab(Target.RANK),
    /** Per-bank refresh (LPDDR5, HBM, GDDR6). */
    REFpb(Target.BANK),
    /** Same-bank refresh (DDR5): refreshes bank index b in every bank group of the rank. */
    REFsb(Target.SAME_BANK),
    /** Power-down entry (CKE low). */
    PDE(Target.RANK),
    /** Power-down exit (CKE high). */
    PDX(Target.RANK),
    /** Self-refresh entry. */
    SRE(Target.RANK),
    /** Self-refresh exit. */
    SRX(Target.RANK);

    /** What a command addresses. */
    public enum Target { BANK, SAME_BANK, RANK }

    private final Target target;

    Command(Target target) {
        this.target = target;
    }

    public Target target() {
        return target;
    }

    public boolean isRead() {
        return this == RD || this == RDA;
    }

    public boolean isWrite() {
        return this == WR || this == WRA;
    }

    public boolean isColumn() {
        return this == RD || this == RDA || this == WR || this == WRA;
    }

    public boolean isRefresh() {
        return this == REFab || this == REFpb || this == REFsb;
    }

    private static final Command[] VALUES = values();

    /** Cached values() for hot paths (values() clones). */
    public static Command of(int ordinal) {
        return VALUES[ordinal];
    }

    public static final int COUNT = VALUES.length;

    /** Parses the exact enum name (case-sensitive first, then case-insensitive). */
    public static Command parse(String s) {
        for (Command c : VALUES) if (c.name().equals(s)) return c;
        for (Command c : VALUES) if (c.name().equalsIgnoreCase(s)) return c;
        throw new IllegalArgumentException("unknown DRAM command '" + s + "' (expected one of "
                + java.util.Arrays.toString(VALUES) + ")");
    }
}
