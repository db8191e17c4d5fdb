/**
 * Golden numerics: the Java definitions of what every GPU kernel must compute. Each class
 * states the exact order and rounding it uses, so that a kernel either matches it bit for bit
 * (integer paths, the dequantized weights, LUT mpGEMM) or within a bound derived from the
 * rounding model (fp32 accumulation in another order). Operands are the shared formats of
 * {@code dev.bitline.sim.quant} and {@code dev.bitline.sim.numeric}: one code path defines
 * "correct" for lut-core, pim, rtl and this module.
 *
 * <p>Convention everywhere: O[M,N] = A[M,K] x W[N,K]^T (weights stored one row per output
 * channel, as {@code PackedWeights} and cuBLAS's "TN" GEMM hold them).
 */
package dev.bitline.gpu.golden;
