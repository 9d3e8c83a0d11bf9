// The words of a query as did-you-mean reads them in one language: each word's term and folded
// variant, and whether the articles know it, which decides what is corrected at all.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// A word of the query (a word token, not a number or an n-gram) as one language analyzes it.
struct QueryWord {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string term;
  bool stop_word = false;
  /// Some article of `vocabulary` has it, as read_query_words says; a stop word counts as known.
  bool known = false;
  std::string folded;  ///< the folded variant the analyzer adds beside the term, if any
};

/// The words of `query` in `lang`. A word is known by its term, or by the written form the
/// analyzer keeps beside a stem, or (LanguageRow::fleeting_vowels) as the form without an ending
/// of a known term; the last word, with `prefix_last_word`, also when it begins a known word
/// (as-you-type: unfinished, not mistyped).
std::vector<QueryWord> read_query_words(Analyzer& analyzer, const std::string& lang, std::string_view query,
                                        bool prefix_last_word, const Xapian::Database& vocabulary);

/// Which forms of the articles' words known_words() reads: a form no article writes is not asked
/// of the dictionary by default (each of a long word's splits would cost a lookup); the repairs
/// try few forms, and a form of a lemma the articles have is as good a fix as the one they write
/// ("człowiekiem" for "człowwiekiem" where they write "człowiek").
enum class WordForms { kWritten, kAny };

/// The terms of `text`'s words in `lang` if it has some and `vocabulary` knows each, else none.
std::vector<std::string> known_words(Analyzer& analyzer, const std::string& lang, const Xapian::Database& vocabulary,
                                     std::string_view text, WordForms forms = WordForms::kWritten);

}  // namespace faqsearch::detail
