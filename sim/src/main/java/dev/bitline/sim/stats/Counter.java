package dev.bitline.sim.stats;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A monotonically updated count (events, bytes, commands). Either the counter keeps the count
 * ({@link #add}) or it is a <em>probe</em> that reads a count the model already keeps in its own
 * field ({@link StatsRegistry#probe}), so a model whose hot path counts into a primitive field
 * (a DRAM controller) is in the stats tree live, with no copy after the run.
 */
public final class Counter implements Stat {
    private final String name;
    private final LongSupplier probe;
    private long value;

    Counter(String name) {
        this(name, null);
    }

    Counter(String name, LongSupplier probe) {
        this.name = name;
        this.probe = probe;
    }

    public void inc() {
        add(1);
    }

    public void add(long n) {
        if (probe != null) {
            throw new IllegalStateException(name + " is a probe of a model's own count; it cannot be added to");
        }
        value += n;
    }

    public long value() {
        return probe == null ? value : probe.getAsLong();
    }

    /** Whether this counter reads a model's own count. */
    public boolean isProbe() {
        return probe != null;
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
        return Map.of("value", value());
    }
}
