// The C API's read path (faqsearch_c.h): requests, searchers and results over SearchRequest,
// Searcher and SearchResults.
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "capi/capi_internal.h"

namespace {

using faqsearch::capi::deref;
using faqsearch::capi::guarded;
using faqsearch::capi::required;

std::vector<std::string>& list_of(faqsearch::SearchRequest& request, int list) {
  switch (list) {
    case FAQSEARCH_LANGUAGES: return request.languages;
    case FAQSEARCH_CATEGORIES: return request.categories;
    case FAQSEARCH_TAGS: return request.tags;
    case FAQSEARCH_AUDIENCES: return request.audiences;
    case FAQSEARCH_SECTIONS: return request.sections;
    case FAQSEARCH_HIT_LANGUAGES: return request.hit_languages;
  }
  throw faqsearch::InvalidArgument("list " + std::to_string(list) + " is not a faqsearch_request_list");
}

std::vector<faqsearch_range> ranges_of(const faqsearch::Snippet& snippet) {
  std::vector<faqsearch_range> ranges;
  ranges.reserve(snippet.highlights.size());
  for (const faqsearch::HighlightRange& r : snippet.highlights) ranges.push_back({r.begin, r.end});
  return ranges;
}

faqsearch_snippet view_of(const faqsearch::Snippet& snippet, const std::vector<faqsearch_range>& ranges) {
  return {.text = snippet.text.c_str(), .text_bytes = snippet.text.size(),
          .highlights = ranges.empty() ? nullptr : ranges.data(), .highlight_count = ranges.size(),
          .starts_mid_text = snippet.starts_mid_text ? 1 : 0, .ends_mid_text = snippet.ends_mid_text ? 1 : 0};
}

}  // namespace

namespace faqsearch::capi {

void build_views(faqsearch_results& r) {
  const std::size_t n = r.results.hits.size();
  r.tags.resize(n);
  r.translations.resize(n);
  r.title_highlights.resize(n);
  r.body_highlights.resize(n);
  r.hits.reserve(n);
  if (r.results.did_you_mean) {
    for (const faqsearch::HighlightRange& c : r.results.did_you_mean->changed) r.changed.push_back({c.begin, c.end});
  }
  for (std::size_t i = 0; i < n; ++i) {
    const faqsearch::Hit& h = r.results.hits[i];
    for (const std::string& tag : h.tags) r.tags[i].push_back(tag.c_str());
    for (const std::string& lang : h.translations) r.translations[i].push_back(lang.c_str());
    r.title_highlights[i] = ranges_of(h.title_snippet);
    r.body_highlights[i] = ranges_of(h.snippet);
    r.hits.push_back({.id = h.id.c_str(), .lang = h.lang.c_str(), .title = h.title.c_str(),
                      .url = h.url.c_str(), .category = h.category.c_str(),
                      .tags = r.tags[i].empty() ? nullptr : r.tags[i].data(), .tag_count = r.tags[i].size(),
                      .audience = h.audience.c_str(), .updated_at = h.updated_at.c_str(),
                      .score = h.score, .rank = h.rank,
                      .title_snippet = view_of(h.title_snippet, r.title_highlights[i]),
                      .snippet = view_of(h.snippet, r.body_highlights[i]),
                      .section = h.section.c_str(), .fallback = h.fallback ? 1 : 0,
                      .translations = r.translations[i].empty() ? nullptr : r.translations[i].data(),
                      .translation_count = r.translations[i].size(),
                      .promoted = h.promoted ? 1 : 0, .outdated = h.outdated ? 1 : 0,
                      .vote_sum = h.vote_sum, .vote_count = h.vote_count, .position = h.position});
  }
}

}  // namespace faqsearch::capi

namespace {

using faqsearch::capi::build_views;

const std::map<std::string, std::size_t>& facet_of(const faqsearch::FacetCounts& facets, int field) {
  switch (field) {
    case FAQSEARCH_FACET_CATEGORY: return facets.category;
    case FAQSEARCH_FACET_SECTION: return facets.section;
    case FAQSEARCH_FACET_TAG: return facets.tag;
    case FAQSEARCH_FACET_LANG: return facets.lang;
  }
  throw faqsearch::InvalidArgument("field " + std::to_string(field) + " is not a faqsearch_facet_field");
}

template <class Setter>
faqsearch_status set_field(const char* function, faqsearch_request* request, Setter&& set) {
  return guarded(function, [&] { set(deref(request, "request").request); });
}

}  // namespace

