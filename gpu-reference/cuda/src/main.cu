// bitline-cuda: runs one GPU reference kernel on .npy inputs and times it.
//
//   bitline-cuda info                          GPU, driver and runtime as JSON (exit 3: no GPU)
//   bitline-cuda ops                           the op names, one per line
//   bitline-cuda run --op OP --dir DIR [--warmup W] [--iters N]
//       reads DIR/<inputs>.npy, writes DIR/out.npy and DIR/timing.json
//
// Exit status: 0 ok, 1 CUDA error, 2 bad input (flag, missing or malformed .npy, shapes),
// 3 no CUDA device, 4 op not built in (cublas-gemm without cuBLAS).
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

#ifdef BITLINE_HAVE_CUBLAS
#include <cublas_v2.h>
#endif

#include "kernels.hpp"
#include "npy.hpp"

using namespace bitline;

namespace {

struct CudaError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct NoDevice : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct NotBuilt : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void check(cudaError_t e, const char* what) {
  if (e != cudaSuccess) throw CudaError(std::string(what) + ": " + cudaGetErrorString(e));
}

const char* kOps[] = {"fp16-gemv", "fp16-gemm", "cublas-gemm", "w1a16-gemv", "w2a16-gemv", "w3a16-gemv",
                      "w4a16-gemv", "w5a16-gemv", "w6a16-gemv", "w7a16-gemv", "w8a16-gemv", "lut-gemv",
                      "ternary-gemv", "bipolar-gemm", "lowrank-2stage", "lowrank-fused"};

std::string jsonEscape(const std::string& s) {
  std::string o;
  for (char ch : s) {
    if (ch == '"' || ch == '\\') o += '\\';
    if ((unsigned char)ch >= 0x20) o += ch;
  }
  return o;
}

struct DeviceInfo {
  std::string json;
};

DeviceInfo deviceInfo() {
  int count = 0;
  cudaError_t e = cudaGetDeviceCount(&count);
  if (e != cudaSuccess || count == 0)
    throw NoDevice(std::string("no CUDA device (") + (e != cudaSuccess ? cudaGetErrorString(e) : "0 devices") + ")");
  int dev = 0;
  check(cudaSetDevice(dev), "cudaSetDevice");
  cudaDeviceProp p{};
  check(cudaGetDeviceProperties(&p, dev), "cudaGetDeviceProperties");
  int memClockKHz = 0, busWidth = 0, sms = 0, driver = 0, runtime = 0;
  cudaDeviceGetAttribute(&memClockKHz, cudaDevAttrMemoryClockRate, dev);
  cudaDeviceGetAttribute(&busWidth, cudaDevAttrGlobalMemoryBusWidth, dev);
  cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
  cudaDriverGetVersion(&driver);
  cudaRuntimeGetVersion(&runtime);
  // DDR signalling: two transfers per memory clock
  double peak = 2.0 * memClockKHz * 1e3 * (busWidth / 8.0) / 1e9;
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "\"gpu\": \"%s\", \"compute_capability\": \"%d.%d\", \"sm_count\": %d, \"memory_clock_khz\": %d, "
                "\"bus_width_bits\": %d, \"peak_bandwidth_gbs\": %.1f, \"global_memory_bytes\": %zu, "
                "\"driver_cuda_version\": %d, \"runtime_version\": %d, \"cublas\": %s",
                jsonEscape(p.name).c_str(), p.major, p.minor, sms, memClockKHz, busWidth, peak, p.totalGlobalMem,
                driver, runtime,
#ifdef BITLINE_HAVE_CUBLAS
                "true"
#else
                "false"
#endif
  );
  return {buf};
}

template <typename T>
struct DevBuf {
  T* p = nullptr;
  size_t n = 0;
  explicit DevBuf(size_t count) : n(count) { check(cudaMalloc(&p, std::max<size_t>(1, count) * sizeof(T)), "cudaMalloc"); }
  DevBuf(const NpyArray& a) : DevBuf(a.data.size() / sizeof(T)) {
    check(cudaMemcpy(p, a.data.data(), a.data.size(), cudaMemcpyHostToDevice), "cudaMemcpy H2D");
  }
  ~DevBuf() { cudaFree(p); }
  DevBuf(const DevBuf&) = delete;
  DevBuf& operator=(const DevBuf&) = delete;
  std::vector<uint8_t> download() const {
    std::vector<uint8_t> h(n * sizeof(T));
    check(cudaMemcpy(h.data(), p, h.size(), cudaMemcpyDeviceToHost), "cudaMemcpy D2H");
    return h;
  }
};

