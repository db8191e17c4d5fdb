package dev.bitline.dram;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.RefreshMode;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;

/** Test helper: a controller configuration that fits each standard's levels and refresh. */
public final class PresetConfigs {
    private PresetConfigs() {}

    public static ControllerConfig forSpec(DramSpec spec) {
        var o = spec.organization();
        StringBuilder m = new StringBuilder("ro");
        if (o.ranks() > 1) m.append("-ra");
        m.append("-ba");
        if (o.bankGroups() > 1) m.append("-bg");
        if (o.pseudoChannels() > 1) m.append("-pc");
        m.append("-co");
        if (o.channels() > 1) m.append("-ch");
        RefreshMode r = spec.supports("REFsb") ? RefreshMode.SAMEBANK
                : spec.supports("REFpb") ? RefreshMode.PERBANK : RefreshMode.ALLBANK;
        return ControllerConfig.defaults().withAddressMapping(m.toString()).withRefresh(r, 0);
    }
}
