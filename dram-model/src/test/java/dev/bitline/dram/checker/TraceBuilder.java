package dev.bitline.dram.checker;

import dev.bitline.dram.Presets;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.CommandMeta.Transition;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.dram.spec.Organization;
import dev.bitline.dram.spec.Target;
import dev.bitline.dram.trace.CommandRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test helper: builds legal command traces for a standard by asking the independent checker
 * where each command may go. {@link #issue} first issues what the command needs (an activate
 * before a column access, a precharge before an activate or a refresh, a power-down exit before
 * anything to a powered-down rank, ...), then places the command at the earliest cycle at which
 * the checker finds nothing wrong with it. Only the checker decides legality; the builder's own
 * bank model only chooses which commands to add.
 */
final class TraceBuilder {
    /** Where a command goes: channel 0, the (pseudo-)channel, rank, bank group and bank. */
    record Tgt(int pc, int ra, int bg, int ba) {
        static final Tgt ZERO = new Tgt(0, 0, 0, 0);
    }

    /** A command the builder cannot make legal (its preconditions need a command the standard lacks). */
    static final class Unplaceable extends RuntimeException {
        Unplaceable(String m) {
            super(m);
        }
    }

    final DramSpec spec;
    final Organization org;
    final List<CommandRecord> trace = new ArrayList<>();
    private final Map<Long, Integer> open = new HashMap<>();
    private final Set<Long> pd = new HashSet<>();
    private final Set<Long> sr = new HashSet<>();
    private int depth;

    TraceBuilder(DramSpec spec) {
        this.spec = spec;
        this.org = spec.organization();
    }

