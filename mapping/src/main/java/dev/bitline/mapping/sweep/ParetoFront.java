package dev.bitline.mapping.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The non-dominated points of a two-metric trade-off. */
public final class ParetoFront {
    private ParetoFront() {
    }

    /**
     * Indices into {@code x}/{@code y} of the points no other point beats on both metrics (ties
     * on both: the first), sorted by x from best to worst. NaN values are never on the front.
     */
    public static List<Integer> of(double[] x, boolean maximizeX, double[] y, boolean maximizeY) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                idx.add(i);
            }
        }
        // best x first; on equal x best y first; then plan order
        double sx = maximizeX ? -1 : 1;
        double sy = maximizeY ? -1 : 1;
        idx.sort(Comparator.<Integer>comparingDouble(i -> sx * x[i]).thenComparingDouble(i -> sy * y[i])
                .thenComparingInt(i -> i));
        List<Integer> front = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY; // best sy*y seen so far
        for (int i : idx) {
            double v = sy * y[i];
            if (v < best) {
                front.add(i);
                best = v;
            }
        }
        return front;
    }
}
