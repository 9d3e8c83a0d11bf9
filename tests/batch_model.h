// The batch model of the write-path tests (concurrency, crash and write-failure tests, and the
// faqsearch_crash_writer they kill).
//
// Batch k rewrites the same 12 articles, 3 in each of en, de, nb and pl, a third of them for the
// agents audience and one moving between audiences every batch, each titled "batch k"; and it
// adds one article of its own, "added-k". So a batch touches eight partitions, and a state of the
// index is whole when every rewritten article shows one batch v and the added articles are
// exactly those of batches 0..v (up to kBatchesThatAdd).
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "faqsearch/article.h"
#include "faqsearch/search.h"

namespace faqsearch::testing {

inline constexpr int kRewrittenPerBatch = 12;
/// Batches from this one on add no article, so the index stays within one page of results (a
/// fast machine commits a thousand batches in the crash tests).
inline constexpr int kBatchesThatAdd = 200;
inline const std::vector<std::string> kBatchLanguages = {"en", "de", "nb", "pl"};
/// A number every article of the model holds: a query for it finds them all, in every language.
inline constexpr std::string_view kBatchMarker = "770077";

/// Batch k's articles; without `with_added`, only the rewritten ones (an index that does not grow,
/// for long runs).
inline std::vector<Article> batch_articles(int k, bool with_added = true) {
  std::vector<Article> out;
  for (int i = 0; i < kRewrittenPerBatch; ++i) {
    Article a;
    a.id = "r" + std::to_string(i);
    a.lang = kBatchLanguages[static_cast<std::size_t>(i) % kBatchLanguages.size()];
    a.title = "batch " + std::to_string(k) + " article " + a.id;
    a.body = std::string(kBatchMarker) + " written by batch " + std::to_string(k) + " of the model.";
    // r0 moves between the audiences every batch; every third of the others is for agents.
    a.audience = (i == 0 ? k % 2 == 1 : i % 3 == 1) ? "agents" : "public";
    out.push_back(std::move(a));
  }
  if (!with_added || k >= kBatchesThatAdd) return out;
  Article added;
  added.id = "added-" + std::to_string(k);
  added.lang = kBatchLanguages[static_cast<std::size_t>(k) % kBatchLanguages.size()];
  added.title = "added by batch " + std::to_string(k);
  added.body = std::string(kBatchMarker) + " added.";
  out.push_back(std::move(added));
  return out;
}

/// What a search over every language and audience of the model's index shows.
struct ObservedBatch {
  int batch = -1;       ///< the batch the rewritten articles show; -1: no article at all
  std::string problem;  ///< why the state is not whole, or empty
};

/// `with_added`: whether the batches written had their added articles.
inline ObservedBatch observe_batch(Searcher& searcher, bool with_added = true) {
  SearchRequest request;
  request.query = std::string(kBatchMarker);
  request.audiences = {"public", "agents"};
  request.limit = 1000;  // more than the crash tests' writers add
  request.typo_tolerance = false;
  request.prefix_last_word = false;
  request.snippet_bytes = 0;
  const SearchResults results = searcher.search(request);
  ObservedBatch seen;
  std::set<int> batches;
  std::set<int> added;
  int rewritten = 0;
  for (const Hit& hit : results.hits) {
    if (hit.id.starts_with("added-")) {
      added.insert(std::stoi(hit.id.substr(6)));
    } else {
      ++rewritten;
      batches.insert(std::stoi(hit.title.substr(6)));  // "batch K article ..."
    }
  }
  if (results.hits.empty()) return seen;
  if (batches.size() != 1) {
    seen.problem = "rewritten articles of " + std::to_string(batches.size()) + " batches";
    return seen;
  }
  seen.batch = *batches.begin();
  if (rewritten != kRewrittenPerBatch) {
    seen.problem = std::to_string(rewritten) + " rewritten articles";
  } else if (const int last_added = std::min(seen.batch, kBatchesThatAdd - 1);
             with_added && (added.size() != static_cast<std::size_t>(last_added + 1) ||
                            (!added.empty() && (*added.begin() != 0 || *added.rbegin() != last_added)))) {
    seen.problem = std::to_string(added.size()) + " added articles at batch " + std::to_string(seen.batch);
  }
  return seen;
}

}  // namespace faqsearch::testing