extern "C" {

faqsearch_status faqsearch_request_new(faqsearch_request** out) {
  return guarded(__func__, [&] {
    // Checked before allocating: in `deref(out) = new ...` the new comes first (C++17), and leaks.
    faqsearch_request*& result = deref(out, "out");
    result = new faqsearch_request{};
  });
}

void faqsearch_request_free(faqsearch_request* request) { delete request; }

faqsearch_status faqsearch_request_set_query(faqsearch_request* request, const char* query) {
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) { r.query = required(query, "query"); });
}

faqsearch_status faqsearch_request_add(faqsearch_request* request, int list, const char* value) {
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) {
    std::vector<std::string>& values = list_of(r, list);
    values.emplace_back(required(value, "value"));
  });
}

faqsearch_status faqsearch_request_clear(faqsearch_request* request, int list) {
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) { list_of(r, list).clear(); });
}

faqsearch_status faqsearch_request_set_offset(faqsearch_request* request, size_t offset) {
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) { r.offset = offset; });
}

faqsearch_status faqsearch_request_set_limit(faqsearch_request* request, size_t limit) {
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) { r.limit = limit; });
}

faqsearch_status faqsearch_request_set_snippets(faqsearch_request* request, int enabled) {
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) { r.snippets = enabled != 0; });
}

faqsearch_status faqsearch_request_set_snippet_bytes(faqsearch_request* request, size_t bytes) {
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) { r.snippet_bytes = bytes; });
}

faqsearch_status faqsearch_request_set_typo_tolerance(faqsearch_request* request, int enabled) {
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) { r.typo_tolerance = enabled != 0; });
}

faqsearch_status faqsearch_request_set_prefix_last_word(faqsearch_request* request, int enabled) {
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) { r.prefix_last_word = enabled != 0; });
}

faqsearch_status faqsearch_request_set_sort(faqsearch_request* request, faqsearch_sort sort) {
  // A C caller may pass any int: read it as one (loading an enum outside its values is UB in C++).
  int value = 0;
  static_assert(sizeof value == sizeof sort);
  std::memcpy(&value, &sort, sizeof value);
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) {
    switch (value) {
      case FAQSEARCH_SORT_RELEVANCE: r.sort = faqsearch::SearchSort::kRelevance; return;
      case FAQSEARCH_SORT_UPDATED: r.sort = faqsearch::SearchSort::kUpdated; return;
      case FAQSEARCH_SORT_POSITION: r.sort = faqsearch::SearchSort::kPosition; return;
      default: break;
    }
    throw faqsearch::InvalidArgument("sort " + std::to_string(value) + " is not a faqsearch_sort");
  });
}

faqsearch_status faqsearch_request_set_fallback(faqsearch_request* request, int enabled) {
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) { r.fallback = enabled != 0; });
}

faqsearch_status faqsearch_request_set_facets(faqsearch_request* request, int enabled) {
  return set_field(__func__, request, [&](faqsearch::SearchRequest& r) { r.facets = enabled != 0; });
}

faqsearch_status faqsearch_searcher_open(const char* dir, const faqsearch_searcher* share_with,
                                         faqsearch_searcher** out) {
  return guarded(__func__, [&] {
    deref(out, "out");
    const faqsearch::SharedResources resources =
        share_with == nullptr ? faqsearch::SharedResources() : share_with->resources;
    *out = new faqsearch_searcher{resources, faqsearch::Searcher(required(dir, "dir"), resources), {}};
  });
}

void faqsearch_searcher_free(faqsearch_searcher* searcher) { delete searcher; }

faqsearch_status faqsearch_searcher_search(faqsearch_searcher* searcher, const faqsearch_request* request,
                                           faqsearch_results** out) {
  return guarded(__func__, [&] {
    faqsearch_searcher& s = deref(searcher, "searcher");
    const faqsearch_request& r = deref(request, "request");
    deref(out, "out");
    auto results = std::make_unique<faqsearch_results>();
    results->results = s.searcher.search(r.request);
    build_views(*results);
    *out = results.release();
  });
}

faqsearch_status faqsearch_searcher_languages(faqsearch_searcher* searcher, size_t* count) {
  return guarded(__func__, [&] {
    faqsearch_searcher& s = deref(searcher, "searcher");
    deref(count, "count");
    s.languages = s.searcher.languages();
    *count = s.languages.size();
  });
}

