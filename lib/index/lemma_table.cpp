#include "index/lemma_table.h"

#include "index/schema.h"

namespace faqsearch::detail {
namespace {

std::string key_of(std::string_view word) {
  std::string key(kMetadataLemmaPrefix);
  key += word;
  return key;
}

}  // namespace

bool fits_lemma_table(std::string_view word) { return !word.empty() && word.size() <= kMaxKeyBytes; }

void write_lemmas(Xapian::WritableDatabase& db, const LemmaMap& lemmas) {
  for (const auto& [word, lemma] : lemmas) {
    if (!fits_lemma_table(word) || lemma.empty()) continue;
    const std::string key = key_of(word);
    // Reading first: most words of a batch are already there, and a lookup is cheaper than
    // rewriting the entry.
    if (db.get_metadata(key) != lemma) db.set_metadata(key, lemma);
  }
}

std::optional<std::string> read_lemma(const Xapian::Database& db, std::string_view word) {
  if (!fits_lemma_table(word)) return std::nullopt;
  std::string lemma = db.get_metadata(key_of(word));
  if (lemma.empty()) return std::nullopt;
  return lemma;
}

void read_all_lemmas(const Xapian::Database& db, std::unordered_set<std::string>& out) {
  for (auto key = db.metadata_keys_begin(std::string(kMetadataLemmaPrefix)); key != db.metadata_keys_end(); ++key) {
    out.insert(db.get_metadata(*key));
  }
}

}  // namespace faqsearch::detail
