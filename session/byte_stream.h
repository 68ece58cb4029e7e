// Little-endian byte streams for the run protocol (commands in, snapshots out): what crosses a
// Web Worker's postMessage as a transferable ArrayBuffer. ByteWriter and ByteReader share one
// interface, so a single field walk (`template <class IO, class T> void fields(IO&, T&)`) both
// writes and reads a struct. Both ends are this code; the reader still never trusts a length.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace lstm {

struct ByteWriter {
  std::vector<uint8_t> b;
  template <class T>
  void pod(const T& v) {
    static_assert(std::is_trivially_copyable<T>::value, "plain values only");
    const auto* p = reinterpret_cast<const uint8_t*>(&v);
    b.insert(b.end(), p, p + sizeof(T));
  }
  void str(const std::string& s) {
    pod(uint32_t(s.size()));
    b.insert(b.end(), s.begin(), s.end());
  }
  template <class T>
  void vec(const std::vector<T>& v) {
    pod(uint32_t(v.size()));
    const auto* p = reinterpret_cast<const uint8_t*>(v.data());
    b.insert(b.end(), p, p + v.size() * sizeof(T));
  }
  // A count, then each element through `each`.
  template <class T, class F>
  void seq(const std::vector<T>& v, F&& each) {
    pod(uint32_t(v.size()));
    for (const T& x : v) each(x);
  }
};

struct ByteReader {
  const uint8_t* p;
  size_t n;
  bool ok = true;
  template <class T>
  void pod(T& v) {
    if (take(sizeof(T))) std::memcpy(&v, p - sizeof(T), sizeof(T));
  }
  void pod(bool& v) {  // any byte but 0 or 1 would make an invalid bool
    uint8_t b = 0;
    pod(b);
    ok = ok && b <= 1;
    v = b == 1;
  }
  void str(std::string& s) {
    uint32_t k = 0;
    pod(k);
    if (take(k)) s.assign(reinterpret_cast<const char*>(p - k), k);
  }
  template <class T>
  void vec(std::vector<T>& v) {
    uint32_t k = 0;
    pod(k);
    if (!ok || size_t(k) > n / sizeof(T)) {
      ok = false;
      return;
    }
    v.resize(k);
    take(size_t(k) * sizeof(T));
    if (k) std::memcpy(v.data(), p - size_t(k) * sizeof(T), size_t(k) * sizeof(T));
  }
  template <class T, class F>
  void seq(std::vector<T>& v, F&& each) {
    uint32_t k = 0;
    pod(k);
    if (!ok || k > n / 4) {  // every element starts with a 4-byte count or field
      ok = false;
      return;
    }
    v.resize(k);
    for (T& x : v) {
      if (!ok) return;
      each(x);
    }
  }

 private:
  bool take(size_t k) {
    if (!ok || k > n) return ok = false;
    p += k;
    n -= k;
    return true;
  }
};

}  // namespace lstm
