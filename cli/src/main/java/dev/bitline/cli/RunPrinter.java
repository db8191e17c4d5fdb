package dev.bitline.cli;

import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.schedule.Schedule;
import dev.bitline.mapping.schedule.ScheduledOp;
import java.io.PrintWriter;
import java.util.List;
import java.util.TreeMap;

/** The tables {@code map} and {@code run} print. */
final class RunPrinter {
    private RunPrinter() {}

    static void header(PrintWriter out, Schedule s, LayerGraph g) {
        out.printf("%s, %s, on %s: %s, batch %d, %d new token(s), %d keys%n", s.model(), s.compression(), s.hardware(),
                s.phase(), s.batch(), s.queries(), s.keys());
        out.printf("weights %.1f MB, KV cache %.1f MB, %s flops, peak activations %.2f MB (at %s)%n", g.weightBytes() / 1e6,
                g.kvCacheBytes() / 1e6, String.format("%.3g", g.flops()), g.peakActivationBytes() / 1e6, g.peakOp().name());
    }

    /** Every operation of block 0 and of the parts outside the blocks (the other blocks repeat block 0). */
    static void operations(PrintWriter out, Schedule s, long hz) {
        Table t = new Table("operation", "unit", "placement", "shape", "weights", "moved", "Op/B", "est cycles", "sim cycles", "est err");
        for (ScheduledOp op : s.ops()) {
            if (op.layer() > 0) {
                continue;
            }
            String shape = op.kind().equals("vector") ? op.n() + " elem"
                    : (op.instances() > 1 ? op.instances() + "x " : "") + op.m() + "x" + op.n() + "x" + op.k();
            t.row(op.name(), op.unit(), op.placement(), shape, op.weights(), String.format("%,d B", op.movedBytes()),
                    String.format("%.2f", op.opsPerByte()), MapCommand.cycles(op.estimatedPs(), hz),
                    op.cycleModel() ? MapCommand.cycles(op.simulatedPs(), hz) : "(estimate)", MapCommand.pct(op));
        }
        out.println();
        out.println("operations of block 0 and outside the blocks (blocks 1.. repeat block 0's operations):");
        t.print(out);
    }

    static void layers(PrintWriter out, Schedule s, long hz, int blocks) {
        TreeMap<Integer, long[]> per = new TreeMap<>();
        TreeMap<Integer, String> units = new TreeMap<>();
        for (ScheduledOp op : s.ops()) {
            long[] v = per.computeIfAbsent(op.layer(), x -> new long[4]);
            v[0] += op.estimatedPs();
            v[1] += op.simulatedPs();
            v[2] += op.movedBytes();
            v[3] += (long) op.flops();
            units.merge(op.layer(), op.unit(), (a, b) -> a.contains(b) ? a : a + "+" + b);
        }
        Table t = new Table("layer", "units", "moved", "Op/B", "est cycles", "sim cycles", "sim us");
        for (var e : per.entrySet()) {
            long[] v = e.getValue();
            t.row(e.getKey() < 0 ? "outside blocks" : "block " + e.getKey(), units.get(e.getKey()),
                    String.format("%,d B", v[2]), String.format("%.2f", v[2] == 0 ? 0 : v[3] / (double) v[2]),
                    MapCommand.cycles(v[0], hz), MapCommand.cycles(v[1], hz), MapCommand.us(v[1]));
        }
        out.println();
        t.print(out);
        out.printf("total: %s cycles (%s us) simulated, %s cycles estimated, %.1f MB moved, %.3f mJ%n",
                MapCommand.cycles(s.simulatedPs(), hz), MapCommand.us(s.simulatedPs()), MapCommand.cycles(s.estimatedPs(), hz),
                s.movedBytes() / 1e6, s.energyPj() * 1e-9);
    }

    static void estimateError(PrintWriter out, Schedule s, boolean fast) {
        List<ScheduledOp> timed = s.ops().stream().filter(ScheduledOp::cycleModel).toList();
        if (fast) {
            out.println("analytical estimates only (--fast)");
        } else if (timed.isEmpty()) {
            out.println("no cycle model on this hardware: every time is the analytical (modelled) estimate");
        } else {
            long est = timed.stream().mapToLong(ScheduledOp::estimatedPs).sum();
            long sim = timed.stream().mapToLong(ScheduledOp::simulatedPs).sum();
            double worst = timed.stream().mapToDouble(o -> Math.abs(o.estimateError())).max().orElse(0);
            out.printf("analytical vs cycle model on the %d simulated operations: %+.2f%% in total, worst operation %.1f%%%n",
                    timed.size(), 100.0 * (est - sim) / sim, 100 * worst);
        }
    }
}