struct Timing {
  std::vector<float> ms;
};

Timing timeIt(const std::function<void(cudaStream_t)>& launch, int warmup, int iters) {
  cudaStream_t s;
  check(cudaStreamCreate(&s), "cudaStreamCreate");
  for (int i = 0; i < warmup; i++) launch(s);
  check(cudaStreamSynchronize(s), "warm-up");
  check(cudaGetLastError(), "kernel launch");
  cudaEvent_t a, b;
  check(cudaEventCreate(&a), "cudaEventCreate");
  check(cudaEventCreate(&b), "cudaEventCreate");
  Timing t;
  for (int i = 0; i < iters; i++) {
    check(cudaEventRecord(a, s), "cudaEventRecord");
    launch(s);
    check(cudaEventRecord(b, s), "cudaEventRecord");
    check(cudaEventSynchronize(b), "cudaEventSynchronize");
    float ms = 0;
    check(cudaEventElapsedTime(&ms, a, b), "cudaEventElapsedTime");
    t.ms.push_back(ms);
  }
  check(cudaGetLastError(), "kernel");
  cudaEventDestroy(a);
  cudaEventDestroy(b);
  cudaStreamDestroy(s);
  return t;
}

void need(bool ok, const std::string& msg) {
  if (!ok) throw BadInput(msg);
}

struct Run {
  std::string op, dir, kernel;
  int m = 0, n = 0, k = 0;
  NpyArray out;
  Timing timing;
};

std::string in(const std::string& dir, const char* name) { return dir + "/" + name + ".npy"; }

NpyArray outArray(Dtype t, int m, int n, std::vector<uint8_t> data) {
  NpyArray o;
  o.dtype = t;
  o.shape = {m, n};
  o.data = std::move(data);
  return o;
}

