package dev.bitline.sim.stats;

import java.util.Map;

/** A named, typed statistic. The set of kinds is closed: reports know how to print each. */
public sealed interface Stat permits Counter, Histogram, TimeWeightedAverage {
    String name();

    /** Short kind name used in CSV/JSON ("counter", "histogram", "timeAverage"). */
    String kind();

    /** The values to report, in a fixed order (e.g. count, mean, p50, p99, max). */
    Map<String, Number> values();
}
