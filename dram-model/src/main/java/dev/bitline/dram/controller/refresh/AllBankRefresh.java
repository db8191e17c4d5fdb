package dev.bitline.dram.controller.refresh;

import dev.bitline.dram.spec.DramSpec;

/** All-bank refresh every tREFI: precharge the rank (PREA) if a bank is open, then REFab; holds every bank. */
public final class AllBankRefresh extends PeriodicRefresh {
    private final int prea, ref;

    AllBankRefresh(DramSpec spec, int postpone, int rankUnits, double stagger) {
        super(spec, postpone, rankUnits, spec.param("tREFI"), "tREFI", stagger);
        ref = require(spec, spec.roles().refreshAll(), "allbank", "an all-bank refresh (target: rank, refresh: true)");
        prea = require(spec, spec.roles().prechargeAll(), "allbank", "a rank precharge (target: rank, closes: true)");
    }

    @Override
    public void next(int r, int[] openRow, int[] openBanks, Step out) {
        out.set(openBanks[r] > 0 ? prea : ref, -1, Step.HOLD_RANK, -1);
    }
}
