package dev.bitline.rtl.unit;

import dev.bitline.rtl.cosim.Stimulus;
import dev.bitline.rtl.gen.LutTile;
import dev.bitline.rtl.gen.LutTileParams;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.model.CycleModel;
import dev.bitline.rtl.model.LutTileModel;
import dev.bitline.rtl.model.PortLayout;
import java.util.LinkedHashMap;
import java.util.Map;

/** The LUT Tensor Core tile ({@link LutTile}) with {@link LutTileModel}. */
public record LutTileUnit(LutTileParams p) implements RtlUnit {
    @Override
    public String kind() {
        return LutTileParams.UNIT;
    }

    @Override
    public String describe() {
        if (p.fp16()) {
            return "m=" + p.m() + " n=" + p.n() + " k=" + p.k() + " w=" + p.weightBits() + " fp16=true";
        }
        return "m=" + p.m() + " n=" + p.n() + " k=" + p.k() + " w=" + p.weightBits() + " a=" + p.actBits() + " acc=" + p.accBits()
                + " precompute=" + p.precompute();
    }

    @Override
    public Module build() {
        return LutTile.build(p);
    }

    @Override
    public CycleModel model(PortLayout layout) {
        return new LutTileModel(p, layout);
    }

    @Override
    public Map<String, Stimulus.Role> stimulus() {
        Map<String, Stimulus.Role> r = new LinkedHashMap<>();
        r.put("rst", new Stimulus.Role.Reset());
        r.put("in_valid", new Stimulus.Role.Control(0.8));
        r.put("in_first", new Stimulus.Role.Control(0.3));
        r.put("in_planes_m1", new Stimulus.Role.Data(p.planeBits()));
        r.put("act", new Stimulus.Role.Data(p.actBits()));
        r.put("tables", p.fp16() ? new Stimulus.Role.Float(5, 10) : new Stimulus.Role.Data(p.tableBits()));
        r.put("wcode", new Stimulus.Role.Data(p.weightBits()));
        return r;
    }
}
