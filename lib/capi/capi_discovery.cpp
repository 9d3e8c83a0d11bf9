// The C API's discovery calls (faqsearch_c.h): did-you-mean and diagnosis on results,
// search-box suggestions and related articles, over Searcher::suggest and Searcher::related.
#include <iterator>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "capi/capi_internal.h"

// The C++ suggestions and the C views of them: built once, never changed after.
struct faqsearch_suggestions {
  std::vector<faqsearch::Completion> completions;
  std::vector<faqsearch_completion> completion_views;
  faqsearch_results titles;  // the title hits, with their views
};

namespace {

using faqsearch::capi::deref;
using faqsearch::capi::guarded;
using faqsearch::capi::required;

/// `items[i]`, or InvalidArgument naming `what` when past the end.
template <class Items>
const auto& item(const Items& items, std::size_t i, const char* what) {
  if (i >= items.size()) {
    throw faqsearch::InvalidArgument(std::string(what) + " " + std::to_string(i) + " of " + std::to_string(items.size()));
  }
  return items[i];
}

const faqsearch::Diagnosis* diagnosis_of(const faqsearch_results* results) {
  const std::optional<faqsearch::Diagnosis>& d = deref(results, "results").results.diagnosis;
  return d ? &*d : nullptr;
}

int reason_value(faqsearch::EmptyReason reason) {
  switch (reason) {
    case faqsearch::EmptyReason::kOtherLanguages: return FAQSEARCH_REASON_OTHER_LANGUAGES;
    case faqsearch::EmptyReason::kFiltered: return FAQSEARCH_REASON_FILTERED;
    case faqsearch::EmptyReason::kOnlyStopWords: return FAQSEARCH_REASON_ONLY_STOP_WORDS;
    case faqsearch::EmptyReason::kCorrection: return FAQSEARCH_REASON_CORRECTION;
    case faqsearch::EmptyReason::kNothing: return FAQSEARCH_REASON_NOTHING;
  }
  return FAQSEARCH_REASON_NOTHING;
}

const std::vector<faqsearch_completion>& completions_of(const faqsearch_suggestions& s) {
  return s.completion_views;
}

const std::vector<faqsearch_hit>& titles_of(const faqsearch_suggestions& s) { return s.titles.hits; }

/// The number of views in the list `views_of` picks from `suggestions` into *count: the body of
/// each faqsearch_suggestions_*_count.
template <class Views>
faqsearch_status view_count(const char* function, const faqsearch_suggestions* suggestions, Views views_of,
                            size_t* count) noexcept {
  return guarded(function, [&] {
    const std::size_t n = views_of(deref(suggestions, "suggestions")).size();
    deref(count, "count") = n;
  });
}

/// The i-th view of that list into *out (InvalidArgument naming `what` past the end): the body of
/// faqsearch_suggestions_completion and _title.
template <class Views, class View>
faqsearch_status view_at(const char* function, const faqsearch_suggestions* suggestions, Views views_of,
                         size_t i, const char* what, const View** out) noexcept {
  return guarded(function, [&] {
    const auto& views = views_of(deref(suggestions, "suggestions"));
    deref(out, "out");
    *out = &item(views, i, what);
  });
}

}  // namespace

