package dev.bitline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitline.sim.stats.Counter;
import dev.bitline.sim.stats.Histogram;
import dev.bitline.sim.stats.TimeWeightedAverage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A producer/consumer pipeline over a credit-limited link: the kernel's demo
 * model. The consumer is slower than the producer, so back-pressure must
 * throttle the producer to the consumer's rate; every time is derived by hand
 * in the comments below and asserted exactly.
 */
class DemoPipelineTest {
    record Item(int id, long sentAt) {
    }

    static final class Producer extends Component {
        private final OutPort<Item> out = outPort("out");
        private final long periodPs;
        private final int total;
        private final int tick;
        private int next;
        private boolean waitingForCredit;
        private long earliestNext;
        final List<Long> sendTimes = new ArrayList<>();

        Producer(Simulator sim, Component parent, long periodPs, int total) {
            super(sim, "producer", parent);
            this.periodPs = periodPs;
            this.total = total;
            this.tick = sim.register((t, p) -> trySend());
        }

        void start() {
            out.onSpace(() -> {
                if (waitingForCredit) {
                    waitingForCredit = false;
                    trySend();
                }
            });
            sim().schedule(0, tick, 0);
        }

        private void trySend() {
            if (next == total) {
                return;
            }
            if (!out.canSend()) {
                waitingForCredit = true;
                return;
            }
            long now = sim().now();
            if (now < earliestNext) {
                sim().schedule(earliestNext, tick, 0);
                return;
            }
            out.send(new Item(next++, now));
            sendTimes.add(now);
            earliestNext = now + periodPs;
            sim().schedule(earliestNext, tick, 0);
        }
    }

    static final class Consumer extends Component {
        private final InPort<Item> in;
        private final ArrayDeque<Item> buffer = new ArrayDeque<>();
        private final long servicePs;
        private final int done;
        private final Counter served;
        private final Histogram latency;
        private final TimeWeightedAverage occupancy;
        private Item busyWith;
        final List<Long> doneTimes = new ArrayList<>();

        Consumer(Simulator sim, Component parent, long servicePs) {
            super(sim, "consumer", parent);
            this.servicePs = servicePs;
            this.in = inPort("in", this::arrive);
            this.done = sim.register((t, p) -> finish());
            this.served = sim.stats().counter(statName("served"));
            this.latency = sim.stats().histogram(statName("latencyPs"));
            this.occupancy = sim.stats().timeAverage(statName("occupancy"));
            occupancy.set(0, 0);
        }

        private void arrive(Item item) {
            buffer.addLast(item);
            occupancy.set(sim().now(), buffer.size());
            if (busyWith == null) {
                startNext();
            }
        }

        private void startNext() {
            busyWith = buffer.pollFirst();
            occupancy.set(sim().now(), buffer.size());
            sim().scheduleAfter(servicePs, 0, done, 0);
        }

        private void finish() {
            long now = sim().now();
            served.inc();
            latency.record(now - busyWith.sentAt());
            doneTimes.add(now);
            busyWith = null;
            in.release();
            if (!buffer.isEmpty()) {
                startNext();
            }
        }
    }

    static final class Top extends Component {
        Top(Simulator sim) {
            super(sim, "top", null);
        }
    }

    @Test
    void backPressureThrottlesProducerToConsumerRate() {
        Simulator sim = new Simulator(42);
        Top top = new Top(sim);
        Producer p = new Producer(sim, top, 10, 10);
        Consumer c = new Consumer(sim, top, 30);
        Link.connect(p.out, c.in, 5, 2);
        p.start();
        sim.runUntilQuiet();

        // item0 sent 0, arrives 5, served 5..35; item1 sent 10 (last credit).
        // The producer stalls at 20. item0's credit is released at 35, back at 40:
        // item2 is sent at 40; from then on one credit returns every 30 ps.
        List<Long> sends = new ArrayList<>(List.of(0L, 10L));
        List<Long> dones = new ArrayList<>();
        for (int k = 2; k < 10; k++) {
            sends.add(40L + 30L * (k - 2));
        }
        for (int k = 0; k < 10; k++) {
            dones.add(35L + 30L * k);
        }
        assertEquals(sends, p.sendTimes);
        assertEquals(dones, c.doneTimes);
        assertEquals(10, sim.stats().counter("top.consumer.served").value());
        Histogram lat = sim.stats().histogram("top.consumer.latencyPs");
        assertEquals(35, lat.min());
        assertEquals(55, lat.max());
        assertEquals((35 + 9 * 55) / 10.0, lat.mean(), 1e-12);
        // the last credit comes back at 305 + 5 = 310
        assertEquals(310, sim.now());
    }

    @Test
    void sameSeedSameRunBitForBit() {
        String a = runRandomPipeline(7);
        String b = runRandomPipeline(7);
        String c = runRandomPipeline(8);
        assertEquals(a, b);
        org.junit.jupiter.api.Assertions.assertNotEquals(a, c);
    }

    private static String runRandomPipeline(long seed) {
        Simulator sim = new Simulator(seed);
        Top top = new Top(sim);
        var rnd = sim.random().stream("top.consumer");
        Producer p = new Producer(sim, top, 10, 200);
        Consumer c = new Consumer(sim, top, 20 + rnd.nextInt(20));
        Link.connect(p.out, c.in, 1 + rnd.nextInt(9), 1 + rnd.nextInt(4));
        p.start();
        sim.runUntilQuiet();
        sim.stats().finish(sim.now());
        return sim.stats().toJson();
    }
}
