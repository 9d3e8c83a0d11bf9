// faqsearch's own search stages (query_stage, rank_stage, hit_assembly, did_you_mean) over a
// plan whose public/en partition is served by xapian-tcpsrv, against the same plan all local
// (issue #24, docs/cluster.md): the same hits, order, scores, snippets and corrections, with the
// served-language filter too (served_filter.h: no MatchDecider, which the remote backend
// refuses). The plan is made as search_plan.cpp's plan_of makes one for a request that names no
// language: the stages alone, without a Searcher.
#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "index/document_codec.h"
#include "index/manifest.h"
#include "remote_index.h"
#include "search/did_you_mean.h"
#include "search/hit_assembly.h"
#include "search/query_stage.h"
#include "search/rank_stage.h"
#include "search/search_plan.h"
#include "search/synonym_expansion.h"
#include "search/signal_table.h"
#include "search/translations.h"

namespace faqsearch {
namespace {

using testing::kServed;

/// A plan over every language of the fixture's partitions (public/de, public/en, agents/en),
/// with the databases given.
class PlannedSearch {
 public:
  PlannedSearch(const std::vector<std::filesystem::path>& paths, const std::vector<Xapian::Database>& databases) {
    const std::vector<std::pair<std::string, std::string>> names = {{"public", "de"}, {"public", "en"}, {"agents", "en"}};
    for (std::size_t k = 0; k < names.size(); ++k) partitions_.push_back({names[k].first, names[k].second, paths[k]});
    plan_.audiences = {"public", "agents"};
    plan_.languages = {"de", "en"};
    // plan_of's order: by language, then as the snapshot lists partitions (by audience, lang).
    for (const std::size_t k : {std::size_t{0}, std::size_t{2}, std::size_t{1}}) {
      plan_.partitions.push_back(&partitions_[k]);
      plan_.databases.push_back(databases[k]);
      plan_.combined.add_database(databases[k]);
    }
    for (const std::size_t k : {std::size_t{2}, std::size_t{0}, std::size_t{1}}) {
      plan_.visible.push_back(&partitions_[k]);
      plan_.visible_databases.push_back(databases[k]);
    }
    plan_.translations = &translations_;
    plan_.signals = &signals_;
  }

  /// The stages of Searcher::Impl::search_once after the plan, as text: the correction, the
  /// total, then every hit with its score to the last bit and its snippets.
  std::string search(const SearchRequest& request) {
    std::vector<std::string> hit_languages;
    for (const std::string& lang : request.hit_languages) hit_languages.push_back(lang);
    plan_.hit_languages = hit_languages;
    const detail::PlanQuery query = detail::build_plan_query(analyzer_, synonyms_, request, plan_);
    std::string out;
    if (request.corrections) {
      const auto correction = detail::correct_query(analyzer_, plan_, query, request, decompressor_);
      out += "did you mean: " + (correction ? correction->query : std::string("-")) + "\n";
    }
    if (query.query.empty()) return out + "no query";
    detail::Ranking ranking = detail::rank(plan_, query, request, IndexSettings().title_boost);
    out += "total " + std::to_string(ranking.total) + "\n";
    for (const Hit& hit : detail::assemble_hits(ranking, plan_, query, request, analyzer_, decompressor_)) {
      char score[64];
      std::snprintf(score, sizeof score, "%.17g", hit.score);
      out += std::to_string(hit.rank) + " " + hit.id + " " + hit.lang + " " + score + " [" + hit.title_snippet.to_html() + "] [" +
             hit.snippet.to_html() + "] translations:";
      for (const std::string& lang : hit.translations) out += " " + lang;
      out += "\n";
    }
    return out;
  }

 private:
  std::vector<detail::Partition> partitions_;
  detail::TranslationCache translations_;
  detail::SignalTable signals_;
  detail::SearchPlan plan_;
  Analyzer analyzer_;
  detail::SynonymTable synonyms_;
  detail::RecordDecompressor decompressor_;
};

SearchRequest request_for(std::string query) {
  SearchRequest r;
  r.query = std::move(query);
  r.audiences = {"public", "agents"};
  r.limit = 5;
  return r;
}

struct StageCase {
  const char* name;
  SearchRequest request;
  /// The total where the remote partition makes it another estimate: {local, remote}.
  std::optional<std::pair<std::size_t, std::size_t>> totals = std::nullopt;
};

/// Requests with the defaults a Searcher gets (typos, completion of the last word, corrections),
/// and a few without.
std::vector<StageCase> stage_cases() {
  SearchRequest exact = request_for("refund parcle trac");
  exact.typo_tolerance = false;
  exact.prefix_last_word = false;
  exact.corrections = false;
  SearchRequest second_page = request_for("order parcel refund");
  second_page.offset = 3;
  SearchRequest by_date = request_for("order parcel");
  by_date.sort = SearchSort::kUpdated;
  SearchRequest english_only = request_for("refund Erstattung Karte");
  english_only.hit_languages = {"en"};
  return {
      {"words in two partitions of a language", request_for("refund card")},
      {"both languages", request_for("refund Erstattung Karte")},
      {"a phrase", request_for("\"order page\" parcel")},
      {"typos and a completion", request_for("refnd parcle trac")},
      {"no typo tolerance, completion or correction", exact},
      {"a second page", second_page},
      {"articles served in English only", english_only},
      // Sorted by a value, the matcher stops after the page and estimates the rest; through the
      // remote partition it estimates 7 of the 8 matches.
      {"newest first", by_date, std::pair<std::size_t, std::size_t>{8, 7}},
  };
}

using RemoteStagesTest = testing::RemoteIndexTest;

TEST_F(RemoteStagesTest, StagesGiveTheSameHitsWithAPartitionRemote) {
  PlannedSearch local(paths_, parts(false));
  PlannedSearch mixed(paths_, parts(true));
  for (const StageCase& c : stage_cases()) {
    SCOPED_TRACE(c.name);
    std::string expected = local.search(c.request);
    EXPECT_NE(expected.find("] translations:"), std::string::npos) << "no hit to compare:\n" << expected;
    if (std::getenv("FAQSEARCH_SHOW_PROBES") != nullptr) std::printf("%s:\n%s", c.name, expected.c_str());
    if (c.totals) {
      const std::string local_total = "total " + std::to_string(c.totals->first) + "\n";
      const std::string remote_total = "total " + std::to_string(c.totals->second) + "\n";
      ASSERT_NE(expected.find(local_total), std::string::npos) << expected;
      expected.replace(expected.find(local_total), local_total.size(), remote_total);
    }
    EXPECT_EQ(mixed.search(c.request), expected);
  }
}

}  // namespace
}  // namespace faqsearch
