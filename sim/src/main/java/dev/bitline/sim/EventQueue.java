package dev.bitline.sim;

import java.util.Arrays;

/**
 * Pending events in a total order: (time, priority, insertion sequence).
 *
 * <p>Storage is primitive and reused: a 4-ary min-heap whose sort keys (time
 * and a packed priority/sequence word) sit in the heap arrays themselves, so a
 * sift touches contiguous memory; the per-event data (handler id, payload) sits
 * in slot arrays addressed by a stable slot index, recycled through a free
 * list. Scheduling, dispatch and cancellation allocate nothing once the arrays
 * have grown to the peak number of pending events.
 *
 * <p>An event id packs the slot and a generation count, so cancelling an event
 * that already fired (and whose slot was reused) is detected and refused.
 * Cancellation is lazy: the entry stays in the heap, marked dead, and is
 * dropped when it reaches the top. That keeps every sift free of writes to
 * the slot arrays (random memory traffic on a 10^6-event heap), which is where
 * most of a heap's time goes.
 *
 * <p>A poll leaves a hole at the root instead of sifting the last entry down
 * at once: the handler that runs next usually schedules an event, and that
 * event then fills the hole with one sift-down, where a remove followed by an
 * insert costs a sift-down and a sift-up. Any other operation fills the hole
 * the ordinary way first.
 */
public final class EventQueue {
    /** Priorities are 16-bit so that (priority, sequence) fits in one long. */
    public static final int MIN_PRIORITY = Short.MIN_VALUE;
    public static final int MAX_PRIORITY = Short.MAX_VALUE;
    private static final int SEQ_BITS = 47;
    private static final long SEQ_MASK = (1L << SEQ_BITS) - 1;

    // Heap, indexed by heap position.
    private long[] heapTime;
    private long[] heapKey;   // (priority + 32768) << 47 | sequence
    private int[] heapSlot;
    private int size;         // heap entries, live or cancelled
    private int live;         // live entries
    private boolean hole;     // heap[0] was polled and not yet refilled (size still counts it)

    // Slots, indexed by slot.
    private int[] slotHandler;
    private long[] slotPayload;
    private boolean[] slotLive; // scheduled, not yet fired or cancelled
    private int[] slotGen;
    private int[] freeSlots;
    private int freeCount;
    private int slotsUsed;

    private long nextSeq;

    // Filled by poll(): the event just removed.
    private long polledTime;
    private int polledHandler;
    private long polledPayload;

    public EventQueue() {
        this(1024);
    }

    public EventQueue(int initialCapacity) {
        int cap = Math.max(16, initialCapacity);
        heapTime = new long[cap];
        heapKey = new long[cap];
        heapSlot = new int[cap];
        slotHandler = new int[cap];
        slotPayload = new long[cap];
        slotLive = new boolean[cap];
        slotGen = new int[cap];
        freeSlots = new int[cap];
    }

    /** Pending (live) events. */
    public int size() {
        return live;
    }

    public boolean isEmpty() {
        return live == 0;
    }

    /** Time of the earliest pending event; {@link Long#MAX_VALUE} when empty. */
    public long peekTime() {
        fillHole();
        dropCancelledTop();
        return size == 0 ? Long.MAX_VALUE : heapTime[0];
    }

    /** Closes a hole left by {@link #poll()}: the last entry moves to the root and sifts down. */
    private void fillHole() {
        if (hole) {
            hole = false;
            removeTop();
        }
    }

    private void dropCancelledTop() {
        while (size > 0 && !slotLive[heapSlot[0]]) {
            freeSlot(heapSlot[0]);
            removeTop();
        }
    }

    private void removeTop() {
        size--;
        if (size > 0) {
            siftDown(0, heapTime[size], heapKey[size], heapSlot[size]);
        }
    }

