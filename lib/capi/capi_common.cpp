// The C API's errors, versions, settings, snippets and strings (faqsearch_c.h).
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "capi/capi_internal.h"

namespace faqsearch::capi {
namespace {

// The last failure's message, per thread (faqsearch_last_error): handles then need no lock for
// their errors, and a thread never reads another's message. Documented in faqsearch_c.h.
std::string& last_error_message() noexcept {
  thread_local std::string message;
  return message;
}

faqsearch_status record(faqsearch_status status, const char* function, const char* what) noexcept {
  try {
    last_error_message().assign(function).append(": ").append(what);
  } catch (...) {
    last_error_message().clear();  // out of memory for the message: the status still tells
  }
  return status;
}

}  // namespace

faqsearch_status status_of_current_exception(const char* function) noexcept {
  // Most derived first: IndexLocked, IndexCorrupt and IndexMismatch are IndexErrors.
  try {
    throw;
  } catch (const IndexLocked& e) {
    return record(FAQSEARCH_INDEX_LOCKED, function, e.what());
  } catch (const IndexCorrupt& e) {
    return record(FAQSEARCH_INDEX_CORRUPT, function, e.what());
  } catch (const IndexMismatch& e) {
    return record(FAQSEARCH_INDEX_MISMATCH, function, e.what());
  } catch (const IndexError& e) {
    return record(FAQSEARCH_INDEX_ERROR, function, e.what());
  } catch (const InvalidArgument& e) {
    return record(FAQSEARCH_INVALID_ARGUMENT, function, e.what());
  } catch (const UnsupportedLanguage& e) {
    return record(FAQSEARCH_UNSUPPORTED_LANGUAGE, function, e.what());
  } catch (const ImportError& e) {
    return record(FAQSEARCH_IMPORT_ERROR, function, e.what());
  } catch (const std::bad_alloc&) {
    return record(FAQSEARCH_OUT_OF_MEMORY, function, "out of memory");
  } catch (const std::exception& e) {
    return record(FAQSEARCH_INTERNAL_ERROR, function, e.what());
  } catch (...) {
    return record(FAQSEARCH_INTERNAL_ERROR, function, "unknown exception");
  }
}

void clear_last_error() noexcept { last_error_message().clear(); }

char* handed_out(const std::string& text) {
  // malloc'd, so that a binding's own free() would do too (faqsearch_string_free is the rule).
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}

const char* required(const char* text, const char* name) {
  if (text == nullptr) throw InvalidArgument(std::string(name) + " is NULL");
  return text;
}

Article to_article(const faqsearch_article* article) {
  const faqsearch_article& a = deref(article, "article");
  if (a.tag_count > 0 && a.tags == nullptr) {
    throw InvalidArgument("article.tags is NULL with tag_count " + std::to_string(a.tag_count));
  }
  Article out{.id = optional(a.id), .lang = optional(a.lang), .title = optional(a.title),
              .body = optional(a.body), .url = optional(a.url), .category = optional(a.category),
              .tags = {}, .audience = optional(a.audience), .updated_at = optional(a.updated_at),
              .section = optional(a.section), .promoted = a.promoted != 0, .outdated = a.outdated != 0,
              .vote_sum = a.vote_sum, .vote_count = a.vote_count, .position = a.position};
  for (std::size_t i = 0; i < a.tag_count; ++i) {
    if (a.tags[i] == nullptr) throw InvalidArgument("article.tags[" + std::to_string(i) + "] is NULL");
    out.tags.emplace_back(a.tags[i]);
  }
  return out;
}

IndexSettings to_settings(const faqsearch_settings& settings) {
  IndexSettings out;
  out.analysis.word_pairs = settings.word_pairs != 0;
  out.analysis.max_term_bytes = settings.max_term_bytes;
  if (settings.hunspell_directory != nullptr) out.analysis.hunspell_directory = settings.hunspell_directory;
  out.title_boost = settings.title_boost;
  out.tags_weight = settings.tags_weight;
  out.section_weight = settings.section_weight;
  out.category_weight = settings.category_weight;
  if (settings.default_language != nullptr) out.default_language = settings.default_language;
  return out;
}

}  // namespace faqsearch::capi

