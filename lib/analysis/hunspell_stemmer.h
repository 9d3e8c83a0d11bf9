// A stemmer/lemmatizer over one Hunspell dictionary, for languages where Xapian's Snowball has no
// stemmer (Polish) or a weak one. Hunspell maps an inflected form to its dictionary lemma(s)
// ("zamówień" → "zamówienie", "zamówić"); this wrapper makes that one deterministic term.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

class Hunspell;

namespace faqsearch::detail {

/// Stems words with one Hunspell dictionary (`<directory>/<name>.aff` + `.dic`).
///
/// Thread-safety: NOT thread-safe (Hunspell objects and the cache are mutable); the Analyzer that
/// owns one is single-threaded by contract. Distinct instances may be opened, used and destroyed
/// on different threads at once: the one table Hunspell shares between them is guarded here.
class HunspellStemmer {
 public:
  /// Folds a lower-case UTF-8 string the way the language row does (diacritics away except the
  /// row's kept letters). Only used while opening, to learn which letters undo which folds.
  using FoldFunction = std::function<std::string(std::string_view)>;

  /// Accepts a dictionary headword (UTF-8, case-folded) into a reduced dictionary.
  using KeepFunction = std::function<bool(std::string_view)>;

  /// Loads the dictionary, or returns nullptr when its files are missing or unreadable or its
  /// encoding is unsupported (the caller then analyzes without stemming). Loading a large
  /// dictionary takes ~0.3 s and tens of MB (pl_PL: ~43 MB): do it once per analyzer and
  /// language. With `keep`, only the entries whose headword it accepts are loaded (with all of
  /// the affix rules): a word is then stemmed as the whole dictionary would whenever its lemma
  /// is among those entries, and left unchanged otherwise. pl_PL reduced to a help center's
  /// lemmas takes a few MB, mostly its affix tables. `keep` is destroyed (with whatever it owns,
  /// such as a set of lemmas) before the dictionary is parsed, so the two never peak together.
  static std::unique_ptr<HunspellStemmer> open(std::string_view name, std::string_view directory,
                                               const FoldFunction& fold, KeepFunction keep = {});

  /// Whether the dictionary's two files are readable, without loading them (open() can still
  /// fail on an unsupported encoding, which Debian's dictionaries never have).
  static bool available(std::string_view name, std::string_view directory);

  ~HunspellStemmer();
  HunspellStemmer(const HunspellStemmer&) = delete;
  HunspellStemmer& operator=(const HunspellStemmer&) = delete;

  /// The lemma of `word` (NFKC-casefolded UTF-8 with its diacritics), case-folded; the shortest
  /// of Hunspell's lemmas when it has several. A word the dictionary does not know is looked up
  /// again capitalized (proper nouns) and, when typed all in ASCII, with folded letters restored
  /// ("zamowienie" → "zamówienie"), since shoppers often type without diacritics; failing that it
  /// is returned unchanged. Results are cached per instance (Hunspell takes ~10–50 µs a word).
  [[nodiscard]] std::string stem(std::string_view word);

  /// Whether the dictionary knows `word` (UTF-8, as typed: Hunspell accepts a lower-case word
  /// capitalized, and not the reverse) as a correctly spelled word of its language. False for
  /// a word with a letter the dictionary's encoding cannot spell, or longer than Hunspell reads.
  [[nodiscard]] bool spells(std::string_view word);

  /// The lower-case letters of the dictionary's TRY line (the letters its suggestions try, most
  /// frequent first), each once: the alphabet in which a lost or mistyped letter is put back.
  [[nodiscard]] const std::u32string& letters() const;

 private:
  struct Impl;
  explicit HunspellStemmer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace faqsearch::detail
