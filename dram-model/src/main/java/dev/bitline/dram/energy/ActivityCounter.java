package dev.bitline.dram.energy;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.CommandMeta.Transition;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Organization;
import dev.bitline.dram.spec.Target;
import dev.bitline.dram.trace.CommandSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a command stream into per-rank {@link RankActivity}: command counts, and the cycles each
 * rank spent with some bank open, all banks closed, powered down or in self-refresh. It reads only
 * the commands (not the controller's state), so energy is a function of the command trace alone.
 *
 * <p>A bank counts as open from its ACT to the cycle its precharge is issued; an auto-precharge
 * (RDA/WRA) closes it when the internal precharge starts, tRTP after RDA and CWL+tBL+tWR after WRA.
 * This is the state DRAMsim3 charges its standby energy on.
 *
 * <p>What a command counts as comes from its meta flags: an opening command is an activate of each
 * bank it covers, a closing one a precharge of each open bank it covers (after the access, for an
 * auto-precharge), a data read / write a burst, a refresh an all-bank refresh of each rank it
 * covers or a bank refresh of each bank; power-down and self-refresh transitions change the
 * rank's state. A command priced in {@code power.commands} is counted by name instead (its bank
 * state effects still apply, so background energy stays right).
 */
public final class ActivityCounter implements CommandSink {
    private final Organization org;
    private final int rdaClose;
    private final int wraClose;
    private final Rank[] ranks;
    private final java.util.Set<String> priced;

    private static final class Rank {
        long acts;
        long pres;
        long reads;
        long writes;
        long refreshes;
        long bankRefreshes;
        long actStandby;
        long preStandby;
        long actPowerDown;
        long prePowerDown;
        long selfRefresh;
        boolean[] open;
        int openCount;
        boolean powerDown;
        boolean inSelfRefresh;
        long since;
        /** Pending auto-precharges: (cycle, bank index, counts as a precharge 1/0) triples. */
        final List<long[]> pending = new ArrayList<>();
        final java.util.Map<String, Long> priced = new java.util.LinkedHashMap<>();

        void account(long until) {
            long d = until - since;
            if (d <= 0) {
                return;
            }
            if (inSelfRefresh) {
                selfRefresh += d;
            } else if (powerDown) {
                if (openCount > 0) {
                    actPowerDown += d;
                } else {
                    prePowerDown += d;
                }
            } else if (openCount > 0) {
                actStandby += d;
            } else {
                preStandby += d;
            }
            since = until;
        }

        void close(int bank, boolean count) {
            if (open[bank]) {
                open[bank] = false;
                openCount--;
                if (count) pres++;
            }
        }
    }

    public ActivityCounter(DramSpec spec) {
        this.org = spec.organization();
        this.rdaClose = spec.paramOr("tRTP", 0);
        this.wraClose = spec.writeLatency() + spec.burstCycles() + spec.paramOr("tWR", 0);
        this.priced = spec.power().commands().keySet();
        int n = org.channels() * org.pseudoChannels() * org.ranks();
        ranks = new Rank[n];
        for (int i = 0; i < n; i++) {
            ranks[i] = new Rank();
            // memory row buffers, then the PIM row buffers of a dual-row-buffer part (a bank is
            // active while either is open)
            ranks[i].open = new boolean[2 * org.banksPerRank()];
        }
    }

    private Rank rank(int channel, int pseudoChannel, int rank) {
        return ranks[(channel * org.pseudoChannels() + pseudoChannel) * org.ranks() + rank];
    }

    private void settle(Rank r, long cycle) {
        // Apply auto-precharges that started before this command, in time order.
        while (!r.pending.isEmpty()) {
            int best = 0;
            for (int i = 1; i < r.pending.size(); i++) {
                if (r.pending.get(i)[0] < r.pending.get(best)[0]) {
                    best = i;
                }
            }
            long[] p = r.pending.get(best);
            if (p[0] > cycle) {
                break;
            }
            r.account(p[0]);
            r.close((int) p[1], p[2] != 0);
            r.pending.remove(best);
        }
        r.account(cycle);
    }

