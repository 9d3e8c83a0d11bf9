#include "search/signal_table.h"

#include "index/schema.h"
#include "search/signal_boost.h"

namespace faqsearch::detail {

const SignalTable::Entry& SignalTable::entry(const Partition* partition, const Xapian::Database& db,
                                             Xapian::docid docid) {
  const std::vector<Entry>& all = entries(partition, db);
  static const Entry kNone{};
  return docid >= 1 && docid <= all.size() ? all[docid - 1] : kNone;
}

const std::vector<SignalTable::Entry>& SignalTable::entries(const Partition* partition, const Xapian::Database& db) {
  auto [found, fresh] = partitions_.try_emplace(partition);
  Documents& documents = found->second;
  // The counts guard against a partition reopened at a newer revision without a clear().
  if (fresh || documents.last_docid != db.get_lastdocid() || documents.documents != db.get_doccount()) {
    read(documents, db);
  }
  return documents.entries;
}

void SignalTable::read(Documents& out, const Xapian::Database& db) {
  out.last_docid = db.get_lastdocid();
  out.documents = db.get_doccount();
  out.entries.assign(out.last_docid, Entry{});
  for (auto it = db.valuestream_begin(kSlotSignals); it != db.valuestream_end(kSlotSignals); ++it) {
    const RankingSignals s = decode_ranking_signals(*it);
    Entry& e = out.entries[it.get_docid() - 1];
    e.promoted = s.promoted;
    e.outdated = s.outdated;
    e.vote_sum = s.vote_sum;
    e.vote_count = s.vote_count;
  }
  for (auto it = db.valuestream_begin(kSlotUpdatedAt); it != db.valuestream_end(kSlotUpdatedAt); ++it) {
    if (const auto days = days_since_epoch(*it)) out.entries[it.get_docid() - 1].updated_days = static_cast<std::int32_t>(*days);
  }
}

}  // namespace faqsearch::detail
