package dev.bitline.rtl.gen;

import dev.bitline.rtl.hdl.Hdl;
import java.util.Map;

/**
 * The dequantize-then-MAC dot-product array that {@code bitline lut ppa} compares the LUT tile
 * against ({@code MacPpa}): rows x cols dot products of length k per cycle, int8 x int8.
 *
 * @param rows       activation rows sharing each weight ({@code ppa.mac.m})
 * @param cols       weight columns
 * @param k          dot-product length ({@code ppa.mac.k})
 * @param weightBits weight code width W (1..7, so a dequantized weight u - z fits int8)
 * @param actBits    signed activation width (the multiplier is actBits x actBits)
 * @param accBits    accumulator width
 * @param fp16       fp16 activations (the A16 baseline of {@code MacPpa}): a weight entering is
 *                   dequantized as fp16(u - z) x its column's fp16 scale, then fp16 x fp16
 *                   products, an fp16 adder tree and an fp16 accumulator, every operation rounding
 *                   to nearest even with flush-to-zero (the LUT tile's fp16 numerics);
 *                   actBits = accBits = 16
 */
public record MacArrayParams(int rows, int cols, int k, int weightBits, int actBits, int accBits, boolean fp16) {

    public static final String UNIT = "mac-array";

    public MacArrayParams {
        if (rows < 1 || cols < 1 || k < 1 || weightBits < 1 || weightBits > 7 || actBits < weightBits + 1 || actBits > 16) {
            throw Params.bad(UNIT + ": rows, cols, k >= 1, w 1..7, a w+1..16 expected, got rows=" + rows + " cols=" + cols + " k=" + k
                    + " w=" + weightBits + " a=" + actBits);
        }
        if (fp16) {
            if (actBits != 16 || accBits != 16) {
                throw Params.bad(UNIT + ": fp16=true has fp16 activations and accumulators (leave a and acc out)");
            }
        } else if (accBits < treeBits(actBits, k) || accBits > 64) {
            throw Params.bad(UNIT + ": parameter acc=" + accBits + ": expected " + treeBits(actBits, k) + "..64");
        }
    }

    /** An integer array. */
    public MacArrayParams(int rows, int cols, int k, int weightBits, int actBits, int accBits) {
        this(rows, cols, k, weightBits, actBits, accBits, false);
    }

    public static MacArrayParams parse(Map<String, String> values) {
        Params p = new Params(UNIT, values);
        int rows = p.integer("rows", 8, 1, 64);
        int cols = p.integer("cols", 1, 1, 256);
        int k = p.integer("k", 16, 1, 64);
        int w = p.integer("w", 4, 1, 7);
        boolean fp16 = p.bool("fp16", false);
        if (fp16 && (values.containsKey("a") || values.containsKey("acc"))) {
            throw Params.bad(UNIT + ": fp16=true has fp16 activations and accumulators (leave a and acc out)");
        }
        int a = p.integer("a", fp16 ? 16 : 8, 2, 16);
        int acc = p.integer("acc", fp16 ? 16 : 32, 1, 64);
        p.done();
        return new MacArrayParams(rows, cols, k, w, a, acc, fp16);
    }

    /**
     * The MAC array with the LUT tile's peak throughput at {@code weightBits}: the tile does
     * m*n*k multiply-accumulates per W cycles, so rows * cols * macK = m*n*k / W.
     */
    public static MacArrayParams matching(LutTileParams lut, int weightBits, int rows, int macK) {
        long macs = (long) lut.m() * lut.n() * lut.k();
        if (macs % ((long) weightBits * rows * macK) != 0) {
            throw Params.bad(UNIT + ": " + macs + " MACs per W=" + weightBits + " cycles do not divide into " + rows + " rows x k "
                    + macK);
        }
        int cols = (int) (macs / ((long) weightBits * rows * macK));
        return new MacArrayParams(rows, cols, macK, weightBits, lut.actBits(), lut.accBits(), lut.fp16());
    }

    /** Width of the adder tree: a product (2a bits) plus ceil(log2 k) growth. */
    public static int treeBits(int actBits, int k) {
        return 2 * actBits + (k == 1 ? 0 : Hdl.bitsFor(k - 1));
    }

    public String moduleName() {
        if (fp16) {
            return "mac_array_fp16_r" + rows + "_c" + cols + "_k" + k + "_w" + weightBits;
        }
        return "mac_array_r" + rows + "_c" + cols + "_k" + k + "_w" + weightBits + "_a" + actBits + "_acc" + accBits;
    }
}
