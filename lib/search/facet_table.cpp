#include "search/facet_table.h"

#include <algorithm>

// Header-only libxxhash (Debian libxxhash-dev), as the source records use it.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "index/document_codec.h"
#include "index/schema.h"

namespace faqsearch::detail {

std::uint32_t FacetTable::intern(std::string&& value) {
  const auto [found, fresh] = numbers_.try_emplace(value, static_cast<std::uint32_t>(names_.size()));
  if (fresh) names_.push_back(std::move(value));
  return found->second;
}

const FacetTable::Documents& FacetTable::documents(const Partition* partition, const Xapian::Database& db) {
  auto [found, fresh] = partitions_.try_emplace(partition);
  // The size check guards against a partition reopened at a newer revision without a clear().
  if (fresh || found->second.entries.size() != db.get_lastdocid() + 1) read(found->second, db);
  return found->second;
}

void FacetTable::read(Documents& out, const Xapian::Database& db) {
  const Xapian::docid last = db.get_lastdocid();
  out.entries.assign(last + 1, Entry{});
  out.tags.clear();
  // Documents in docid order: each one's tags start where the previous one's end, a document
  // without a value (deleted) has none.
  Xapian::docid next = 1;
  const auto start_tags_up_to = [&](Xapian::docid docid) {
    for (; next <= docid; ++next) out.entries[next - 1].tags_begin = static_cast<std::uint32_t>(out.tags.size());
  };
  for (auto it = db.valuestream_begin(kSlotFacets); it != db.valuestream_end(kSlotFacets); ++it) {
    start_tags_up_to(it.get_docid());
    FacetValues values = decode_facet_values(*it);
    Entry& entry = out.entries[it.get_docid() - 1];
    entry.category = intern(std::move(values.category));
    entry.section = intern(std::move(values.section));
    const auto first = static_cast<std::ptrdiff_t>(out.tags.size());
    for (std::string& tag : values.tags) out.tags.push_back(intern(std::move(tag)));
    std::sort(out.tags.begin() + first, out.tags.end());
    out.tags.erase(std::unique(out.tags.begin() + first, out.tags.end()), out.tags.end());
  }
  start_tags_up_to(last + 1);
  for (auto it = db.valuestream_begin(kSlotArticleId); it != db.valuestream_end(kSlotArticleId); ++it) {
    const std::string id = *it;
    out.entries[it.get_docid() - 1].article = XXH3_64bits(id.data(), id.size());
  }
  out.tags.shrink_to_fit();
}

void FacetTable::clear() {
  partitions_.clear();
  names_.clear();
  numbers_.clear();
  intern("");
}

}  // namespace faqsearch::detail
