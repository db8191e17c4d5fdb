#include "common.cuh"
#include "kernels.hpp"

namespace bitline {

// LUT mpGEMV. For the activation row of this block, every 4 consecutive int8 activations
// get one 16-entry table T[c][i] = sum of the activations whose bit is set in i, built once
// in shared memory (int16: |entry| <= 512) together with the group sums of the activations.
// A weight bit-plane word (32 columns = 8 chunks) then yields 8 table indices, one nibble
// each; the group's integer sum is J2 = 2 sum_p 2^p sum_c T[c][idx] - 2z sum(a), exact, and
// the epilogue o += (s/2) * J2 runs in double in group order on lane 0: the operations of
// lut-core's LutGemm, hence bit-exact with it.
__global__ void lutGemvKernel(const int8_t* __restrict__ a, const uint32_t* __restrict__ planes,
                              const __half* __restrict__ scales, const __half* __restrict__ zeros,
                              float* __restrict__ o, int n, int k, int bits, int group) {
  extern __shared__ int16_t smem[];
  int chunks = k / 4;
  int groups = k / group;
  int16_t* table = smem;                                   // chunks x 16
  int* gsum = reinterpret_cast<int*>(smem + chunks * 16);  // groups
  const int8_t* ar = a + (size_t)blockIdx.y * k;
  for (int e = threadIdx.x; e < chunks * 16; e += blockDim.x) {
    int c = e >> 4, i = e & 15;
    int s = 0;
#pragma unroll
    for (int j = 0; j < 4; j++)
      if (i & (1 << j)) s += ar[c * 4 + j];
    table[e] = (int16_t)s;
  }
  for (int g = threadIdx.x; g < groups; g += blockDim.x) {
    int s = 0;
    for (int kk = g * group; kk < (g + 1) * group; kk++) s += ar[kk];
    gsum[g] = s;
  }
  __syncthreads();
  int lane = threadIdx.x & 31;
  int warpsPerBlock = blockDim.x >> 5;
  int wordsPerRow = k / 32;
  int wordsPerGroup = group / 32;
  int items = bits * wordsPerGroup;
  for (int row = blockIdx.x * warpsPerBlock + (threadIdx.x >> 5); row < n; row += gridDim.x * warpsPerBlock) {
    double out = 0.0;
    for (int g = 0; g < groups; g++) {
      int part = 0;
      for (int it = lane; it < items; it += 32) {
        int p = it / wordsPerGroup;
        int wi = g * wordsPerGroup + it % wordsPerGroup;
        uint32_t word = __ldg(planes + ((size_t)p * n + row) * wordsPerRow + wi);
        int s = 0;
#pragma unroll
        for (int j = 0; j < 8; j++) s += table[(wi * 8 + j) * 16 + ((word >> (4 * j)) & 15)];
        part += s << p;
      }
      int acc = warpSumInt(part);
      if (lane == 0) {
        size_t gi = (size_t)row * groups + g;
        int twiceZ = (int)(2.f * __half2float(zeros[gi]));
        long long j2 = 2LL * acc - (long long)twiceZ * gsum[g];
        out += ((double)__half2float(scales[gi]) / 2.0) * (double)j2;
      }
    }
    if (lane == 0) o[(size_t)blockIdx.y * n + row] = (float)out;
  }
}

void lutGemv(const int8_t* a, const uint32_t* planes, const __half* scales, const __half* zeros, float* o,
             int m, int n, int k, int bits, int group, cudaStream_t s) {
  int chunks = k / 4;
  size_t smem = (size_t)chunks * 16 * sizeof(int16_t) + (size_t)(k / group) * sizeof(int);
  cudaFuncSetAttribute(lutGemvKernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem);
  int dev = 0, sms = 0;
  cudaGetDevice(&dev);
  cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
  const int threads = 256;
  int rowBlocks = (n + 7) / 8;
  int blocks = rowBlocks < sms * 2 ? rowBlocks : sms * 2;  // tables are rebuilt per block: few, busy blocks
  dim3 grid(blocks, m);
  lutGemvKernel<<<grid, threads, smem, s>>>(a, planes, scales, zeros, o, n, k, bits, group);
}

}  // namespace bitline
