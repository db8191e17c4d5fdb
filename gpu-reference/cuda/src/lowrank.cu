#include "common.cuh"
#include "kernels.hpp"

namespace bitline {

constexpr int kRankBlock = 32;

// Fused low-rank GEMM, FlashSVD's streaming idea on a GEMV: block (q, i) forms the rank
// slice T[i, q*32 .. q*32+31] = A[i] . C[slice]^T in fp32 (one warp per 4 ranks, 16-byte
// loads) and keeps it in shared memory; it then streams the slice straight into the output,
// O[i, n] += sum_q fma(T_q, Bt[q, n]) for every n, with one atomicAdd per output per slice.
// T never reaches DRAM and is never rounded to fp16.
__global__ void lowrankFusedKernel(const __half* __restrict__ a, const __half* __restrict__ c,
                                   const __half* __restrict__ bt, float* __restrict__ o, int n, int k, int r) {
  __shared__ float t[kRankBlock];
  int q0 = blockIdx.x * kRankBlock;
  int i = blockIdx.y;
  int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
  int warps = blockDim.x >> 5;
  const __half* ar = a + (size_t)i * k;
  for (int q = warp; q < kRankBlock; q += warps) {
    float acc = 0.f;
    if (q0 + q < r) {
      const __half* cr = c + (size_t)(q0 + q) * k;
      for (int kk = lane; kk < k; kk += 32) acc = fmaf(__half2float(ar[kk]), __half2float(cr[kk]), acc);
    }
    acc = warpSum(acc);
    if (lane == 0) t[q] = acc;
  }
  __syncthreads();
  int qn = r - q0 < kRankBlock ? r - q0 : kRankBlock;
  for (int j = threadIdx.x; j < n; j += blockDim.x) {
    float part = 0.f;
    for (int q = 0; q < qn; q++) part = fmaf(t[q], __half2float(bt[(size_t)(q0 + q) * n + j]), part);
    atomicAdd(o + (size_t)i * n + j, part);
  }
}

void lowrankFused(const __half* a, const __half* c, const __half* bt, float* o, int m, int n, int k, int r,
                  cudaStream_t s) {
  cudaMemsetAsync(o, 0, sizeof(float) * (size_t)m * n, s);
  dim3 grid((r + kRankBlock - 1) / kRankBlock, m);
  lowrankFusedKernel<<<grid, 256, 0, s>>>(a, c, bt, o, n, k, r);
}

}  // namespace bitline
