package dev.bitline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    /** Model entry: the order a correct queue must reproduce. */
    record E(long time, int prio, long seq, long id) {
    }

    private static final Comparator<E> ORDER =
            Comparator.comparingLong(E::time).thenComparingInt(E::prio).thenComparingLong(E::seq);

    @Test
    void totalOrderTimeThenPriorityThenInsertion() {
        EventQueue q = new EventQueue(2);
        q.add(10, 0, 1, 100);
        q.add(5, 3, 2, 200);
        q.add(5, -1, 3, 300);
        q.add(5, 3, 4, 400);
        q.add(10, 0, 5, 500);
        long[] payloads = new long[5];
        for (int i = 0; i < 5; i++) {
            q.poll();
            payloads[i] = q.polledPayload();
        }
        assertEquals(List.of(300L, 200L, 400L, 100L, 500L), List.of(payloads[0], payloads[1], payloads[2],
                payloads[3], payloads[4]));
        assertTrue(q.isEmpty());
        assertEquals(Long.MAX_VALUE, q.peekTime());
    }

    @Test
    void cancelOnlyPendingEvents() {
        EventQueue q = new EventQueue();
        long a = q.add(1, 0, 0, 1);
        long b = q.add(2, 0, 0, 2);
        assertTrue(q.cancel(b));
        assertFalse(q.cancel(b), "second cancel");
        q.poll();
        assertFalse(q.cancel(a), "already fired");
        long c = q.add(3, 0, 0, 3); // may reuse a's slot
        assertFalse(q.cancel(a), "stale id of a reused slot");
        assertTrue(q.cancel(c));
        assertTrue(q.isEmpty());
        assertThrows(IllegalStateException.class, q::poll);
        assertThrows(IllegalArgumentException.class, () -> q.add(0, 1 << 20, 0, 0));
    }

    @Test
    void massCancellationCompactsAndKeepsOrder() {
        EventQueue q = new EventQueue();
        long[] ids = new long[20_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = q.add((i * 7919L) % 10_007, 0, 0, i);
        }
        for (int i = 0; i < ids.length; i++) {
            if (i % 10 != 0) {
                assertTrue(q.cancel(ids[i]));
            }
        }
        assertEquals(2000, q.size());
        long last = -1;
        for (int i = 0; i < 2000; i++) {
            q.poll();
            assertTrue(q.polledTime() >= last);
            assertEquals(0, q.polledPayload() % 10);
            last = q.polledTime();
        }
        assertTrue(q.isEmpty());
        assertEquals(Long.MAX_VALUE, q.peekTime());
    }

    /** Random interleavings of add / poll / cancel against a sorted-set model. */
    @Property(tries = 200, seed = "20261125")
    void behavesLikeASortedSet(@ForAll @Size(max = 400) List<@IntRange(min = 0, max = 99) Integer> ops) {
        EventQueue q = new EventQueue(4);
        TreeSet<E> model = new TreeSet<>(ORDER);
        List<E> issued = new ArrayList<>();
        long seq = 0;
        for (int op : ops) {
            if (op < 55) {
                long time = op % 7;
                int prio = (op % 3) - 1;
                long id = q.add(time, prio, op, seq);
                E e = new E(time, prio, seq++, id);
                model.add(e);
                issued.add(e);
            } else if (op < 85) {
                if (model.isEmpty()) {
                    assertTrue(q.isEmpty());
                    continue;
                }
                E expect = model.pollFirst();
                assertEquals(expect.time(), q.peekTime());
                q.poll();
                assertEquals(expect.time(), q.polledTime());
                assertEquals(expect.seq(), q.polledPayload());
            } else if (!issued.isEmpty()) {
                E victim = issued.get(op % issued.size());
                assertEquals(model.remove(victim), q.cancel(victim.id()));
            }
            assertEquals(model.size(), q.size());
        }
        while (!model.isEmpty()) {
            q.poll();
            assertEquals(model.pollFirst().seq(), q.polledPayload());
        }
    }
}
