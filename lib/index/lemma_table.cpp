#include "index/lemma_table.h"

#include <charconv>
#include <cstdint>

#include "index/schema.h"

namespace faqsearch::detail {
namespace {

std::string key_of(std::string_view word) {
  std::string key(kMetadataLemmaPrefix);
  key += word;
  return key;
}

std::string lemma_set_key(std::string_view lemma) {
  std::string key(kMetadataLemmaSetPrefix);
  key += lemma;
  return key;
}

}  // namespace

bool fits_lemma_table(std::string_view word) { return !word.empty() && word.size() <= kMaxKeyBytes; }

void write_lemmas(Xapian::WritableDatabase& db, const LemmaMap& lemmas) {
  bool new_lemma = false;
  for (const auto& [word, lemma] : lemmas) {
    if (!fits_lemma_table(word) || lemma.empty()) continue;
    const std::string key = key_of(word);
    // Reading first: most words of a batch are already there, and a lookup is cheaper than
    // rewriting the entry.
    if (db.get_metadata(key) == lemma) continue;
    db.set_metadata(key, lemma);
    if (!fits_lemma_table(lemma)) {
      new_lemma = true;  // not kept in the set (key too long): assume it is new
    } else if (const std::string set_key = lemma_set_key(lemma); db.get_metadata(set_key).empty()) {
      db.set_metadata(set_key, "1");
      new_lemma = true;
    }
  }
  if (new_lemma) {
    // Versions are only compared for equality: an unreadable one restarts from 1.
    const std::string version = db.get_metadata(std::string(kMetadataLemmaVersion));
    std::uint64_t n = 0;
    std::from_chars(version.data(), version.data() + version.size(), n);
    db.set_metadata(std::string(kMetadataLemmaVersion), std::to_string(n + 1));
  }
}

std::string lemma_set_version(const Xapian::Database& db) {
  return db.get_metadata(std::string(kMetadataLemmaVersion));
}

std::optional<std::string> read_lemma(const Xapian::Database& db, std::string_view word) {
  if (!fits_lemma_table(word)) return std::nullopt;
  std::string lemma = db.get_metadata(key_of(word));
  if (lemma.empty()) return std::nullopt;
  return lemma;
}

void read_all_lemmas(const Xapian::Database& db, std::unordered_set<std::string>& out) {
  // The lemma set's keys name the lemmas: no value to read per word form.
  const std::string prefix(kMetadataLemmaSetPrefix);
  for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
    out.insert((*key).substr(prefix.size()));
  }
}

}  // namespace faqsearch::detail
