package dev.bitline.rtl.gen;

import dev.bitline.pim.mac.InputFormat;
import java.util.Locale;
import java.util.Map;

/**
 * One PIM per-bank MAC unit, as the PIM model's {@code MacUnit} defines it: {@code lanes} products
 * of one column access with the global-buffer elements, a pairwise adder tree and the result
 * register. Integer inputs (INT8, INT16, INT4): INT32 products and adds, every add saturating. Float
 * inputs (BF16, FP16): products rounded to fp32 and every add an IEEE fp32 add (round to nearest
 * even, subnormals, infinities, NaN), the pim configs' {@code product: fp32, accumulator: fp32}.
 *
 * @param lanes  elements per MAC command (a power of two, 1..64)
 * @param format the operand format: INT8, INT16, INT4, BF16 or FP16
 */
public record PimMacParams(int lanes, InputFormat format) {

    public static final String UNIT = "pim-mac";
    public static final int ACC_BITS = 32;

    public PimMacParams {
        if (lanes < 1 || lanes > 64 || Integer.bitCount(lanes) != 1) {
            throw Params.bad(UNIT + ": parameter lanes=" + lanes + ": expected a power of two in 1..64");
        }
    }

    public static PimMacParams parse(Map<String, String> values) {
        Params p = new Params(UNIT, values);
        int lanes = p.integer("lanes", 16, 1, 64);
        String f = p.choice("format", "int8", "int16", "int4", "bf16", "fp16");
        p.done();
        return new PimMacParams(lanes, InputFormat.valueOf(f.toUpperCase(Locale.ROOT)));
    }

    public int inputBits() {
        return format.bits();
    }

    public boolean isFloat() {
        return !format.isInteger();
    }

    /** The operand format of a float unit (bf16 or fp16). */
    public FpFormat fpFormat() {
        return format == InputFormat.BF16 ? FpFormat.BF16 : FpFormat.FP16;
    }

    public String moduleName() {
        return "pim_mac_l" + lanes + "_" + format.name().toLowerCase(Locale.ROOT) + (isFloat() ? "_fp32" : "");
    }
}
