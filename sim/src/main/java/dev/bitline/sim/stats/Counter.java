package dev.bitline.sim.stats;

import java.util.Map;

/** A monotonically updated count (events, bytes, commands). */
public final class Counter implements Stat {
    private final String name;
    private long value;

    Counter(String name) {
        this.name = name;
    }

    public void inc() {
        value++;
    }

    public void add(long n) {
        value += n;
    }

    public long value() {
        return value;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "counter";
    }

    @Override
    public Map<String, Number> values() {
        return Map.of("value", value);
    }
}
