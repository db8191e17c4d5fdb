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
 * @param fp16       fp16 activations: fp16 tables and fp16 accumulators, round to nearest even,
 *                   flush-to-zero, as lut-core's {@code Fp16Datapath} (the authors' RTL) defines
 *                   them; tables always arrive precomputed; actBits = accBits = 16
 */
public record LutTileParams(int m, int n, int k, int weightBits, int actBits, int accBits, boolean precompute, boolean fp16) {

    public static final String UNIT = "lut-tile";

    public LutTileParams {
        if (m < 1 || n < 1 || k < 2 || k > 8 || weightBits < 1 || weightBits > 8 || actBits < 2 || actBits > 16) {
            throw Params.bad(UNIT + ": m, n >= 1, k 2..8, w 1..8, a 2..16 expected, got m=" + m + " n=" + n + " k=" + k
                    + " w=" + weightBits + " a=" + actBits);
        }
        if (fp16) {
            if (precompute) {
                throw Params.bad(UNIT + ": fp16=true takes precomputed tables (precompute=false; the fp16 precompute unit is not built)");
            }
            if (actBits != 16 || accBits != 16) {
                throw Params.bad(UNIT + ": fp16=true has fp16 activations and accumulators (leave a and acc out)");
            }
        } else {
            int min = Hdl.signedBitsFor((long) k << (actBits - 1)) + weightBits - 1;
            if (accBits < min || accBits > 64) {
                throw Params.bad(UNIT + ": parameter acc=" + accBits + ": expected " + min + "..64 (one shifted table entry is "
                        + min + " bits)");
            }
        }
    }

    /** An integer-activation tile. */
    public LutTileParams(int m, int n, int k, int weightBits, int actBits, int accBits, boolean precompute) {
        this(m, n, k, weightBits, actBits, accBits, precompute, false);
    }

    public static LutTileParams parse(Map<String, String> values) {
        Params p = new Params(UNIT, values);
        int m = p.integer("m", 2, 1, 64);
        int n = p.integer("n", 64, 1, 256);
        int k = p.integer("k", 4, 2, 8);
        int w = p.integer("w", 4, 1, 8);
        boolean fp16 = p.bool("fp16", false);
        if (fp16 && (values.containsKey("a") || values.containsKey("acc"))) {
            throw Params.bad(UNIT + ": fp16=true has fp16 activations and accumulators (leave a and acc out)");
        }
        int a = p.integer("a", fp16 ? 16 : 8, 2, 16);
        int acc = p.integer("acc", fp16 ? 16 : 32, 1, 64);
        boolean pre = p.bool("precompute", !fp16);
        p.done();
        return new LutTileParams(m, n, k, w, a, acc, pre, fp16);
    }

    /** Stored entries per table (symmetrized: the sign index bit is recovered, not stored). */
    public int entries() {
        return 1 << (k - 1);
    }

    /** Bits of a table entry: every sum of k terms +-a, a in [-2^(a-1), 2^(a-1) - 1], fits. */
    public int tableBits() {
        if (fp16) {
            return 16;
        }
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
        if (fp16) {
            return "lut_tile_fp16_m" + m + "_n" + n + "_k" + k + "_w" + weightBits;
        }
        return "lut_tile_m" + m + "_n" + n + "_k" + k + "_w" + weightBits + "_a" + actBits + "_acc" + accBits
                + (precompute ? "" : "_fused");
    }
}
