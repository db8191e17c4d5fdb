package dev.bitline.sim.pipeline;

import dev.bitline.sim.Component;
import dev.bitline.sim.InPort;
import dev.bitline.sim.Link;
import dev.bitline.sim.OutPort;
import dev.bitline.sim.Simulator;
import dev.bitline.sim.stats.Counter;
import dev.bitline.sim.stats.Histogram;
import dev.bitline.sim.stats.TimeWeightedAverage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds and runs a {@link PipelineConfig}: source -> stage 1 -> ... -> stage n.
 * Each stage serves one item at a time, holds up to {@code buffer} items (the
 * credits of its input link) and forwards finished items when the next stage
 * has room, blocking otherwise: blocking after service, as in a tandem queue
 * with finite buffers.
 *
 * <p>Statistics (under {@code <root>.}): {@code source.emitted},
 * {@code source.blockedPs}, per stage {@code <stage>.served},
 * {@code <stage>.occupancy} (time average), {@code <stage>.blockedPs},
 * and {@code sink.latencyPs} (source emission to last stage's completion).
 */
public final class PipelineModel extends Component {
    /** One item in flight; only the emission time matters for latency. */
    record Item(long id, long emittedAt) {
    }

    private final PipelineConfig config;
    private final Source source;
    private final List<Stage> stages = new ArrayList<>();
    private final Histogram latency;
    private final Counter completed;

    public PipelineModel(Simulator sim, String name, PipelineConfig config) {
        super(sim, name, null);
        this.config = config;
        this.latency = sim.stats().histogram(statName("sink.latencyPs"));
        this.completed = sim.stats().counter(statName("sink.completed"));
        this.source = new Source(sim, this, config);
        OutPort<Item> upstream = source.out;
        for (int i = 0; i < config.stages().size(); i++) {
            PipelineConfig.Stage sc = config.stages().get(i);
            Stage st = new Stage(sim, this, sc, i == config.stages().size() - 1);
            Link.connect(upstream, st.in, sc.linkLatency().ps(), sc.buffer());
            upstream = st.out;
            stages.add(st);
        }
        for (int i = 0; i + 1 < stages.size(); i++) {
            Stage st = stages.get(i);
            st.out.onSpace(st::downstreamSpace);
        }
    }

    /** Schedules the first emission; then run the simulator. */
    public void start() {
        source.start();
    }

    public long itemsCompleted() {
        return completed.value();
    }

    public long itemsTotal() {
        return config.items();
    }

    /** Throughput in items per second of simulated time. */
    public double throughputPerSecond() {
        long now = sim().now();
        return now == 0 ? 0 : completed.value() / (now * 1e-12);
    }

    private void finished(Item item) {
        completed.inc();
        latency.record(sim().now() - item.emittedAt());
    }

    private static final class Source extends Component {
        final OutPort<Item> out = outPort("out");
        private final long intervalPs;
        private final long total;
        private final int tick;
        private final Counter emitted;
        private final Counter blockedPs;
        private long next;
        private long earliest;
        private long blockedSince = -1;

        Source(Simulator sim, Component parent, PipelineConfig c) {
            super(sim, "source", parent);
            this.intervalPs = c.sourceInterval().ps();
            this.total = c.items();
            this.tick = sim.register((t, p) -> emit());
            this.emitted = sim.stats().counter(statName("emitted"));
            this.blockedPs = sim.stats().counter(statName("blockedPs"));
        }

        void start() {
            out.onSpace(() -> {
                if (blockedSince >= 0) {
                    blockedPs.add(sim().now() - blockedSince);
                    blockedSince = -1;
                    emit();
                }
            });
            sim().schedule(0, tick, 0);
        }

        private void emit() {
            long now = sim().now();
            if (next == total || now < earliest) {
                return;
            }
            if (!out.canSend()) {
                blockedSince = now;
                return;
            }
            out.send(new Item(next++, now));
            emitted.inc();
            earliest = now + intervalPs;
            if (next < total) {
                sim().schedule(earliest, tick, 0);
            }
        }
    }

    private final class Stage extends Component {
        final InPort<Item> in;
        final OutPort<Item> out;
        private final boolean last;
        private final long servicePs;
        private final boolean exponential;
        private final SplittableRandom random;
        private final ArrayDeque<Item> waiting = new ArrayDeque<>();
        private final int done;
        private final Counter served;
        private final Counter blockedPs;
        private final TimeWeightedAverage occupancy;
        private Item inService;
        private Item blocked;
        private long blockedSince;

        Stage(Simulator sim, Component parent, PipelineConfig.Stage c, boolean last) {
            super(sim, c.name(), parent);
            this.last = last;
            this.servicePs = c.service().ps();
            this.exponential = c.distribution() == PipelineConfig.ServiceDistribution.EXPONENTIAL;
            this.random = sim.random().stream(path());
            this.in = inPort("in", this::arrive);
            this.out = last ? null : outPort("out");
            this.done = sim.register((t, p) -> serviceDone());
            this.served = sim.stats().counter(statName("served"));
            this.blockedPs = sim.stats().counter(statName("blockedPs"));
            this.occupancy = sim.stats().timeAverage(statName("occupancy"));
            occupancy.set(0, 0);
        }

        private int held() {
            return waiting.size() + (inService != null ? 1 : 0) + (blocked != null ? 1 : 0);
        }

        private void arrive(Item item) {
            waiting.addLast(item);
            occupancy.set(sim().now(), held());
            if (inService == null && blocked == null) {
                startNext();
            }
        }

        private void startNext() {
            inService = waiting.pollFirst();
            long t = exponential ? Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * servicePs)) : servicePs;
            sim().scheduleAfter(t, 0, done, 0);
        }

        private void serviceDone() {
            served.inc();
            Item item = inService;
            inService = null;
            if (last) {
                finished(item);
                leave();
            } else if (out.canSend()) {
                out.send(item);
                leave();
            } else {
                blocked = item;
                blockedSince = sim().now();
            }
        }

        private void downstreamSpace() {
            if (blocked != null) {
                blockedPs.add(sim().now() - blockedSince);
                out.send(blocked);
                blocked = null;
                leave();
            }
        }

        /** The item left this stage: free its buffer slot upstream and serve the next. */
        private void leave() {
            in.release();
            occupancy.set(sim().now(), held());
            if (!waiting.isEmpty()) {
                startNext();
            }
        }
    }
}
