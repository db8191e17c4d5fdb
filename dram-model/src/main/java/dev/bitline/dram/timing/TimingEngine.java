package dev.bitline.dram.timing;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.Constraint;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Organization;
import dev.bitline.dram.spec.Scope;
import dev.bitline.dram.spec.Target;
import dev.bitline.dram.spec.Window;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The generic timing engine of ONE channel: enforces any standard's timing table and rolling
 * windows and answers "earliest legal cycle for command C at this target" in O(1) per query.
 *
 * <p>Instead of storing last-issue times and scanning the table on every query, each
 * {@link #issue} pushes its consequences forward: for every table row with that command as
 * {@code prev}, the ready time of the row's {@code next} command at the matching scope instance
 * (bank, bank group, rank unit, channel) is raised to {@code issue + distance}. A query is then
 * the maximum of four array entries (plus the rolling windows the command belongs to). Because
 * max is associative this equals the maximum over all past issues of (issue time + distance),
 * i.e. exactly the table's semantics. Cost: O(rows with prev = C) per issue, O(1) per query, no
 * allocation after construction.
 *
 * <p>Targets: {@code rankUnit} = pseudoChannel * ranks + rank; {@code bankGroup} and
 * {@code bank} (within its group) as in the organization. What a command covers comes from its
 * {@link Target} flag: a rank- or channel-wide command ignores bank group and bank; a same-bank
 * command (REFsb) ignores bank group (it covers bank index {@code bank} in every group); a
 * bank-pair command covers {@code bank} and its partner; a bank-group command every bank of
 * {@code bankGroup}. A rule between two commands applies where the banks they cover overlap in
 * its scope; at compile time a scope is widened to the smallest one that expresses that overlap
 * (bank -> bank group when one command covers a whole group, -> rank when one covers a rank or
 * every group, -> channel when one covers the channel), so the issue and query loops stay the
 * three cases of the original engine plus the pair.
 *
 * <p>This engine checks timing only; whether a command makes sense in the bank's state (RD to a
 * closed bank) is the controller's business. It shares no code with the independent checker.
 */
public final class TimingEngine {
    private static final long NEVER = Long.MIN_VALUE / 4;
    private static final int S_BANK = 0, S_BG = 1, S_RANK = 2, S_OTHER = 3, S_CHAN = 4;

    private static final int TK_BANK = 0, TK_SAME = 1, TK_WIDE = 2, TK_PAIR = 3, TK_BG = 4;

    private final int nCmd;
    private final int ranks;      // rank units per channel
    private final int bgs;        // bank groups per rank
    private final int bpg;        // banks per group
    private final int banksPerRank;
    private final int nBanks;
    private final int nBgs;

    // ready[cmd * instances + instance] = earliest cycle allowed by issues seen so far
    private final long[] readyBank;
    private final long[] readyBg;
    private final long[] readyRank;
    private final long[] readyChan;

    // compiled table: rules of prev command p are [ruleStart[p], ruleStart[p+1])
    private final int[] ruleStart;
    private final int[] ruleNext;
    private final int[] ruleScope;
    private final int[] ruleDist;
    private final int[] scopeStart; // [prev * 6 + scope]: first rule of that scope (scope 5 = end)
    // per rule: ruleNext times the instance count of its scope's table (bank, bank group, rank),
    // so the issue loops add the instance offset without a multiplication
    private final int[] ruleBase;
    private final boolean[] raisesBg; // per command: it has rules of bank-group scope

    // windows: for window w, ring of the last count[w] issue times per instance
    private final int nWin;
    private final boolean[][] winMember; // [w][cmd]
    private final int[] winCount;
    private final int[] winLen;
    private final boolean[] winPerRank;
    private final long[][] winRing;      // [w][instance * count + i]
    private final int[][] winPos;        // [w][instance]
    private final int[][] winsOfCmd;     // cmd -> windows it counts in
    private final int[] targetKind;      // cmd -> TK_*
    private final int[][] winCmds;       // [w]: commands counted in window w

    // sharedReady[cmd * ranks + rankUnit] = max(readyChan, readyRank, windows): the whole shared
    // part of a query, folded at issue time so earliestShared is one load. Exact as long as issue
    // cycles never decrease (every part is then monotone); otherwise queries recompute it.
    private final long[] sharedReady;
    private long lastIssue = Long.MIN_VALUE;
    private boolean monotone = true;

