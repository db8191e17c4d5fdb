#include <mma.h>

#include "common.cuh"
#include "kernels.hpp"

namespace bitline {

constexpr int kMaxM = 8;

// One warp per output column j: lanes stride K in 8-half (16-byte) pieces; each piece of W
// is loaded once and used for all M rows of A (GEMV is bound by the bytes of W).
template <typename Out>
__global__ void fp16GemvKernel(const __half* __restrict__ a, const __half* __restrict__ w, Out* __restrict__ o,
                               int m, int n, int k) {
  int warp = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
  int lane = threadIdx.x & 31;
  if (warp >= n) return;
  float acc[kMaxM];
#pragma unroll
  for (int i = 0; i < kMaxM; i++) acc[i] = 0.f;
  const __half* wr = w + (size_t)warp * k;
  int vec = (k % 8 == 0) ? k / 8 : 0;
  for (int v = lane; v < vec; v += 32) {
    uint4 wp = __ldg(reinterpret_cast<const uint4*>(wr) + v);
    const __half2* wh = reinterpret_cast<const __half2*>(&wp);
#pragma unroll
    for (int i = 0; i < kMaxM; i++) {
      if (i < m) {
        uint4 ap = __ldg(reinterpret_cast<const uint4*>(a + (size_t)i * k) + v);
        const __half2* ah = reinterpret_cast<const __half2*>(&ap);
#pragma unroll
        for (int q = 0; q < 4; q++) {
          float2 af = __half22float2(ah[q]);
          float2 wf = __half22float2(wh[q]);
          acc[i] = fmaf(af.x, wf.x, acc[i]);
          acc[i] = fmaf(af.y, wf.y, acc[i]);
        }
      }
    }
  }
  for (int kk = vec * 8 + lane; kk < k; kk += 32) {  // K not a multiple of 8
    float wf = __half2float(wr[kk]);
    for (int i = 0; i < m && i < kMaxM; i++) acc[i] = fmaf(__half2float(a[(size_t)i * k + kk]), wf, acc[i]);
  }
#pragma unroll
  for (int i = 0; i < kMaxM; i++) {
    if (i < m) {
      float r = warpSum(acc[i]);
      if (lane == 0) {
        if constexpr (sizeof(Out) == 2) o[(size_t)i * n + warp] = __float2half_rn(r);
        else o[(size_t)i * n + warp] = r;
      }
    }
  }
}

template <typename Out>
static void launchGemv(const __half* a, const __half* w, Out* o, int m, int n, int k, cudaStream_t s) {
  const int threads = 256;
  for (int m0 = 0; m0 < m; m0 += kMaxM) {  // rows of A in chunks of kMaxM
    int mm = m - m0 < kMaxM ? m - m0 : kMaxM;
    int blocks = (n * 32 + threads - 1) / threads;
    fp16GemvKernel<Out><<<blocks, threads, 0, s>>>(a + (size_t)m0 * k, w, o + (size_t)m0 * n, mm, n, k);
  }
}

void fp16Gemv(const __half* a, const __half* w, float* o, int m, int n, int k, cudaStream_t s) {
  launchGemv(a, w, o, m, n, k, s);
}

void fp16GemvHalfOut(const __half* a, const __half* w, __half* o, int m, int n, int k, cudaStream_t s) {
  launchGemv(a, w, o, m, n, k, s);
}

// WMMA GEMM: block tile 64 x 64, 4 warps each 32 x 32 (2 x 2 fragments), K step 32 staged
// in shared memory. A row-major M x K; W row-major N x K is B = W^T column-major.
constexpr int BM = 64, BN = 64, BK = 32, PAD = 8;

__global__ void fp16GemmWmmaKernel(const __half* __restrict__ a, const __half* __restrict__ w, float* __restrict__ o,
                                   int m, int n, int k) {
  using namespace nvcuda;
  __shared__ __align__(32) __half as[BM][BK + PAD];
  __shared__ __align__(32) __half ws[BN][BK + PAD];
  int warp = threadIdx.x >> 5;
  int wm = (warp >> 1) * 32, wn = (warp & 1) * 32;
  int bm = blockIdx.y * BM, bn = blockIdx.x * BN;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc[2][2];
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++) wmma::fill_fragment(acc[i][j], 0.f);
  for (int k0 = 0; k0 < k; k0 += BK) {
    for (int e = threadIdx.x; e < BM * BK; e += blockDim.x) {
      int r = e / BK, c = e % BK;
      int gr = bm + r, gc = k0 + c;
      as[r][c] = (gr < m && gc < k) ? a[(size_t)gr * k + gc] : __float2half(0.f);
      int wr = bn + r;
      ws[r][c] = (wr < n && gc < k) ? w[(size_t)wr * k + gc] : __float2half(0.f);
    }
    __syncthreads();
    for (int kk = 0; kk < BK; kk += 16) {
      wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa[2];
      wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::col_major> fb[2];
      for (int i = 0; i < 2; i++) wmma::load_matrix_sync(fa[i], &as[wm + i * 16][kk], BK + PAD);
      for (int j = 0; j < 2; j++) wmma::load_matrix_sync(fb[j], &ws[wn + j * 16][kk], BK + PAD);
      for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) wmma::mma_sync(acc[i][j], fa[i], fb[j], acc[i][j]);
    }
    __syncthreads();
  }
  __shared__ __align__(32) float cs[4][16 * 16];
  for (int i = 0; i < 2; i++) {
    for (int j = 0; j < 2; j++) {
      wmma::store_matrix_sync(cs[warp], acc[i][j], 16, wmma::mem_row_major);
      __syncwarp();
      for (int e = threadIdx.x & 31; e < 256; e += 32) {
        int r = bm + wm + i * 16 + e / 16, c = bn + wn + j * 16 + e % 16;
        if (r < m && c < n) o[(size_t)r * n + c] = cs[warp][e];
      }
      __syncwarp();
    }
  }
}

void fp16GemmWmma(const __half* a, const __half* w, float* o, int m, int n, int k, cudaStream_t s) {
  dim3 grid((n + BN - 1) / BN, (m + BM - 1) / BM);
  fp16GemmWmmaKernel<<<grid, 128, 0, s>>>(a, w, o, m, n, k);
}

}  // namespace bitline
