package dev.bitline.dram.trace;

import java.util.Arrays;

/**
 * Requests held in three primitive arrays: used by benchmarks and repeated runs, where parsing the
 * trace again would be measured instead of the DRAM model. One request costs 17 bytes.
 */
public final class RequestBuffer {
    private long[] addresses;
    private long[] cycles;
    private boolean[] writes;
    private int size;

    public RequestBuffer(int initialCapacity) {
        int cap = Math.max(16, initialCapacity);
        addresses = new long[cap];
        cycles = new long[cap];
        writes = new boolean[cap];
    }

    /** Reads a whole source (and closes it). */
    public static RequestBuffer readAll(RequestSource source) {
        RequestBuffer b = new RequestBuffer(1 << 16);
        try (source) {
            while (source.next()) {
                b.add(source.address(), source.isWrite(), source.cycle());
            }
        }
        return b;
    }

    public void add(long address, boolean write, long cycle) {
        if (size == addresses.length) {
            int cap = addresses.length * 2;
            addresses = Arrays.copyOf(addresses, cap);
            cycles = Arrays.copyOf(cycles, cap);
            writes = Arrays.copyOf(writes, cap);
        }
        addresses[size] = address;
        cycles[size] = cycle;
        writes[size] = write;
        size++;
    }

    public int size() {
        return size;
    }

    public long address(int i) {
        return addresses[i];
    }

    public long cycle(int i) {
        return cycles[i];
    }

    public boolean isWrite(int i) {
        return writes[i];
    }

    /** A fresh source over the buffered requests; it allocates nothing per request. */
    public RequestSource source() {
        return new RequestSource() {
            private int i = -1;

            @Override
            public boolean next() {
                if (i + 1 >= size) {
                    i = size;
                    return false;
                }
                i++;
                return true;
            }

            @Override
            public long address() {
                return addresses[i];
            }

            @Override
            public boolean isWrite() {
                return writes[i];
            }

            @Override
            public long cycle() {
                return cycles[i];
            }

            @Override
            public String location() {
                return "buffer:" + (i + 1);
            }

            @Override
            public void close() {}
        };
    }
}
