// What facet counting needs of each document, read once per generation for every document of a
// partition: its category, section and tags as value numbers, and its article id's hash. Read
// from the value streams for each match of each search instead, a search with facets cost several
// times one without. The table keeps numbers only, no document's strings: most documents have a
// facet value of their own (their tags), so interning whole values would keep a copy of every
// one (~2 MB at 10k articles); numbers cost ~24 bytes a document and 4 a tag.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/manifest.h"

namespace faqsearch::detail {

/// Documents' facet values as value numbers (name() gives the value), and the hashes of their
/// article ids (translations of one article share one). Filled per partition on first use, for
/// the partitions of one generation. Not thread-safe: one Searcher's.
class FacetTable {
 public:
  /// The value number of "" (a document with no category or section, or no document).
  static constexpr std::uint32_t kNoValue = 0;

  /// One document's facet values.
  struct Entry {
    std::uint64_t article = 0;  ///< XXH3-64 of the article id; two ids colliding: ~1e-9 at 1M
    std::uint32_t category = kNoValue;
    std::uint32_t section = kNoValue;
    std::uint32_t tags_begin = 0;  ///< its tags in tags(); the next entry's tags_begin ends them
  };

  /// The documents of one partition: entries by docid - 1 (and one past the last, ending the
  /// last one's tags), their tags, sorted and each once per document.
  struct Documents {
    std::vector<Entry> entries;
    std::vector<std::uint32_t> tags;

    /// Whether document `docid` (of the partition's own database) is in the table.
    [[nodiscard]] bool has(Xapian::docid docid) const { return docid < entries.size(); }
    [[nodiscard]] const Entry& entry(Xapian::docid docid) const { return entries[docid - 1]; }
    [[nodiscard]] std::span<const std::uint32_t> tags_of(Xapian::docid docid) const {
      return {tags.data() + entries[docid - 1].tags_begin, tags.data() + entries[docid].tags_begin};
    }
  };

  FacetTable() { intern(""); }

  /// The documents of partition `partition`, whose database is `db`. Throws IndexCorrupt if a
  /// stored facet value is not one encode_facet_values() wrote.
  const Documents& documents(const Partition* partition, const Xapian::Database& db);
  /// The facet value (a category, section or tag) with number `value`.
  [[nodiscard]] const std::string& name(std::uint32_t value) const { return names_[value]; }
  /// How many value numbers there are so far (each below it).
  [[nodiscard]] std::size_t values() const { return names_.size(); }
  /// Forgets everything: a commit replaced the partitions.
  void clear();

 private:
  std::uint32_t intern(std::string&& value);
  void read(Documents& out, const Xapian::Database& db);

  std::unordered_map<const Partition*, Documents> partitions_;
  std::vector<std::string> names_;  // facet values, by value number
  std::unordered_map<std::string, std::uint32_t> numbers_;  // the inverse of names_
};

}  // namespace faqsearch::detail
