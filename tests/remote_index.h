// The index the remote-shard tests (remote_backend_test.cpp, remote_shards_test.cpp) search, and
// how they compare searches: rankings as text, to the last bit of every weight.
#pragma once

#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "faqsearch/analyzer.h"
#include "index/manifest.h"
#include "index/schema.h"
#include "remote_server.h"
#include "search/rank_stage.h"
#include "test_support.h"

namespace faqsearch::testing {

inline Article dated(Article a, std::string updated_at, std::string category, std::vector<std::string> tags) {
  a.updated_at = std::move(updated_at);
  a.category = std::move(category);
  a.tags = std::move(tags);
  return a;
}

/// Articles whose words overlap across partitions, so that statistics differ per partition.
inline std::vector<Article> corpus() {
  return {
      dated(article("refund-time", "en", "How long does a refund take", "A refund reaches your card within five days of the return."), "2026-01-02", "Payments", {"refund"}),
      dated(article("refund-card", "en", "Refund to a gift card", "Gift card orders are refunded to a new gift card, not to your bank."), "2026-03-01", "Payments", {"refund", "gift"}),
      dated(article("track-order", "en", "Track your order", "Open the order page and follow the tracking link of the parcel."), "2025-11-20", "Shipping", {"tracking"}),
      dated(article("ship-abroad", "en", "Shipping abroad", "We ship orders to most countries; customs fees are paid on delivery."), "2026-02-14", "Shipping", {}),
      dated(article("return-label", "en", "Print a return label", "A return label for your parcel is in the order page; the return is free."), "2025-12-24", "Returns", {"return"}),
      dated(article("change-address", "en", "Change the delivery address", "The delivery address of an order can change until the parcel ships."), "2026-01-30", "Shipping", {"address"}),
      dated(article("refund-time", "de", "Wie lange dauert eine Erstattung", "Die Erstattung erreicht Ihre Karte innerhalb von fünf Tagen."), "2026-01-02", "Zahlung", {"erstattung"}),
      dated(article("track-order", "de", "Bestellung verfolgen", "Auf der Bestellseite finden Sie den Link zur Sendungsverfolgung des Pakets."), "2025-11-20", "Versand", {}),
      dated(article("return-label", "de", "Rücksendeetikett drucken", "Das Rücksendeetikett für Ihr Paket finden Sie auf der Bestellseite."), "2025-12-24", "Rücksendung", {}),
      dated(article("agent-refund", "en", "Issuing a manual refund", "Agents issue a manual refund from the order page when the card refund fails.", "agents"), "2026-02-01", "Payments", {"refund"}),
      dated(article("agent-parcel", "en", "Lost parcel claims", "Open a claim with the carrier when a parcel is lost; refund the order after.", "agents"), "2026-02-03", "Shipping", {}),
  };
}

/// The first word term the analyzer gives `word` in `lang`: what the index holds for it.
inline std::string term_of(const std::string& word, const std::string& lang) {
  Analyzer analyzer;
  for (const Token& t : analyzer.analyze(word, lang)) {
    if (t.kind == TokenKind::kWord) return t.term;
  }
  throw std::runtime_error("no term for " + word);
}

inline Xapian::Query any_of(const std::vector<std::string>& terms) {
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

/// An MSet as text: matches estimated, then docid, weight (every bit) and collapse count.
inline std::string render(const Xapian::MSet& mset) {
  std::string out = "est=" + std::to_string(mset.get_matches_estimated());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    char weight[64];
    std::snprintf(weight, sizeof weight, "%.17g", it.get_weight());
    out += " " + std::to_string(*it) + ":" + weight + ":" + std::to_string(it.get_collapse_count());
  }
  return out;
}

inline std::string ranked(const Xapian::Database& db, const Xapian::Query& query,
                   const std::function<void(Xapian::Enquire&)>& set_up = {}, const Xapian::MatchDecider* decider = nullptr) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(detail::ranking_weight());
  if (set_up) set_up(enquire);
  return render(enquire.get_mset(0, 100, 101, nullptr, decider));
}

inline constexpr std::size_t kServed = 1;  // public/en, the middle partition: docids interleave around it

/// Every document of `db` (the all-documents posting list), in docid order.
inline std::vector<Xapian::docid> documents(const Xapian::Database& db) {
  std::vector<Xapian::docid> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) out.push_back(*it);
  return out;
}

inline Xapian::Database combine(const std::vector<Xapian::Database>& parts) {
  Xapian::Database out;
  for (const auto& db : parts) out.add_database(db);
  return out;
}

/// A query as query_stage.cpp makes one: each language's analyzed terms, filtered to that
/// language, OR-ed.
inline Xapian::Query analyzed_query(const std::vector<std::pair<std::string, std::string>>& texts) {
  Analyzer analyzer;
  std::vector<Xapian::Query> per_language;
  for (const auto& [lang, text] : texts) {
    std::vector<std::string> terms;
    for (const Token& t : analyzer.analyze(text, lang)) {
      if (t.kind != TokenKind::kPair) terms.push_back(t.term);
    }
    per_language.emplace_back(Xapian::Query::OP_FILTER, any_of(terms), Xapian::Query(std::string(detail::kPrefixLanguage) + lang));
  }
  return Xapian::Query(Xapian::Query::OP_OR, per_language.begin(), per_language.end());
}

/// A small index (corpus()), its partitions public/de, public/en, agents/en opened locally, and a
/// server for public/en (kServed).
class RemoteIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_articles(dir_.path(), corpus());
    for (const auto& [audience, lang] : {std::pair{"public", "de"}, std::pair{"public", "en"}, std::pair{"agents", "en"}}) {
      paths_.push_back(detail::partition_path(dir_.path(), audience, lang));
      local_.emplace_back(paths_.back().string());
    }
    server_.emplace(std::vector<std::filesystem::path>{paths_[kServed]});
    remote_ = server_->open();
  }

  /// Every partition, `kServed` through the server when `remote`.
  [[nodiscard]] std::vector<Xapian::Database> parts(bool remote) const {
    std::vector<Xapian::Database> out = local_;
    if (remote) out[kServed] = remote_;
    return out;
  }

  ScratchDir dir_;
  std::vector<std::filesystem::path> paths_;
  std::vector<Xapian::Database> local_;
  std::optional<RemoteServer> server_;
  Xapian::Database remote_;
};

}  // namespace faqsearch::testing
