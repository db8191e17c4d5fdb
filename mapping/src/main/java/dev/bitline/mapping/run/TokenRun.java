package dev.bitline.mapping.run;

import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.graph.GraphBuilder;
import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.map.Scheduler;
import dev.bitline.mapping.model.ModelConfig;
import dev.bitline.mapping.schedule.Schedule;
import dev.bitline.mapping.schedule.ScheduledOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Runs a generation: every decode step is its own layer graph (the KV cache grows by one token a
 * step), mapped and run on the cycle models through one {@link Scheduler}, so identical
 * operations across layers and steps are simulated once. The token's operations run in sequence.
 */
public final class TokenRun {
    private TokenRun() {}

    public static RunReport run(ModelConfig model, Compression comp, Scheduler scheduler, Workload w, boolean fast) {
        return run(model, comp, scheduler, w, fast, i -> { });
    }

    /** {@code progress} hears the index of each finished step. */
    public static RunReport run(ModelConfig model, Compression comp, Scheduler scheduler, Workload w, boolean fast,
            IntConsumer progress) {
        Map<String, long[]> fnTime = new LinkedHashMap<>();
        Map<String, double[]> fnEnergy = new LinkedHashMap<>();
        Map<String, String> fnUnit = new LinkedHashMap<>();
        Map<String, Boolean> fnCycle = new LinkedHashMap<>();
        TreeMap<Integer, long[]> layerTime = new TreeMap<>();
        TreeMap<Integer, double[]> layerEnergy = new TreeMap<>();
        long sim = 0;
        long est = 0;
        double energy = 0;
        Schedule first = null;
        Schedule last = null;
        // the last step holds the longest KV cache: if it fits, every step does
        scheduler.mapper().checkFits(GraphBuilder.build(model, comp, Step.decode(w.batch(), w.prompt() + w.tokens())));
        for (int i = 0; i < w.tokens(); i++) {
            LayerGraph g = GraphBuilder.build(model, comp, Step.decode(w.batch(), w.prompt() + i + 1));
            Schedule s = fast ? scheduler.map(g) : scheduler.simulate(g);
            if (first == null) {
                first = s;
            }
            last = s;
            for (ScheduledOp op : s.ops()) {
                String key = op.function() + "@" + op.unit();
                long[] t = fnTime.computeIfAbsent(key, x -> new long[4]);
                t[0] += i == 0 ? 1 : 0;
                t[1] += op.simulatedPs();
                t[2] += op.estimatedPs();
                t[3] += op.movedBytes();
                fnEnergy.computeIfAbsent(key, x -> new double[1])[0] += op.energyPj();
                fnUnit.put(key, op.unit());
                fnCycle.merge(key, op.cycleModel(), Boolean::logicalOr);
                long[] lt = layerTime.computeIfAbsent(op.layer(), x -> new long[2]);
                lt[0] += op.simulatedPs();
                lt[1] += op.estimatedPs();
                layerEnergy.computeIfAbsent(op.layer(), x -> new double[1])[0] += op.energyPj();
                sim += op.simulatedPs();
                est += op.estimatedPs();
                energy += op.energyPj();
            }
            progress.accept(i);
        }
        List<RunReport.FunctionRow> fns = new ArrayList<>();
        for (var e : fnTime.entrySet()) {
            long[] t = e.getValue();
            String fn = e.getKey().substring(0, e.getKey().lastIndexOf('@'));
            fns.add(new RunReport.FunctionRow(fn, fnUnit.get(e.getKey()), t[0], t[1], t[2], t[3],
                    fnEnergy.get(e.getKey())[0], fnCycle.get(e.getKey())));
        }
        List<RunReport.LayerRow> layers = new ArrayList<>();
        for (var e : layerTime.entrySet()) {
            layers.add(new RunReport.LayerRow(e.getKey(), e.getValue()[0], e.getValue()[1], layerEnergy.get(e.getKey())[0]));
        }
        return new RunReport(model.name(), comp.name(), scheduler.mapper().hardware(), w, fast, sim, est, energy,
                scheduler.mapper().clockHz(), fns, layers, first, last, scheduler.simulations(), scheduler.reused());
    }
}
