package dev.bitline.pim.run;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.Constraint;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.pim.config.PimConfig.ActivateGranularity;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.layout.GemvLayout;
import dev.bitline.pim.mac.InputFormat;

/**
 * Closed-form time of a PIM GEMV, without simulating: per (block, chunk) the buffer load, then
 * per slot one row switch (MAC -> PREA -> ACT -> MAC distances of the table, and at least tRAS
 * from ACT to PREA) and the chunk's MAC stream at the larger of the table's MAC spacing and the
 * unit's peak period; the first row switch of a chunk overlaps the buffer load (and, at a block's
 * first chunk, the previous block's readout), so only the longer of the two paths counts; plus
 * one refresh (tRFC, taken at a row switch) per tREFI of run time. Distances are the largest row of the
 * standard's table between the two commands, so the estimate follows the same data as the cycle
 * model; it ignores interactions between non-adjacent commands, which the test bounds.
 */
public final class PimAnalytical {
    private PimAnalytical() {}

    /** Estimated channel-clock cycles of the GEMV (all channels run in parallel). */
    public static double cycles(PimSystem sys, GemvLayout l, int batch) {
        DramSpec spec = sys.dram();
        var isa = sys.isa();
        Command mac = isa.mac();
        Command act = sys.config().unit().activateGranularity() == ActivateGranularity.ALL_BANKS
                ? isa.activateAll() : isa.activate();
        int phases = sys.geometry().banksPerUnit();
        double dMM = dist(spec, mac, mac);
        if (mac.target() == dev.bitline.dram.spec.Target.BANK && sys.geometry().bankGroups() > 1) {
            // single-bank MACs walk bank groups fastest: the bank-group distance is spread over the groups
            dMM = Math.max(distIn(spec, mac, mac, dev.bitline.dram.spec.Scope.RANK),
                    distIn(spec, mac, mac, dev.bitline.dram.spec.Scope.BANKGROUP) / sys.geometry().bankGroups());
        }
        dMM = Math.max(dMM, sys.peakCyclesPerMac());
        double dMP = dist(spec, mac, isa.prechargeAll());
        double dPA = dist(spec, isa.prechargeAll(), act);
        double dAM = dist(spec, act, mac);
        double tRAS = spec.param("tRAS");
        double actSeq = 0;
        if (act == isa.activate()) { // per-bank activation: tRRD-spaced ACTs, tFAW windows
            int banks = sys.geometry().banksPerRankUnit();
            double rrd = Math.max(spec.paramOr("tRRD_S", 1), 1);
            double faw = spec.paramOr("tFAW", 0);
            actSeq = Math.max((banks - 1) * rrd, (Math.ceil(banks / 4.0) - 1) * faw);
        }
        double dWW = dist(spec, isa.writeBuffer(), isa.writeBuffer());
        double dWM = dist(spec, isa.writeBuffer(), mac);
        double dMW = dist(spec, mac, isa.writeBuffer());
        double dMR = dist(spec, mac, isa.readResult());
        double dRR = dist(spec, isa.readResult(), isa.readResult());
        double dRW = dist(spec, isa.readResult(), isa.writeBuffer());
        // last MAC of a sweep -> first MAC of the next through the row switch
        double switchPath = dMP + dPA + dAM + actSeq;
        double total = 0;
        int colBytes = sys.geometry().columnBytes();
        int resultBytes = sys.resultBytes(l.format());
        double readout = 0; // first RD_MAC -> last RD_MAC of the block before
        for (int blk = 0; blk < l.blocks(); blk++) {
            int ns = l.slotsOfBlock(blk);
            for (int j = 0; j < l.chunks(); j++) {
                int cols = l.columnsOfChunk(j);
                // last MAC before -> first MAC of this chunk through the buffer load (after the
                // previous block's readout at a block's first chunk)
                double lead = blk == 0 && j == 0 ? 0 : (j == 0 ? dMR + readout + dRW : dMW);
                double loadPath = lead + (cols - 1) * dWW + dWM;
                boolean sameRow = ns == 1 && j % l.chunksPerRow() != 0;
                for (int s = 0; s < ns; s++) {
                    double stream = (cols * phases - 1) * dMM;
                    if (!sameRow) {
                        // ACT -> ACT of one sweep; the first sweep of a chunk starts its row switch
                        // while the buffer loads, so only a longer load path adds
                        double sweep = dAM + actSeq + stream + dMP;
                        total += Math.max(sweep, tRAS) + dPA;
                        if (s == 0) total += Math.max(0, loadPath - (blk == 0 && j == 0 ? dAM + actSeq : switchPath));
                    } else {
                        total += (s == 0 ? loadPath : dMM) + stream;
                    }
                }
            }
            long bytes = (long) sys.geometry().banksPerRankUnit() * ns * resultBytes;
            long bursts = (bytes + colBytes - 1) / colBytes;
            readout = (bursts - 1) * dRR;
        }
        total += dMR + readout;
        total *= batch;
        // rank units (HBM pseudo-channels) share their channel's command bus: a command per
        // cycle (per bus where rows and columns have their own) bounds the whole channel
        int ranks = sys.geometry().rankUnits();
        if (ranks > 1) {
            double macs = (double) l.slots() * l.k() / l.elementsPerColumn() * phases * batch;
            total = Math.max(total, macs * ranks * mac.cycles());
        }
        total += spec.readLatency() + spec.burstCycles();
        if (sys.config().refresh()) { // one REFab (or one round of REFpb) per tREFI of run time
            // taken at a row switch, between PREA and ACT: tRFC on top of the switch; a per-bank
            // round costs its REFpb's tRREFD apart plus the last one's tRFCpb
            int banks = sys.geometry().banksPerRankUnit();
            double lost = sys.refreshMode() == dev.bitline.dram.controller.RefreshMode.PERBANK
                    ? (banks - 1) * spec.paramOr("tRREFD", 1) + spec.param("tRFCpb") : spec.param("tRFC");
            double refreshes = Math.floor(total / (spec.param("tREFI") - lost));
            total += refreshes * lost;
        }
        return total;
    }

    /** Estimated utilization of peak MAC throughput. */
    public static double utilization(PimSystem sys, GemvLayout l, int batch, InputFormat f) {
        double seconds = cycles(sys, l, batch) * sys.dram().tCKps() * 1e-12;
        return (double) batch * l.n() * l.k() / (sys.peakMacsPerSecond(f) * seconds);
    }

    /** The largest distance of the rows between {@code prev} and {@code next} in one scope. */
    static double distIn(DramSpec spec, Command prev, Command next, dev.bitline.dram.spec.Scope scope) {
        int d = 1;
        for (Constraint c : spec.constraints()) {
            if (c.prev().equals(prev) && c.next().equals(next) && c.scope() == scope) d = Math.max(d, c.cycles());
        }
        return d;
    }

    /** The largest distance any row of the table puts between {@code prev} and {@code next}. */
    static double dist(DramSpec spec, Command prev, Command next) {
        int d = 1; // one command per cycle at least
        for (Constraint c : spec.constraints()) {
            if (c.prev().equals(prev) && c.next().equals(next)) d = Math.max(d, c.cycles());
        }
        return d;
    }
}
