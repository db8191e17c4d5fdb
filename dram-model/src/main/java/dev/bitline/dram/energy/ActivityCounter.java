package dev.bitline.dram.energy;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Organization;
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
 */
public final class ActivityCounter implements CommandSink {
    private final Organization org;
    private final int rdaClose;
    private final int wraClose;
    private final Rank[] ranks;

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
        /** Pending auto-precharges: (cycle, bank index) pairs. */
        final List<long[]> pending = new ArrayList<>();

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

        void close(int bank) {
            if (open[bank]) {
                open[bank] = false;
                openCount--;
                pres++;
            }
        }
    }

    public ActivityCounter(DramSpec spec) {
        this.org = spec.organization();
        this.rdaClose = spec.paramOr("tRTP", 0);
        this.wraClose = spec.writeLatency() + spec.burstCycles() + spec.paramOr("tWR", 0);
        int n = org.channels() * org.pseudoChannels() * org.ranks();
        ranks = new Rank[n];
        for (int i = 0; i < n; i++) {
            ranks[i] = new Rank();
            ranks[i].open = new boolean[org.banksPerRank()];
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
            r.close((int) p[1]);
            r.pending.remove(best);
        }
        r.account(cycle);
    }

    @Override
    public void onCommand(long cycle, Command command, int channel, int pseudoChannel, int rank,
            int bankGroup, int bank, int row, int column) {
        Rank r = rank(channel, pseudoChannel, rank);
        settle(r, cycle);
        int b = bankGroup >= 0 && bank >= 0 ? bankGroup * org.banksPerGroup() + bank : -1;
        switch (command) {
            case ACT -> {
                r.acts++;
                if (!r.open[b]) {
                    r.open[b] = true;
                    r.openCount++;
                }
            }
            case PRE -> r.close(b);
            case PREA -> {
                for (int i = 0; i < r.open.length; i++) {
                    r.close(i);
                }
            }
            case RD -> r.reads++;
            case WR -> r.writes++;
            case RDA -> {
                r.reads++;
                r.pending.add(new long[] {cycle + rdaClose, b});
            }
            case WRA -> {
                r.writes++;
                r.pending.add(new long[] {cycle + wraClose, b});
            }
            case REFab -> r.refreshes++;
            case REFpb -> r.bankRefreshes++;
            case REFsb -> r.bankRefreshes += org.bankGroups();
            case PDE -> r.powerDown = true;
            case PDX -> r.powerDown = false;
            case SRE -> r.inSelfRefresh = true;
            case SRX -> r.inSelfRefresh = false;
            default -> throw new IllegalStateException("unhandled command " + command);
        }
    }

    /** Activity of every rank up to {@code endCycle} (the run's length); call once, at the end. */
    public List<RankActivity> finish(long endCycle) {
        List<RankActivity> out = new ArrayList<>();
        for (Rank r : ranks) {
            settle(r, endCycle);
            out.add(new RankActivity(r.acts, r.pres, r.reads, r.writes, r.refreshes, r.bankRefreshes,
                    r.actStandby, r.preStandby, r.actPowerDown, r.prePowerDown, r.selfRefresh));
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
