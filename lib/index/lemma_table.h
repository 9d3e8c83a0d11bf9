// A partition's lemma table: every word its articles' dictionary stemming (Hunspell) saw, with
// the lemma the dictionary gave. Searchers read lemmas from it instead of loading the dictionary
// (~43 MB for Polish): the index is the dictionary for the words it holds.
//
// Stored as Xapian user metadata (key kMetadataLemmaPrefix + word, value the lemma), not in the
// synonym table: a lemma is one value per word, read with one B-tree lookup, while synonyms are
// sets meant for query expansion. Metadata is written in the batch's transaction and is kept by
// compaction. Each partition holds only its own articles' words, so an audience never learns
// another audience's words. Entries are never removed (a lemma stays true after its article is
// deleted), which bounds the table by the partition's vocabulary.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <xapian.h>

namespace faqsearch::detail {

/// Word → lemma pairs of one batch for one partition.
using LemmaMap = std::unordered_map<std::string, std::string>;

/// Whether `word` can be a key of the table (longer words are neither stored nor looked up).
bool fits_lemma_table(std::string_view word);

/// Adds the pairs of `lemmas` the table of `db` lacks (inside the caller's transaction), and
/// bumps the lemma set's version if one of them brings a lemma the table did not hold.
void write_lemmas(Xapian::WritableDatabase& db, const LemmaMap& lemmas);

/// The version of the lemma set of `db` ("" before any lemma): it changes exactly when a batch
/// adds a lemma, so a dictionary reduced to the set is current while it is unchanged. New word
/// forms of known lemmas (most batches' words) leave it as it is.
std::string lemma_set_version(const Xapian::Database& db);

/// The lemma recorded for `word` in `db`, or nullopt.
std::optional<std::string> read_lemma(const Xapian::Database& db, std::string_view word);

/// Adds every lemma (value) of the table of `db` to `out`.
void read_all_lemmas(const Xapian::Database& db, std::unordered_set<std::string>& out);

}  // namespace faqsearch::detail
