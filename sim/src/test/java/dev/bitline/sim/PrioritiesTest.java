package dev.bitline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table's levels order same-time events as documented, whatever order they were scheduled in. */
class PrioritiesTest {
    @Test
    void sameTimeEventsRunInTableOrder() {
        Simulator sim = new Simulator(1);
        List<String> order = new ArrayList<>();
        int h = sim.register((t, p) -> order.add(switch ((int) p) {
            case 0 -> "wake";
            case 1 -> "tile2";
            case 2 -> "link";
            default -> "data";
        }));
        sim.schedule(100, Priorities.DRAM_WAKE, h, 0);
        sim.schedule(100, Priorities.arbitrated(2), h, 1);
        sim.schedule(100, Priorities.DEFAULT, h, 2);
        sim.schedule(100, Priorities.DATA_ARRIVAL, h, 3);
        sim.runUntilQuiet();
        assertEquals(List.of("data", "link", "wake", "tile2"), order);
        assertEquals(Priorities.DEFAULT, Priorities.arbitrated(0));
        assertThrows(IllegalArgumentException.class, () -> Priorities.arbitrated(-1));
    }
}
