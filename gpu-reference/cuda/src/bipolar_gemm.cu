#include "common.cuh"
#include "kernels.hpp"

namespace bitline {

// One binary tensor-core MMA: D(16x8, s32) = popc(A(16x256 b1) AND B(256x8 b1)) + C.
// Fragment layout (PTX ISA, mma.m16n8k256 .b1; groupID = lane / 4, tig = lane % 4):
//   a0: row groupID,   bits k = tig*32 .. +31      a1: row groupID+8, same bits
//   a2: row groupID,   bits k = 128 + tig*32 ..    a3: row groupID+8, same bits
//   b0: col groupID,   bits k = tig*32 ..          b1: col groupID,   bits k = 128 + tig*32 ..
//   c0,c1: row groupID, cols tig*2, tig*2+1        c2,c3: row groupID+8, same cols
// Only the pairing of k between A and B matters for a popcount, and both sides use the
// same word for the same k.
__device__ __forceinline__ void mmaAndPopc(int (&d)[4], const uint32_t (&a)[4], const uint32_t (&b)[2]) {
  asm volatile(
      "mma.sync.aligned.m16n8k256.row.col.s32.b1.b1.s32.and.popc "
      "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
      : "+r"(d[0]), "+r"(d[1]), "+r"(d[2]), "+r"(d[3])
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}

// One warp per 16 x 8 output tile. For each plane pair (b, c) the AND-popcount GEMM is run
// over K, shifted by b + c and summed (BitPlaneGemm.andPopcount); the bipolar correction
// terms use the weighted popcounts of the rows of X and W.
__global__ void bipolarGemmKernel(const uint32_t* __restrict__ x, const uint32_t* __restrict__ w,
                                  int32_t* __restrict__ o, int m, int n, int k, int abits, int wbits) {
  int lane = threadIdx.x & 31;
  int gid = lane >> 2, tig = lane & 3;
  int m0 = blockIdx.y * 16, n0 = blockIdx.x * 8;
  int words = k / 32;
  int rA0 = m0 + gid, rA1 = m0 + gid + 8, cB = n0 + gid;
  long long both[4] = {0, 0, 0, 0};
  for (int b = 0; b < abits; b++) {
    for (int c = 0; c < wbits; c++) {
      int d[4] = {0, 0, 0, 0};
      for (int k0 = 0; k0 < words; k0 += 8) {
        uint32_t fa[4], fb[2];
        const uint32_t* xb = x + (size_t)b * m * words;
        const uint32_t* wc = w + (size_t)c * n * words;
        fa[0] = rA0 < m ? __ldg(xb + (size_t)rA0 * words + k0 + tig) : 0u;
        fa[1] = rA1 < m ? __ldg(xb + (size_t)rA1 * words + k0 + tig) : 0u;
        fa[2] = rA0 < m ? __ldg(xb + (size_t)rA0 * words + k0 + 4 + tig) : 0u;
        fa[3] = rA1 < m ? __ldg(xb + (size_t)rA1 * words + k0 + 4 + tig) : 0u;
        fb[0] = cB < n ? __ldg(wc + (size_t)cB * words + k0 + tig) : 0u;
        fb[1] = cB < n ? __ldg(wc + (size_t)cB * words + k0 + 4 + tig) : 0u;
        mmaAndPopc(d, fa, fb);
      }
      for (int q = 0; q < 4; q++) both[q] += (long long)d[q] << (b + c);
    }
  }
  // weighted popcounts sum_b 2^b popc(plane_b[row]) of this thread's two rows and two cols
  int rows[2] = {m0 + gid, m0 + gid + 8};
  int cols[2] = {n0 + tig * 2, n0 + tig * 2 + 1};
  long long xOnes[2] = {0, 0}, wOnes[2] = {0, 0};
  for (int r = 0; r < 2; r++) {
    if (rows[r] < m)
      for (int b = 0; b < abits; b++)
        for (int i = 0; i < words; i++) xOnes[r] += (long long)__popc(x[((size_t)b * m + rows[r]) * words + i]) << b;
    if (cols[r] < n)
      for (int c = 0; c < wbits; c++)
        for (int i = 0; i < words; i++) wOnes[r] += (long long)__popc(w[((size_t)c * n + cols[r]) * words + i]) << c;
  }
  // level = 2 code - (2^B - 1): sum lx lw = 4 both + 2 ow xOnes + 2 ox wOnes + K ox ow
  long long ox = -((1LL << abits) - 1), ow = -((1LL << wbits) - 1);
  for (int q = 0; q < 4; q++) {
    int r = q >> 1, cc = q & 1;
    int row = rows[r], col = cols[cc];
    if (row < m && col < n)
      o[(size_t)row * n + col] = (int32_t)(4 * both[q] + 2 * ow * xOnes[r] + 2 * ox * wOnes[cc] + (long long)k * ox * ow);
  }
}

void bipolarGemm(const uint32_t* x, const uint32_t* w, int32_t* o, int m, int n, int k, int abits, int wbits,
                 cudaStream_t s) {
  dim3 grid((n + 7) / 8, (m + 15) / 16);
  bipolarGemmKernel<<<grid, 32, 0, s>>>(x, w, o, m, n, k, abits, wbits);
}

}  // namespace bitline
