// A query typed with the wrong keyboard layout active, read back word by word for did-you-mean
// (keyboard_layouts.h has the layouts): which layout the shopper slipped into, each word's text
// on it, and whether the whole query slipped.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "search/did_you_mean_check.h"

namespace faqsearch::detail {

/// A word of the query: its bytes, and whether the articles have it as typed.
struct SlipWord {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool known = false;
  bool stop_word = false;
};

/// Whether a text has words and the articles know each of them (as the language analyzes it).
using KnowsWords = std::function<bool(std::string_view)>;

/// One query's keyboard-layout slip in one language. Thread-safety: not thread-safe (it reads
/// through `knows`, which analyzes); one per corrector.
class LayoutSlip {
 public:
  /// Finds the layout (if any) on which one of the unknown words' text makes known words, and
  /// then reads every word's text on it. `query` must outlive the object.
  LayoutSlip(std::string_view query, std::vector<SlipWord> words, const KnowsWords& knows);

  /// Whether some unknown word's text reads as known words on another layout.
  [[nodiscard]] bool found() const { return layout_ >= 0; }

  /// Whether the query was typed on the other layout as a whole: more of its words unknown as
  /// typed read as known words on it than known words do not.
  [[nodiscard]] bool whole_query() const;

  /// The text holding word `i` (the run between spaces, or the same without closing
  /// punctuation) on the slipped layout, cost 0: when its words are known, or else when the
  /// query has a slip (a word of it the articles lack is still the shopper's word, in the right
  /// script). None when the query has no slip or the text no rendering.
  [[nodiscard]] std::optional<QueryFix> fix(std::size_t i) const;

 private:
  struct Rendering {
    QueryFix fix;
    bool known = false;
  };

  [[nodiscard]] std::vector<std::pair<std::size_t, std::string_view>> chunks_of(const SlipWord& w) const;
  int slipped_layout(const KnowsWords& knows) const;
  std::optional<Rendering> rendering_of(const SlipWord& w, const KnowsWords& knows) const;

  std::string_view query_;
  std::vector<SlipWord> words_;
  int layout_ = -1;  // index into other_layout_renderings()
  std::vector<std::optional<Rendering>> renderings_;  // per word
};

}  // namespace faqsearch::detail
