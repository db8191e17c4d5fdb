package dev.bitline.gpu.calibrate;

import dev.bitline.mapping.gpu.GpuPreset;
import dev.bitline.mapping.gpu.Roofline;
import dev.bitline.mapping.gpu.RooflineFit;
import java.util.ArrayList;
import java.util.List;

/**
 * Calibrates a GPU preset's achievable fractions from measured kernels (mapping's
 * {@link RooflineFit}, Commons Math least squares) and reports the roofline's error per kernel
 * before and after: the number that says how far the modelled GPU baselines can be trusted.
 */
public final class Calibration {
    private Calibration() {}

    /** One kernel: measured time, the preset's modelled time as shipped and after the fit. */
    public record KernelError(String label, double measuredSeconds, double assumedSeconds, double calibratedSeconds) {
        public double assumedError() {
            return (assumedSeconds - measuredSeconds) / measuredSeconds;
        }

        public double calibratedError() {
            return (calibratedSeconds - measuredSeconds) / measuredSeconds;
        }
    }

    /** The fitted preset and every kernel's error. */
    public record Result(GpuPreset calibrated, RooflineFit.Result fit, List<KernelError> kernels) {
        public double rmsAssumed() {
            return rms(kernels.stream().mapToDouble(KernelError::assumedError).toArray());
        }

        public double rmsCalibrated() {
            return rms(kernels.stream().mapToDouble(KernelError::calibratedError).toArray());
        }
    }

    public static Result calibrate(GpuPreset preset, List<MeasuredRuns.Kernel> measured) {
        List<RooflineFit.Sample> samples = measured.stream().map(MeasuredRuns.Kernel::sample).toList();
        RooflineFit.Result fit = RooflineFit.fit(preset, samples);
        Roofline before = new Roofline(preset);
        Roofline after = new Roofline(fit.preset());
        List<KernelError> errs = new ArrayList<>();
        for (MeasuredRuns.Kernel k : measured) {
            RooflineFit.Sample s = k.sample();
            errs.add(new KernelError(k.label(), s.seconds(), before.seconds(s.ops(), s.bytes(), s.precision()),
                    after.seconds(s.ops(), s.bytes(), s.precision())));
        }
        return new Result(fit.preset(), fit, errs);
    }

    static double rms(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return v.length == 0 ? 0 : Math.sqrt(s / v.length);
    }
}
