package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitline.dram.address.AddressMapping;
import dev.bitline.dram.spec.Organization;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AddressMappingTest {
    // 2 channels, 2 pseudo-channels, 2 ranks, 4 bank groups x 4 banks, 1024 rows, 512 columns, BL8, 64-bit
    static final Organization ORG = new Organization(2, 2, 2, 4, 4, 1024, 512, 8, 64, 8, 2);

    @Property(tries = 300, seed = "20261125")
    void decodeEncodeRoundTrip(@ForAll @LongRange(min = 0, max = (1L << 30) - 1) long line,
            @ForAll boolean xor) {
        AddressMapping m = new AddressMapping(ORG, "ro-ba-bg-pc-ra-co-ch", xor);
        long addr = line * 64 % m.capacity();
        long back = m.encode(m.channel(addr), m.pseudoChannel(addr), m.rank(addr), m.bankGroup(addr),
                m.bank(addr), m.row(addr), m.column(addr));
        assertEquals(addr, back);
    }

    @Property(tries = 200, seed = "20261125")
    void encodeDecodeRoundTrip(@ForAll @IntRange(min = 0, max = 1) int ch, @ForAll @IntRange(min = 0, max = 3) int bg,
            @ForAll @IntRange(min = 0, max = 3) int ba, @ForAll @IntRange(min = 0, max = 1023) int ro,
            @ForAll @IntRange(min = 0, max = 63) int co, @ForAll boolean xor) {
        AddressMapping m = new AddressMapping(ORG, "rochrababgpcco", xor);
        long a = m.encode(ch, 1, 0, bg, ba, ro, co);
        assertEquals(ch, m.channel(a));
        assertEquals(1, m.pseudoChannel(a));
        assertEquals(bg, m.bankGroup(a));
        assertEquals(ba, m.bank(a));
        assertEquals(ro, m.row(a));
        assertEquals(co, m.column(a));
    }

    @Test
    void fieldOrderIsMsbToLsb() {
        Organization o = new Organization(1, 1, 1, 4, 4, 65536, 1024, 8, 64, 8, 2);
        AddressMapping m = new AddressMapping(o, "ro-ba-bg-co", false);
        assertEquals(8L << 30, m.capacity());
        assertEquals(1, m.column(64), "column sits right above the 64-byte burst offset");
        assertEquals(1, m.bankGroup(64L * 128));
        assertEquals(1, m.bank(64L * 128 * 4));
        assertEquals(1, m.row(64L * 128 * 16));
    }

    @Test
    void xorSpreadsRowsOverBanks() {
        Organization o = new Organization(1, 1, 1, 4, 4, 65536, 1024, 8, 64, 8, 2);
        AddressMapping plain = new AddressMapping(o, "ro-ba-bg-co", false);
        AddressMapping xor = new AddressMapping(o, "ro-ba-bg-co", true);
        long rowStride = 64L * 128 * 16;
        assertEquals(plain.bankGroup(0), plain.bankGroup(rowStride));
        assertNotEquals(xor.bankGroup(0), xor.bankGroup(rowStride));
    }

    @Test
    void errors() {
        AddressMapping m = new AddressMapping(ORG, "ro-ba-bg-pc-ra-co-ch", false);
        assertThrows(IllegalArgumentException.class, () -> m.check(m.capacity()));
        assertThrows(IllegalArgumentException.class, () -> m.check(-1));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new AddressMapping(ORG, "ro-ba-bg-co-ch", false));
        assertTrue(missing.getMessage().contains("'pc'"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AddressMapping(ORG, "ro-ro-ba-bg-pc-ra-co-ch", false));
        assertThrows(IllegalArgumentException.class, () -> new AddressMapping(ORG, "ro-xx-ba-bg-pc-ra-co-ch", false));
        assertThrows(IllegalArgumentException.class, () -> m.encode(2, 0, 0, 0, 0, 0, 0));
    }
}