using faqsearch::capi::deref;
using faqsearch::capi::guarded;

extern "C" {

const char* faqsearch_last_error(void) { return faqsearch::capi::last_error_message().c_str(); }

const char* faqsearch_status_name(int status) {
  switch (status) {
    case FAQSEARCH_OK: return "FAQSEARCH_OK";
    case FAQSEARCH_INVALID_ARGUMENT: return "FAQSEARCH_INVALID_ARGUMENT";
    case FAQSEARCH_UNSUPPORTED_LANGUAGE: return "FAQSEARCH_UNSUPPORTED_LANGUAGE";
    case FAQSEARCH_INDEX_ERROR: return "FAQSEARCH_INDEX_ERROR";
    case FAQSEARCH_INDEX_LOCKED: return "FAQSEARCH_INDEX_LOCKED";
    case FAQSEARCH_INDEX_CORRUPT: return "FAQSEARCH_INDEX_CORRUPT";
    case FAQSEARCH_INDEX_MISMATCH: return "FAQSEARCH_INDEX_MISMATCH";
    case FAQSEARCH_IMPORT_ERROR: return "FAQSEARCH_IMPORT_ERROR";
    case FAQSEARCH_OUT_OF_MEMORY: return "FAQSEARCH_OUT_OF_MEMORY";
    case FAQSEARCH_INTERNAL_ERROR: return "FAQSEARCH_INTERNAL_ERROR";
  }
  return "FAQSEARCH_UNKNOWN_STATUS";
}

const char* faqsearch_version(void) { return faqsearch::version(); }

int faqsearch_abi_version(void) { return FAQSEARCH_C_ABI_VERSION; }

faqsearch_status faqsearch_settings_init(faqsearch_settings* settings) {
  return guarded(__func__, [&] {
    const faqsearch::IndexSettings defaults;
    deref(settings, "settings") = {.word_pairs = defaults.analysis.word_pairs ? 1 : 0,
                                   .title_boost = defaults.title_boost,
                                   .max_term_bytes = defaults.analysis.max_term_bytes,
                                   .hunspell_directory = nullptr,
                                   .default_language = nullptr,
                                   .tags_weight = defaults.tags_weight,
                                   .section_weight = defaults.section_weight,
                                   .category_weight = defaults.category_weight};
  });
}

faqsearch_status faqsearch_snippet_html(const faqsearch_snippet* snippet, const char* open_tag,
                                        const char* close_tag, char** out) {
  return guarded(__func__, [&] {
    const faqsearch_snippet& s = deref(snippet, "snippet");
    deref(out, "out");
    if (s.text == nullptr && s.text_bytes > 0) throw faqsearch::InvalidArgument("snippet.text is NULL");
    if (s.highlights == nullptr && s.highlight_count > 0) {
      throw faqsearch::InvalidArgument("snippet.highlights is NULL");
    }
    faqsearch::Snippet cpp{.text = std::string(s.text == nullptr ? "" : s.text, s.text_bytes),
                           .highlights = {}, .starts_mid_text = s.starts_mid_text != 0,
                           .ends_mid_text = s.ends_mid_text != 0};
    for (std::size_t i = 0; i < s.highlight_count; ++i) {
      const faqsearch_range r = s.highlights[i];
      if (r.begin > r.end || r.end > s.text_bytes) {
        throw faqsearch::InvalidArgument("snippet.highlights[" + std::to_string(i) + "] is outside the text");
      }
      cpp.highlights.push_back({r.begin, r.end});
    }
    const std::string html = cpp.to_html(open_tag == nullptr ? "<mark>" : open_tag,
                                         close_tag == nullptr ? "</mark>" : close_tag);
    *out = faqsearch::capi::handed_out(html);
  });
}

void faqsearch_string_free(char* string) { std::free(string); }

}  // extern "C"