void runOp(Run& r, int warmup, int iters) {
  const std::string& d = r.dir;
  const std::string& op = r.op;
  if (op == "fp16-gemv" || op == "fp16-gemm" || op == "cublas-gemm") {
    NpyArray a = readNpyAs(in(d, "a"), Dtype::F16, 2), w = readNpyAs(in(d, "w"), Dtype::F16, 2);
    r.m = (int)a.dim(0), r.k = (int)a.dim(1), r.n = (int)w.dim(0);
    need(w.dim(1) == r.k, in(d, "w") + ": K = " + std::to_string(w.dim(1)) + " (expected " + std::to_string(r.k) + " from a.npy)");
    DevBuf<__half> da(a), dw(w);
    DevBuf<float> dout((size_t)r.m * r.n);
    int m = r.m, n = r.n, k = r.k;
    if (op == "fp16-gemv") {
      r.kernel = "own: warp-per-column fp32-FMA GEMV";
      r.timing = timeIt([&](cudaStream_t s) { fp16Gemv(da.p, dw.p, dout.p, m, n, k, s); }, warmup, iters);
    } else if (op == "fp16-gemm") {
      r.kernel = "own: WMMA 64x64x32 tensor-core GEMM";
      r.timing = timeIt([&](cudaStream_t s) { fp16GemmWmma(da.p, dw.p, dout.p, m, n, k, s); }, warmup, iters);
    } else {
#ifdef BITLINE_HAVE_CUBLAS
      cublasHandle_t h;
      if (cublasCreate(&h) != CUBLAS_STATUS_SUCCESS) throw CudaError("cublasCreate failed");
      float alpha = 1.f, beta = 0.f;
      r.kernel = "cuBLAS cublasGemmEx fp16 in, fp32 out, CUBLAS_COMPUTE_32F";
      r.timing = timeIt(
          [&](cudaStream_t s) {
            cublasSetStream(h, s);
            // row-major O[M,N] = A W^T is column-major O^T[N,M] = W (N x K, op T) x A^T
            cublasGemmEx(h, CUBLAS_OP_T, CUBLAS_OP_N, n, m, k, &alpha, dw.p, CUDA_R_16F, k, da.p, CUDA_R_16F, k,
                         &beta, dout.p, CUDA_R_32F, n, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT);
          },
          warmup, iters);
      cublasDestroy(h);
#else
      throw NotBuilt("cublas-gemm: bitline-cuda was built without cuBLAS (not installed with the CUDA toolkit)");
#endif
    }
    r.out = outArray(Dtype::F32, m, n, dout.download());
  } else if (op.size() == 10 && op[0] == 'w' && op.substr(2) == "a16-gemv") {
    int bits = op[1] - '0';
    need(bits >= 1 && bits <= 8, "--op " + op + ": weight width must be 1..8");
    NpyArray a = readNpyAs(in(d, "a"), Dtype::F16, 2), codes = readNpyAs(in(d, "codes"), Dtype::I32, 2),
             sc = readNpyAs(in(d, "scales"), Dtype::F16, 2), z = readNpyAs(in(d, "zeros"), Dtype::F16, 2);
    r.m = (int)a.dim(0), r.k = (int)a.dim(1), r.n = (int)codes.dim(0);
    int groups = (int)sc.dim(1);
    need(r.k % 32 == 0, in(d, "a") + ": K = " + std::to_string(r.k) + " (expected a multiple of 32)");
    need(groups > 0 && r.k % groups == 0 && (r.k / groups) % 32 == 0,
         in(d, "scales") + ": " + std::to_string(groups) + " groups (expected K / groups a multiple of 32)");
    need(codes.dim(1) == (int64_t)r.k * bits / 32, in(d, "codes") + ": " + std::to_string(codes.dim(1)) +
                                                      " words per row (expected K * bits / 32 = " +
                                                      std::to_string((int64_t)r.k * bits / 32) + ")");
    need(sc.dim(0) == r.n && z.dim(0) == r.n && z.dim(1) == groups, in(d, "zeros") + ": shape must equal scales.npy's");
    DevBuf<__half> da(a), ds(sc), dz(z);
    DevBuf<uint32_t> dc(codes);
    DevBuf<float> dout((size_t)r.m * r.n);
    int m = r.m, n = r.n, k = r.k, g = k / groups, wpr = (int)codes.dim(1);
    r.kernel = "own: warp-per-row dequantize (RNE to fp16) + fp32-FMA GEMV, W" + std::to_string(bits);
    r.timing = timeIt([&](cudaStream_t s) { dequantGemv(da.p, dc.p, ds.p, dz.p, dout.p, m, n, k, bits, g, wpr, s); },
                      warmup, iters);
    r.out = outArray(Dtype::F32, m, n, dout.download());
  } else if (op == "lut-gemv") {
    NpyArray a = readNpyAs(in(d, "a"), Dtype::I8, 2), pl = readNpyAs(in(d, "planes"), Dtype::I32, 3),
             sc = readNpyAs(in(d, "scales"), Dtype::F16, 2), z = readNpyAs(in(d, "zeros"), Dtype::F16, 2);
    r.m = (int)a.dim(0), r.k = (int)a.dim(1), r.n = (int)pl.dim(1);
    int bits = (int)pl.dim(0), groups = (int)sc.dim(1);
    need(r.k % 32 == 0 && pl.dim(2) == r.k / 32, in(d, "planes") + ": expected shape (bits, N, K/32) with K % 32 == 0");
    need(groups > 0 && r.k % groups == 0 && (r.k / groups) % 32 == 0,
         in(d, "scales") + ": expected K / groups to be a multiple of 32");
    need((size_t)r.k / 4 * 16 * 2 + groups * 4 <= 200 * 1024, in(d, "a") + ": K too large for the shared-memory tables");
    DevBuf<int8_t> da(a);
    DevBuf<uint32_t> dp(pl);
    DevBuf<__half> ds(sc), dz(z);
    DevBuf<float> dout((size_t)r.m * r.n);
    int m = r.m, n = r.n, k = r.k, g = k / groups;
    r.kernel = "own: LUT mpGEMV, 16-entry int16 tables per 4 activations in shared memory, W" + std::to_string(bits);
    r.timing = timeIt([&](cudaStream_t s) { lutGemv(da.p, dp.p, ds.p, dz.p, dout.p, m, n, k, bits, g, s); }, warmup, iters);
    r.out = outArray(Dtype::F32, m, n, dout.download());
  } else if (op == "ternary-gemv") {
    NpyArray a = readNpyAs(in(d, "a"), Dtype::I8, 2), codes = readNpyAs(in(d, "codes"), Dtype::I32, 2);
    r.m = (int)a.dim(0), r.k = (int)a.dim(1), r.n = (int)codes.dim(0);
    need(r.k % 16 == 0 && codes.dim(1) == r.k / 16, in(d, "codes") + ": expected shape (N, K/16) with K % 16 == 0");
    DevBuf<int8_t> da(a);
    DevBuf<uint32_t> dc(codes);
    DevBuf<int32_t> dout((size_t)r.m * r.n);
    int m = r.m, n = r.n, k = r.k;
    r.kernel = "own: ternary GEMV, 2-bit codes, __dp4a";
    r.timing = timeIt([&](cudaStream_t s) { ternaryGemv(da.p, dc.p, dout.p, m, n, k, s); }, warmup, iters);
    r.out = outArray(Dtype::I32, m, n, dout.download());
  } else if (op == "bipolar-gemm") {
    NpyArray x = readNpyAs(in(d, "x"), Dtype::I32, 3), w = readNpyAs(in(d, "w"), Dtype::I32, 3);
    int abits = (int)x.dim(0), wbits = (int)w.dim(0);
    r.m = (int)x.dim(1), r.n = (int)w.dim(1), r.k = (int)x.dim(2) * 32;
    need(w.dim(2) == x.dim(2), in(d, "w") + ": K/32 differs from x.npy's");
    need(r.k % 256 == 0, in(d, "x") + ": K = " + std::to_string(r.k) + " (expected a multiple of 256)");
    need(abits >= 1 && abits <= 8 && wbits >= 1 && wbits <= 8, in(d, "x") + ": 1..8 bit-planes expected");
    DevBuf<uint32_t> dx(x), dw(w);
    DevBuf<int32_t> dout((size_t)r.m * r.n);
    int m = r.m, n = r.n, k = r.k;
    r.kernel = "own: bipolar-INT GEMM, mma.m16n8k256 b1 AND-popc per plane pair, A" + std::to_string(abits) + "W" +
               std::to_string(wbits);
    r.timing = timeIt([&](cudaStream_t s) { bipolarGemm(dx.p, dw.p, dout.p, m, n, k, abits, wbits, s); }, warmup, iters);
    r.out = outArray(Dtype::I32, m, n, dout.download());
  } else if (op == "lowrank-2stage" || op == "lowrank-fused") {
    NpyArray a = readNpyAs(in(d, "a"), Dtype::F16, 2), c = readNpyAs(in(d, "c"), Dtype::F16, 2),
             b = readNpyAs(in(d, "b"), Dtype::F16, 2);
    r.m = (int)a.dim(0), r.k = (int)a.dim(1), r.n = (int)b.dim(0);
    int rank = (int)c.dim(0);
    need(c.dim(1) == r.k, in(d, "c") + ": expected shape (rank, K)");
    need(b.dim(1) == rank, in(d, "b") + ": expected shape (N, rank)");
    DevBuf<__half> da(a), dc(c), db(b);
    DevBuf<float> dout((size_t)r.m * r.n);
    int m = r.m, n = r.n, k = r.k;
    if (op == "lowrank-2stage") {
      DevBuf<__half> dt((size_t)m * rank);
      r.kernel = "own: two GEMVs, T = A C^T stored as fp16, then O = T B^T";
      r.timing = timeIt(
          [&](cudaStream_t s) {
            fp16GemvHalfOut(da.p, dc.p, dt.p, m, rank, k, s);
            fp16Gemv(dt.p, db.p, dout.p, m, n, rank, s);
          },
          warmup, iters);
      r.out = outArray(Dtype::F32, m, n, dout.download());
    } else {
      // B transposed once (setup, not timed) so that the streamed reads of a rank row are coalesced
      std::vector<uint8_t> bt(b.data.size());
      const uint16_t* bs = reinterpret_cast<const uint16_t*>(b.data.data());
      uint16_t* btp = reinterpret_cast<uint16_t*>(bt.data());
      for (int j = 0; j < n; j++)
        for (int q = 0; q < rank; q++) btp[(size_t)q * n + j] = bs[(size_t)j * rank + q];
      DevBuf<__half> dbt((size_t)rank * n);
      check(cudaMemcpy(dbt.p, bt.data(), bt.size(), cudaMemcpyHostToDevice), "cudaMemcpy H2D");
      r.kernel = "own: fused low-rank, rank slices of T in shared memory streamed into O (atomicAdd)";
      r.timing = timeIt([&](cudaStream_t s) { lowrankFused(da.p, dc.p, dbt.p, dout.p, m, n, k, rank, s); }, warmup, iters);
      r.out = outArray(Dtype::F32, m, n, dout.download());
    }
  } else {
    throw BadInput("--op: unknown op '" + op + "' (run 'bitline-cuda ops' for the list)");
  }
}

