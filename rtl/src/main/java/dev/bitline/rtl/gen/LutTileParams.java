package dev.bitline.rtl.gen;

import dev.bitline.rtl.hdl.Hdl;
import java.util.Map;

/**
 * A LUT Tensor Core tile: an M x N array of processing elements sharing M symmetrized tables
 * (one per row, broadcast along N) and N columns of K weights (broadcast along M).
 *
 * @param m          rows (activation rows, one table each)
 * @param n          columns (output channels)
 * @param k          activations per table = the table group g (2..8); a table has 2^(k-1) entries
 * @param weightBits the widest weight, in bit planes (1..8); a group takes 1..weightBits cycles
 * @param actBits    signed integer activation width (2..16)
 * @param accBits    accumulator width (wraps, two's complement)
 * @param precompute the tile builds its tables from activations (the precompute unit); false:
 *                   tables arrive precomputed (precompute fused into the previous operator)
 */
public record LutTileParams(int m, int n, int k, int weightBits, int actBits, int accBits, boolean precompute) {

    public static final String UNIT = "lut-tile";

    public LutTileParams {
        if (m < 1 || n < 1 || k < 2 || k > 8 || weightBits < 1 || weightBits > 8 || actBits < 2 || actBits > 16) {
            throw Params.bad(UNIT + ": m, n >= 1, k 2..8, w 1..8, a 2..16 expected, got m=" + m + " n=" + n + " k=" + k
                    + " w=" + weightBits + " a=" + actBits);
        }
        int min = Hdl.signedBitsFor((long) k << (actBits - 1)) + weightBits - 1;
        if (accBits < min || accBits > 64) {
            throw Params.bad(UNIT + ": parameter acc=" + accBits + ": expected " + min + "..64 (one shifted table entry is "
                    + min + " bits)");
        }
    }

    public static LutTileParams parse(Map<String, String> values) {
        Params p = new Params(UNIT, values);
        int m = p.integer("m", 2, 1, 64);
        int n = p.integer("n", 64, 1, 256);
        int k = p.integer("k", 4, 2, 8);
        int w = p.integer("w", 4, 1, 8);
        int a = p.integer("a", 8, 2, 16);
        int acc = p.integer("acc", 32, 1, 64);
        boolean pre = p.bool("precompute", true);
        p.done();
        return new LutTileParams(m, n, k, w, a, acc, pre);
    }

    /** Stored entries per table (symmetrized: the sign index bit is recovered, not stored). */
    public int entries() {
        return 1 << (k - 1);
    }

    /** Bits of a table entry: every sum of k terms +-a, a in [-2^(a-1), 2^(a-1) - 1], fits. */
    public int tableBits() {
        return Hdl.signedBitsFor((long) k << (actBits - 1));
    }

    /** Bits of a plane counter. */
    public int planeBits() {
        return Hdl.bitsFor(weightBits - 1);
    }

    /** Width of a table entry shifted by the highest plane. */
    public int shiftedBits() {
        return tableBits() + weightBits - 1;
    }

    public String moduleName() {
        return "lut_tile_m" + m + "_n" + n + "_k" + k + "_w" + weightBits + "_a" + actBits + "_acc" + accBits
                + (precompute ? "" : "_fused");
    }
}
