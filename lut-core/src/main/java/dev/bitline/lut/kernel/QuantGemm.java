package dev.bitline.lut.kernel;

import dev.bitline.sim.quant.PackedWeights;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A prepared int8-activation mpGEMM kernel, O[M,N] = A[M,K] x W[N,K]^T with the exact integer
 * sums and the per-group double epilogue of {@code LutGemm}/{@code ReferenceGemm}, so every
 * implementation gives bit-identical results.
 *
 * <p>{@link #prepare} picks the fastest kernel this JVM can run: the SIMD LUT kernel on the
 * Vector API ({@code VectorLutKernel}) when the {@code jdk.incubator.vector} module is present
 * (the JVM was started with {@code --add-modules jdk.incubator.vector}) and the CPU runs 512-bit
 * byte permutes natively; otherwise the scalar g = 8 {@link LutKernel}. The vector classes are
 * loaded reflectively, so a JVM without the module never touches them and prints no incubator
 * warning. {@code -Dbitline.lut.kernel=scalar|vector} overrides the choice.
 */
public interface QuantGemm {

    /** Short name for reports: "lut-vector", "lut-scalar-g8", "dequant-vector". */
    String name();

    int n();

    int k();

    /** Bytes of weight data one GEMV streams (index planes plus per-group scales and offsets). */
    long weightBytes();

    /**
     * O = A x W^T for {@code m} int8 activation rows (row-major m x K in {@code a}); {@code out}
     * is row-major m x N and overwritten. {@code threads} > 1 splits the weight rows over that
     * many threads (the caller runs one share); kernels without threading ignore it.
     */
    void gemm(byte[] a, int m, double[] out, int threads);

    default void gemv(byte[] a, double[] out) {
        gemm(a, 1, out, 1);
    }

    /** The fastest available LUT kernel for these weights (see the class comment). */
    static QuantGemm prepare(PackedWeights w) {
        String why = vectorUnavailableReason();
        if (why == null) {
            return (QuantGemm) Vectors.construct("dev.bitline.lut.kernel.VectorLutKernel", w);
        }
        return new ScalarLutGemm(LutKernel.prepare(w, 8));
    }

    /** The scalar fallback, always available. */
    static QuantGemm scalar(PackedWeights w) {
        return new ScalarLutGemm(LutKernel.prepare(w, 8));
    }

    /**
     * The SIMD LUT kernel regardless of speed heuristics (it still needs the module).
     *
     * @throws IllegalStateException if {@code jdk.incubator.vector} is not in the boot layer
     */
    static QuantGemm vector(PackedWeights w) {
        return (QuantGemm) Vectors.construct("dev.bitline.lut.kernel.VectorLutKernel", w);
    }

    /**
     * The vectorised dequantize baseline ({@code VectorDequantKernel}), 1..4-bit weights.
     *
     * @throws IllegalStateException if {@code jdk.incubator.vector} is not in the boot layer
     */
    static QuantGemm vectorDequant(PackedWeights w) {
        return (QuantGemm) Vectors.construct("dev.bitline.lut.kernel.VectorDequantKernel", w);
    }

    /**
     * Why {@link #prepare} would not pick the vector kernel, or null when it would. Reasons:
     * the module is absent, the override says scalar, the preferred vector size is under 512
     * bits, or the CPU lacks AVX-512 VBMI (byte permutes across 64 lanes are then emulated).
     */
    static String vectorUnavailableReason() {
        String force = System.getProperty("bitline.lut.kernel", "").toLowerCase(Locale.ROOT);
        if (force.equals("scalar")) {
            return "-Dbitline.lut.kernel=scalar";
        }
        if (!Vectors.modulePresent()) {
            return "module jdk.incubator.vector not loaded (start java with --add-modules jdk.incubator.vector)";
        }
        if (force.equals("vector")) {
            return null;
        }
        int bits = Vectors.preferredBits();
        if (bits < 512) {
            return "preferred vector size is " + bits + " bits; the vector kernel needs 512";
        }
        String flags = Vectors.cpuFlags();
        if (flags != null && !flags.contains(" avx512vbmi")) {
            return "CPU has no AVX-512 VBMI (vpermb)";
        }
        return null;
    }

    /** Reflection helpers that keep the Vector API out of classes loaded without the module. */
    final class Vectors {
        private Vectors() {}

        static boolean modulePresent() {
            return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        }

        static int preferredBits() {
            try {
                return (int) Class.forName("dev.bitline.lut.kernel.VectorLutKernel")
                        .getMethod("preferredBits").invoke(null);
            } catch (ReflectiveOperationException | LinkageError e) {
                return 0;
            }
        }

        /** The "flags" line of /proc/cpuinfo with a leading space, or null off Linux. */
        static String cpuFlags() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("flags")) {
                        return " " + line.substring(line.indexOf(':') + 1).trim() + " ";
                    }
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
            return null;
        }

        static Object construct(String className, PackedWeights w) {
            if (!modulePresent()) {
                throw new IllegalStateException(className.substring(className.lastIndexOf('.') + 1)
                        + " needs the jdk.incubator.vector module (java --add-modules jdk.incubator.vector)");
            }
            try {
                return Class.forName(className).getMethod("prepare", PackedWeights.class).invoke(null, w);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
