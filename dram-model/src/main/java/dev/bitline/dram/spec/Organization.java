package dev.bitline.dram.spec;

import dev.bitline.sim.config.Default;

/**
 * How one memory system of a standard is organized. Counts are per parent level: ranks per
 * (pseudo-)channel, bank groups per rank, banks per bank group. {@code rows} and {@code columns}
 * are per bank of one device; {@code columns} counts column addresses (device-width words), so one
 * burst covers {@code burstLength} of them.
 *
 * @param channels independent channels (own command and data bus each); a DDR5 DIMM has two
 *     32-bit sub-channels, modelled as two channels
 * @param pseudoChannels HBM pseudo-channels per channel (1 where the standard has none): they
 *     share the channel's command bus but have their own banks and data bus
 * @param ranks ranks per (pseudo-)channel
 * @param bankGroups bank groups per rank (1 where the standard has none)
 * @param banksPerGroup banks per bank group
 * @param rows rows per bank
 * @param columns column addresses per row (per device)
 * @param deviceWidth data pins per device (x4, x8, x16, ...)
 * @param busWidth data bus width in bits of one (pseudo-)channel; busWidth / deviceWidth devices
 *     form a rank
 * @param burstLength beats per burst (BL)
 * @param transfersPerCycle data beats per clock cycle tCK (2 for DDR; 4 or 8 where tCK is a slower
 *     command clock, as in LPDDR5 and GDDR6)
 */
public record Organization(
        int channels,
        @Default("1") int pseudoChannels,
        int ranks,
        int bankGroups,
        int banksPerGroup,
        int rows,
        int columns,
        int deviceWidth,
        int busWidth,
        int burstLength,
        @Default("2") int transfersPerCycle) {

    public Organization {
        positive("channels", channels);
        positive("pseudoChannels", pseudoChannels);
        positive("ranks", ranks);
        positive("bankGroups", bankGroups);
        positive("banksPerGroup", banksPerGroup);
        powerOfTwo("rows", rows);
        powerOfTwo("columns", columns);
        powerOfTwo("deviceWidth", deviceWidth);
        powerOfTwo("busWidth", busWidth);
        powerOfTwo("burstLength", burstLength);
        positive("transfersPerCycle", transfersPerCycle);
        powerOfTwo("channels", channels);
        powerOfTwo("pseudoChannels", pseudoChannels);
        powerOfTwo("ranks", ranks);
        powerOfTwo("bankGroups", bankGroups);
        powerOfTwo("banksPerGroup", banksPerGroup);
        if (busWidth % deviceWidth != 0) {
            throw new IllegalArgumentException(
                    "busWidth " + busWidth + " is not a multiple of deviceWidth " + deviceWidth);
        }
        if (columns < burstLength) {
            throw new IllegalArgumentException(
                    "columns " + columns + " smaller than burstLength " + burstLength);
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) throw new IllegalArgumentException(name + " must be > 0, got " + v);
    }

    private static void powerOfTwo(String name, int v) {
        if (v <= 0 || Integer.bitCount(v) != 1) {
            throw new IllegalArgumentException(name + " must be a power of two, got " + v);
        }
    }

    /** Banks per rank. */
    public int banksPerRank() {
        return bankGroups * banksPerGroup;
    }

    /** Devices that form one rank. */
    public int devicesPerRank() {
        return busWidth / deviceWidth;
    }

    /** Bytes moved by one burst (one RD or WR): the access granularity. */
    public int burstBytes() {
        return busWidth / 8 * burstLength;
    }

    /** Bursts (column commands) per row. */
    public int burstsPerRow() {
        return columns / burstLength;
    }

    /** Density of one device in bits. */
    public long deviceBits() {
        return (long) rows * columns * deviceWidth * banksPerRank();
    }

    /** Row-buffer (page) size of one device in bytes. */
    public int pageBytesPerDevice() {
        return columns * deviceWidth / 8;
    }

    /** Capacity of one channel in bytes (all pseudo-channels and ranks). */
    public long channelBytes() {
        return (long) pseudoChannels * ranks * banksPerRank() * rows * burstsPerRow() * burstBytes();
    }

    /** Capacity of the whole system in bytes. */
    public long totalBytes() {
        return channels * channelBytes();
    }

    /** Rank units per channel: the level at which rank-scoped timing (tRRD, tFAW, refresh) acts. */
    public int rankUnits() {
        return pseudoChannels * ranks;
    }
}
