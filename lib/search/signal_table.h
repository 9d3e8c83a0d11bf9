// Each document's help-center ranking signals, kept per partition for one generation.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "index/document_codec.h"
#include "index/manifest.h"

namespace faqsearch::detail {

/// The ranking signals (promoted, outdated, votes) and edit date of every document of a
/// partition, read once a generation from their two value streams. The rank stage weighs each
/// article of its rerank window by them; a value lookup per article and slot read index blocks
/// for each, a walk of a stream reads each block once. 24 bytes a document.
/// Not thread-safe: one Searcher's.
class SignalTable {
 public:
  /// One document's signals.
  struct Entry {
    static constexpr std::int32_t kNoDate = INT32_MIN;

    std::int64_t vote_sum = 0;
    std::int64_t vote_count = 0;
    std::int32_t updated_days = kNoDate;  ///< days since 1970-01-01 of updated_at; kNoDate: none
    bool promoted = false;
    bool outdated = false;

    [[nodiscard]] RankingSignals signals() const { return {promoted, outdated, vote_sum, vote_count}; }
    [[nodiscard]] std::optional<long> updated() const {
      return updated_days == kNoDate ? std::nullopt : std::optional<long>(updated_days);
    }
  };

  /// Document `docid` of `partition`, whose database is `db` (an entry without signals for a
  /// docid past the table's end: one added since it was read is read again first).
  const Entry& entry(const Partition* partition, const Xapian::Database& db, Xapian::docid docid);
  /// Every document of `partition` (database `db`) by docid - 1, read first if its revision
  /// changed: for a caller looking up thousands, the revision is checked once.
  const std::vector<Entry>& entries(const Partition* partition, const Xapian::Database& db);
  /// Forgets everything: a commit replaced the partitions.
  void clear() { partitions_.clear(); }

 private:
  struct Documents {
    // Of the revision read: a document added or deleted since changes one of them.
    Xapian::docid last_docid = 0;
    Xapian::doccount documents = 0;
    std::vector<Entry> entries;  // by docid - 1
  };

  static void read(Documents& out, const Xapian::Database& db);

  std::unordered_map<const Partition*, Documents> partitions_;
};

}  // namespace faqsearch::detail