    /** Adds an event and returns its id (for {@link #cancel}). */
    public long add(long time, int priority, int handler, long payload) {
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority out of 16-bit range: " + priority);
        }
        if (nextSeq > SEQ_MASK) {
            throw new IllegalStateException("event sequence space exhausted");
        }
        int slot = allocSlot();
        slotHandler[slot] = handler;
        slotPayload[slot] = payload;
        slotLive[slot] = true;
        live++;
        long key = ((long) (priority - MIN_PRIORITY) << SEQ_BITS) | nextSeq++;
        if (hole) {
            hole = false;
            siftDown(0, time, key, slot);
        } else {
            if (size == heapTime.length) {
                growHeap();
            }
            siftUp(size++, time, key, slot);
        }
        return ((long) slotGen[slot] << 32) | slot;
    }

    /** Removes a pending event; false if it already fired or was cancelled. */
    public boolean cancel(long eventId) {
        int slot = (int) eventId;
        int gen = (int) (eventId >>> 32);
        if (slot < 0 || slot >= slotsUsed || slotGen[slot] != gen || !slotLive[slot]) {
            return false;
        }
        // The heap entry stays until it surfaces; its slot is freed then, so
        // the generation check above keeps refusing this id meanwhile.
        slotLive[slot] = false;
        live--;
        if (size - live > live + 4096) {
            compact();
        }
        return true;
    }

    /**
     * Removes the earliest event; read it with {@link #polledTime()},
     * {@link #polledHandler()} and {@link #polledPayload()}.
     */
    public void poll() {
        fillHole();
        dropCancelledTop();
        if (size == 0) {
            throw new IllegalStateException("poll on empty event queue");
        }
        int slot = heapSlot[0];
        polledTime = heapTime[0];
        polledHandler = slotHandler[slot];
        polledPayload = slotPayload[slot];
        slotLive[slot] = false;
        live--;
        freeSlot(slot);
        hole = true;
    }

    public long polledTime() {
        return polledTime;
    }

    public int polledHandler() {
        return polledHandler;
    }

    public long polledPayload() {
        return polledPayload;
    }

    public void clear() {
        fillHole();
        for (int i = 0; i < size; i++) {
            slotLive[heapSlot[i]] = false;
            freeSlot(heapSlot[i]);
        }
        size = 0;
        live = 0;
    }

    /** Drops cancelled entries and re-heapifies (Floyd), when they outnumber live ones. */
    private void compact() {
        fillHole();
        int n = 0;
        for (int i = 0; i < size; i++) {
            int slot = heapSlot[i];
            if (slotLive[slot]) {
                heapTime[n] = heapTime[i];
                heapKey[n] = heapKey[i];
                heapSlot[n] = slot;
                n++;
            } else {
                freeSlot(slot);
            }
        }
        size = n;
        for (int i = (n - 2) >>> 2; n > 1 && i >= 0; i--) {
            siftDown(i, heapTime[i], heapKey[i], heapSlot[i]);
        }
    }

    private static boolean less(long t1, long k1, long t2, long k2) {
        return t1 < t2 || (t1 == t2 && k1 < k2);
    }

    private void siftUp(int pos, long t, long k, int s) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 2;
            long pt = heapTime[parent];
            long pk = heapKey[parent];
            if (!less(t, k, pt, pk)) {
                break;
            }
            place(pos, pt, pk, heapSlot[parent]);
            pos = parent;
        }
        place(pos, t, k, s);
    }

    private void siftDown(int pos, long t, long k, int s) {
        final long[] ht = heapTime;
        final long[] hk = heapKey;
        final int n = size;
        while (true) {
            int first = (pos << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = ht[first];
            long bk = hk[first];
            int last = Math.min(first + 4, n);
            for (int c = first + 1; c < last; c++) {
                long ct = ht[c];
                if (ct < bt || (ct == bt && hk[c] < bk)) {
                    best = c;
                    bt = ct;
                    bk = hk[c];
                }
            }
            if (!less(bt, bk, t, k)) {
                break;
            }
            place(pos, bt, bk, heapSlot[best]);
            pos = best;
        }
        place(pos, t, k, s);
    }

    private void place(int pos, long t, long k, int s) {
        heapTime[pos] = t;
        heapKey[pos] = k;
        heapSlot[pos] = s;
    }

    private int allocSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == slotHandler.length) {
            int cap = slotHandler.length * 2;
            slotHandler = Arrays.copyOf(slotHandler, cap);
            slotPayload = Arrays.copyOf(slotPayload, cap);
            slotLive = Arrays.copyOf(slotLive, cap);
            slotGen = Arrays.copyOf(slotGen, cap);
            freeSlots = Arrays.copyOf(freeSlots, cap);
        }
        return slotsUsed++;
    }

    private void freeSlot(int slot) {
        slotGen[slot]++;
        freeSlots[freeCount++] = slot;
    }

    private void growHeap() {
        int cap = heapTime.length * 2;
        heapTime = Arrays.copyOf(heapTime, cap);
        heapKey = Arrays.copyOf(heapKey, cap);
        heapSlot = Arrays.copyOf(heapSlot, cap);
    }
}
