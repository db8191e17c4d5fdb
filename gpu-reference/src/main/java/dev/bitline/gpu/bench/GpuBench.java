package dev.bitline.gpu.bench;

import dev.bitline.gpu.cuda.CudaBinary;
import dev.bitline.gpu.op.GpuCheck;
import dev.bitline.gpu.op.GpuOps;
import dev.bitline.gpu.op.OpKind;
import dev.bitline.gpu.op.OpSpec;
import dev.bitline.sim.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The whole GPU suite: every kernel family at the decode shapes that matter (GEMV at
 * 4096 and 8192 square; bipolar-INT at M = 16, its MMA height), each checked against the
 * golden and timed, the low-bit kernels set against the dequantize kernel of the same width
 * and shape in the same run (a ratio, never an absolute claim). Results go to
 * {@code results/gpu/<gpu>/}: results.csv, bandwidth.png and a README with the command and
 * versions.
 */
public final class GpuBench {
    private GpuBench() {}

    /** One measured kernel; {@code speedupVsDequant} = dequant median / this median, where a counterpart ran. */
    public record Row(GpuCheck.Report report, Optional<Double> speedupVsDequant, String versus) {}

    public static List<OpSpec> suite(boolean quick) {
        List<OpSpec> s = new ArrayList<>();
        int[] sizes = quick ? new int[] {512} : new int[] {4096, 8192};
        for (int d : sizes) {
            s.add(OpSpec.of("fp16-gemv", 1, d, d));
            for (int b : new int[] {2, 3, 4, 5, 6}) {
                s.add(OpSpec.of("w" + b + "a16-gemv", 1, d, d));
            }
            s.add(OpSpec.parse("lut-gemv", 1, d, d, 2, 4, 128, 0));
            s.add(OpSpec.parse("lut-gemv", 1, d, d, 4, 4, 128, 0));
            s.add(OpSpec.of("ternary-gemv", 1, d, d));
            s.add(OpSpec.parse("lowrank-2stage", 1, d, d, 4, 4, 128, d / 8));
            s.add(OpSpec.parse("lowrank-fused", 1, d, d, 4, 4, 128, d / 8));
        }
        int d = quick ? 512 : 4096;
        s.add(OpSpec.of("w4a16-gemv", 16, d, d));
        s.add(OpSpec.parse("w2a16-gemv", 16, d, d, 2, 2, 128, 0));
        s.add(OpSpec.parse("bipolar-gemm", 16, d, d, 4, 4, 128, 0));
        s.add(OpSpec.parse("bipolar-gemm", 16, d, d, 2, 2, 128, 0));
        s.add(OpSpec.of("fp16-gemm", quick ? 32 : 128, d, d));
        s.add(OpSpec.of("cublas-gemm", quick ? 32 : 128, d, d));
        return s;
    }

