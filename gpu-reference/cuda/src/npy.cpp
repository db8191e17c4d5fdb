#include "npy.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

namespace bitline {

size_t dtypeSize(Dtype t) {
  switch (t) {
    case Dtype::F16: return 2;
    case Dtype::F32: return 4;
    case Dtype::I32: return 4;
    default: return 1;
  }
}

const char* dtypeName(Dtype t) {
  switch (t) {
    case Dtype::F16: return "<f2";
    case Dtype::F32: return "<f4";
    case Dtype::I8: return "|i1";
    case Dtype::I32: return "<i4";
    default: return "|u1";
  }
}

static std::string valueOf(const std::string& h, const std::string& key, const std::string& file) {
  auto k = h.find("'" + key + "'");
  if (k == std::string::npos) throw BadInput(file + ": .npy header: missing key '" + key + "'");
  auto c = h.find(':', k);
  if (c == std::string::npos) throw BadInput(file + ": .npy header: no value for '" + key + "'");
  size_t s = h.find_first_not_of(' ', c + 1);
  return h.substr(s);
}

NpyArray readNpy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BadInput(path + ": cannot open");
  std::vector<uint8_t> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  static const uint8_t magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
  if (b.size() < 10 || std::memcmp(b.data(), magic, 6) != 0)
    throw BadInput(path + ": not a .npy file (expected the magic \\x93NUMPY at offset 0)");
  int major = b[6], minor = b[7];
  if ((major != 1 && major != 2) || minor != 0)
    throw BadInput(path + ": .npy format version " + std::to_string(major) + "." + std::to_string(minor) +
                   " (expected 1.0 or 2.0)");
  size_t pre = major == 1 ? 10 : 12;
  if (b.size() < pre) throw BadInput(path + ": truncated .npy header");
  size_t hlen = major == 1 ? (size_t)(b[8] | (b[9] << 8))
                           : (size_t)b[8] | ((size_t)b[9] << 8) | ((size_t)b[10] << 16) | ((size_t)b[11] << 24);
  if (pre + hlen > b.size()) throw BadInput(path + ": truncated .npy header");
  std::string h(reinterpret_cast<const char*>(b.data() + pre), hlen);
  NpyArray a;
  std::string d = valueOf(h, "descr", path);
  std::string descr = d.substr(1, d.find(d[0], 1) - 1);
  if (descr == "<f2") a.dtype = Dtype::F16;
  else if (descr == "<f4") a.dtype = Dtype::F32;
  else if (descr == "|i1" || descr == "<i1" || descr == "i1") a.dtype = Dtype::I8;
  else if (descr == "<i4") a.dtype = Dtype::I32;
  else if (descr == "|u1" || descr == "<u1" || descr == "u1") a.dtype = Dtype::U8;
  else if (!descr.empty() && descr[0] == '>') throw BadInput(path + ": big-endian dtype '" + descr + "' (expected little-endian)");
  else throw BadInput(path + ": unsupported dtype '" + descr + "' (expected <f2, <f4, |i1, <i4 or |u1)");
  if (valueOf(h, "fortran_order", path).rfind("False", 0) != 0)
    throw BadInput(path + ": Fortran-order array (expected C order)");
  std::string s = valueOf(h, "shape", path);
  if (s.empty() || s[0] != '(') throw BadInput(path + ": .npy header: shape is not a tuple");
  std::string body = s.substr(1, s.find(')') - 1);
  std::stringstream ss(body);
  std::string tok;
  while (std::getline(ss, tok, ',')) {
    size_t p = tok.find_first_not_of(' ');
    if (p == std::string::npos) continue;
    a.shape.push_back(std::stoll(tok.substr(p)));
  }
  size_t need = (size_t)a.elements() * dtypeSize(a.dtype);
  size_t have = b.size() - pre - hlen;
  if (have != need)
    throw BadInput(path + ": data is " + std::to_string(have) + " bytes, shape needs " + std::to_string(need));
  a.data.assign(b.begin() + pre + hlen, b.end());
  return a;
}

NpyArray readNpyAs(const std::string& path, Dtype t, size_t rank) {
  NpyArray a = readNpy(path);
  if (a.dtype != t)
    throw BadInput(path + ": dtype " + dtypeName(a.dtype) + " (expected " + dtypeName(t) + ")");
  if (a.shape.size() != rank)
    throw BadInput(path + ": rank " + std::to_string(a.shape.size()) + " (expected " + std::to_string(rank) + ")");
  return a;
}

void writeNpy(const std::string& path, const NpyArray& a) {
  std::string shape = "(";
  for (size_t i = 0; i < a.shape.size(); i++) {
    shape += std::to_string(a.shape[i]);
    if (a.shape.size() == 1) shape += ",";
    else if (i + 1 < a.shape.size()) shape += ", ";
  }
  shape += ")";
  std::string dict = std::string("{'descr': '") + dtypeName(a.dtype) + "', 'fortran_order': False, 'shape': " + shape + ", }";
  size_t total = 10 + dict.size() + 1;
  size_t pad = (64 - total % 64) % 64;
  std::string header = dict + std::string(pad, ' ') + "\n";
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw BadInput(path + ": cannot write");
    const uint8_t pre[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    out.write(reinterpret_cast<const char*>(pre), 8);
    uint16_t hl = (uint16_t)header.size();
    const uint8_t len[2] = {(uint8_t)(hl & 0xFF), (uint8_t)(hl >> 8)};
    out.write(reinterpret_cast<const char*>(len), 2);
    out.write(header.data(), (std::streamsize)header.size());
    out.write(reinterpret_cast<const char*>(a.data.data()), (std::streamsize)a.data.size());
    if (!out) throw BadInput(path + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw BadInput(path + ": cannot rename " + tmp);
}

}  // namespace bitline
