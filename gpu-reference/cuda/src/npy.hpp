// Minimal .npy reader/writer (format 1.0 and 2.0, little-endian, C order), the C++ twin
// of dev.bitline.gpu.npy.Npy. Errors throw BadInput with a one-line message.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace bitline {

struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Dtype { F16, F32, I8, I32, U8 };

struct NpyArray {
  Dtype dtype;
  std::vector<int64_t> shape;
  std::vector<uint8_t> data;

  int64_t elements() const {
    int64_t n = 1;
    for (auto d : shape) n *= d;
    return n;
  }
  int64_t dim(size_t i) const { return i < shape.size() ? shape[i] : 1; }
};

size_t dtypeSize(Dtype t);
const char* dtypeName(Dtype t);
NpyArray readNpy(const std::string& path);
void writeNpy(const std::string& path, const NpyArray& a);

// Reads and checks the element type and rank; message names the file and the expectation.
NpyArray readNpyAs(const std::string& path, Dtype t, size_t rank);

}  // namespace bitline
