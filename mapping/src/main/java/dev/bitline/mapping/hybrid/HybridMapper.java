package dev.bitline.mapping.hybrid;

import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Op;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.map.Mapper;
import dev.bitline.mapping.schedule.ScheduledOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Duplex-style hybrid: several units share one memory, and every operation runs where it is
 * cheapest. Each unit's mapper places and estimates the operation; the cheapest estimate wins
 * (the units' models carry the Op/B rule: a GEMV of Op/B ~ 1 is cheaper where the bandwidth is,
 * a GEMM of high Op/B where the arithmetic is). Operations with several independent instances
 * (MoE experts; attention: one instance per sequence and K/V head) are co-processed as Duplex
 * does: the instances are split between the two cheapest units so both finish together, and
 * the operation takes the longer part. The choice is made on estimates, so {@code --fast} and
 * the cycle-model run execute the same schedule; the simulation then times each part on its
 * unit's cycle model.
 *
 * <p>Units are named by their tag in the hybrid preset ({@code xpu}, {@code pim}); a unit's own
 * sub-units become {@code tag/unit} ({@code pim/host}). The units share the memory (Duplex's
 * xPU and Logic-PIM sit on the same HBM stacks), so a change of unit moves no data; each part's
 * moves are its unit's.
 */
public final class HybridMapper implements Mapper {
    private final String name;
    private final Map<String, Mapper> units;
    private final boolean coProcess;

    /** @param units by tag, in preference order for ties; the first also checks memory capacity */
    public HybridMapper(String name, Map<String, Mapper> units, boolean coProcess) {
        if (units.size() < 2) {
            throw new IllegalArgumentException("a hybrid needs at least two units");
        }
        this.name = name;
        this.units = new LinkedHashMap<>(units);
        this.coProcess = coProcess;
    }

    @Override
    public String hardware() {
        return name;
    }

    @Override
    public long clockHz() {
        return units.values().iterator().next().clockHz();
    }

    @Override
    public void checkFits(LayerGraph g) {
        units.values().iterator().next().checkFits(g);
    }

    @Override
    public ScheduledOp place(Op op, Step step) {
        List<ScheduledOp> options = new ArrayList<>();
        for (var e : units.entrySet()) {
            ScheduledOp o = e.getValue().place(op, step);
            options.add(o.withUnit(e.getKey() + "/" + o.unit()));
        }
        options.sort((x, y) -> Long.compare(x.estimatedPs(), y.estimatedPs()));
        ScheduledOp best = options.get(0);
        int n = best.instances();
        if (!coProcess || n < 2) {
            return best;
        }
        ScheduledOp second = options.get(1);
        double a = best.estimatedPs() / (double) n;
        double b = second.estimatedPs() / (double) n;
        int s = n;
        double t = a * n;
        for (int i = 1; i < n; i++) {
            double ti = Math.max(a * i, b * (n - i));
            if (ti < t) {
                t = ti;
                s = i;
            }
        }
        if (s == n) {
            return best;
        }
        return combine(best, List.of(best.share(s), second.share(n - s)));
    }

    private static ScheduledOp combine(ScheduledOp whole, List<ScheduledOp> parts) {
        long est = 0;
        long sim = 0;
        double energy = 0;
        boolean cycle = false;
        List<dev.bitline.mapping.schedule.Move> moves = new ArrayList<>();
        StringBuilder placement = new StringBuilder();
        StringBuilder unit = new StringBuilder();
        for (ScheduledOp p : parts) {
            est = Math.max(est, p.estimatedPs());
            sim = Math.max(sim, p.simulatedPs());
            energy += p.energyPj();
            cycle |= p.cycleModel();
            moves.addAll(p.moves());
            placement.append(placement.length() == 0 ? "" : "; ").append(p.instances()).append("/").append(whole.instances())
                    .append(" on ").append(p.unit()).append(": ").append(p.placement());
            unit.append(unit.length() == 0 ? "" : "+").append(p.unit());
        }
        return new ScheduledOp(whole.name(), whole.layer(), whole.kind(), whole.function(), unit.toString(),
                placement.toString(), whole.m(), whole.n(), whole.k(), whole.instances(), whole.weights(), whole.acts(),
                whole.flops(), whole.bytes(), moves, est, sim, cycle, energy, parts);
    }

    @Override
    public ScheduledOp simulate(ScheduledOp op) {
        if (op.parts().isEmpty()) {
            return simulateOn(op);
        }
        List<ScheduledOp> done = new ArrayList<>();
        for (ScheduledOp p : op.parts()) {
            done.add(simulateOn(p));
        }
        return combine(op, done);
    }

    /** Runs an operation on the unit its {@code tag/unit} names, keeping the tag. */
    private ScheduledOp simulateOn(ScheduledOp op) {
        int slash = op.unit().indexOf('/');
        String tag = op.unit().substring(0, slash);
        Mapper m = units.get(tag);
        if (m == null) {
            throw new IllegalArgumentException(op.name() + ": unit '" + op.unit() + "' is not one of " + units.keySet());
        }
        return m.simulate(op.withUnit(op.unit().substring(slash + 1))).withUnit(op.unit());
    }
}
