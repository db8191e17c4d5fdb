package dev.bitline.mapping.map;

import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Op;
import dev.bitline.mapping.schedule.Schedule;
import dev.bitline.mapping.schedule.ScheduledOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a layer graph with a {@link Mapper} and runs the result on the cycle models. Operations
 * run one after another (each consumes the previous one's output), each on an idle device; an
 * operation whose {@link Mapper#simulationKey} was simulated before reuses that result, which is
 * exact because the run is deterministic and starts from the same idle state (tested: a reused
 * result equals a fresh simulation). Keep one Scheduler for a whole generation so the 12 layers
 * of GPT-2 and the 64 decode steps share their simulations.
 */
public final class Scheduler {
    private final Mapper mapper;
    private final Map<Object, ScheduledOp> simulated = new HashMap<>();
    private long simulations;
    private long reused;

    public Scheduler(Mapper mapper) {
        this.mapper = mapper;
    }

    public Mapper mapper() {
        return mapper;
    }

    /** The schedule with analytical estimates only (the {@code --fast} path). */
    public Schedule map(LayerGraph g) {
        mapper.checkFits(g);
        List<ScheduledOp> out = new ArrayList<>(g.ops().size());
        for (Op op : g.ops()) {
            out.add(mapper.place(op, g.step()));
        }
        return schedule(g, out);
    }

    /** The schedule with every operation also run on the cycle model. */
    public Schedule simulate(LayerGraph g) {
        return simulate(map(g));
    }

    /** Runs an existing schedule (e.g. read back from JSON) on the cycle models. */
    public Schedule simulate(Schedule s) {
        List<ScheduledOp> out = new ArrayList<>(s.ops().size());
        for (ScheduledOp op : s.ops()) {
            Object key = mapper.simulationKey(op);
            ScheduledOp done = simulated.get(key);
            if (done == null) {
                done = mapper.simulate(op);
                simulated.put(key, done);
                simulations++;
            } else {
                reused++;
            }
            out.add(op.withResultsOf(done));
        }
        return new Schedule(s.model(), s.compression(), s.hardware(), s.phase(), s.batch(), s.queries(), s.keys(), out);
    }

    /** Distinct cycle-model runs so far. */
    public long simulations() {
        return simulations;
    }

    /** Operations that reused an earlier run. */
    public long reused() {
        return reused;
    }

    private Schedule schedule(LayerGraph g, List<ScheduledOp> ops) {
        return new Schedule(g.model().name(), g.compression().name(), mapper.hardware(),
                g.step().phase().name().toLowerCase(java.util.Locale.ROOT), g.step().batch(), g.step().queries(),
                g.step().keys(), ops);
    }
}