    /**
     * Runs the suite. cublas-gemm on a binary built without cuBLAS is skipped with a note
     * (exit 4 of bitline-cuda); any other failure stops the run.
     */
    public static List<Row> run(CudaBinary bin, List<OpSpec> suite, Path work, int warmup, int iters, long seed,
                                Consumer<String> progress) {
        List<GpuCheck.Report> reports = new ArrayList<>();
        for (OpSpec spec : suite) {
            progress.accept(spec.label());
            Path dir = work.resolve(spec.label().replace(' ', '_'));
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                reports.add(GpuCheck.run(bin, GpuOps.prepare(spec, seed), dir, warmup, iters));
            } catch (CudaBinary.RunFailure f) {
                if (f.exitCode() == CudaBinary.EXIT_NOT_BUILT) {
                    progress.accept("  skipped: " + f.getMessage());
                    continue;
                }
                throw f;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (GpuCheck.Report r : reports) {
            OpSpec s = r.spec();
            Optional<OpSpec> base = switch (s.kind()) {
                case LUT_GEMV, BIPOLAR_GEMM -> Optional.of(OpSpec.parse("w" + s.bits() + "a16-gemv", s.m(), s.n(), s.k(),
                        s.bits(), s.abits(), 128, 0));
                case TERNARY_GEMV -> Optional.of(OpSpec.parse("w2a16-gemv", s.m(), s.n(), s.k(), 2, 2, 128, 0));
                case LOWRANK_FUSED -> Optional.of(new OpSpec(OpKind.LOWRANK_TWO_STAGE, s.m(), s.n(), s.k(), s.bits(),
                        s.abits(), s.group(), s.rank()));
                case CUBLAS_GEMM -> Optional.empty();
                case FP16_GEMM -> Optional.of(new OpSpec(OpKind.CUBLAS_GEMM, s.m(), s.n(), s.k(), s.bits(), s.abits(),
                        s.group(), s.rank()));
                default -> Optional.empty();
            };
            Optional<GpuCheck.Report> b = base.flatMap(bs -> reports.stream()
                    .filter(x -> x.spec().label().equals(bs.label())).findFirst());
            rows.add(new Row(r, b.map(x -> x.timing().medianMs() / r.timing().medianMs()),
                    b.map(x -> x.spec().label()).orElse("")));
        }
        return rows;
    }

    /** Writes results.csv, bandwidth.png and README.md under {@code root/<gpu slug>/}; returns that folder. */
    public static Path write(List<Row> rows, CudaBinary.GpuInfo gpu, String command, String nvccVersion, Path root) {
        Path dir = root.resolve(gpu.slug());
        StringBuilder csv = new StringBuilder("op,m,n,k,bits,abits,group,rank,kernel,median_ms,min_ms,max_ms,bytes,"
                + "ops,precision,effective_gbs,pct_of_peak_bw,tops,check,max_abs_err,speedup_vs,speedup\n");
        for (Row r : rows) {
            GpuCheck.Report p = r.report();
            OpSpec s = p.spec();
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%d,\"%s\",%.6f,%.6f,%.6f,%d,%.0f,%s,%.2f,%.2f,%.4f,%s,%.4g,%s,%s%n",
                    s.name(), s.m(), s.n(), s.k(), s.bits(), s.abits(), s.group(), s.rank(), p.timing().kernel(),
                    p.timing().medianMs(), p.timing().minMs(), p.timing().maxMs(), p.bytes(), p.ops(), p.precision(), p.effectiveGBs(),
                    p.percentOfPeak(), p.tops(), p.comparison().pass() ? "pass" : "FAIL", p.comparison().maxAbsError(),
                    r.versus(), r.speedupVsDequant().map(v -> String.format(Locale.ROOT, "%.3f", v)).orElse("")));
        }
        // written whole: a reader sees the previous run's folder or this one, never a mix
        dev.bitline.sim.io.AtomicFolder.writeWhole(dir, d -> {
            AtomicFiles.write(d.resolve("results.csv"), csv.toString());
            writeChart(rows, gpu, d.resolve("bandwidth.png"));
            AtomicFiles.write(d.resolve("README.md"), readme(rows, gpu, command, nvccVersion));
        });
        return dir;
    }

    private static void writeChart(List<Row> rows, CudaBinary.GpuInfo gpu, Path png) {
        CategoryChart c = new CategoryChartBuilder().width(1100).height(520)
                .title("Effective DRAM bandwidth, " + gpu.gpu() + " (measured)").xAxisTitle("kernel")
                .yAxisTitle("GB/s").build();
        c.getStyler().setXAxisLabelRotation(60);
        c.getStyler().setLegendVisible(true);
        List<String> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> peak = new ArrayList<>();
        for (Row r : rows) {
            x.add(r.report().spec().label());
            y.add(r.report().effectiveGBs());
            peak.add(gpu.peakBandwidthGBs());
        }
        c.addSeries("measured", x, y);
        c.addSeries("peak (" + Math.round(gpu.peakBandwidthGBs()) + " GB/s)", x, peak);
        try {
            AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    static String readme(List<Row> rows, CudaBinary.GpuInfo gpu, String command, String nvccVersion) {
        StringBuilder b = new StringBuilder();
        b.append("# GPU reference kernels on ").append(gpu.gpu()).append(" (measured)\n\n");
        b.append("Made by:\n\n```sh\n").append(command).append("\n```\n\n");
        b.append("| | |\n|---|---|\n");
        b.append("| GPU | ").append(gpu.gpu()).append(", compute capability ").append(gpu.computeCapability())
                .append(", ").append(gpu.smCount()).append(" SMs |\n");
        b.append(String.format(Locale.ROOT, "| peak DRAM bandwidth | %.0f GB/s (2 x memory clock x bus width) |%n",
                gpu.peakBandwidthGBs()));
        b.append("| driver (CUDA API) | ").append(CudaBinary.GpuInfo.version(gpu.driverCudaVersion())).append(" |\n");
        b.append("| CUDA runtime | ").append(CudaBinary.GpuInfo.version(gpu.runtimeVersion())).append(" |\n");
        b.append("| nvcc | ").append(nvccVersion).append(" |\n");
        b.append("| cuBLAS | ").append(gpu.cublas() ? "linked (cublas-gemm is the baseline)" : "not installed (cublas-gemm skipped)")
                .append(" |\n\n");
        b.append("Times are the median of N CUDA-event timings after warm-up; effective bandwidth is the op's "
                + "minimum DRAM traffic over that time. Every output was checked against the Java golden "
                + "(bit-exact for integer and LUT paths, the documented fp32-order bound otherwise).\n\n");
        b.append("| kernel | median ms | GB/s | % of peak | TOP/s | check | speedup vs |\n|---|---:|---:|---:|---:|---|---|\n");
        for (Row r : rows) {
            GpuCheck.Report p = r.report();
            b.append(String.format(Locale.ROOT, "| %s | %.4f | %.1f | %.1f | %.3f | %s | %s |%n", p.spec().label(),
                    p.timing().medianMs(), p.effectiveGBs(), p.percentOfPeak(), p.tops(),
                    p.comparison().pass() ? "pass" : "FAIL",
                    r.speedupVsDequant().map(v -> String.format(Locale.ROOT, "%.2fx vs %s", v, r.versus())).orElse("")));
        }
        b.append("\nTarget (issue 14): dequant GEMV >= 80% of peak bandwidth at 4096 x 4096 and larger. "
                + "Claims compared: T-MAC-style tables vs dequantization (LUT rows), and up to 2.4x over CUTLASS "
                + "for arbitrary-precision GEMM (bipolar rows are set against our dequant kernel, not CUTLASS).\n\n");
        b.append("![bandwidth](bandwidth.png)\n");
        return b.toString();
    }
}
