// The forms one edit away from a typed word, for the did-you-mean repairs that guess what was
// meant from the word itself (slip_repairs.cpp, shoppers_own_form.cpp): each asks for the edits
// it can afford, at the places and with the letters it chooses.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace faqsearch::detail {

/// Which edits one_edit_forms() makes.
struct OneEdits {
  /// Edits begin at this place: 1 keeps the first letter, as the typo scan does.
  std::size_t first = 0;
  /// A letter dropped, and two different neighbours swapped.
  bool drop_and_swap = true;
  /// The letters put in before place i (up to the word's length) or in place of its letter; none
  /// when unset.
  std::function<std::u32string_view(std::size_t)> letters = {};
  /// Not a letter in place of itself with other marks ("ú" for "u"): a word typed without its
  /// marks is how shoppers write, which the search reads so already.
  bool marks_are_no_edit = false;
};

/// The forms one edit of `edits` away from `word`, distinct and sorted.
[[nodiscard]] std::vector<std::u32string> one_edit_forms(std::u32string_view word, const OneEdits& edits);

}  // namespace faqsearch::detail
