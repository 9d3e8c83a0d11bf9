// Internal hooks into the Analyzer's dictionary (Hunspell) stemming, for the index and the
// searcher. They change where a lemma comes from, never what it is: the analysis path stays one.
//
// Why: a Hunspell dictionary costs ~43 MB per loaded instance (pl_PL), far more than everything
// else a query process holds (~3 MB). The writer already runs Hunspell on every word it indexes,
// so it records word → lemma in each partition (LemmaRecorder), and a searcher reads the lemma
// back from there (LemmaTable) instead of loading the dictionary. The writer's worker analyzers
// share one loaded dictionary (SharedDictionaries) instead of loading one each.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "analysis/hunspell_stemmer.h"

namespace faqsearch {
class Analyzer;
}

namespace faqsearch::detail {

/// Lemmas a dictionary gave at index time, looked up instead of asking the dictionary again.
///
/// Thread-safety: as the Analyzer it is attached to (called from that analyzer's thread only).
class LemmaTable {
 public:
  virtual ~LemmaTable() = default;
  /// The lemma recorded for `word` of language `lang` (a word as the analyzer hands it to its
  /// dictionary stemmer: NFKC-casefolded, apostrophes removed), or nullopt when none was.
  virtual std::optional<std::string> find(std::string_view lang, std::string_view word) = 0;
  /// Every lemma the table holds for `lang` (its values), for UnseenWords::kReducedDictionary.
  virtual std::unordered_set<std::string> lemmas(std::string_view lang) = 0;
  /// Names the tables this one reads (a searcher's: the audiences it may see). A dictionary
  /// reduced to one scope's lemmas is never used for another: those lemmas would tell a search
  /// about articles it may not see.
  [[nodiscard]] virtual std::string scope() const = 0;
  /// The version of the lemma set lemmas(lang) reads: a dictionary reduced to it is rebuilt when
  /// it changes. Asked only when a word the table lacks is stemmed.
  [[nodiscard]] virtual std::string version(std::string_view lang) = 0;
};

/// What an analyzer with a LemmaTable does with a word the table does not have.
enum class UnseenWords {
  kLoadDictionary,  ///< Stem it with the whole dictionary (loaded on the first such word).
  /// Stem it with the dictionary reduced to the table's lemmas (loaded on the first such word):
  /// any form of a lemma the index holds gets that lemma, as with the whole dictionary; other
  /// words stay as they are, and their lemma would match nothing in the index anyway. The
  /// reduced dictionary is rebuilt on the first such word after the table's version changes,
  /// i.e. after a commit that brought a new lemma (not on every commit: a rebuild costs about
  /// as much as the first load, and most batches only add forms of known lemmas).
  kReducedDictionary,
  kUnchanged,  ///< Keep it as it is (the dictionary's answer for words it does not know).
};

/// Receives every word → lemma pair an analyzer's dictionary stemming produces.
///
/// Thread-safety: as the Analyzer it is attached to (called from that analyzer's thread only).
class LemmaRecorder {
 public:
  virtual ~LemmaRecorder() = default;
  /// `word` (as LemmaTable::find takes it) was analyzed as `lemma`. Returns false when the
  /// recorder already had `word` (the analyzer then skips deriving more pairs from it).
  virtual bool record(std::string_view word, std::string_view lemma) = 0;
};

/// Hunspell dictionaries, loaded once each and shared by the analyzers given them: the
/// IndexWriter's workers, the Searchers of one SharedResources. An explicit resource the owner
/// passes around, not a global; an analyzer given none uses its own. Loaded dictionaries stay
/// until it is destroyed (one reduced dictionary per index and set of visible audiences used).
///
/// Thread-safety: thread-safe; one mutex guards every dictionary and its cache. Commit workers
/// analyze different languages at a time, and Searchers ask only for words their index never
/// saw (the rest come from lemma tables), so the lock is practically uncontended.
class SharedDictionaries {
 public:
  /// `spelling`: spells() may load dictionaries (ResourceOptions::spelling_dictionaries).
  explicit SharedDictionaries(bool spelling = true) : spelling_(spelling) {}

