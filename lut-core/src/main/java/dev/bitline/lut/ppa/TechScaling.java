package dev.bitline.lut.ppa;

/**
 * Area and energy scaling between process nodes after Stillmaker &amp; Baas, "Scaling equations
 * for the accurate prediction of CMOS device performance from 180 nm to 7 nm" (Integration, the
 * VLSI Journal 58, 2017).
 *
 * <p>Area factors are the paper's node-to-node area table (row 45 nm); energy per operation is
 * the paper's second-order polynomial in supply voltage, {@code a*Vdd^2 + b*Vdd + c}, with one
 * coefficient triple per node (HP device models). Nodes between tabulated ones (28 nm lies between
 * 32 and 20 nm in the table used here) are interpolated linearly in feature size, both for the area
 * factor and for the energy polynomial's value; this interpolation is ours, not the paper's.
 */
public final class TechScaling {
    /** Tabulated nodes, nm, largest first. */
    private static final int[] NODES = {130, 90, 65, 45, 32, 20, 16, 14, 10, 7};
    /** Area of a design at node NODES[j] relative to the same design at 45 nm. */
    private static final double[] AREA_FROM_45 = {6.4, 2.8, 1.5, 1, 0.46, 0.21, 0.19, 0.17, 0.1, 0.059};
    /** Energy polynomial coefficients {a, b, c} per node. */
    private static final double[][] ENERGY = {
        {7.171, -6.709, 2.904},
        {4.762, -4.781, 2.092},
        {3.755, -4.398, 1.975},
        {1.103, -0.362, 0.2767},
        {0.9559, -0.7823, 0.471},
        {0.373, -0.1582, 0.04104},
        {0.2958, -0.1241, 0.03024},
        {0.2363, -0.09675, 0.02239},
        {0.2068, -0.09311, 0.02375},
        {0.1776, -0.09097, 0.02447},
    };

    private TechScaling() {}

    /** Factors to multiply area and energy measured at (fromNm, fromVdd) to get (toNm, toVdd). */
    public record Factors(double area, double energy) {}

    public static Factors between(double fromNm, double fromVdd, double toNm, double toVdd) {
        double area = areaFrom45(toNm) / areaFrom45(fromNm);
        double energy = energyPoly(toNm, toVdd) / energyPoly(fromNm, fromVdd);
        return new Factors(area, energy);
    }

    static double areaFrom45(double nm) {
        return interpolate(nm, AREA_FROM_45);
    }

    static double energyPoly(double nm, double vdd) {
        double[] perNode = new double[NODES.length];
        for (int i = 0; i < NODES.length; i++) {
            double[] c = ENERGY[i];
            perNode[i] = c[0] * vdd * vdd + c[1] * vdd + c[2];
        }
        return interpolate(nm, perNode);
    }

    private static double interpolate(double nm, double[] values) {
        if (nm > NODES[0] || nm < NODES[NODES.length - 1]) {
            throw new IllegalArgumentException(
                    "process node " + nm + " nm outside the scaling table (7..130 nm)");
        }
        for (int i = 0; i < NODES.length; i++) {
            if (nm == NODES[i]) {
                return values[i];
            }
            if (i + 1 < NODES.length && nm < NODES[i] && nm > NODES[i + 1]) {
                double t = (NODES[i] - nm) / (double) (NODES[i] - NODES[i + 1]);
                return values[i] * (1 - t) + values[i + 1] * t;
            }
        }
        throw new AssertionError(nm);
    }
}
