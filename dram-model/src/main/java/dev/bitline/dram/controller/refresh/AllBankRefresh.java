package dev.bitline.dram.controller.refresh;

import dev.bitline.dram.controller.RefreshPrecharge;
import dev.bitline.dram.spec.DramSpec;

/**
 * All-bank refresh every tREFI: close the rank's open banks, then REFab; holds every bank. The
 * banks close with one PREA, or ({@link RefreshPrecharge#BANKS}) with a PRE for the first open
 * bank in bank-group, bank order, one at a time, as DRAMsim3 does.
 */
public final class AllBankRefresh extends PeriodicRefresh {
    private final int prea, ref, pre, banksPerRank;
    private final boolean perBankPrecharge;

    AllBankRefresh(DramSpec spec, int postpone, int rankUnits, double stagger, RefreshPrecharge precharge) {
        super(spec, postpone, rankUnits, spec.param("tREFI"), "tREFI", stagger);
        ref = require(spec, spec.roles().refreshAll(), "allbank", "an all-bank refresh (target: rank, refresh: true)");
        prea = require(spec, spec.roles().prechargeAll(), "allbank", "a rank precharge (target: rank, closes: true)");
        pre = spec.roles().precharge().id();
        banksPerRank = spec.organization().banksPerRank();
        perBankPrecharge = precharge == RefreshPrecharge.BANKS;
    }

    @Override
    public void next(int r, int[] openRow, int[] openBanks, Step out) {
        if (openBanks[r] == 0) {
            out.set(ref, -1, Step.HOLD_RANK, -1);
        } else if (perBankPrecharge) {
            int b = r * banksPerRank;
            while (openRow[b] < 0) b++; // openBanks[r] > 0: one is open
            out.set(pre, b, Step.HOLD_RANK, -1);
        } else {
            out.set(prea, -1, Step.HOLD_RANK, -1);
        }
    }
}
