#include "common.cuh"
#include "kernels.hpp"

namespace bitline {

constexpr int kMaxRows = 8;

// One warp per weight row. Lane l takes chunks of 32 consecutive columns: such a chunk is
// exactly BITS words of the row's bit stream for every width (32 * BITS bits), so lanes
// read consecutive words (coalesced) whether BITS is a power of two or not; a chunk never
// straddles a quantization group because the group size is a multiple of 32.
template <int BITS>
__global__ void dequantGemvKernel(const __half* __restrict__ a, const uint32_t* __restrict__ codes,
                                  const __half* __restrict__ scales, const __half* __restrict__ zeros,
                                  float* __restrict__ o, int m, int n, int k, int group, int wordsPerRow) {
  int row = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
  int lane = threadIdx.x & 31;
  if (row >= n) return;
  int groups = k / group;
  float acc[kMaxRows];
#pragma unroll
  for (int i = 0; i < kMaxRows; i++) acc[i] = 0.f;
  const uint32_t* wr = codes + (size_t)row * wordsPerRow;
  int chunks = k / 32;
  for (int c = lane; c < chunks; c += 32) {
    uint32_t wd[BITS + 1];
#pragma unroll
    for (int q = 0; q < BITS; q++) wd[q] = __ldg(wr + c * BITS + q);
    wd[BITS] = 0;
    int gi = (c * 32) / group;
    float sc = __half2float(scales[(size_t)row * groups + gi]);
    float z = __half2float(zeros[(size_t)row * groups + gi]);
    float wv[32];
#pragma unroll
    for (int j = 0; j < 32; j++) {
      constexpr uint32_t mask = (1u << BITS) - 1u;
      int bit = j * BITS;
      int wi = bit >> 5, off = bit & 31;
      uint64_t two = ((uint64_t)wd[wi + 1] << 32) | wd[wi];
      uint32_t code = (uint32_t)(two >> off) & mask;
      // exact in fp32 (11-bit scale times a 10-bit half-integer), then one RNE to fp16:
      // the same single rounding as Dequantize.toFp16
      wv[j] = __half2float(__float2half_rn(sc * ((float)code - z)));
    }
#pragma unroll
    for (int i = 0; i < kMaxRows; i++) {
      if (i < m) {
        const uint4* ap = reinterpret_cast<const uint4*>(a + (size_t)i * k + c * 32);
#pragma unroll
        for (int v = 0; v < 4; v++) {
          uint4 p = __ldg(ap + v);
          const __half2* h = reinterpret_cast<const __half2*>(&p);
#pragma unroll
          for (int q = 0; q < 4; q++) {
            float2 f = __half22float2(h[q]);
            acc[i] = fmaf(f.x, wv[v * 8 + q * 2], acc[i]);
            acc[i] = fmaf(f.y, wv[v * 8 + q * 2 + 1], acc[i]);
          }
        }
      }
    }
  }
#pragma unroll
  for (int i = 0; i < kMaxRows; i++) {
    if (i < m) {
      float r = warpSum(acc[i]);
      if (lane == 0) o[(size_t)i * n + row] = r;
    }
  }
}

template <int BITS>
static void launch(const __half* a, const uint32_t* codes, const __half* scales, const __half* zeros, float* o,
                   int m, int n, int k, int group, int wordsPerRow, cudaStream_t s) {
  const int threads = 256;
  int blocks = (n * 32 + threads - 1) / threads;
  for (int m0 = 0; m0 < m; m0 += kMaxRows) {
    int mm = m - m0 < kMaxRows ? m - m0 : kMaxRows;
    dequantGemvKernel<BITS><<<blocks, threads, 0, s>>>(a + (size_t)m0 * k, codes, scales, zeros, o + (size_t)m0 * n,
                                                       mm, n, k, group, wordsPerRow);
  }
}

void dequantGemv(const __half* a, const uint32_t* codes, const __half* scales, const __half* zeros, float* o,
                 int m, int n, int k, int bits, int group, int wordsPerRow, cudaStream_t s) {
  switch (bits) {
    case 1: launch<1>(a, codes, scales, zeros, o, m, n, k, group, wordsPerRow, s); break;
    case 2: launch<2>(a, codes, scales, zeros, o, m, n, k, group, wordsPerRow, s); break;
    case 3: launch<3>(a, codes, scales, zeros, o, m, n, k, group, wordsPerRow, s); break;
    case 4: launch<4>(a, codes, scales, zeros, o, m, n, k, group, wordsPerRow, s); break;
    case 5: launch<5>(a, codes, scales, zeros, o, m, n, k, group, wordsPerRow, s); break;
    case 6: launch<6>(a, codes, scales, zeros, o, m, n, k, group, wordsPerRow, s); break;
    case 7: launch<7>(a, codes, scales, zeros, o, m, n, k, group, wordsPerRow, s); break;
    default: launch<8>(a, codes, scales, zeros, o, m, n, k, group, wordsPerRow, s); break;
  }
}

}  // namespace bitline
