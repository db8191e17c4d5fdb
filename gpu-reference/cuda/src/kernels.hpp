// Launchers of every bitline-cuda kernel. Convention (as in the Java golden):
// O[M,N] = A[M,K] x W[N,K]^T, row-major, weights one row per output channel.
#pragma once
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <cstdint>

namespace bitline {

// fp16 x fp16 -> fp32, fp32 accumulation. GEMV form: one warp per output column, 128-bit
// loads, the M rows of A reuse each loaded piece of W (M <= 8).
void fp16Gemv(const __half* a, const __half* w, float* o, int m, int n, int k, cudaStream_t s);
// Same, writing fp16 (the first stage of the two-stage low-rank product).
void fp16GemvHalfOut(const __half* a, const __half* w, __half* o, int m, int n, int k, cudaStream_t s);
// Tiled tensor-core GEMM (WMMA 16x16x16, fp32 accumulators); any M, N, K multiple of 16 padded by the caller.
void fp16GemmWmma(const __half* a, const __half* w, float* o, int m, int n, int k, cudaStream_t s);

// W{bits}A16 GEMV: codes packed as one little-endian bit stream per weight row (code of
// column c at bit c*bits), rows padded to 32-bit words; fp16 scales and zero points per
// group; weight = __float2half_rn(scale * (code - zero)); fp32 accumulation.
void dequantGemv(const __half* a, const uint32_t* codes, const __half* scales, const __half* zeros, float* o,
                 int m, int n, int k, int bits, int group, int wordsPerRow, cudaStream_t s);

// LUT mpGEMV (T-MAC idea): per 4 activations one 16-entry table of partial sums in shared
// memory; weight bit-planes index it; int8 activations, unsigned codes with group scales and
// zero points; integer group sums, double epilogue in group order (bit-exact with LutGemm).
void lutGemv(const int8_t* a, const uint32_t* planes, const __half* scales, const __half* zeros, float* o,
             int m, int n, int k, int bits, int group, cudaStream_t s);

// Ternary GEMV: int8 activations, 2-bit codes t+1 (16 per word), int32 output sum a*t.
void ternaryGemv(const int8_t* a, const uint32_t* codes, int32_t* o, int m, int n, int k, cudaStream_t s);

// Bipolar-INT GEMM on binary tensor cores: X (abits planes of M x K bits) and W (wbits
// planes of N x K bits), plane rows of K/32 words; mma.m16n8k256 b1 AND-popc per plane
// pair; int32 output sum_k lx*lw with lx = 2 code - (2^abits - 1). K % 256 == 0.
void bipolarGemm(const uint32_t* x, const uint32_t* w, int32_t* o, int m, int n, int k, int abits, int wbits,
                 cudaStream_t s);

// Fused low-rank (FlashSVD-style): per block one rank slice of T = A C^T stays in shared
// memory (fp32) and is streamed into O += T_slice Bt_slice; bt is B transposed (r x N).
void lowrankFused(const __half* a, const __half* c, const __half* bt, float* o, int m, int n, int k, int r,
                  cudaStream_t s);

}  // namespace bitline