    /** Every shipped standard, DRAM presets and PIM standards, by name. */
    static Map<String, DramSpec> standards() {
        Map<String, DramSpec> out = new LinkedHashMap<>();
        for (String n : Presets.names()) out.put(n, Presets.load(n));
        try (var s = java.nio.file.Files.list(Presets.configsRoot().resolve("dram/pim"))) {
            s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml") && !f.endsWith("-common.yaml"))
                    .sorted().forEach(f -> {
                        String n = "pim/" + f.substring(0, f.length() - 5);
                        out.put(n, DramStandards.preset(Presets.configsRoot(), n));
                    });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** A record of {@code c} at {@code t} with the fields its target uses (row/col 0 where they apply). */
    CommandRecord rec(long cycle, Command c, Tgt t) {
        Target tg = c.target();
        int bg = CommandRecord.NONE, ba = CommandRecord.NONE, row = CommandRecord.NONE, col = CommandRecord.NONE;
        if (tg == Target.BANK || tg == Target.BANK_PAIR || tg == Target.BANKGROUP) bg = t.bg();
        if (tg == Target.BANK || tg == Target.BANK_PAIR || tg == Target.SAME_BANK) ba = t.ba();
        if (c.opens() || c.isColumn()) row = 0;
        if (c.isColumn()) col = 0;
        return new CommandRecord(cycle, c, 0, t.pc(), t.ra(), bg, ba, row, col);
    }

    /** Runs a fresh checker over {@code tr}, line i+1 for command i. */
    CheckReport check(List<CommandRecord> tr) {
        TimingChecker c = new TimingChecker(spec, 100_000).source("t");
        for (int i = 0; i < tr.size(); i++) c.accept(tr.get(i), i + 1);
        return c.report();
    }

    long lastCycle() {
        return trace.isEmpty() ? 0 : trace.get(trace.size() - 1).cycle();
    }

    /** The earliest cycle >= {@code from} at which {@code c} to {@code t} is clean after the trace so far. */
    long earliest(Command c, Tgt t, long from) {
        long cycle = Math.max(from, lastCycle());
        List<CommandRecord> tr = new ArrayList<>(trace);
        tr.add(null);
        for (int iter = 0; iter < 10_000; iter++) {
            tr.set(tr.size() - 1, rec(cycle, c, t));
            long step = 0;
            for (Violation v : check(tr).first()) {
                if (v.line() != tr.size()) continue;
                switch (v.kind()) {
                    case PROTOCOL, ORDER -> throw new Unplaceable(c + ": " + v.rule());
                    case DATA_BUS -> step = Math.max(step, 1);
                    default -> step = Math.max(step, Math.max(1, v.required() - v.actual()));
                }
            }
            if (step == 0) return cycle;
            cycle += step;
        }
        throw new Unplaceable(c + ": no legal cycle found");
    }

    /** Issues {@code c} to {@code t} (after what it needs) at its earliest legal cycle >= from; returns its index. */
    int issue(Command c, Tgt t, long from) {
        if (++depth > 8) throw new Unplaceable(c + ": preconditions do not converge");
        try {
            prepareOnce(c, t);
            long at = earliest(c, t, from);
            CommandRecord r = rec(at, c, t);
            trace.add(r);
            apply(r);
            return trace.size() - 1;
        } finally {
            depth--;
        }
    }

    int issue(Command c, Tgt t) {
        return issue(c, t, 0);
    }

    private List<Long> ranks(Command c, Tgt t) {
        List<Long> out = new ArrayList<>();
        if (c.target() != Target.CHANNEL) {
            out.add(rankKey(t.pc(), t.ra()));
        } else {
            for (int pc = 0; pc < org.pseudoChannels(); pc++) {
                for (int r = 0; r < org.ranks(); r++) out.add(rankKey(pc, r));
            }
        }
        return out;
    }

    private static long rankKey(int pc, int ra) {
        return ((long) pc << 8) | ra;
    }

    private static Tgt rankTgt(long key) {
        return new Tgt((int) (key >> 8), (int) (key & 0xff), 0, 0);
    }

    /** Bank keys {@code c} to {@code t} covers (rank key << 16 | group << 8 | bank). */
    List<Long> banks(Command c, Tgt t) {
        List<Long> out = new ArrayList<>();
        for (long rk : ranks(c, t)) {
            for (int g = 0; g < org.bankGroups(); g++) {
                for (int b = 0; b < org.banksPerGroup(); b++) {
                    boolean in = switch (c.target()) {
                        case BANK -> g == t.bg() && b == t.ba();
                        case BANK_PAIR -> g == t.bg() && (b & ~1) == (t.ba() & ~1);
                        case BANKGROUP -> g == t.bg();
                        case SAME_BANK -> b == t.ba();
                        case RANK, CHANNEL -> true;
                    };
                    if (in) out.add(rk << 16 | (long) g << 8 | b);
                }
            }
        }
        return out;
    }

    private static Tgt bankTgt(long key) {
        long rk = key >> 16;
        return new Tgt((int) (rk >> 8), (int) (rk & 0xff), (int) ((key >> 8) & 0xff), (int) (key & 0xff));
    }

    Command find(java.util.function.Predicate<Command> p) {
        for (Command c : spec.commands()) if (p.test(c)) return c;
        return null;
    }

    private Command need(java.util.function.Predicate<Command> p, String what) {
        Command c = find(p);
        if (c == null) throw new Unplaceable("the standard has no " + what);
        return c;
    }

    private Command pde() {
        return need(c -> c.powerDown() == Transition.ENTER && c.target() == Target.RANK, "power-down entry");
    }

    private Command pdx() {
        return need(c -> c.powerDown() == Transition.EXIT && c.target() == Target.RANK, "power-down exit");
    }

    private Command sre() {
        return need(c -> c.selfRefresh() == Transition.ENTER && c.target() == Target.RANK, "self-refresh entry");
    }

    private Command srx() {
        return need(c -> c.selfRefresh() == Transition.EXIT && c.target() == Target.RANK, "self-refresh exit");
    }

    /** Issues what {@code c} to {@code t} needs first (not {@code c} itself). */
    void prepare(Command c, Tgt t) {
        if (++depth > 8) throw new Unplaceable(c + ": preconditions do not converge");
        try {
            prepareOnce(c, t);
        } finally {
            depth--;
        }
    }

    private void prepareOnce(Command c, Tgt t) {
        for (long rk : ranks(c, t)) {
            if (sr.contains(rk) && c.selfRefresh() != Transition.EXIT) issue(srx(), rankTgt(rk));
            if (pd.contains(rk) && c.powerDown() != Transition.EXIT) issue(pdx(), rankTgt(rk));
            if (c.powerDown() == Transition.EXIT && !pd.contains(rk)) issue(pde(), rankTgt(rk));
            if (c.selfRefresh() == Transition.EXIT && !sr.contains(rk)) issue(sre(), rankTgt(rk));
        }
        List<Long> covered = banks(c, t);
        if (c.opens() || c.isRefresh() || c.selfRefresh() == Transition.ENTER) {
            closeAll(covered);
        }
        if (c.isColumn()) {
            List<Long> closed = covered.stream().filter(b -> !open.containsKey(b)).toList();
            if (!closed.isEmpty()) {
                Command all = find(x -> x.opens() && x.target().wholeRank() && !x.isColumn());
                if (closed.size() > 1 && all != null && covered.size() == org.banksPerRank()) {
                    closeAll(covered);
                    issue(all, t);
                } else {
                    Command act = need(x -> x.opens() && x.target() == Target.BANK && !x.isColumn(), "bank activate");
                    for (long b : closed) issue(act, bankTgt(b));
                }
            }
        }
    }

    private void closeAll(List<Long> covered) {
        List<Long> opened = covered.stream().filter(open::containsKey).toList();
        if (opened.isEmpty()) return;
        Command prea = find(x -> x.closes() && x.target() == Target.RANK && !x.isColumn());
        if (opened.size() > 1 && prea != null) {
            Set<Long> rks = new java.util.TreeSet<>();
            for (long b : opened) rks.add(b >> 16);
            for (long rk : rks) issue(prea, rankTgt(rk));
        } else {
            Command pre = need(x -> x.closes() && x.target() == Target.BANK && !x.isColumn(), "bank precharge");
            for (long b : opened) issue(pre, bankTgt(b));
        }
    }

    private void apply(CommandRecord r) {
        Command c = r.command();
        Tgt t = new Tgt(r.pseudoChannel(), r.rank(), Math.max(0, r.bankGroup()), Math.max(0, r.bank()));
        List<Long> covered = banks(c, t);
        if (c.opens()) for (long b : covered) open.put(b, r.row());
        if (c.closes()) for (long b : covered) open.remove(b);
        for (long rk : ranks(c, t)) {
            if (c.powerDown() == Transition.ENTER) pd.add(rk);
            if (c.powerDown() == Transition.EXIT) pd.remove(rk);
            if (c.selfRefresh() == Transition.ENTER) sr.add(rk);
            if (c.selfRefresh() == Transition.EXIT) sr.remove(rk);
        }
    }

    /** Every target of the organization (channel 0), in a fixed order. */
    List<Tgt> targets() {
        List<Tgt> out = new ArrayList<>();
        for (int pc = 0; pc < org.pseudoChannels(); pc++)
            for (int ra = 0; ra < org.ranks(); ra++)
                for (int bg = 0; bg < org.bankGroups(); bg++)
                    for (int ba = 0; ba < org.banksPerGroup(); ba++) out.add(new Tgt(pc, ra, bg, ba));
        return out;
    }

    /** The largest distance any rule or window of the standard spans. */
    long maxDistance() {
        long m = 1;
        for (var c : spec.constraints()) m = Math.max(m, c.cycles());
        for (var w : spec.windows()) m = Math.max(m, w.cycles());
        return m;
    }
}
