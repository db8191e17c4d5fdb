package dev.bitline.rtl.unit;

import dev.bitline.rtl.gen.LutTileParams;
import dev.bitline.rtl.gen.MacArrayParams;
import dev.bitline.rtl.gen.Params;
import dev.bitline.rtl.gen.PimMacParams;
import java.util.List;
import java.util.Map;

/** The generator units by name. */
public final class Units {
    private Units() {}

    public static final List<String> NAMES = List.of(LutTileParams.UNIT, MacArrayParams.UNIT, PimMacParams.UNIT);

    /** The unit {@code name} with these parameters; throws {@link Params.BadParameterException} with a one-line reason. */
    public static RtlUnit parse(String name, Map<String, String> params) {
        if (name.equals(LutTileParams.UNIT)) {
            return new LutTileUnit(LutTileParams.parse(params));
        }
        if (name.equals(MacArrayParams.UNIT)) {
            return new MacArrayUnit(MacArrayParams.parse(params));
        }
        if (name.equals(PimMacParams.UNIT)) {
            return new PimMacUnit(PimMacParams.parse(params));
        }
        throw Params.bad("unknown unit '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
    }
}
