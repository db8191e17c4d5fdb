#include "common.cuh"
#include "kernels.hpp"

namespace bitline {

// Ternary GEMV (BitNet b1.58): one warp per weight row; a word holds 16 two-bit codes
// (t + 1); they become four int8x4 operands of __dp4a against 16 int8 activations.
__global__ void ternaryGemvKernel(const int8_t* __restrict__ a, const uint32_t* __restrict__ codes,
                                  int32_t* __restrict__ o, int m, int n, int k) {
  int row = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
  int lane = threadIdx.x & 31;
  if (row >= n) return;
  int words = k / 16;
  const uint32_t* wr = codes + (size_t)row * words;
  for (int i = 0; i < m; i++) {
    int acc = 0;
    for (int wi = lane; wi < words; wi += 32) {
      uint32_t wd = __ldg(wr + wi);
      int4 av = __ldg(reinterpret_cast<const int4*>(a + (size_t)i * k) + wi);
      const int* ap = reinterpret_cast<const int*>(&av);
#pragma unroll
      for (int q = 0; q < 4; q++) {
        int packed = 0;
#pragma unroll
        for (int j = 0; j < 4; j++) {
          int t = (int)((wd >> (2 * (q * 4 + j))) & 3u) - 1;
          packed |= (t & 0xFF) << (8 * j);
        }
        acc = __dp4a(ap[q], packed, acc);
      }
    }
    acc = warpSumInt(acc);
    if (lane == 0) o[(size_t)i * n + row] = acc;
  }
}

void ternaryGemv(const int8_t* a, const uint32_t* codes, int32_t* o, int m, int n, int k, cudaStream_t s) {
  const int threads = 256;
  int blocks = (n * 32 + threads - 1) / threads;
  ternaryGemvKernel<<<blocks, threads, 0, s>>>(a, codes, o, m, n, k);
}

}  // namespace bitline
