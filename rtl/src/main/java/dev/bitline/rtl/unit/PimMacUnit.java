package dev.bitline.rtl.unit;

import dev.bitline.rtl.cosim.Stimulus;
import dev.bitline.rtl.gen.FpFormat;
import dev.bitline.rtl.gen.PimMac;
import dev.bitline.rtl.gen.PimMacParams;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.model.CycleModel;
import dev.bitline.rtl.model.PimMacModel;
import dev.bitline.rtl.model.PortLayout;
import java.util.LinkedHashMap;
import java.util.Map;

/** The PIM MAC unit ({@link PimMac}) with {@link PimMacModel} around the pim model's MacUnit. */
public record PimMacUnit(PimMacParams p) implements RtlUnit {
    @Override
    public String kind() {
        return PimMacParams.UNIT;
    }

    @Override
    public String describe() {
        return "lanes=" + p.lanes() + " format=" + p.format().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Module build() {
        return PimMac.build(p);
    }

    @Override
    public CycleModel model(PortLayout layout) {
        return new PimMacModel(p, layout);
    }

    @Override
    public Map<String, Stimulus.Role> stimulus() {
        Map<String, Stimulus.Role> r = new LinkedHashMap<>();
        r.put("rst", new Stimulus.Role.Reset());
        // mostly MACs, with NOP, CLEAR and LOAD among them
        r.put("cmd", new Stimulus.Role.Choice(PimMac.MAC, PimMac.MAC, PimMac.MAC, PimMac.MAC, PimMac.NOP, PimMac.CLEAR,
                PimMac.LOAD));
        if (p.isFloat()) {
            FpFormat f = p.fpFormat();
            r.put("w", new Stimulus.Role.Float(f.exp(), f.man()));
            r.put("x", new Stimulus.Role.Float(f.exp(), f.man()));
            // fp32 loads: zeros, infinities, NaNs (quiet, signalling), max, subnormal and normal minimum, ordinary values
            r.put("acc_in", new Stimulus.Role.Choice(0, 0x8000_0000L, 0x7F80_0000L, 0xFF80_0000L, 0x7FC0_0000L, 0x7F80_0001L,
                    0x7F7F_FFFFL, 0xFF7F_FFFFL, 1, 0x8000_0001L, 0x0080_0000L, 0x3F80_0000L, 0xBF80_0000L, 0x7180_0000L,
                    0x0D80_0000L));
            return r;
        }
        r.put("w", new Stimulus.Role.Data(p.inputBits()));
        r.put("x", new Stimulus.Role.Data(p.inputBits()));
        // loads at and near both INT32 limits, so the MACs after them saturate
        long max = Integer.MAX_VALUE;
        long min = Integer.MIN_VALUE & 0xFFFF_FFFFL;
        r.put("acc_in", new Stimulus.Role.Choice(max, min, max - 200_000, min + 200_000, 0, 12_345, -5L & 0xFFFF_FFFFL));
        return r;
    }
}
