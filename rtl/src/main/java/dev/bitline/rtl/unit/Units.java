package dev.bitline.rtl.unit;

import dev.bitline.rtl.cosim.Stimulus.Role;
import dev.bitline.rtl.gen.FpFormat;
import dev.bitline.rtl.gen.LutTile;
import dev.bitline.rtl.gen.LutTileParams;
import dev.bitline.rtl.gen.MacArray;
import dev.bitline.rtl.gen.MacArrayParams;
import dev.bitline.rtl.gen.Params;
import dev.bitline.rtl.gen.PimMac;
import dev.bitline.rtl.gen.PimMacParams;
import dev.bitline.rtl.model.LutTileModel;
import dev.bitline.rtl.model.MacArrayModel;
import dev.bitline.rtl.model.PimMacModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The generator units by name: each one's parameters, hardware, Java cycle model and stimulus roles. */
public final class Units {
    private Units() {}

    public static final List<String> NAMES = List.of(LutTileParams.UNIT, MacArrayParams.UNIT, PimMacParams.UNIT);

    /** The unit {@code name} with these parameters; throws {@link Params.BadParameterException} with a one-line reason. */
    public static RtlUnit parse(String name, Map<String, String> params) {
        if (name.equals(LutTileParams.UNIT)) {
            return lutTile(LutTileParams.parse(params));
        }
        if (name.equals(MacArrayParams.UNIT)) {
            return macArray(MacArrayParams.parse(params));
        }
        if (name.equals(PimMacParams.UNIT)) {
            return pimMac(PimMacParams.parse(params));
        }
        throw Params.bad("unknown unit '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
    }

    /** The LUT Tensor Core tile with {@link LutTileModel}. */
    public static RtlUnit lutTile(LutTileParams p) {
        String d = "m=" + p.m() + " n=" + p.n() + " k=" + p.k() + " w=" + p.weightBits()
                + (p.fp16() ? " fp16=true" : " a=" + p.actBits() + " acc=" + p.accBits() + " precompute=" + p.precompute());
        Map<String, Role> r = streaming();
        r.put("in_planes_m1", new Role.Data(p.planeBits()));
        r.put("act", new Role.Data(p.actBits()));
        r.put("tables", p.fp16() ? fp16() : new Role.Data(p.tableBits()));
        r.put("wcode", new Role.Data(p.weightBits()));
        return new GeneratorUnit<>(LutTileParams.UNIT, p, d, LutTile::build, LutTileModel::new, r);
    }

    /** The MAC baseline array with {@link MacArrayModel}. */
    public static RtlUnit macArray(MacArrayParams p) {
        String d = "rows=" + p.rows() + " cols=" + p.cols() + " k=" + p.k() + " w=" + p.weightBits()
                + (p.fp16() ? " fp16=true" : " a=" + p.actBits() + " acc=" + p.accBits());
        Map<String, Role> r = streaming();
        r.put("act", p.fp16() ? fp16() : new Role.Data(p.actBits()));
        r.put("wcode", new Role.Data(p.weightBits()));
        r.put("zp", new Role.Data(p.weightBits()));
        r.put("scale", fp16());
        return new GeneratorUnit<>(MacArrayParams.UNIT, p, d, MacArray::build, MacArrayModel::new, r);
    }

    /** The PIM MAC unit with {@link PimMacModel} around the pim model's MacUnit. */
    public static RtlUnit pimMac(PimMacParams p) {
        String d = "lanes=" + p.lanes() + " format=" + p.format().name().toLowerCase(Locale.ROOT);
        Map<String, Role> r = new LinkedHashMap<>();
        r.put("rst", new Role.Reset());
        // mostly MACs, with NOP, CLEAR and LOAD among them
        r.put("cmd", new Role.Choice(PimMac.MAC, PimMac.MAC, PimMac.MAC, PimMac.MAC, PimMac.NOP, PimMac.CLEAR, PimMac.LOAD));
        if (p.isFloat()) {
            FpFormat f = p.fpFormat();
            r.put("w", new Role.Float(f.exp(), f.man()));
            r.put("x", new Role.Float(f.exp(), f.man()));
            // fp32 loads: zeros, infinities, NaNs (quiet, signalling), max, subnormal and normal minimum, ordinary values
            r.put("acc_in", new Role.Choice(0, 0x8000_0000L, 0x7F80_0000L, 0xFF80_0000L, 0x7FC0_0000L, 0x7F80_0001L,
                    0x7F7F_FFFFL, 0xFF7F_FFFFL, 1, 0x8000_0001L, 0x0080_0000L, 0x3F80_0000L, 0xBF80_0000L, 0x7180_0000L,
                    0x0D80_0000L));
        } else {
            r.put("w", new Role.Data(p.inputBits()));
            r.put("x", new Role.Data(p.inputBits()));
            // loads at and near both INT32 limits, so the MACs after them saturate
            long max = Integer.MAX_VALUE;
            long min = Integer.MIN_VALUE & 0xFFFF_FFFFL;
            r.put("acc_in", new Role.Choice(max, min, max - 200_000, min + 200_000, 0, 12_345, -5L & 0xFFFF_FFFFL));
        }
        return new GeneratorUnit<>(PimMacParams.UNIT, p, d, PimMac::build, PimMacModel::new, r);
    }

    /** Roles of the streaming interface the tile and the array share (inputs a unit lacks are ignored). */
    private static Map<String, Role> streaming() {
        Map<String, Role> r = new LinkedHashMap<>();
        r.put("rst", new Role.Reset());
        r.put("in_valid", new Role.Control(0.8));
        r.put("in_first", new Role.Control(0.3));
        return r;
    }

    private static Role fp16() {
        return new Role.Float(FpFormat.FP16.exp(), FpFormat.FP16.man());
    }
}
