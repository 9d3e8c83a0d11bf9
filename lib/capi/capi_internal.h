// Shared by the C API's translation units (include/faqsearch/faqsearch_c.h): turning exceptions
// into status codes and the calling thread's last error message, and converting the C structs.
#pragma once

#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "faqsearch/error.h"
#include "faqsearch/faqsearch.h"
#include "faqsearch/faqsearch_c.h"

struct faqsearch_request {
  faqsearch::SearchRequest request;
};

struct faqsearch_searcher {
  faqsearch::SharedResources resources;  // kept to share with searchers opened after this one
  faqsearch::Searcher searcher;
  std::vector<std::string> languages;    // of the last faqsearch_searcher_languages call
};

// The C++ results, and the C views of them the caller reads: built once, never changed after,
// so that the pointers stay valid and any thread may read them.
struct faqsearch_results {
  faqsearch::SearchResults results;
  std::vector<faqsearch_hit> hits;
  std::vector<std::vector<const char*>> tags;                 // per hit
  std::vector<std::vector<const char*>> translations;         // per hit
  std::vector<std::vector<faqsearch_range>> title_highlights;  // per hit
  std::vector<std::vector<faqsearch_range>> body_highlights;   // per hit
  std::vector<faqsearch_range> changed;                        // of the did-you-mean
};

namespace faqsearch::capi {

/// Fills the views of `r` once its C++ results sit at their final address (the views point
/// into them).
void build_views(faqsearch_results& r);

/// The status the exception being handled maps to; its message becomes the calling thread's last
/// error, prefixed with `function`. Call only inside a catch block.
faqsearch_status status_of_current_exception(const char* function) noexcept;

/// Clears the calling thread's last error (a call succeeded).
void clear_last_error() noexcept;

/// Runs `body`, turning whatever it throws into a status: the one way every C API function that
/// can fail is written, so that no exception crosses into C.
template <class Body>
faqsearch_status guarded(const char* function, Body&& body) noexcept {
  try {
    std::forward<Body>(body)();
    clear_last_error();
    return FAQSEARCH_OK;
  } catch (...) {
    return status_of_current_exception(function);
  }
}

/// `*pointer`, or InvalidArgument naming the parameter when it is NULL.
template <class T>
T& deref(T* pointer, const char* name) {
  if (pointer == nullptr) throw InvalidArgument(std::string(name) + " is NULL");
  return *pointer;
}

/// A copy of `text` the caller frees with faqsearch_string_free.
char* handed_out(const std::string& text);

/// A required string argument: InvalidArgument naming it when NULL.
const char* required(const char* text, const char* name);

/// An optional string field: NULL reads as "".
inline std::string optional(const char* text) { return text == nullptr ? std::string() : std::string(text); }

/// The C article as a faqsearch::Article (checked: tags must not be NULL where counted).
Article to_article(const faqsearch_article* article);

/// The C settings as IndexSettings (NULL fields: defaults).
IndexSettings to_settings(const faqsearch_settings& settings);

}  // namespace faqsearch::capi
