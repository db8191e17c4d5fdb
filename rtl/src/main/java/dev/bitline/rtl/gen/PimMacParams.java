package dev.bitline.rtl.gen;

import java.util.Map;

/**
 * One PIM per-bank MAC unit, as the PIM model's {@code MacUnit} defines it for integer inputs:
 * {@code lanes} products of one column access with the global-buffer elements, a pairwise adder
 * tree and the result register, every add in INT32 with saturation.
 *
 * @param lanes     elements per MAC command (a power of two, 1..64)
 * @param inputBits signed integer input width: 8 (INT8) or 4 (INT4)
 */
public record PimMacParams(int lanes, int inputBits) {

    public static final String UNIT = "pim-mac";
    public static final int ACC_BITS = 32;

    public PimMacParams {
        if (lanes < 1 || lanes > 64 || Integer.bitCount(lanes) != 1) {
            throw Params.bad(UNIT + ": parameter lanes=" + lanes + ": expected a power of two in 1..64");
        }
        if (inputBits != 8 && inputBits != 4) {
            throw Params.bad(UNIT + ": parameter bits=" + inputBits + ": expected 8 (int8) or 4 (int4); bf16/fp16 inputs are not built yet");
        }
    }

    public static PimMacParams parse(Map<String, String> values) {
        Params p = new Params(UNIT, values);
        int lanes = p.integer("lanes", 16, 1, 64);
        int bits = p.integer("bits", 8, 1, 64);
        p.done();
        return new PimMacParams(lanes, bits);
    }

    public String moduleName() {
        return "pim_mac_l" + lanes + "_int" + inputBits;
    }
}
