package dev.bitline.rtl.unit;

import dev.bitline.rtl.cosim.Stimulus;
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
        return "lanes=" + p.lanes() + " bits=" + p.inputBits();
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
        r.put("w", new Stimulus.Role.Data(p.inputBits()));
        r.put("x", new Stimulus.Role.Data(p.inputBits()));
        // loads at and near both INT32 limits, so the MACs after them saturate
        long max = Integer.MAX_VALUE;
        long min = Integer.MIN_VALUE & 0xFFFF_FFFFL;
        r.put("acc_in", new Stimulus.Role.Choice(max, min, max - 200_000, min + 200_000, 0, 12_345, -5L & 0xFFFF_FFFFL));
        return r;
    }
}