void writeTiming(const Run& r, const DeviceInfo& info, int warmup) {
  std::vector<float> s = r.timing.ms;
  std::sort(s.begin(), s.end());
  float median = s.empty() ? 0.f : (s.size() % 2 ? s[s.size() / 2] : 0.5f * (s[s.size() / 2 - 1] + s[s.size() / 2]));
  std::string path = r.dir + "/timing.json";
  std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "w");
  if (!f) throw BadInput(path + ": cannot write");
  std::fprintf(f, "{\"op\": \"%s\", \"kernel\": \"%s\", \"m\": %d, \"n\": %d, \"k\": %d, \"warmup\": %d, \"iters\": %zu, ",
               r.op.c_str(), jsonEscape(r.kernel).c_str(), r.m, r.n, r.k, warmup, s.size());
  std::fprintf(f, "\"median_ms\": %.6f, \"min_ms\": %.6f, \"max_ms\": %.6f, \"timer\": \"cudaEvent\", %s, \"times_ms\": [",
               median, s.empty() ? 0.f : s.front(), s.empty() ? 0.f : s.back(), info.json.c_str());
  for (size_t i = 0; i < r.timing.ms.size(); i++) std::fprintf(f, "%s%.6f", i ? ", " : "", r.timing.ms[i]);
  std::fprintf(f, "]}\n");
  std::fclose(f);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw BadInput(path + ": cannot rename");
}

