package dev.bitline.dram.address;

import dev.bitline.dram.spec.Organization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Physical address -> (channel, pseudo-channel, rank, bank group, bank, row, column) by bit
 * fields, given MSB to LSB as a string of field names: {@code "ro-ba-bg-ra-co-ch"}. Names:
 * {@code ch} channel, {@code pc} pseudo-channel, {@code ra} rank, {@code bg} bank group,
 * {@code ba} bank, {@code ro} row, {@code co} column (in bursts). Dashes are optional
 * ({@code "rochrababgco"}, DRAMsim3 style, also parses). Every field whose level has more than one
 * element must appear exactly once; fields of size-1 levels may be omitted. The lowest
 * log2(burstBytes) bits are the offset inside one burst and are ignored.
 *
 * <p>Optional XOR bank hashing ({@code xorBankWithRow}): the bank-group and bank indices are
 * XORed with the lowest row bits, which spreads row-conflicting strides over banks. The mapping
 * stays a bijection (decode then encode returns the original address).
 *
 * <p>Decoding is allocation-free: one method per field.
 */
public final class AddressMapping {
    /** Field identifiers, in {@link #decode} order. */
    public static final int CH = 0, PC = 1, RA = 2, BG = 3, BA = 4, RO = 5, CO = 6;
    private static final String[] NAMES = {"ch", "pc", "ra", "bg", "ba", "ro", "co"};

    private final String pattern;
    private final int[] shift = new int[7];
    private final int[] bits = new int[7];
    private final long[] mask = new long[7];
    private final int offsetBits;
    private final long capacity;
    private final boolean xor;

    public AddressMapping(Organization o, String pattern, boolean xorBankWithRow) {
        this.pattern = pattern;
        this.xor = xorBankWithRow;
        int[] size = {o.channels(), o.pseudoChannels(), o.ranks(), o.bankGroups(), o.banksPerGroup(),
                o.rows(), o.burstsPerRow()};
        for (int f = 0; f < 7; f++) bits[f] = Integer.numberOfTrailingZeros(size[f]);
        List<Integer> order = parse(pattern);
        boolean[] seen = new boolean[7];
        for (int f : order) seen[f] = true;
        for (int f = 0; f < 7; f++) {
            if (!seen[f] && bits[f] > 0) {
                throw new IllegalArgumentException("address mapping '" + pattern + "' lacks field '" + NAMES[f]
                        + "' (the organization has " + size[f] + " of them; expected fields from "
                        + Arrays.toString(NAMES) + ", MSB to LSB)");
            }
        }
        offsetBits = Integer.numberOfTrailingZeros(o.burstBytes());
        int s = offsetBits;
        for (int i = order.size() - 1; i >= 0; i--) {
            int f = order.get(i);
            shift[f] = s;
            mask[f] = (1L << bits[f]) - 1;
            s += bits[f];
        }
        if (s > 62) throw new IllegalArgumentException("address space of " + s + " bits is too large");
        capacity = 1L << s;
        if (capacity != o.totalBytes()) {
            throw new IllegalStateException("mapping covers " + capacity + " bytes, organization " + o.totalBytes());
        }
    }

    private static List<Integer> parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("address mapping is empty (expected e.g. \"ro-ba-bg-ra-co-ch\")");
        }
        String p = pattern.replace("-", "").replace("_", "").trim().toLowerCase();
        if (p.length() % 2 != 0) {
            throw new IllegalArgumentException("address mapping '" + pattern
                    + "': expected two-letter fields (ch, pc, ra, bg, ba, ro, co) separated by '-'");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < p.length(); i += 2) {
            String t = p.substring(i, i + 2);
            int f = Arrays.asList(NAMES).indexOf(t);
            if (f < 0) {
                throw new IllegalArgumentException("address mapping '" + pattern + "': unknown field '" + t
                        + "' (expected ch, pc, ra, bg, ba, ro, co)");
            }
            if (order.contains(f)) {
                throw new IllegalArgumentException("address mapping '" + pattern + "': field '" + t + "' appears twice");
            }
            order.add(f);
        }
        return order;
    }

    public String pattern() {
        return pattern;
    }

    /** Addressable bytes; valid addresses are [0, capacity). */
    public long capacity() {
        return capacity;
    }

    /** Bytes per burst (the request granularity). */
    public int burstBytes() {
        return 1 << offsetBits;
    }

    /** Throws IllegalArgumentException if {@code addr} is outside [0, capacity). */
    public void check(long addr) {
        if (addr < 0 || addr >= capacity) {
            throw new IllegalArgumentException(String.format(
                    "address 0x%x is beyond the memory capacity of 0x%x bytes (%d MiB)", addr, capacity, capacity >> 20));
        }
    }

    private long raw(long addr, int f) {
        return (addr >>> shift[f]) & mask[f];
    }

    public int channel(long addr) {
        return (int) raw(addr, CH);
    }

    public int pseudoChannel(long addr) {
        return (int) raw(addr, PC);
    }

    public int rank(long addr) {
        return (int) raw(addr, RA);
    }

    public int row(long addr) {
        return (int) raw(addr, RO);
    }

    public int column(long addr) {
        return (int) raw(addr, CO);
    }

    public int bankGroup(long addr) {
        long v = raw(addr, BG);
        if (xor) v ^= raw(addr, RO) & mask[BG];
        return (int) v;
    }

    public int bank(long addr) {
        long v = raw(addr, BA);
        if (xor) v ^= (raw(addr, RO) >>> bits[BG]) & mask[BA];
        return (int) v;
    }

    /** Field {@code f} ({@link #CH} .. {@link #CO}) of {@code addr}, after hashing. */
    public int field(long addr, int f) {
        return switch (f) {
            case BG -> bankGroup(addr);
            case BA -> bank(addr);
            default -> (int) raw(addr, f);
        };
    }

    /** The burst-aligned address of a location (inverse of the field getters). */
    public long encode(int ch, int pc, int ra, int bg, int ba, int ro, int co) {
        long rawBg = bg, rawBa = ba;
        if (xor) {
            rawBg ^= ro & mask[BG];
            rawBa ^= ((long) ro >>> bits[BG]) & mask[BA];
        }
        long[] v = {ch, pc, ra, rawBg, rawBa, ro, co};
        long a = 0;
        for (int f = 0; f < 7; f++) {
            if (v[f] < 0 || v[f] > mask[f]) {
                throw new IllegalArgumentException(NAMES[f] + " = " + v[f] + " out of range 0.." + mask[f]);
            }
            a |= v[f] << shift[f];
        }
        return a;
    }

    @Override
    public String toString() {
        return "AddressMapping[" + pattern + (xor ? ", xor" : "") + "]";
    }
}
