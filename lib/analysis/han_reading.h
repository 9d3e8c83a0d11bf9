// The Mandarin reading of Han text, for the query builder's pinyin typo corrections
// (AnalyzerHooks::han_reading). Beside the pipeline, not a stage of it.
#pragma once

#include <unicode/translit.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace faqsearch::detail {

/// Han characters to toneless pinyin ("销" → "xiao"), through ICU's "Han-Latin; Latin-ASCII".
/// The transliterator is created on the first call: the first one in a process compiles ICU's
/// Han-Latin rules (measured ~110 ms, ~6 MB; later ones reuse ICU's cache, ~0.25 ms), which a
/// process that never corrects Han text should not pay for.
///
/// Thread-safety: NOT thread-safe (an ICU Transliterator is not), like the analyzer owning it.
class HanReader {
 public:
  /// The reading of `han`; "" when ICU has none for it (or no Han-Latin data).
  [[nodiscard]] std::string reading(std::string_view han);

 private:
  // Readings asked before: a correction compares the reading of every character of a scanned
  // range (~4 µs each through the transliterator). Cleared when it reaches kMaxReadings.
  static constexpr std::size_t kMaxReadings = 1 << 16;

  std::unique_ptr<icu::Transliterator> han_latin_;
  bool unavailable_ = false;
  std::unordered_map<std::string, std::string> readings_;
};

}  // namespace faqsearch::detail
