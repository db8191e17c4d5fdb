package dev.bitline.dram.controller.refresh;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;

/**
 * Same-bank refresh (DDR5 REFsb): bank index b of every bank group at once, b in round robin,
 * one every tREFIsb (default tREFI / banks per group): precharge those banks that are open (one
 * PRE per step), then REFsb; holds bank index b in every group.
 */
public final class SameBankRefresh extends PeriodicRefresh {
    private final int pre, ref, bgs, bpg;

    SameBankRefresh(DramSpec spec, int postpone, int rankUnits, double stagger) {
        super(spec, postpone, rankUnits, spec.hasParam("tREFIsb") ? spec.param("tREFIsb")
                : spec.param("tREFI") / spec.organization().banksPerGroup(), "tREFIsb", stagger);
        ref = require(spec, spec.roles().refreshSameBank(), "samebank",
                "a same-bank refresh (target: same-bank, refresh: true)");
        pre = spec.roles().precharge().id();
        bgs = spec.organization().bankGroups();
        bpg = spec.organization().banksPerGroup();
    }

    @Override
    public void next(int r, int[] openRow, int[] openBanks, Step out) {
        int base = r * bgs * bpg;
        int ba = position[r];
        for (int g = 0; g < bgs; g++) {
            int b = base + g * bpg + ba;
            if (openRow[b] >= 0) {
                out.set(pre, b, Step.HOLD_BANK_INDEX, ba);
                return;
            }
        }
        out.set(ref, base + ba, Step.HOLD_BANK_INDEX, ba);
    }

    @Override
    public void issued(int r, Command k) {
        super.issued(r, k);
        rotate(r, bpg);
    }
}
