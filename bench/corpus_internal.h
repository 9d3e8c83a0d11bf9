// What the corpus generator (corpus_generator.cpp) and its vocabulary (corpus_vocabulary.cpp)
// share: reproducible draws and the ICU text helpers. Internal to the bench.
#pragma once

#include <unicode/unistr.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace faqsearch::bench {

// ---------------------------------------------------------------------------------------------
// Randomness. std::mt19937_64's output sequence is fixed by the standard; the std::*_distribution
// classes are not (each library implements them its own way), so every draw below is built from
// the raw 64-bit outputs with integer arithmetic (and, for Zipf, one double per draw).

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next() { return engine_(); }

  /// Uniform in [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (std::uint64_t{0} - n) % n;  // 2^64 mod n
    for (;;) {
      const std::uint64_t r = next();
      if (r >= threshold) return r % n;
    }
  }

  /// Uniform in [lo, hi].
  std::size_t between(std::size_t lo, std::size_t hi) {
    return lo + static_cast<std::size_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  /// Uniform in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::mt19937_64 engine_;
};

/// Independent streams for articles and queries, so that the number of queries never shifts the
/// articles and vice versa (splitmix64 finalizer of seed + stream).
inline std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + stream * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// ---------------------------------------------------------------------------------------------
// Unicode helpers (ICU, the library's own dependency).

inline icu::UnicodeString to_unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

inline std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

inline std::string fold_case(std::string_view s) {
  icu::UnicodeString u = to_unicode(s);
  u.foldCase();
  return to_utf8(u);
}

}  // namespace faqsearch::bench
