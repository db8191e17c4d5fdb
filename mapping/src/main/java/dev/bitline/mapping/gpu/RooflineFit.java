package dev.bitline.mapping.gpu;

import dev.bitline.sim.units.Duration;
import java.util.List;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Calibrates a preset's achievable fractions from measured kernel times by least squares on
 * relative error (Commons Math Levenberg-Marquardt): parameters are the inverse fractions and
 * the per-kernel overhead, so the model t = max(bytes * a / BW, ops * b / peak) + c is linear in
 * each piece and the fit is well conditioned. The GPU reference issue feeds it real runs.
 */
public final class RooflineFit {
    private RooflineFit() {}

    /** One measured kernel: its operations, bytes, precision and time. */
    public record Sample(double ops, double bytes, Precision precision, double seconds) {
        public Sample {
            if (!(seconds > 0) || ops < 0 || bytes < 0) {
                throw new IllegalArgumentException("a sample needs seconds > 0 and non-negative ops and bytes");
            }
        }
    }

    /**
     * @param preset the input preset with the fitted fractions and overhead
     * @param rmsRelativeError root-mean-square of (model - measured) / measured after the fit
     */
    public record Result(GpuPreset preset, double rmsRelativeError) {}

    public static Result fit(GpuPreset start, List<Sample> samples) {
        if (samples.size() < 3) {
            throw new IllegalArgumentException("a fit of three parameters needs at least 3 samples, got " + samples.size());
        }
        double bw = start.gpu().bandwidth().bytesPerSecond();
        int n = samples.size();
        org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction model = point -> {
            double a = point.getEntry(0);
            double b = point.getEntry(1);
            double c = point.getEntry(2);
            RealVector value = new ArrayRealVector(n);
            Array2DRowRealMatrix jac = new Array2DRowRealMatrix(n, 3);
            for (int i = 0; i < n; i++) {
                Sample s = samples.get(i);
                double mem = s.bytes() / bw;
                double comp = s.ops() / start.peakOpsPerSecond(s.precision());
                double t = Math.max(mem * a, comp * b) + c;
                value.setEntry(i, t / s.seconds());
                if (mem * a >= comp * b) {
                    jac.setEntry(i, 0, mem / s.seconds());
                } else {
                    jac.setEntry(i, 1, comp / s.seconds());
                }
                jac.setEntry(i, 2, 1 / s.seconds());
            }
            return new Pair<>(value, jac);
        };
        double[] target = new double[n];
        java.util.Arrays.fill(target, 1.0);
        GpuPreset.Achievable f = start.achievable();
        LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(model).target(target)
                .start(new double[] {1 / f.bandwidth(), 1 / f.compute(), f.kernelOverhead().seconds()})
                .maxEvaluations(10_000).maxIterations(10_000)
                .parameterValidator(p -> {
                    p.setEntry(0, Math.max(1, p.getEntry(0)));
                    p.setEntry(1, Math.max(1, p.getEntry(1)));
                    p.setEntry(2, Math.max(0, p.getEntry(2)));
                    return p;
                })
                .build());
        RealVector p = opt.getPoint();
        GpuPreset fitted = start.withAchievable(1 / p.getEntry(0), 1 / p.getEntry(1),
                Duration.ofPs(Math.round(p.getEntry(2) * 1e12)), "least-squares fit to " + n + " measured kernels");
        return new Result(fitted, opt.getRMS());
    }
}
