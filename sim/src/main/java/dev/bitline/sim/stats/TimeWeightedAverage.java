package dev.bitline.sim.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The time average of a piecewise-constant signal (queue occupancy, banks
 * open, power state). Each {@link #set} closes the interval since the last
 * change; the average is taken up to the time passed to {@link #average}.
 */
public final class TimeWeightedAverage implements Stat {
    private final String name;
    private long start = -1;
    private long lastTime;
    private double lastValue;
    private double integral;       // value x ps
    private double maxValue = Double.NEGATIVE_INFINITY;
    private long endTime = -1;

    TimeWeightedAverage(String name) {
        this.name = name;
    }

    /** The signal takes {@code value} from time {@code nowPs} on. */
    public void set(long nowPs, double value) {
        if (start < 0) {
            start = nowPs;
        } else {
            if (nowPs < lastTime) {
                throw new IllegalArgumentException(name + ": time went backwards (" + nowPs + " < " + lastTime + ")");
            }
            integral += lastValue * (nowPs - lastTime);
        }
        lastTime = nowPs;
        lastValue = value;
        maxValue = Math.max(maxValue, value);
    }

    /** Marks the end of the observed interval (used by {@link #values()}). */
    public void finish(long nowPs) {
        endTime = nowPs;
    }

    /** Average over [first set, {@code nowPs}]. */
    public double average(long nowPs) {
        if (start < 0 || nowPs <= start) {
            return start < 0 ? 0.0 : lastValue;
        }
        double total = integral + lastValue * (nowPs - lastTime);
        return total / (nowPs - start);
    }

    public double max() {
        return start < 0 ? 0.0 : maxValue;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "timeAverage";
    }

    @Override
    public Map<String, Number> values() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("average", average(endTime >= 0 ? endTime : lastTime));
        m.put("max", max());
        return m;
    }
}
