package dev.bitline.rtl.unit;

import dev.bitline.rtl.cosim.Stimulus;
import dev.bitline.rtl.gen.MacArray;
import dev.bitline.rtl.gen.MacArrayParams;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.model.CycleModel;
import dev.bitline.rtl.model.MacArrayModel;
import dev.bitline.rtl.model.PortLayout;
import java.util.LinkedHashMap;
import java.util.Map;

/** The MAC baseline array ({@link MacArray}) with {@link MacArrayModel}. */
public record MacArrayUnit(MacArrayParams p) implements RtlUnit {
    @Override
    public String kind() {
        return MacArrayParams.UNIT;
    }

    @Override
    public String describe() {
        if (p.fp16()) {
            return "rows=" + p.rows() + " cols=" + p.cols() + " k=" + p.k() + " w=" + p.weightBits() + " fp16=true";
        }
        return "rows=" + p.rows() + " cols=" + p.cols() + " k=" + p.k() + " w=" + p.weightBits() + " a=" + p.actBits()
                + " acc=" + p.accBits();
    }

    @Override
    public Module build() {
        return MacArray.build(p);
    }

    @Override
    public CycleModel model(PortLayout layout) {
        return new MacArrayModel(p, layout);
    }

    @Override
    public Map<String, Stimulus.Role> stimulus() {
        Map<String, Stimulus.Role> r = new LinkedHashMap<>();
        r.put("rst", new Stimulus.Role.Reset());
        r.put("in_valid", new Stimulus.Role.Control(0.8));
        r.put("in_first", new Stimulus.Role.Control(0.3));
        r.put("act", p.fp16() ? new Stimulus.Role.Float(5, 10) : new Stimulus.Role.Data(p.actBits()));
        r.put("scale", new Stimulus.Role.Float(5, 10));
        r.put("wcode", new Stimulus.Role.Data(p.weightBits()));
        r.put("zp", new Stimulus.Role.Data(p.weightBits()));
        return r;
    }
}