    @Override
    public boolean anyChannelOrder() {
        return true; // state per rank: each rank's commands in order is all it needs
    }

    @Override
    public void onCommand(long cycle, Command command, int channel, int pseudoChannel, int rank,
            int bankGroup, int bank, int row, int column) {
        if (command.target() == Target.CHANNEL) {
            for (int pc = 0; pc < org.pseudoChannels(); pc++) {
                for (int ra = 0; ra < org.ranks(); ra++) onRank(rank(channel, pc, ra), cycle, command, bankGroup, bank);
            }
        } else {
            onRank(rank(channel, pseudoChannel, rank), cycle, command, bankGroup, bank);
        }
    }

    private void onRank(Rank r, long cycle, Command command, int bankGroup, int bank) {
        settle(r, cycle);
        boolean own = priced.contains(command.name()); // priced by name: no flag-derived counts
        if (own) r.priced.merge(command.name(), 1L, Long::sum);
        int bpg = org.banksPerGroup();
        Target t = command.target();
        int first, step, n;
        switch (t) {
            case BANK -> { first = bankGroup * bpg + bank; step = 1; n = 1; }
            case BANK_PAIR -> { first = bankGroup * bpg + (bank & ~1); step = 1; n = 2; }
            case BANKGROUP -> { first = bankGroup * bpg; step = 1; n = bpg; }
            case SAME_BANK -> { first = bank; step = bpg; n = org.bankGroups(); }
            default -> { first = 0; step = 1; n = org.banksPerRank(); }
        }
        if (command.pimBuffer()) first += org.banksPerRank(); // the PIM buffers of the same banks
        if (command.opens()) {
            for (int i = 0; i < n; i++) {
                int b = first + i * step;
                if (!own) r.acts++;
                if (!r.open[b]) {
                    r.open[b] = true;
                    r.openCount++;
                }
            }
        }
        if (!own) {
            if (command.readsData()) r.reads++;
            if (command.writesData()) r.writes++;
            if (command.isRefresh()) {
                if (t.wholeRank()) r.refreshes++;
                else r.bankRefreshes += n;
            }
        }
        if (command.closes()) {
            if (command.isColumn()) {
                // auto-precharge: the bank closes when the internal precharge starts
                long at = cycle + (command.isRead() ? rdaClose : wraClose);
                for (int i = 0; i < n; i++) r.pending.add(new long[] {at, first + i * step, own ? 0 : 1});
            } else {
                for (int i = 0; i < n; i++) r.close(first + i * step, !own);
                if (command.rowBuffer() == dev.bitline.dram.spec.CommandMeta.RowBuffer.ALL) {
                    for (int i = 0; i < n; i++) r.close(org.banksPerRank() + first + i * step, !own);
                }
            }
        }
        if (command.powerDown() == Transition.ENTER) r.powerDown = true;
        if (command.powerDown() == Transition.EXIT) r.powerDown = false;
        if (command.selfRefresh() == Transition.ENTER) r.inSelfRefresh = true;
        if (command.selfRefresh() == Transition.EXIT) r.inSelfRefresh = false;
    }

    /** Activity of every rank up to {@code endCycle} (the run's length); call once, at the end. */
    public List<RankActivity> finish(long endCycle) {
        List<RankActivity> out = new ArrayList<>();
        for (Rank r : ranks) {
            settle(r, endCycle);
            out.add(new RankActivity(r.acts, r.pres, r.reads, r.writes, r.refreshes, r.bankRefreshes,
                    r.actStandby, r.preStandby, r.actPowerDown, r.prePowerDown, r.selfRefresh, r.priced));
        }
        return out;
    }

    /** Energy of a finished run, all ranks together. */
    public static EnergyBreakdown energy(EnergyModel model, List<RankActivity> ranks) {
        EnergyBreakdown sum = null;
        for (RankActivity a : ranks) {
            EnergyBreakdown e = model.energy(a);
            sum = sum == null ? e : sum.plus(e);
        }
        return sum;
    }
}
