#include "search/title_table.h"

#include <algorithm>
#include <limits>

#include "index/schema.h"
#include "index/title_terms.h"

// Header-only libxxhash (Debian libxxhash-dev), as the translations' cache uses it.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace faqsearch::detail {

std::span<const Xapian::docid> TitleTable::Titles::documents_of(std::string_view term) const {
  const auto it = std::lower_bound(terms.begin(), terms.end(), term);
  if (it == terms.end() || *it != term) return {};
  return documents_at(static_cast<std::size_t>(it - terms.begin()));
}

std::pair<std::size_t, std::size_t> TitleTable::Titles::completions_of(std::string_view prefix) const {
  auto first = std::lower_bound(terms.begin(), terms.end(), prefix);
  if (first != terms.end() && *first == prefix) ++first;  // only longer terms complete it
  // No UTF-8 byte is 0xff: every term that starts with `prefix` sorts below prefix + "\xff".
  const std::string past = std::string(prefix) + '\xff';
  const auto last = std::lower_bound(first, terms.end(), past);
  return {static_cast<std::size_t>(first - terms.begin()), static_cast<std::size_t>(last - terms.begin())};
}

const TitleTable::Titles& TitleTable::titles(const Partition* partition, const Xapian::Database& db) {
  auto [found, fresh] = partitions_.try_emplace(partition);
  Titles& titles = found->second;
  // The counts guard against a partition reopened at a newer revision without a clear().
  if (fresh || titles.last_docid != db.get_lastdocid() || titles.documents != db.get_doccount()) read(titles, db);
  return titles;
}

void TitleTable::read(Titles& out, const Xapian::Database& db) {
  out = Titles{};
  out.last_docid = db.get_lastdocid();
  out.documents = db.get_doccount();
  out.lengths.assign(out.last_docid, 0);
  out.articles.assign(out.last_docid, 0);
  for (auto it = db.valuestream_begin(kSlotArticleId); it != db.valuestream_end(kSlotArticleId); ++it) {
    const std::string id = *it;
    if (it.get_docid() <= out.last_docid) out.articles[it.get_docid() - 1] = XXH3_64bits(id.data(), id.size());
  }
  // Terms arrive per document in docid order, so each term's list is built ascending.
  std::unordered_map<std::string, std::vector<Xapian::docid>> postings;
  for (auto it = db.valuestream_begin(kSlotTitleTerms); it != db.valuestream_end(kSlotTitleTerms); ++it) {
    const std::string value = *it;
    const Xapian::docid did = it.get_docid();
    const std::vector<std::string_view> terms = decode_title_terms(value);
    if (terms.empty() || did > out.last_docid) continue;
    ++out.titled;
    out.lengths[did - 1] = static_cast<std::uint16_t>(std::min<std::size_t>(terms.size(), std::numeric_limits<std::uint16_t>::max()));
    for (const std::string_view term : terms) postings[std::string(term)].push_back(did);
  }
  out.terms.reserve(postings.size());
  for (const auto& [term, dids] : postings) out.terms.push_back(term);
  std::sort(out.terms.begin(), out.terms.end());
  out.starts.reserve(out.terms.size() + 1);
  for (const std::string& term : out.terms) {
    out.starts.push_back(static_cast<std::uint32_t>(out.docids.size()));
    const std::vector<Xapian::docid>& dids = postings[term];
    out.docids.insert(out.docids.end(), dids.begin(), dids.end());
  }
  out.starts.push_back(static_cast<std::uint32_t>(out.docids.size()));
}

}  // namespace faqsearch::detail