faqsearch_status faqsearch_searcher_language(const faqsearch_searcher* searcher, size_t i, const char** out) {
  return guarded(__func__, [&] {
    const faqsearch_searcher& s = deref(searcher, "searcher");
    deref(out, "out");
    if (i >= s.languages.size()) {
      throw faqsearch::InvalidArgument("language " + std::to_string(i) + " of " + std::to_string(s.languages.size()) +
                                       " (call faqsearch_searcher_languages first)");
    }
    *out = s.languages[i].c_str();
  });
}

faqsearch_status faqsearch_searcher_reopen(faqsearch_searcher* searcher) {
  return guarded(__func__, [&] { deref(searcher, "searcher").searcher.reopen(); });
}

void faqsearch_results_free(faqsearch_results* results) { delete results; }

faqsearch_status faqsearch_results_total(const faqsearch_results* results, size_t* out) {
  return guarded(__func__, [&] {
    const std::size_t total = deref(results, "results").results.total;
    deref(out, "out") = total;
  });
}

faqsearch_status faqsearch_results_languages(const faqsearch_results* results, size_t* count) {
  return guarded(__func__, [&] {
    const std::size_t n = deref(results, "results").results.languages.size();
    deref(count, "count") = n;
  });
}

faqsearch_status faqsearch_results_language(const faqsearch_results* results, size_t i, const char** out) {
  return guarded(__func__, [&] {
    const std::vector<std::string>& languages = deref(results, "results").results.languages;
    deref(out, "out");
    if (i >= languages.size()) {
      throw faqsearch::InvalidArgument("language " + std::to_string(i) + " of " + std::to_string(languages.size()));
    }
    *out = languages[i].c_str();
  });
}

faqsearch_status faqsearch_results_unavailable_shards(const faqsearch_results* results, size_t* count) {
  return guarded(__func__, [&] {
    const std::size_t n = deref(results, "results").results.unavailable_shards.size();
    deref(count, "count") = n;
  });
}

faqsearch_status faqsearch_results_unavailable_shard(const faqsearch_results* results, size_t i, const char** out) {
  return guarded(__func__, [&] {
    const std::vector<std::string>& shards = deref(results, "results").results.unavailable_shards;
    deref(out, "out");
    if (i >= shards.size()) {
      throw faqsearch::InvalidArgument("unavailable shard " + std::to_string(i) + " of " + std::to_string(shards.size()));
    }
    *out = shards[i].c_str();
  });
}

faqsearch_status faqsearch_results_generations_differ(const faqsearch_results* results, int* out) {
  return guarded(__func__, [&] {
    const bool differ = deref(results, "results").results.generations_differ;
    deref(out, "out") = differ ? 1 : 0;
  });
}

faqsearch_status faqsearch_results_facet_count(const faqsearch_results* results, int field, size_t* count) {
  return guarded(__func__, [&] {
    const std::size_t n = facet_of(deref(results, "results").results.facets, field).size();
    deref(count, "count") = n;
  });
}

faqsearch_status faqsearch_results_facet(const faqsearch_results* results, int field, size_t i, const char** value,
                                         size_t* articles) {
  return guarded(__func__, [&] {
    const auto& facet = facet_of(deref(results, "results").results.facets, field);
    deref(value, "value");
    deref(articles, "articles");
    if (i >= facet.size()) {
      throw faqsearch::InvalidArgument("facet value " + std::to_string(i) + " of " + std::to_string(facet.size()));
    }
    const auto it = std::next(facet.begin(), static_cast<std::ptrdiff_t>(i));
    *value = it->first.c_str();
    *articles = it->second;
  });
}

faqsearch_status faqsearch_results_facets_exhaustive(const faqsearch_results* results, int* out) {
  return guarded(__func__, [&] {
    const bool exhaustive = deref(results, "results").results.facets.exhaustive;
    deref(out, "out") = exhaustive ? 1 : 0;
  });
}

faqsearch_status faqsearch_results_count(const faqsearch_results* results, size_t* out) {
  return guarded(__func__, [&] {
    const std::size_t count = deref(results, "results").hits.size();
    deref(out, "out") = count;
  });
}

faqsearch_status faqsearch_results_hit(const faqsearch_results* results, size_t i, const faqsearch_hit** out) {
  return guarded(__func__, [&] {
    const faqsearch_results& r = deref(results, "results");
    deref(out, "out");
    if (i >= r.hits.size()) {
      throw faqsearch::InvalidArgument("hit " + std::to_string(i) + " of " + std::to_string(r.hits.size()));
    }
    *out = &r.hits[i];
  });
}

}  // extern "C"
