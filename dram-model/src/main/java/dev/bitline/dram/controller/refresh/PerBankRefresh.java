package dev.bitline.dram.controller.refresh;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;

/**
 * Per-bank refresh, banks in round robin, one every tREFIpb (default tREFI / banks per rank):
 * precharge the bank if open, then REFpb; holds that bank only.
 */
public final class PerBankRefresh extends PeriodicRefresh {
    private final int pre, ref, banksPerRank;

    PerBankRefresh(DramSpec spec, int postpone, int rankUnits, double stagger) {
        super(spec, postpone, rankUnits, spec.hasParam("tREFIpb") ? spec.param("tREFIpb")
                : spec.param("tREFI") / spec.organization().banksPerRank(), "tREFIpb", stagger);
        ref = require(spec, spec.roles().refreshBank(), "perbank", "a per-bank refresh (target: bank, refresh: true)");
        pre = spec.roles().precharge().id();
        banksPerRank = spec.organization().banksPerRank();
    }

    @Override
    public void next(int r, int[] openRow, int[] openBanks, Step out) {
        int b = r * banksPerRank + position[r];
        out.set(openRow[b] >= 0 ? pre : ref, b, Step.HOLD_BANK, b);
    }

    @Override
    public void issued(int r, Command k) {
        super.issued(r, k);
        rotate(r, banksPerRank);
    }
}
