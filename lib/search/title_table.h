// The titles' terms of each partition, kept for one generation as an in-memory inverted index:
// what search-box title suggestions (search/title_suggest.h) match a keystroke's words against.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "index/manifest.h"

namespace faqsearch::detail {

/// Every partition's titles as term → documents, read once a generation from the title-term
/// value stream (schema.h kSlotTitleTerms). A suggestion's titles were a whole search of the
/// partitions' bodies, read from disk block by block; titles are a tenth of the text and fit in
/// memory (at 100k generated articles about 8 bytes a title term, 10 bytes a document).
/// Not thread-safe: one Searcher's, with the scratch space its matching reuses.
class TitleTable {
 public:
  /// One partition's titles.
  struct Titles {
    // Of the revision read: a document added or deleted since changes one of them.
    Xapian::docid last_docid = 0;
    Xapian::doccount documents = 0;
    Xapian::doccount titled = 0;  ///< documents with a title term
    std::vector<std::string> terms;  ///< sorted
    std::vector<std::uint32_t> starts;  ///< terms.size() + 1 offsets into `docids`
    std::vector<Xapian::docid> docids;  ///< each term's documents, ascending
    std::vector<std::uint16_t> lengths;  ///< distinct terms of each title, by docid - 1
    /// XXH3-64 of each document's article id, by docid - 1: translations of one article are
    /// listed once, and ties are broken the same whichever shard or docid holds an article.
    std::vector<std::uint64_t> articles;

    /// The documents whose titles have `term` (ascending).
    [[nodiscard]] std::span<const Xapian::docid> documents_of(std::string_view term) const;
    /// The indexes into `terms` of the terms that start with `prefix` and are longer: [first, last).
    [[nodiscard]] std::pair<std::size_t, std::size_t> completions_of(std::string_view prefix) const;
    /// The documents of terms[i].
    [[nodiscard]] std::span<const Xapian::docid> documents_at(std::size_t i) const {
      return {docids.data() + starts[i], docids.data() + starts[i + 1]};
    }
  };

  /// The titles of `partition`, whose database is `db`: read again when its revision changed.
  const Titles& titles(const Partition* partition, const Xapian::Database& db);
  /// Forgets everything: a commit replaced the partitions.
  void clear() { partitions_.clear(); }

  /// Scores by docid - 1 for one partition's matching, at least `documents` long, all zero: the
  /// caller sets back to zero what it changed. A map of the titles found cost more than the
  /// matching itself once a word's titles ran into thousands.
  std::vector<double>& zeroed_scores(std::size_t documents) {
    if (scores_.size() < documents) scores_.resize(documents, 0.0);
    return scores_;
  }

 private:
  static void read(Titles& out, const Xapian::Database& db);

  std::unordered_map<const Partition*, Titles> partitions_;
  std::vector<double> scores_;
};

}  // namespace faqsearch::detail
