// SearchRequest::hit_languages over a cluster with served partitions (docs/cluster.md §3.1). The
// served-language filter is no Xapian::MatchDecider, which xapian-tcpsrv refuses: without the
// shopper's languages it is the matcher's filter on language terms, with them a check of the
// collapsed matches, fetched deeper until enough pass. Either way a search over the two shards of
// cluster_fixture.h gives what one local index of the same articles gives.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <iostream>
#include <string>
#include <vector>

#include "cluster_fixture.h"

namespace faqsearch {
namespace {

using testing::ClusterSearch;
using testing::Query;
using testing::rendered;

struct HitLanguageCase {
  const char* name;
  std::vector<std::string> languages;  // the shopper's (SearchRequest::languages)
  std::vector<std::string> hit_languages;
  std::size_t offset = 0;
  std::size_t limit = 10;
  SearchSort sort = SearchSort::kRelevance;
};

std::vector<HitLanguageCase> hit_language_cases() {
  return {
      {.name = "no language named: English", .languages = {}, .hit_languages = {"en"}},
      {.name = "no language named: German or Norwegian", .languages = {}, .hit_languages = {"de", "nb"}},
      {.name = "a German reader: German", .languages = {"de"}, .hit_languages = {"de"}},
      // Only the articles German lacks, served in the default language (Arabic: the fixture
      // names none, and Arabic ties English for the most public articles): most matches are
      // checked and left out, and the MSet is fetched deeper.
      {.name = "a German reader: the fallbacks", .languages = {"de"}, .hit_languages = {"ar"}},
      {.name = "German then English: English", .languages = {"de", "en"}, .hit_languages = {"en"}},
      {.name = "a Nynorsk reader, a second page", .languages = {"nn"}, .hit_languages = {"nb", "ar"}, .offset = 3,
       .limit = 5},
      {.name = "a German reader: the fallbacks, newest first", .languages = {"de"}, .hit_languages = {"ar"},
       .sort = SearchSort::kUpdated},
  };
}

SearchRequest request_of(const HitLanguageCase& c, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.languages = c.languages;
  request.hit_languages = c.hit_languages;
  request.offset = c.offset;
  request.limit = c.limit;
  request.sort = c.sort;
  request.facets = true;
  return request;
}

// A query whose words the two shards expand differently (typos, prefixes, synonyms: Xapian
// estimates an OP_SYNONYM's frequency per database) can rank otherwise over the cluster with or
// without the filter (docs/cluster.md §6, counted in EveryQueryGivesWhatOneLocalIndexGives):
// such a query is counted, not failed, when the same request without hit_languages differs too.
TEST_F(ClusterSearch, HitLanguagesGiveWhatOneLocalIndexGives) {
  Searcher single(dir_->path() / "single");
  Searcher cluster(cluster_file());
  for (const HitLanguageCase& c : hit_language_cases()) {
    std::size_t compared = 0;
    std::size_t with_hits = 0;
    std::size_t fallbacks = 0;
    std::size_t totals_differ = 0;
    std::size_t differ_unfiltered_too = 0;
    // Every fourth query (the titles, then the judged queries): the test's time, not its reach.
    for (std::size_t i = 0; i < queries_->size(); i += 4) {
      const Query& q = (*queries_)[i];
      SCOPED_TRACE(std::string(c.name) + ": " + q.text);
      const SearchRequest request = request_of(c, q.text);
      const SearchResults expected = single.search(request);
      const SearchResults got = cluster.search(request);
      ++compared;
      if (rendered(got) != rendered(expected)) {
        SearchRequest unfiltered = request;
        unfiltered.hit_languages.clear();
        const bool differ_anyway = rendered(cluster.search(unfiltered)) != rendered(single.search(unfiltered));
        differ_unfiltered_too += differ_anyway ? 1 : 0;
        if (!differ_anyway) {
          EXPECT_EQ(rendered(got), rendered(expected));
        }
        continue;
      }
      for (const Hit& hit : expected.hits) {
        EXPECT_TRUE(std::find(c.hit_languages.begin(), c.hit_languages.end(), hit.lang) != c.hit_languages.end())
            << hit.id << " served in " << hit.lang;
        fallbacks += hit.fallback ? 1 : 0;
      }
      // Fewer passing than a page asks for: every match was checked, and the total is exact.
      if (c.offset == 0 && got.hits.size() < c.limit) {
        EXPECT_EQ(got.total, got.hits.size());
      }
      totals_differ += got.total != expected.total ? 1 : 0;
      with_hits += expected.hits.empty() ? 0 : 1;
    }
    EXPECT_GT(with_hits, compared / 10) << c.name << ": too few searches found anything to compare";
    EXPECT_LE(differ_unfiltered_too, compared / 50) << c.name;
    if (c.hit_languages == std::vector<std::string>{"ar"}) {
      EXPECT_GT(fallbacks, 0u) << c.name << ": no fallback was compared";
    }
    std::cout << "[ measured ] " << c.name << ": " << compared << " searches, " << with_hits << " with hits, identical; "
              << differ_unfiltered_too << " differ without the filter too; " << totals_differ
              << " estimated totals differ\n";
  }
}

}  // namespace
}  // namespace faqsearch
