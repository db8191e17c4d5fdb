package dev.bitline.sim.device;

import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.WeightFormat;

/**
 * One operation a {@link Device} (or its {@link DeviceModel}) is asked to execute: what to compute,
 * in which formats, and where the operands live. This is the seam between the mapper and the
 * hardware (DESIGN.md section 6): PIM channels, LUT arrays, the host ASIC and the GPU roofline all
 * accept the same descriptions, so a schedule can mix them and a sweep can swap them.
 *
 * <p>The set of kinds is closed on purpose: a device states which kinds it executes and every
 * consumer (mapper, estimator, report) handles all of them. The descriptions carry shapes and
 * formats, never data; bit-exact numerics are the functional models' job.
 */
public sealed interface Operation
        permits Operation.Gemm, Operation.ElementWise, Operation.Nonlinear, Operation.Transfer {

    /** Label shown in schedules and stats (e.g. {@code layer3.attn.qkv}); not interpreted. */
    String name();

    /** Bytes the operation reads from inputs that are not in the executing device's own storage. */
    long bytesIn();

    /** Bytes the operation writes to a result location that is not the device's own storage. */
    long bytesOut();

    /** Bytes moved in total. */
    default long bytesMoved() {
        return bytesIn() + bytesOut();
    }

    /**
     * O[M,N] = A[M,K] x W[N,K]^T with quantized weights (a GEMV when M = 1, the decode case).
     *
     * @param m rows of A (tokens in flight; 1 for a GEMV)
     * @param n output features (rows of W)
     * @param k reduction length
     * @param weights weight storage format (bit-planes, ternary, ...)
     * @param groupSize weights sharing one fp16 scale along K; 0 means one scale per output row
     * @param acts activation format of A
     * @param output format of O
     * @param weightsAt where W lives
     * @param actsAt where A lives
     * @param outputAt where O must go
     */
    record Gemm(String name, int m, int n, int k, WeightFormat weights, int groupSize, ActivationFormat acts,
            ActivationFormat output, Location weightsAt, Location actsAt, Location outputAt) implements Operation {
        public Gemm {
            requireName(name);
            if (m < 1 || n < 1 || k < 1) {
                throw new IllegalArgumentException(name + ": GEMM dimensions must be >= 1, got M=" + m + " N=" + n + " K=" + k);
            }
            if (groupSize < 0) {
                throw new IllegalArgumentException(name + ": group size must be >= 0 (0 = per row), got " + groupSize);
            }
            requireNonNull(name, weights, acts, output, weightsAt, actsAt, outputAt);
        }

        /** A GEMM whose operands all sit in DRAM, output in the same format as the activations. */
        public static Gemm inDram(String name, int m, int n, int k, WeightFormat weights, ActivationFormat acts) {
            return new Gemm(name, m, n, k, weights, 0, acts, acts, Location.DRAM, Location.DRAM, Location.DRAM);
        }

        public boolean isGemv() {
            return m == 1;
        }

        /** Multiply-accumulates: M * N * K. */
        public long macs() {
            return (long) m * n * k;
        }

        /** Packed weight codes plus one fp16 scale per group (per row when {@code groupSize} is 0). */
        public long weightBytes() {
            long codes = ceilDiv((long) n * k * weights.planes(), 8);
            long groups = groupSize == 0 ? n : (long) n * ceilDiv(k, groupSize);
            return codes + 2 * groups;
        }

        public long activationBytes() {
            return ceilDiv((long) m * k * acts.bits(), 8);
        }

        public long outputBytes() {
            return ceilDiv((long) m * n * output.bits(), 8);
        }

        @Override
        public long bytesIn() {
            return (weightsAt == Location.ON_CHIP ? 0 : weightBytes()) + (actsAt == Location.ON_CHIP ? 0 : activationBytes());
        }

        @Override
        public long bytesOut() {
            return outputAt == Location.ON_CHIP ? 0 : outputBytes();
        }
    }

    /** Element-wise arithmetic over equally shaped tensors (residual add, scaling, gating). */
    enum Arithmetic { ADD, MUL }

    /**
     * {@code out[i] = in0[i] op in1[i] ...} over {@code elements} elements.
     *
     * @param inputs operand tensors (2 for a residual add)
     */
    record ElementWise(String name, Arithmetic op, long elements, int inputs, ActivationFormat format,
            Location at) implements Operation {
        public ElementWise {
            requireName(name);
            if (elements < 1 || inputs < 1) {
                throw new IllegalArgumentException(name + ": element-wise needs >= 1 element and >= 1 input");
            }
            requireNonNull(name, op, format, at);
        }

        @Override
        public long bytesIn() {
            return at == Location.ON_CHIP ? 0 : ceilDiv(elements * inputs * format.bits(), 8);
        }

        @Override
        public long bytesOut() {
            return at == Location.ON_CHIP ? 0 : ceilDiv(elements * format.bits(), 8);
        }
    }

    /** The nonlinear functions DRAM-side compute cannot do and a host ASIC or GPU must. */
    enum Function {
        /** Row-wise: max, exp, sum, divide. */
        SOFTMAX,
        /** Row-wise: mean, variance, normalize, scale and shift. */
        LAYER_NORM,
        /** Row-wise: mean of squares, normalize, scale. */
        RMS_NORM,
        /** Element-wise. */
        GELU,
        /** Element-wise. */
        SILU;

        /** Whether the function reduces over a row (and so needs the whole row before any output). */
        public boolean rowWise() {
            return this == SOFTMAX || this == LAYER_NORM || this == RMS_NORM;
        }
    }

    /**
     * A nonlinear function over {@code rows} rows of {@code rowLength} elements, in place.
     */
    record Nonlinear(String name, Function function, long rows, int rowLength, ActivationFormat format,
            Location at) implements Operation {
        public Nonlinear {
            requireName(name);
            if (rows < 1 || rowLength < 1) {
                throw new IllegalArgumentException(name + ": nonlinear needs >= 1 row of >= 1 element");
            }
            requireNonNull(name, function, format, at);
        }

        public long elements() {
            return rows * rowLength;
        }

        @Override
        public long bytesIn() {
            return at == Location.ON_CHIP ? 0 : ceilDiv(elements() * format.bits(), 8);
        }

        @Override
        public long bytesOut() {
            return bytesIn();
        }
    }

    /** A copy of {@code bytes} from one location to another (a KV-cache spill, a weight prefetch). */
    record Transfer(String name, long bytes, Location from, Location to) implements Operation {
        public Transfer {
            requireName(name);
            if (bytes < 1) {
                throw new IllegalArgumentException(name + ": transfer of " + bytes + " bytes");
            }
            requireNonNull(name, from, to);
        }

        @Override
        public long bytesIn() {
            return from == Location.ON_CHIP ? 0 : bytes;
        }

        @Override
        public long bytesOut() {
            return to == Location.ON_CHIP ? 0 : bytes;
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an operation needs a name");
        }
    }

    private static void requireNonNull(String name, Object... parts) {
        for (Object p : parts) {
            if (p == null) {
                throw new IllegalArgumentException(name + ": every format and location must be given");
            }
        }
    }
}
