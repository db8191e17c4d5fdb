package dev.bitline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    @Test
    void runUntilStopsAtTheBoundaryAndAdvancesTime() {
        Simulator sim = new Simulator(1);
        List<String> log = new ArrayList<>();
        int h = sim.register((t, p) -> log.add(t + ":" + p));
        sim.schedule(100, h, 1);
        sim.schedule(200, h, 2);
        sim.schedule(200, -1, h, 3);
        sim.runUntil(150);
        assertEquals(List.of("100:1"), log);
        assertEquals(150, sim.now());
        sim.runUntil(200);
        assertEquals(List.of("100:1", "200:3", "200:2"), log);
        assertEquals(3, sim.eventsDispatched());
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(10, h, 0));
    }

    @Test
    void eventsScheduleEventsAndCancel() {
        Simulator sim = new Simulator(1);
        Clock clk = Clock.ofHz(1_200_000_000L);
        List<Long> times = new ArrayList<>();
        int[] id = new int[1];
        long[] victim = new long[1];
        id[0] = sim.register((t, p) -> {
            times.add(t);
            if (p < 4) {
                sim.scheduleAtNextEdge(clk, 0, id[0], p + 1);
            }
            if (p == 1) {
                sim.cancel(victim[0]);
            }
        });
        victim[0] = sim.schedule(10_000, id[0], 99);
        sim.schedule(0, id[0], 0);
        sim.runUntilQuiet();
        assertEquals(List.of(0L, 833L, 1666L, 2500L, 3333L), times);
        assertEquals(0, sim.pendingEvents());
    }

    @Test
    void stopEndsTheLoop() {
        Simulator sim = new Simulator(1);
        int[] n = {0};
        int[] h = new int[1];
        h[0] = sim.register((t, p) -> {
            if (++n[0] == 3) {
                sim.stop();
            }
            sim.scheduleAfter(10, 0, h[0], 0);
        });
        sim.schedule(0, h[0], 0);
        sim.runUntilQuiet();
        assertEquals(3, n[0]);
        assertEquals(20, sim.now());
    }
}
