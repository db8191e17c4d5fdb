package dev.bitline.dram;

import dev.bitline.dram.spec.Constraint;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Window;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only O(n^2) legality check of a command trace against the spec's table, written
 * directly from the table semantics (pairwise, no ready-time bookkeeping) so it does not share
 * the engine's logic. Also checks bank-state legality (ACT to a closed bank, column commands to
 * the open row, one command per cycle per channel). Small traces only.
 */
public final class BruteForceChecker {
    private BruteForceChecker() {}

    /** Returns human-readable violations (empty = legal). */
    public static List<String> check(DramSpec spec, CommandBuffer trace, int maxLookback) {
        List<String> bad = new ArrayList<>();
        List<CommandRecord> t = new ArrayList<>(trace.sortedByCycle().asList());
        int ranksPerPc = spec.organization().ranks();
        int bpg = spec.organization().banksPerGroup();
        int bgs = spec.organization().bankGroups();
        int nc = spec.commandCount();
        @SuppressWarnings("unchecked")
        List<Constraint>[] byPair = new List[nc * nc];
        for (Constraint c : spec.constraints()) {
            int k = c.prev().id() * nc + c.next().id();
            if (byPair[k] == null) byPair[k] = new ArrayList<>();
            byPair[k].add(c);
        }
        for (int j = 0; j < t.size(); j++) {
            CommandRecord b = t.get(j);
            for (int i = Math.max(0, j - maxLookback); i < j; i++) {
                CommandRecord a = t.get(i);
                if (a.channel() != b.channel()) continue;
                // one command per cycle per command bus (HBM: a row bus and a column bus)
                boolean sameBus = spec.commandBus() == dev.bitline.dram.spec.CommandBus.SINGLE
                        || a.command().usesColumnBus() == b.command().usesColumnBus();
                if (sameBus && b.cycle() < a.cycle() + a.command().cycles()) {
                    bad.add("command bus still held by " + a + ": " + b);
                }
                List<Constraint> cs = byPair[a.command().id() * nc + b.command().id()];
                if (cs == null) continue;
                for (Constraint c : cs) {
                    if (!related(c, a, b, ranksPerPc)) continue;
                    if (b.cycle() - a.cycle() < c.cycles()) {
                        bad.add(c.prev() + "->" + c.next() + " " + c.scope() + " needs " + c.cycles() + " (" + c.expression()
                                + "): " + a + "  then  " + b);
                    }
                }
            }
        }
        for (Window w : spec.windows()) {
            for (int j = 0; j < t.size(); j++) {
                CommandRecord b = t.get(j);
                if (!w.commands().contains(b.command())) continue;
                int n = 0;
                for (int i = j; i >= 0 && b.cycle() - t.get(i).cycle() < w.cycles(); i--) {
                    CommandRecord a = t.get(i);
                    if (a.channel() == b.channel() && w.commands().contains(a.command())
                            && (w.scope() != dev.bitline.dram.spec.Scope.RANK || unit(a, ranksPerPc) == unit(b, ranksPerPc))) {
                        n++;
                    }
                }
                if (n > w.count()) bad.add("window " + w.expression() + " exceeded at " + b);
            }
        }
        // bank state
        int units = spec.organization().rankUnits();
        int[][] open = new int[spec.organization().channels()][units * bgs * bpg];
        for (int[] o : open) java.util.Arrays.fill(o, -1);
        for (CommandRecord r : t) {
            int[] o = open[r.channel()];
            int u = unit(r, ranksPerPc);
            switch (r.command().name()) { // the JEDEC presets' names (this oracle knows only them)
                case "ACT" -> {
                    int k = (u * bgs + r.bankGroup()) * bpg + r.bank();
                    if (o[k] >= 0) bad.add("ACT to open bank: " + r);
                    o[k] = r.row();
                }
                case "PRE" -> o[(u * bgs + r.bankGroup()) * bpg + r.bank()] = -1;
                case "PREA" -> { for (int k = u * bgs * bpg; k < (u + 1) * bgs * bpg; k++) o[k] = -1; }
                case "RD", "WR", "RDA", "WRA" -> {
                    int k = (u * bgs + r.bankGroup()) * bpg + r.bank();
                    if (o[k] != r.row()) bad.add("column command to row " + r.row() + " but open is " + o[k] + ": " + r);
                    if (r.command().closes()) o[k] = -1;
                }
                case "REFab" -> {
                    for (int k = u * bgs * bpg; k < (u + 1) * bgs * bpg; k++) {
                        if (o[k] >= 0) { bad.add("REFab with open bank: " + r); break; }
                    }
                }
                case "REFpb" -> {
                    if (o[(u * bgs + r.bankGroup()) * bpg + r.bank()] >= 0) bad.add("REFpb to open bank: " + r);
                }
                case "REFsb" -> {
                    for (int g = 0; g < bgs; g++) {
                        if (o[(u * bgs + g) * bpg + r.bank()] >= 0) bad.add("REFsb with open bank: " + r);
                    }
                }
                default -> { }
            }
        }
        return bad;
    }

    private static int unit(CommandRecord r, int ranksPerPc) {
        return r.pseudoChannel() * ranksPerPc + r.rank();
    }

    /** Whether a (earlier) and b fall in the rule's scope, from the scope definitions in Scope. */
    private static boolean related(Constraint c, CommandRecord a, CommandRecord b, int ranksPerPc) {
        boolean sameUnit = unit(a, ranksPerPc) == unit(b, ranksPerPc);
        boolean wideA = a.command().target() == dev.bitline.dram.spec.Target.RANK;
        boolean wideB = b.command().target() == dev.bitline.dram.spec.Target.RANK;
        boolean sbA = a.command().target() == dev.bitline.dram.spec.Target.SAME_BANK,
                sbB = b.command().target() == dev.bitline.dram.spec.Target.SAME_BANK;
        return switch (c.scope()) {
            case CHANNEL -> true;
            case OTHER_RANK -> !sameUnit;
            case RANK -> sameUnit;
            case BANKGROUP -> sameUnit && (wideA || wideB || sbA || sbB || a.bankGroup() == b.bankGroup());
            case BANK -> sameUnit && (wideA || wideB
                    || ((sbA || sbB || a.bankGroup() == b.bankGroup()) && a.bank() == b.bank()));
        };
    }
}