    public TimingEngine(DramSpec spec) {
        Organization o = spec.organization();
        this.nCmd = spec.commandCount();
        this.ranks = o.rankUnits();
        this.bgs = o.bankGroups();
        this.bpg = o.banksPerGroup();
        this.banksPerRank = bgs * bpg;
        this.nBanks = ranks * banksPerRank;
        this.nBgs = ranks * bgs;
        readyBank = new long[nCmd * nBanks];
        readyBg = new long[nCmd * nBgs];
        readyRank = new long[nCmd * ranks];
        readyChan = new long[nCmd];
        sharedReady = new long[nCmd * ranks];
        targetKind = new int[nCmd];
        for (Command c : spec.commands()) {
            targetKind[c.id()] = switch (c.target()) {
                case BANK -> TK_BANK;
                case SAME_BANK -> TK_SAME;
                case RANK, CHANNEL -> TK_WIDE;
                case BANK_PAIR -> TK_PAIR;
                case BANKGROUP -> TK_BG;
            };
        }

        // Compile rules grouped by prev, with scope widening for rank-wide targets.
        List<List<int[]>> byPrev = new ArrayList<>();
        for (int i = 0; i < nCmd; i++) byPrev.add(new ArrayList<>());
        for (Constraint k : spec.constraints()) {
            if (k.cycles() <= 0) continue; // a non-positive distance never constrains
            int s = widen(scopeCode(k.scope()), k.prev().target(), k.next().target());
            if (s < 0) continue; // other_rank with a channel-wide command on a one-rank channel: never applies
            byPrev.get(k.prev().id()).add(new int[] {k.next().id(), s, k.cycles()});
        }
        int total = 0;
        for (List<int[]> l : byPrev) total += l.size();
        ruleStart = new int[nCmd + 1];
        ruleNext = new int[total];
        ruleScope = new int[total];
        ruleDist = new int[total];
        int i = 0;
        for (int p = 0; p < nCmd; p++) {
            ruleStart[p] = i;
            for (int[] r : byPrev.get(p)) {
                ruleNext[i] = r[0];
                ruleScope[i] = r[1];
                ruleDist[i] = r[2];
                i++;
            }
        }
        ruleStart[nCmd] = i;
        // within each prev, order rules by scope and remember where each scope starts, so issue()
        // runs one tight loop per scope instead of a switch per rule
        scopeStart = new int[nCmd * 6];
        for (int p = 0; p < nCmd; p++) {
            int a = ruleStart[p], z = ruleStart[p + 1];
            Integer[] idx = new Integer[z - a];
            for (int k = 0; k < idx.length; k++) idx[k] = a + k;
            java.util.Arrays.sort(idx, (x, y) -> Integer.compare(ruleScope[x], ruleScope[y]));
            int[] nx = new int[idx.length], sc = new int[idx.length], ds = new int[idx.length];
            for (int k = 0; k < idx.length; k++) {
                nx[k] = ruleNext[idx[k]];
                sc[k] = ruleScope[idx[k]];
                ds[k] = ruleDist[idx[k]];
            }
            System.arraycopy(nx, 0, ruleNext, a, idx.length);
            System.arraycopy(sc, 0, ruleScope, a, idx.length);
            System.arraycopy(ds, 0, ruleDist, a, idx.length);
            int k = a;
            for (int sCode = 0; sCode <= 5; sCode++) {
                while (k < z && ruleScope[k] < sCode) k++;
                scopeStart[p * 6 + sCode] = k;
            }
        }

        ruleBase = new int[ruleNext.length];
        for (int k = 0; k < ruleNext.length; k++) {
            int sc = ruleScope[k];
            ruleBase[k] = ruleNext[k] * (sc == S_BANK ? nBanks : sc == S_BG ? nBgs : sc == S_CHAN ? 1 : ranks);
        }
        raisesBg = new boolean[nCmd];
        for (int p = 0; p < nCmd; p++) raisesBg[p] = scopeStart[p * 6 + S_BG] < scopeStart[p * 6 + S_RANK];

        List<Window> ws = spec.windows();
        nWin = ws.size();
        winMember = new boolean[nWin][nCmd];
        winCount = new int[nWin];
        winLen = new int[nWin];
        winPerRank = new boolean[nWin];
        winRing = new long[nWin][];
        winPos = new int[nWin][];
        List<List<Integer>> wOf = new ArrayList<>();
        for (int c = 0; c < nCmd; c++) wOf.add(new ArrayList<>());
        for (int w = 0; w < nWin; w++) {
            Window win = ws.get(w);
            for (Command c : win.commands()) {
                winMember[w][c.id()] = true;
                wOf.get(c.id()).add(w);
            }
            winCount[w] = win.count();
            winLen[w] = win.cycles();
            winPerRank[w] = win.scope() == Scope.RANK;
            int inst = winPerRank[w] ? ranks : 1;
            winRing[w] = new long[inst * win.count()];
            winPos[w] = new int[inst];
        }
        winCmds = new int[nWin][];
        for (int w = 0; w < nWin; w++) {
            winCmds[w] = ws.get(w).commands().stream().mapToInt(Command::id).distinct().toArray();
        }
        winsOfCmd = new int[nCmd][];
        for (int c = 0; c < nCmd; c++) {
            winsOfCmd[c] = wOf.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
        reset();
    }

    /**
     * The scope at which a rule between commands covering {@code tp} and {@code tn} is enforced:
     * where their covered banks can overlap. -1 if it can never apply.
     */
    private int widen(int s, Target tp, Target tn) {
        if (s == S_BANK) {
            if (tp.wholeRank() || tn.wholeRank()) s = S_RANK;             // a rank-wide command overlaps every bank
            else if (tp == Target.BANKGROUP || tn == Target.BANKGROUP) s = S_BG;
        }
        if (s == S_BG && (tp.wholeRank() || tn.wholeRank() || tp == Target.SAME_BANK || tn == Target.SAME_BANK)) {
            s = S_RANK;                                                    // spans every bank group
        }
        if ((s == S_RANK || s == S_OTHER) && (tp == Target.CHANNEL || tn == Target.CHANNEL)) {
            if (s == S_OTHER && ranks == 1) return -1;
            s = S_CHAN;                                                    // covers every rank
        }
        return s;
    }

    private static int scopeCode(Scope s) {
        return switch (s) {
            case BANK -> S_BANK;
            case BANKGROUP -> S_BG;
            case RANK -> S_RANK;
            case OTHER_RANK -> S_OTHER;
            case CHANNEL -> S_CHAN;
        };
    }

    /** Forgets all history: every command is legal at cycle 0. */
    public void reset() {
        Arrays.fill(readyBank, 0);
        Arrays.fill(readyBg, 0);
        Arrays.fill(readyRank, 0);
        Arrays.fill(readyChan, 0);
        Arrays.fill(sharedReady, 0);
        lastIssue = Long.MIN_VALUE;
        monotone = true;
        for (int w = 0; w < nWin; w++) {
            Arrays.fill(winRing[w], NEVER);
            Arrays.fill(winPos[w], 0);
        }
    }

    public int rankUnits() {
        return ranks;
    }

    public int banksPerRank() {
        return banksPerRank;
    }

    /** Flat bank index within the channel. */
    public int flatBank(int rankUnit, int bankGroup, int bank) {
        return (rankUnit * bgs + bankGroup) * bpg + bank;
    }

    /**
     * Earliest cycle (>= 0) at which {@code cmd} may issue to the target, given every command issued
     * so far. Rank-wide commands ignore {@code bankGroup} and {@code bank}.
     */
    public long earliest(Command cmd, int rankUnit, int bankGroup, int bank) {
        return earliest(cmd.id(), rankUnit, bankGroup, bank);
    }

    /** As {@link #earliest(Command, int, int, int)} with the command's id (hot path). */
    public long earliest(int c, int rankUnit, int bankGroup, int bank) {
        long e = earliestShared(c, rankUnit);
        long v;
        int tk = targetKind[c];
        if (tk == TK_BANK) {
            int g = rankUnit * bgs + bankGroup;
            v = readyBg[c * nBgs + g];
            if (v > e) e = v;
            v = readyBank[c * nBanks + g * bpg + bank];
            if (v > e) e = v;
        } else if (tk != TK_WIDE) {
            v = earliestLocal(c, rankUnit, bankGroup, bank);
            if (v > e) e = v;
        }
        return e;
    }

    /**
     * The rank-unit and channel part of {@link #earliest}: ready times at rank and channel scope
     * plus rolling windows. {@code earliest(c, r, g, b) == max(earliestShared(c, r),
     * earliestLocal(c, r, g, b))}. Shared by every bank of the rank unit, which lets a scheduler
     * evaluate it once per command kind instead of once per bank.
     */
    public long earliestShared(int c, int rankUnit) {
        if (monotone) return sharedReady[c * ranks + rankUnit];
        return sharedSlow(c, rankUnit);
    }

    private long sharedSlow(int c, int rankUnit) {
        long e = readyChan[c];
        long v = readyRank[c * ranks + rankUnit];
        if (v > e) e = v;
        int[] wl = winsOfCmd[c];
        for (int k = 0; k < wl.length; k++) {
            int w = wl[k];
            int inst = winPerRank[w] ? rankUnit : 0;
            v = winRing[w][inst * winCount[w] + winPos[w][inst]] + winLen[w];
            if (v > e) e = v;
        }
        return e;
    }

    /**
     * The bank and bank-group part of {@link #earliest} (0 for rank-wide commands). Changes only
     * when a command issues to the same bank group (or, for REFsb, the same bank index).
     */
    public long earliestLocal(int c, int rankUnit, int bankGroup, int bank) {
        int tk = targetKind[c];
        long e = 0;
        if (tk == TK_BANK) {
            int g = rankUnit * bgs + bankGroup;
            e = readyBg[c * nBgs + g];
            long v = readyBank[c * nBanks + g * bpg + bank];
            if (v > e) e = v;
        } else if (tk == TK_SAME) {
            int base = c * nBanks + rankUnit * banksPerRank + bank;
            for (int g = 0; g < bgs; g++) {
                long v = readyBank[base + g * bpg];
                if (v > e) e = v;
            }
        } else if (tk == TK_PAIR) {
            int g = rankUnit * bgs + bankGroup;
            e = readyBg[c * nBgs + g];
            int b0 = c * nBanks + g * bpg + (bank & ~1);
            long v = Math.max(readyBank[b0], readyBank[b0 + 1]);
            if (v > e) e = v;
        } else if (tk == TK_BG) {
            e = readyBg[c * nBgs + rankUnit * bgs + bankGroup]; // bank-scope rules were widened to the group
        }
        return e;
    }

    /**
     * {@link #earliest} computed without the folded shared ready times: from the per-scope tables
     * and the window rings directly. The controller's ticked reference mode uses it, so the
     * equivalence of the two modes also checks the folding.
     */
    public long earliestUnfolded(int c, int rankUnit, int bankGroup, int bank) {
        long e = sharedSlow(c, rankUnit);
        long v = earliestLocal(c, rankUnit, bankGroup, bank);
        return v > e ? v : e;
    }

    /**
     * The bank-group ready time of bank-level command {@code c} in flat bank group
     * {@code rankUnit * bankGroups + bankGroup}: the part of {@link #earliestLocal} that an issue
     * to another bank of the same group can raise.
     */
    public long readyBankGroup(int c, int flatBankGroup) {
        return readyBg[c * nBgs + flatBankGroup];
    }

    /**
     * True if an issue of {@code c} can raise bank-group ready times ({@link #readyBankGroup}) of
     * any command: it has rules of bank-group scope. A single-bank command without them changes
     * the local part of its own bank's queries only.
     */
    public boolean raisesBankGroup(int c) {
        return raisesBg[c];
    }

    /**
     * The distance at which command {@code c} may follow itself to the same target when nothing
     * else issues between: the largest rule {@code c -> c} of a scope that covers its own target
     * (bank, bank group, rank, channel; not other-rank), 0 if none; -1 if {@code c} counts in a
     * rolling window (then the distance depends on older issues). For a stream of identical
     * commands the ready times then follow from the last one alone ({@code ready = cycle + dist}
     * of the latest issue), so a command source may compute the next issue of a stream as
     * {@code last + streamSpacing(c)} and tell the engine only the stream's last command, at its
     * cycle, before it asks about or issues anything else. The PIM channel does so for runs of
     * all-bank MACs.
     */
    public int streamSpacing(int c) {
        if (winsOfCmd[c].length > 0) return -1;
        int d = 0;
        for (int i = ruleStart[c]; i < ruleStart[c + 1]; i++) {
            if (ruleNext[i] == c && ruleScope[i] != S_OTHER && ruleDist[i] > d) d = ruleDist[i];
        }
        return d;
    }

    /** True if {@code cmd} may issue to the target at {@code cycle}. */
    public boolean canIssue(Command cmd, int rankUnit, int bankGroup, int bank, long cycle) {
        return earliest(cmd.id(), rankUnit, bankGroup, bank) <= cycle;
    }

    /** Records that {@code cmd} issued at {@code cycle}; updates every dependent ready time. */
    public void issue(Command cmd, int rankUnit, int bankGroup, int bank, long cycle) {
        issue(cmd.id(), rankUnit, bankGroup, bank, cycle);
    }

    /** As {@link #issue(Command, int, int, int, long)} with the command's id (hot path). */
    public void issue(int p, int rankUnit, int bankGroup, int bank, long cycle) {
        if (cycle < lastIssue) monotone = false;
        lastIssue = cycle;
        long[] sh = sharedReady;
        int tk = targetKind[p];
        int g = rankUnit * bgs + (tk == TK_BANK || tk == TK_PAIR || tk == TK_BG ? bankGroup : 0);
        int base = p * 6;
        int i = scopeStart[base + S_BANK];
        int end = scopeStart[base + S_BG];
        if (tk == TK_PAIR) {
            int off = g * bpg + (bank & ~1);
            for (; i < end; i++) {
                long v = cycle + ruleDist[i];
                int idx = ruleNext[i] * nBanks + off;
                if (readyBank[idx] < v) readyBank[idx] = v;
                if (readyBank[idx + 1] < v) readyBank[idx + 1] = v;
            }
        } else if (tk == TK_SAME) {
            for (; i < end; i++) {
                long v = cycle + ruleDist[i];
                int b0 = ruleNext[i] * nBanks + rankUnit * banksPerRank + bank;
                for (int gg = 0; gg < bgs; gg++) {
                    int idx = b0 + gg * bpg;
                    if (readyBank[idx] < v) readyBank[idx] = v;
                }
            }
        } else {
            int off = g * bpg + bank;
            for (; i < end; i++) {
                long v = cycle + ruleDist[i];
                int idx = ruleBase[i] + off;
                if (readyBank[idx] < v) readyBank[idx] = v;
            }
        }
        end = scopeStart[base + S_RANK];
        for (; i < end; i++) {
            long v = cycle + ruleDist[i];
            int idx = ruleBase[i] + g;
            if (readyBg[idx] < v) readyBg[idx] = v;
        }
        end = scopeStart[base + S_OTHER];
        for (; i < end; i++) {
            long v = cycle + ruleDist[i];
            int idx = ruleBase[i] + rankUnit;
            if (readyRank[idx] < v) readyRank[idx] = v;
            if (sh[idx] < v) sh[idx] = v;
        }
        end = scopeStart[base + S_CHAN];
        if (ranks == 1) i = end; // no other rank unit
        for (; i < end; i++) {
            long v = cycle + ruleDist[i];
            int b0 = ruleNext[i] * ranks;
            for (int r = 0; r < ranks; r++) {
                if (r != rankUnit && readyRank[b0 + r] < v) readyRank[b0 + r] = v;
                if (r != rankUnit && sh[b0 + r] < v) sh[b0 + r] = v;
            }
        }
        end = scopeStart[base + 5];
        for (; i < end; i++) {
            long v = cycle + ruleDist[i];
            int c = ruleNext[i];
            if (readyChan[c] < v) readyChan[c] = v;
            for (int r = c * ranks, rEnd = r + ranks; r < rEnd; r++) if (sh[r] < v) sh[r] = v;
        }
        int[] wl = winsOfCmd[p];
        for (int k = 0; k < wl.length; k++) {
            int w = wl[k];
            int inst = winPerRank[w] ? rankUnit : 0;
            int pos = winPos[w][inst];
            winRing[w][inst * winCount[w] + pos] = cycle;
            int np = pos + 1 == winCount[w] ? 0 : pos + 1;
            winPos[w][inst] = np;
            long v = winRing[w][inst * winCount[w] + np] + winLen[w];
            int r0 = winPerRank[w] ? rankUnit : 0, r1 = winPerRank[w] ? rankUnit + 1 : ranks;
            for (int m : winCmds[w]) {
                for (int r = r0; r < r1; r++) if (sh[m * ranks + r] < v) sh[m * ranks + r] = v;
            }
        }
    }
}
