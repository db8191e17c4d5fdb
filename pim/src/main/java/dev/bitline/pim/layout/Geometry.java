package dev.bitline.pim.layout;

import dev.bitline.dram.spec.Organization;
import dev.bitline.pim.config.Placement;

/**
 * The shape of a PIM system as the mapping sees it: channels, rank units (HBM pseudo-channels)
 * per channel, banks, rows, the bytes of one column access, and how many banks one compute unit
 * serves.
 *
 * @param channels independent DRAM channels
 * @param rankUnits pseudo-channels x ranks per channel; every one runs its own PIM program
 * @param bankGroups bank groups per rank unit
 * @param banksPerGroup banks per bank group
 * @param rows rows per bank
 * @param columnsPerRow column accesses per row
 * @param columnBytes bytes of one column access (the burst: 32 B on GDDR6 and HBM)
 * @param banksPerUnit banks one compute unit serves (1 per-bank, 2 bank-pair, ...)
 */
public record Geometry(int channels, int rankUnits, int bankGroups, int banksPerGroup, int rows,
        int columnsPerRow, int columnBytes, int banksPerUnit) {

    public Geometry {
        if (channels < 1 || rankUnits < 1 || bankGroups < 1 || banksPerGroup < 1 || rows < 1 || columnsPerRow < 1
                || columnBytes < 1 || banksPerUnit < 1) {
            throw new IllegalArgumentException("geometry values must be positive");
        }
        if ((bankGroups * banksPerGroup) % banksPerUnit != 0) {
            throw new IllegalArgumentException("banks per unit " + banksPerUnit + " must divide the "
                    + bankGroups * banksPerGroup + " banks of a rank unit");
        }
    }

    public static Geometry of(Organization o, Placement placement) {
        int bpr = o.bankGroups() * o.banksPerGroup();
        return new Geometry(o.channels(), o.rankUnits(), o.bankGroups(), o.banksPerGroup(), o.rows(),
                o.burstsPerRow(), o.burstBytes(), placement.banksPerUnit(o.banksPerGroup(), bpr));
    }

    public int banksPerRankUnit() {
        return bankGroups * banksPerGroup;
    }

    /** Compute units of one rank unit. */
    public int unitsPerRankUnit() {
        return banksPerRankUnit() / banksPerUnit;
    }

    /** Every bank of the system. */
    public int totalBanks() {
        return channels * rankUnits * banksPerRankUnit();
    }

    public int totalUnits() {
        return channels * rankUnits * unitsPerRankUnit();
    }

    public int rowBytes() {
        return columnsPerRow * columnBytes;
    }

    /**
     * Bank (within its rank unit) that unit {@code u} reads for a MAC command of {@code phase}
     * (0 .. banksPerUnit-1). A unit serving the whole rank unit walks bank groups fastest, so its
     * single-bank MACs meet tCCD_S rather than tCCD_L.
     */
    public int bankOf(int u, int phase) {
        if (banksPerUnit == banksPerRankUnit() && bankGroups > 1) {
            return (phase % bankGroups) * banksPerGroup + phase / bankGroups;
        }
        return u * banksPerUnit + phase;
    }
}