int usage() {
  std::fprintf(stderr, "usage: bitline-cuda info | ops | run --op OP --dir DIR [--warmup W] [--iters N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) return usage();
    std::string cmd = argv[1];
    if (cmd == "ops") {
      for (const char* o : kOps) std::printf("%s\n", o);
      return 0;
    }
    if (cmd == "info") {
      std::printf("{%s}\n", deviceInfo().json.c_str());
      return 0;
    }
    if (cmd != "run") return usage();
    Run r;
    int warmup = 10, iters = 50;
    for (int i = 2; i < argc; i++) {
      std::string f = argv[i];
      if (i + 1 >= argc) throw BadInput(f + ": missing value");
      std::string v = argv[++i];
      if (f == "--op") r.op = v;
      else if (f == "--dir") r.dir = v;
      else if (f == "--warmup" || f == "--iters") {
        char* end = nullptr;
        long x = std::strtol(v.c_str(), &end, 10);
        if (*end != 0 || x < (f == "--iters" ? 1 : 0) || x > 100000) throw BadInput(f + ": '" + v + "' (expected a count)");
        (f == "--warmup" ? warmup : iters) = (int)x;
      } else throw BadInput(f + ": unknown flag (expected --op, --dir, --warmup, --iters)");
    }
    if (r.op.empty() || r.dir.empty()) throw BadInput("run needs --op and --dir");
    if (std::find_if(std::begin(kOps), std::end(kOps), [&](const char* o) { return r.op == o; }) == std::end(kOps))
      throw BadInput("--op: unknown op '" + r.op + "' (run 'bitline-cuda ops' for the list)");
    DeviceInfo info = deviceInfo();
    runOp(r, warmup, iters);
    writeNpy(r.dir + "/out.npy", r.out);
    writeTiming(r, info, warmup);
    return 0;
  } catch (const BadInput& e) {
    std::fprintf(stderr, "bitline-cuda: %s\n", e.what());
    return 2;
  } catch (const NoDevice& e) {
    std::fprintf(stderr, "bitline-cuda: %s\n", e.what());
    return 3;
  } catch (const NotBuilt& e) {
    std::fprintf(stderr, "bitline-cuda: %s\n", e.what());
    return 4;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bitline-cuda: CUDA error: %s\n", e.what());
    return 1;
  }
}
