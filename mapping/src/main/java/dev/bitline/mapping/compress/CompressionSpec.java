package dev.bitline.mapping.compress;

import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import dev.bitline.sim.quant.ActivationFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A compression recipe as written in {@code configs/compress/*.yaml}: defaults for every weight
 * matrix, overrides per {@link LayerType}, the activation format and the KV-cache width. A
 * section named in an override replaces the default section whole (so {@code lm_head: {weights:
 * {format: fp16}}} keeps the default low-rank, sparsity and outlier settings but not its bits).
 *
 * @param name printed in reports
 * @param activations element format of activations between operators
 * @param kvCache how K and V are stored
 * @param defaults settings for every weight matrix
 * @param layers per-layer-type overrides
 */
public record CompressionSpec(String name, @Default("fp16") ActivationFormat activations, @Default("{}") KvCache kvCache,
        LayerSpec defaults, @Default("{}") Map<LayerType, LayerOverride> layers) {

    /**
     * @param bits bits per stored K/V element (16 = fp16, or 2..8 quantized)
     * @param groupSize elements sharing one fp16 scale when quantized (0: one per token and head)
     */
    public record KvCache(@Default("16") @Range(min = 2, max = 16) int bits, @Default("0") @Range(min = 0) int groupSize) {}

    /** Settings of one weight matrix. */
    public record LayerSpec(Weights weights, @Default("{}") LowRank lowRank, @Default("{}") Sparsity sparsity,
            @Default("{}") Outliers outliers) {}

    /** An override: each section present replaces the default's. */
    public record LayerOverride(Optional<Weights> weights, Optional<LowRank> lowRank, Optional<Sparsity> sparsity,
            Optional<Outliers> outliers) {}

    /**
     * @param format element format
     * @param bits width for integer formats (1..8); must be absent or equal the fixed width otherwise
     * @param groupSize weights along K sharing one scale (0: one scale per output row)
     * @param scale format of the group scales
     */
    public record Weights(WeightKind format, @Range(min = 1, max = 8) Optional<Integer> bits,
            @Default("0") @Range(min = 0) int groupSize, @Default("fp16") ScaleKind scale) {
        public Weights {
            if (format.variableWidth() && bits.isEmpty()) {
                throw new IllegalArgumentException("format " + format.key() + " needs bits (1..8)");
            }
            if (!format.variableWidth() && bits.isPresent() && bits.get() != format.fixedBits()) {
                throw new IllegalArgumentException("format " + format.key() + " is " + format.fixedBits()
                        + " bits wide, got bits: " + bits.get());
            }
            if (format == WeightKind.BIPOLAR && bits.isPresent() && bits.get() < 1) {
                throw new IllegalArgumentException("bipolar needs bits >= 1");
            }
        }

        /** Stored bits per element. */
        public int storageBits() {
            return format.variableWidth() ? bits.orElseThrow() : format.fixedBits();
        }
    }

    public enum ScaleKind {
        FP16(16), BF16(16), FP32(32), E8M0(8);

        private final int bits;

        ScaleKind(int bits) {
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }
    }

    /**
     * W ~ U V with U[N,r], V[r,K]: give {@code rank} or {@code fraction} (r = fraction x min(N,K),
     * rounded up), not both; neither means no factorization.
     *
     * @param streaming run the two factors fused (FlashSVD): the rank-space intermediate and the
     *     FFN's wide intermediate live only one tile of rows at a time
     * @param streamTile rows per streamed tile
     */
    public record LowRank(@Range(min = 1) Optional<Integer> rank, @Range(min = 0.0, max = 1.0) Optional<Double> fraction,
            @Default("false") boolean streaming, @Default("64") @Range(min = 1) int streamTile) {
        public LowRank {
            if (rank.isPresent() && fraction.isPresent()) {
                throw new IllegalArgumentException("give rank or fraction, not both");
            }
            if (fraction.isPresent() && !(fraction.get() > 0)) {
                throw new IllegalArgumentException("fraction must be > 0");
            }
        }

        public boolean enabled() {
            return rank.isPresent() || fraction.isPresent();
        }
    }

    /**
     * @param pattern {@code dense}, {@code unstructured} or {@code N:M} (N kept in every M along K)
     * @param density kept fraction for unstructured sparsity (N:M sets it to N/M)
     */
    public record Sparsity(@Default("dense") String pattern, @Range(min = 0.0, max = 1.0) Optional<Double> density) {
        public Sparsity {
            if (pattern.equals("dense")) {
                if (density.isPresent() && density.get() != 1.0) {
                    throw new IllegalArgumentException("dense weights have density 1");
                }
            } else if (pattern.equals("unstructured")) {
                if (density.isEmpty() || !(density.get() > 0)) {
                    throw new IllegalArgumentException("unstructured sparsity needs density in (0, 1]");
                }
            } else if (pattern.matches("[0-9]+:[0-9]+")) {
                int n = nOf(pattern);
                int m = mOf(pattern);
                if (n < 1 || m < 1 || n > m || m > 64) {
                    throw new IllegalArgumentException("N:M sparsity needs 1 <= N <= M <= 64, got " + pattern);
                }
                if (density.isPresent() && Math.abs(density.get() - n / (double) m) > 1e-12) {
                    throw new IllegalArgumentException("density of " + pattern + " is " + n + "/" + m + ", got " + density.get());
                }
            } else {
                throw new IllegalArgumentException("unknown sparsity pattern '" + pattern + "' (expected dense, unstructured or N:M such as 2:4)");
            }
        }

        public boolean structured() {
            return pattern.contains(":");
        }

        /** Fraction of weights kept. */
        public double kept() {
            if (structured()) {
                return nOf(pattern) / (double) mOf(pattern);
            }
            return density.orElse(1.0);
        }

        /**
         * Index bits per kept weight: N:M stores ceil(log2 M) bits per kept element (NVIDIA's 2:4
         * uses 2); unstructured stores a 1-bit mask per dense position, i.e. 1/density per kept one.
         */
        public double indexBitsPerKept() {
            if (structured()) {
                int m = mOf(pattern);
                return 32 - Integer.numberOfLeadingZeros(m - 1);
            }
            return pattern.equals("unstructured") ? 1.0 / kept() : 0;
        }

        private static int nOf(String p) {
            return Integer.parseInt(p.substring(0, p.indexOf(':')));
        }

        private static int mOf(String p) {
            return Integer.parseInt(p.substring(p.indexOf(':') + 1));
        }
    }

    /**
     * LLM.int8()-style outliers: this fraction of the K input columns stays fp16 and runs as a
     * separate fp16 GEMM; the rest uses the layer's format.
     */
    public record Outliers(@Default("0") @Range(min = 0.0, max = 0.5) double fraction) {}
}