  /// The lemma of `word` by dictionary `name` in `directory` (see HunspellStemmer::stem), loading
  /// the dictionary on first use with `fold`; nullopt when it cannot be loaded.
  std::optional<std::string> stem(std::string_view name, std::string_view directory,
                                  const HunspellStemmer::FoldFunction& fold, std::string_view word);
  /// Whether dictionary `name` in `directory` (the whole one, as stem() loads it) spells `word`
  /// (HunspellStemmer::spells); nullopt when it cannot be loaded or spelling checks are off.
  std::optional<bool> spells(std::string_view name, std::string_view directory,
                             const HunspellStemmer::FoldFunction& fold, std::string_view word);
  /// The letters of dictionary `name` (HunspellStemmer::letters, the whole one, as spells()
  /// loads it); empty when it cannot be loaded or spelling checks are off.
  std::u32string letters(std::string_view name, std::string_view directory, const HunspellStemmer::FoldFunction& fold);
  /// The same with the dictionary reduced to `lemmas()` (UnseenWords::kReducedDictionary), one
  /// per `scope` (LemmaTable::scope: which index and which audiences), loaded on the scope's first
  /// word. Searchers of one index and audiences share one; other scopes never see it.
  /// `version` is the scope's lemma-set version (LemmaTable::version): a dictionary reduced to
  /// another version of the scope is replaced, so it neither goes stale nor stays in memory.
  std::optional<std::string> stem_reduced(std::string_view name, std::string_view directory,
                                          const HunspellStemmer::FoldFunction& fold, std::string_view scope,
                                          std::string_view version,
                                          const std::function<std::unordered_set<std::string>()>& lemmas,
                                          std::string_view word);

 private:
  /// The dictionary under `key` at `version`, loaded by `load` on first use or when the one held
  /// is of another version; null if it could not be loaded. With mutex_ held, which the caller
  /// keeps while using it: a replaced dictionary is not in use.
  HunspellStemmer* loaded(std::string key, std::string_view version,
                          const std::function<std::unique_ptr<HunspellStemmer>()>& load);
  /// The whole dictionary `name` of `directory` (loaded(), unreduced).
  HunspellStemmer* whole(std::string_view name, std::string_view directory, const HunspellStemmer::FoldFunction& fold);

  struct Loaded {
    std::string version;
    std::unique_ptr<HunspellStemmer> stemmer;  // null: could not be loaded
  };
  const bool spelling_;
  std::mutex mutex_;
  std::map<std::string, Loaded, std::less<>> loaded_;
};

/// The hooks. Each attachment lasts until replaced (pass nullptr to detach); the attached object
/// must outlive its attachment.
struct AnalyzerHooks {
  /// Word stems of dictionary languages are looked up in `table` first; `unseen` says what
  /// happens to words it lacks.
  static void set_lemma_table(Analyzer& analyzer, LemmaTable* table, UnseenWords unseen);
  /// What happens from now on to words the attached table lacks; returns what happened before.
  static UnseenWords set_unseen_words(Analyzer& analyzer, UnseenWords unseen);
  /// Every dictionary stem the analyzer computes (not those read from a LemmaTable) is reported,
  /// and, for a word with diacritics in a folding language, the stem of the word typed without
  /// them (so that a table answers unmarked queries as the dictionary would).
  static void set_lemma_recorder(Analyzer& analyzer, LemmaRecorder* recorder);
  /// The analyzer stems with `dictionaries` instead of its own (nullptr: its own again). Set
  /// before the analyzer's first text.
  static void share_dictionaries(Analyzer& analyzer, SharedDictionaries* dictionaries);
  /// The Mandarin reading of Han text in toneless pinyin ("销" → "xiao"), as a pinyin input
  /// method is typed; "" when ICU has no reading for it (or no Han-Latin data). A homophone is
  /// the typo a pinyin input method makes (注消 for 注销): the query builder's Han corrections
  /// keep only characters that sound like the one typed. The first call loads ICU's Han-Latin
  /// rules into this analyzer.
  static std::string han_reading(Analyzer& analyzer, std::string_view han);
  /// Whether `word`, as typed, is a correctly spelled word of `lang` by the row's spelling
  /// dictionary (LanguageRow::spelling), loaded on the first call through the analyzer's
  /// dictionaries (shared ones when given); nullopt when the row has none or it cannot be loaded.
  static std::optional<bool> spells(Analyzer& analyzer, std::string_view word, std::string_view lang);
  /// The letters of `lang`'s spelling dictionary (SharedDictionaries::letters); empty when the
  /// row has none or it cannot be loaded.
  static std::u32string spelling_letters(Analyzer& analyzer, std::string_view lang);
};

/// Words a lemma table lacks are kept as they are for the lifetime of the object, then treated
/// as before: for text whose words matter only if some article writes them so (a did-you-mean's
/// candidate spellings), where asking a dictionary about each would cost far more than a lookup.
class OnlyTableLemmas {
 public:
  explicit OnlyTableLemmas(Analyzer& analyzer)
      : analyzer_(analyzer), before_(AnalyzerHooks::set_unseen_words(analyzer, UnseenWords::kUnchanged)) {}
  ~OnlyTableLemmas() { AnalyzerHooks::set_unseen_words(analyzer_, before_); }
  OnlyTableLemmas(const OnlyTableLemmas&) = delete;
  OnlyTableLemmas& operator=(const OnlyTableLemmas&) = delete;

 private:
  Analyzer& analyzer_;
  UnseenWords before_;
};

}  // namespace faqsearch::detail
