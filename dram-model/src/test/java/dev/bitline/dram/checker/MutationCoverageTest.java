package dev.bitline.dram.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.CommandMeta.Transition;
import dev.bitline.dram.spec.Constraint;
import dev.bitline.dram.Presets;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.dram.spec.Scope;
import dev.bitline.dram.spec.Target;
import dev.bitline.dram.spec.Window;
import dev.bitline.dram.trace.CommandRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Systematic mutation test of the independent checker. For every timing row (every prev, next
 * pair of every constraint) and every window of every shipped standard (DRAM presets and PIM
 * standards), build a legal trace in which that rule binds (the later command sits exactly at
 * the rule's distance, every command placed at the earliest cycle the checker allows), assert the
 * checker finds it clean, then move that one command one cycle earlier and assert the checker
 * reports that rule at that line. A rule whose distance another rule of the same pair exceeds in
 * every trace the builder can make ("unbindable": e.g. other_rank rows on a one-rank part) is
 * listed, not failed (other_rank rows of a one-rank part are tried on the same standard with
 * {@code organization.ranks=2}); a rule that binds but is not reported fails the test. Protocol mutations
 * (column command to a closed bank or the wrong row, activate to an open bank, refresh or
 * self-refresh with a bank open, a command to a powered-down rank, a power-down exit with none
 * entered) are asserted the same way.
 */
class MutationCoverageTest {

    private enum Outcome { EXACT, EQUAL, UNBINDABLE, MISSED }

    private record Result(Outcome outcome, String why) {}

    /** The next narrower scope: a target there would also be in the narrower rule's reach. */
    private static Scope narrower(Scope s) {
        return switch (s) {
            case CHANNEL -> Scope.RANK;
            case RANK -> Scope.BANKGROUP;
            case BANKGROUP -> Scope.BANK;
            default -> null;
        };
    }

    /** A target for {@code n} in scope {@code s} of {@code p}, outside the narrower scope where one exists. */
    private static TraceBuilder.Tgt pick(TraceBuilder b, CommandRecord p, Command n, Scope s) {
        TraceBuilder.Tgt fallback = null;
        Scope nar = narrower(s);
        for (TraceBuilder.Tgt t : b.targets()) {
            CommandRecord r = b.rec(p.cycle(), n, t);
            if (!TimingChecker.inScope(s, p, r)) continue;
            if (nar == null || !TimingChecker.inScope(nar, p, r)) return t;
            if (fallback == null) fallback = t;
        }
        return fallback;
    }

    private static boolean matches(Violation v, Constraint c, int prevLine) {
        return v.kind() == Violation.Kind.TIMING && v.prevLine() == prevLine && v.required() == c.cycles()
                && v.rule().startsWith(c.prev() + "->" + c.next() + " " + c.scope().name().toLowerCase(Locale.ROOT) + " ");
    }

    private static Result rule(DramSpec s, Constraint c) {
        TraceBuilder probe = new TraceBuilder(s);
        TraceBuilder.Tgt tn = pick(probe, probe.rec(0, c.prev(), TraceBuilder.Tgt.ZERO), c.next(), c.scope());
        if (tn == null) return new Result(Outcome.UNBINDABLE, "no target in scope " + c.scope());
        TraceBuilder b = null;
        int ip = -1;
        // Try, in order: N's preconditions first, then P twice (the second late enough that nothing
        // before it can constrain N); without N's preconditions first; P once.
        for (int attempt = 0; attempt < 3 && b == null; attempt++) {
            TraceBuilder t = new TraceBuilder(s);
            try {
                if (attempt == 0) t.prepare(c.next(), tn);
                int i = t.issue(c.prev(), TraceBuilder.Tgt.ZERO);
                if (attempt < 2) i = t.issue(c.prev(), TraceBuilder.Tgt.ZERO, t.lastCycle() + t.maxDistance() + 1);
                b = t;
                ip = i;
            } catch (TraceBuilder.Unplaceable e) {
                if (attempt == 2) return new Result(Outcome.UNBINDABLE, "cannot issue " + c.prev() + ": " + e.getMessage());
            }
        }
        CommandRecord p = b.trace.get(ip);
        int in;
        try {
            in = b.issue(c.next(), tn);
        } catch (TraceBuilder.Unplaceable e) {
            return new Result(Outcome.UNBINDABLE, "cannot issue " + c.next() + " after " + c.prev() + ": " + e.getMessage());
        }
        List<CommandRecord> legal = b.trace;
        CheckReport clean = b.check(legal);
        assertTrue(clean.clean(), s.name() + " " + c + ": built trace not clean: " + clean.summary(3));
        long dist = legal.get(in).cycle() - p.cycle();
        if (dist < c.cycles()) {
            return new Result(Outcome.MISSED, "checker let " + c.next() + " through at " + dist + " < " + c.cycles());
        }
        if (dist > c.cycles()) return new Result(Outcome.UNBINDABLE, "another rule puts " + c.next() + " at " + dist);
        List<CommandRecord> mutated = new ArrayList<>(legal);
        CommandRecord n = legal.get(in);
        mutated.set(in, b.rec(n.cycle() - 1, n.command(), tn));
        CheckReport r = b.check(mutated);
        int nLine = in + 1, pLine = ip + 1;
        List<Violation> here = r.first().stream().filter(v -> v.line() == nLine).toList();
        if (here.stream().noneMatch(v -> matches(v, c, pLine))) {
            return new Result(Outcome.MISSED, "moved to " + (dist - 1) + ": " + r.summary(3));
        }
        return new Result(here.size() == 1 ? Outcome.EXACT : Outcome.EQUAL, "");
    }

    private static Result window(DramSpec s, Window w, Command x) {
        TraceBuilder b = new TraceBuilder(s);
        List<TraceBuilder.Tgt> targets = new ArrayList<>();
        for (TraceBuilder.Tgt t : b.targets()) {
            if (t.pc() != 0 || t.ra() != 0) continue;
            targets.add(t);
        }
        // Spread over bank groups first so the bank-group rules stay out of the way.
        targets.sort(java.util.Comparator.comparingInt(TraceBuilder.Tgt::ba).thenComparingInt(TraceBuilder.Tgt::bg));
        if (x.target() == Target.BANK && targets.size() <= w.count()) {
            return new Result(Outcome.UNBINDABLE, "fewer banks than the window's count");
        }
        int first, last;
        try {
            first = -1;
            last = -1;
            for (int i = 0; i <= w.count(); i++) {
                TraceBuilder.Tgt t = x.target() == Target.BANK ? targets.get(i) : TraceBuilder.Tgt.ZERO;
                int at = b.issue(x, t, i == 0 ? b.maxDistance() : 0);
                if (i == 0) first = at;
                last = at;
            }
        } catch (TraceBuilder.Unplaceable e) {
            return new Result(Outcome.UNBINDABLE, e.getMessage());
        }
        // The oldest of the window when the last arrives: the one `count` before it among x's.
        List<Integer> xs = new ArrayList<>();
        for (int i = first; i <= last; i++) if (b.trace.get(i).command() == x) xs.add(i);
        int oldest = xs.get(xs.size() - 1 - w.count());
        CheckReport clean = b.check(b.trace);
        assertTrue(clean.clean(), s.name() + " window " + w + ": built trace not clean: " + clean.summary(3));
        long dist = b.trace.get(last).cycle() - b.trace.get(oldest).cycle();
        if (dist < w.cycles()) return new Result(Outcome.MISSED, "window let number " + (w.count() + 1) + " through at " + dist);
        if (dist > w.cycles()) return new Result(Outcome.UNBINDABLE, "another rule puts it at " + dist);
        List<CommandRecord> mutated = new ArrayList<>(b.trace);
        CommandRecord n = b.trace.get(last);
        mutated.set(last, new CommandRecord(n.cycle() - 1, n.command(), n.channel(), n.pseudoChannel(), n.rank(),
                n.bankGroup(), n.bank(), n.row(), n.column()));
        int line = last + 1;
        List<Violation> here = b.check(mutated).first().stream().filter(v -> v.line() == line).toList();
        if (here.stream().noneMatch(v -> v.kind() == Violation.Kind.WINDOW && v.required() == w.cycles())) {
            return new Result(Outcome.MISSED, "window not reported: " + here);
        }
        return new Result(here.size() == 1 ? Outcome.EXACT : Outcome.EQUAL, "");
    }

    @Test
    void everyTimingRuleAndWindowOfEveryStandardIsCaught() {
        int[] counts = new int[Outcome.values().length];
        List<String> missed = new ArrayList<>();
        List<String> unbindable = new ArrayList<>();
        int standards = 0;
        for (Map.Entry<String, DramSpec> e : TraceBuilder.standards().entrySet()) {
            DramSpec s = e.getValue();
            standards++;
            List<Object[]> cases = new ArrayList<>();
            // other_rank rows of a one-rank part bind on the same standard with two ranks
            DramSpec twoRanks = s.organization().ranks() > 1 ? s : DramStandards.load(
                    new ConfigLoader(Presets.configsRoot()), Presets.configsRoot().resolve("dram/" + e.getKey() + ".yaml"),
                    List.of("organization.ranks=2"));
            for (Constraint c : s.constraints()) {
                if (c.cycles() <= 0) continue; // never constrains (docs/dram.md)
                cases.add(new Object[] {c.toString(), (java.util.function.Supplier<Result>) () -> {
                    Result r = rule(s, c);
                    if (r.outcome() != Outcome.UNBINDABLE || c.scope() != Scope.OTHER_RANK || twoRanks == s) return r;
                    Constraint c2 = twoRanks.constraints().stream().filter(x -> x.prev().name().equals(c.prev().name())
                            && x.next().name().equals(c.next().name()) && x.scope() == c.scope()
                            && x.expression().equals(c.expression())).findFirst().orElseThrow();
                    return rule(twoRanks, c2);
                }});
            }
            for (Window w : s.windows()) {
                for (Command x : w.commands()) {
                    cases.add(new Object[] {"window " + w.expression() + " of " + x,
                            (java.util.function.Supplier<Result>) () -> window(s, w, x)});
                }
            }
            for (Object[] k : cases) {
                @SuppressWarnings("unchecked")
                Result r = ((java.util.function.Supplier<Result>) k[1]).get();
                counts[r.outcome().ordinal()]++;
                String what = e.getKey() + ": " + k[0] + ": " + r.why();
                if (r.outcome() == Outcome.MISSED) missed.add(what);
                if (r.outcome() == Outcome.UNBINDABLE) unbindable.add(what);
            }
        }
        int total = 0;
        for (int c : counts) total += c;
        System.out.printf("mutation coverage: %d standards, %d timing rules and windows: %d caught exactly, %d caught"
                + " with an equal-distance rule, %d unbindable, %d missed%n", standards, total,
                counts[Outcome.EXACT.ordinal()], counts[Outcome.EQUAL.ordinal()], counts[Outcome.UNBINDABLE.ordinal()],
                counts[Outcome.MISSED.ordinal()]);
        unbindable.forEach(u -> System.out.println("  unbindable: " + u));
        assertTrue(missed.isEmpty(), missed.size() + " missed:\n" + String.join("\n", missed));
        assertTrue(total > 1000, "rules " + total);
        // Most rules must bind; the unbindable ones are listed above with their reason.
        assertTrue(counts[Outcome.UNBINDABLE.ordinal()] * 10 < total, "too many unbindable: " + unbindable);
    }

    // ---- protocol mutations ---------------------------------------------------------------------

    /** Builds a legal trace ending in {@code last}, deletes the commands matching {@code drop} after {@code from}. */
    private static boolean protocol(DramSpec s, List<String> out, String what, Runnable build, TraceBuilder b,
            java.util.function.Predicate<CommandRecord> drop, int from) {
        try {
            build.run();
        } catch (TraceBuilder.Unplaceable e) {
            return false;
        }
        List<CommandRecord> mutated = new ArrayList<>();
        for (int i = 0; i < b.trace.size(); i++) {
            if (i >= from && i < b.trace.size() - 1 && drop.test(b.trace.get(i))) continue;
            mutated.add(b.trace.get(i));
        }
        assertTrue(b.check(b.trace).clean(), s.name() + " " + what + ": legal trace not clean");
        int line = mutated.size();
        CheckReport r = b.check(mutated);
        if (r.first().stream().noneMatch(v -> v.line() == line && v.kind() == Violation.Kind.PROTOCOL)) {
            out.add(s.name() + ": " + what + ": " + r.summary(3));
        }
        return true;
    }

    @Test
    void protocolMutationsOfEveryStandardAreCaught() {
        int cases = 0;
        List<String> missed = new ArrayList<>();
        for (DramSpec s : TraceBuilder.standards().values()) {
            TraceBuilder.Tgt z = TraceBuilder.Tgt.ZERO;
            for (Command c : s.commands()) {
                if (c.isColumn()) {
                    // column command to a closed bank: drop the activates before it
                    TraceBuilder b = new TraceBuilder(s);
                    if (protocol(s, missed, c + " to a closed bank", () -> b.issue(c, z), b,
                            r -> r.command().opens(), 0)) cases++;
                    if (c.target() == Target.BANK) {
                        // wrong row: the legal trace, the column command's row changed
                        TraceBuilder b2 = new TraceBuilder(s);
                        b2.issue(c, z);
                        List<CommandRecord> m = new ArrayList<>(b2.trace);
                        CommandRecord n = m.get(m.size() - 1);
                        m.set(m.size() - 1, new CommandRecord(n.cycle(), c, 0, 0, 0, n.bankGroup(), n.bank(), 1, 0));
                        int line = m.size();
                        if (b2.check(m).first().stream().noneMatch(v -> v.line() == line && v.kind() == Violation.Kind.PROTOCOL)) {
                            missed.add(s.name() + ": " + c + " to the wrong row");
                        }
                        cases++;
                    }
                }
                if (c.opens() || c.isRefresh() || c.selfRefresh() == Transition.ENTER) {
                    // to an open bank: open it, then c; drop the precharges the builder put between
                    TraceBuilder b = new TraceBuilder(s);
                    Command act = b.find(x -> x.opens() && x.target() == Target.BANK && !x.isColumn());
                    int[] from = {0};
                    if (act != null && protocol(s, missed, c + " with a bank open", () -> {
                        b.issue(act, z);
                        from[0] = b.trace.size();
                        b.issue(c, z);
                    }, b, r -> r.command().closes(), 1)) cases++;
                }
                if (c.powerDown() == Transition.EXIT || c.selfRefresh() == Transition.EXIT) {
                    // exit with no entry: drop the entry the builder put first
                    TraceBuilder b = new TraceBuilder(s);
                    if (protocol(s, missed, c + " with no entry", () -> b.issue(c, z), b,
                            r -> r.command().powerDown() == Transition.ENTER || r.command().selfRefresh() == Transition.ENTER,
                            0)) cases++;
                }
                if (c.powerDown() == Transition.NONE && c.selfRefresh() == Transition.NONE && !c.target().equals(Target.CHANNEL)) {
                    // to a powered-down / self-refreshing rank: enter, then c; drop the exit
                    for (Transition[] kind : new Transition[][] {{Transition.ENTER, null}, {null, Transition.ENTER}}) {
                        TraceBuilder b = new TraceBuilder(s);
                        Command enter = b.find(x -> x.target() == Target.RANK
                                && (kind[0] != null ? x.powerDown() == Transition.ENTER : x.selfRefresh() == Transition.ENTER));
                        if (enter == null) continue;
                        if (protocol(s, missed, c + " after " + enter, () -> {
                            b.issue(enter, z);
                            b.issue(c, z);
                        }, b, r -> r.command().powerDown() == Transition.EXIT || r.command().selfRefresh() == Transition.EXIT,
                                1)) cases++;
                    }
                }
            }
        }
        System.out.printf("protocol mutations: %d caught of %d%n", cases - missed.size(), cases);
        assertTrue(missed.isEmpty(), missed.size() + " missed:\n" + String.join("\n", missed));
        assertTrue(cases > 50, "cases " + cases);
        assertEquals(0, missed.size());
    }
}