extern "C" {

faqsearch_status faqsearch_request_set_corrections(faqsearch_request* request, int enabled) {
  return guarded(__func__, [&] { deref(request, "request").request.corrections = enabled != 0; });
}

faqsearch_status faqsearch_request_set_diagnose(faqsearch_request* request, int enabled) {
  return guarded(__func__, [&] { deref(request, "request").request.diagnose = enabled != 0; });
}

faqsearch_status faqsearch_results_did_you_mean(const faqsearch_results* results, const char** query,
                                                const faqsearch_range** changed, size_t* changed_count) {
  return guarded(__func__, [&] {
    const faqsearch_results& r = deref(results, "results");
    deref(query, "query");
    deref(changed, "changed");
    deref(changed_count, "changed_count");
    *query = r.results.did_you_mean ? r.results.did_you_mean->query.c_str() : nullptr;
    *changed = r.changed.empty() ? nullptr : r.changed.data();
    *changed_count = r.changed.size();
  });
}

const char* faqsearch_empty_reason_name(int reason) {
  switch (reason) {
    case FAQSEARCH_REASON_OTHER_LANGUAGES: return "other_languages";
    case FAQSEARCH_REASON_FILTERED: return "filtered";
    case FAQSEARCH_REASON_ONLY_STOP_WORDS: return "only_stop_words";
    case FAQSEARCH_REASON_CORRECTION: return "correction";
    case FAQSEARCH_REASON_NOTHING: return "nothing";
    default: return "unknown";
  }
}

faqsearch_status faqsearch_results_diagnosis(const faqsearch_results* results, int* present, int* reason,
                                             int* fallback_only) {
  return guarded(__func__, [&] {
    const faqsearch::Diagnosis* d = diagnosis_of(results);
    deref(present, "present");
    deref(reason, "reason");
    deref(fallback_only, "fallback_only");
    *present = d != nullptr ? 1 : 0;
    *reason = d != nullptr ? reason_value(d->reason) : 0;
    *fallback_only = d != nullptr && d->fallback_only ? 1 : 0;
  });
}

faqsearch_status faqsearch_results_diagnosis_language_count(const faqsearch_results* results, size_t* count) {
  return guarded(__func__, [&] {
    const faqsearch::Diagnosis* d = diagnosis_of(results);
    deref(count, "count") = d != nullptr ? d->other_languages.size() : 0;
  });
}

faqsearch_status faqsearch_results_diagnosis_language(const faqsearch_results* results, size_t i, const char** lang,
                                                      size_t* articles) {
  return guarded(__func__, [&] {
    const faqsearch::Diagnosis* d = diagnosis_of(results);
    deref(lang, "lang");
    deref(articles, "articles");
    const std::size_t n = d != nullptr ? d->other_languages.size() : 0;
    if (i >= n) throw faqsearch::InvalidArgument("language " + std::to_string(i) + " of " + std::to_string(n));
    const auto it = std::next(d->other_languages.begin(), static_cast<std::ptrdiff_t>(i));
    *lang = it->first.c_str();
    *articles = it->second;
  });
}

faqsearch_status faqsearch_results_diagnosis_filter_count(const faqsearch_results* results, size_t* count) {
  return guarded(__func__, [&] {
    const faqsearch::Diagnosis* d = diagnosis_of(results);
    deref(count, "count") = d != nullptr ? d->filters.size() : 0;
  });
}

faqsearch_status faqsearch_results_diagnosis_filter(const faqsearch_results* results, size_t i, const char** out) {
  return guarded(__func__, [&] {
    const faqsearch::Diagnosis* d = diagnosis_of(results);
    deref(out, "out");
    static const std::vector<std::string> kNone;
    *out = item(d != nullptr ? d->filters : kNone, i, "filter").c_str();
  });
}

faqsearch_status faqsearch_searcher_suggest(faqsearch_searcher* searcher, const char* text,
                                            const faqsearch_request* request, size_t completions, size_t titles,
                                            faqsearch_suggestions** out) {
  return guarded(__func__, [&] {
    faqsearch_searcher& s = deref(searcher, "searcher");
    deref(out, "out");
    faqsearch::SuggestRequest r;
    r.text = required(text, "text");
    if (request != nullptr) {
      r.languages = request->request.languages;
      r.audiences = request->request.audiences;
    }
    r.completions = completions;
    r.titles = titles;
    faqsearch::Suggestions found = s.searcher.suggest(r);
    auto suggestions = std::make_unique<faqsearch_suggestions>();
    suggestions->completions = std::move(found.completions);
    for (const faqsearch::Completion& c : suggestions->completions) {
      suggestions->completion_views.push_back({c.word.c_str(), c.query.c_str(), c.articles});
    }
    suggestions->titles.results.total = found.titles.size();
    suggestions->titles.results.hits = std::move(found.titles);
    faqsearch::capi::build_views(suggestions->titles);
    *out = suggestions.release();
  });
}

void faqsearch_suggestions_free(faqsearch_suggestions* suggestions) { delete suggestions; }

faqsearch_status faqsearch_suggestions_completion_count(const faqsearch_suggestions* suggestions, size_t* count) {
  return view_count(__func__, suggestions, completions_of, count);
}

faqsearch_status faqsearch_suggestions_completion(const faqsearch_suggestions* suggestions, size_t i,
                                                  const faqsearch_completion** out) {
  return view_at(__func__, suggestions, completions_of, i, "completion", out);
}

faqsearch_status faqsearch_suggestions_title_count(const faqsearch_suggestions* suggestions, size_t* count) {
  return view_count(__func__, suggestions, titles_of, count);
}

faqsearch_status faqsearch_suggestions_title(const faqsearch_suggestions* suggestions, size_t i,
                                             const faqsearch_hit** out) {
  return view_at(__func__, suggestions, titles_of, i, "title", out);
}

faqsearch_status faqsearch_searcher_related(faqsearch_searcher* searcher, const char* id,
                                            const faqsearch_request* request, faqsearch_results** out) {
  return guarded(__func__, [&] {
    faqsearch_searcher& s = deref(searcher, "searcher");
    const faqsearch_request& r = deref(request, "request");
    deref(out, "out");
    auto results = std::make_unique<faqsearch_results>();
    faqsearch::RelatedArticles related = s.searcher.related(required(id, "id"), r.request);
    results->results.hits = std::move(related.hits);
    results->results.unavailable_shards = std::move(related.unavailable_shards);
    results->results.generations_differ = related.generations_differ;
    results->results.total = results->results.hits.size();
    faqsearch::capi::build_views(*results);
    *out = results.release();
  });
}

}  // extern "C"
