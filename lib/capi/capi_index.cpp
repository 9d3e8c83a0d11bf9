// The C API's write path (faqsearch_c.h): faqsearch_writer over IndexWriter, faqsearch_builder
// over IndexBuilder, and index states.
#include <optional>
#include <string>
#include <utility>

#include "capi/capi_internal.h"

struct faqsearch_writer {
  faqsearch::IndexWriter writer;
};

struct faqsearch_builder {
  faqsearch::IndexBuilder builder;
};

namespace {

using faqsearch::capi::deref;
using faqsearch::capi::guarded;
using faqsearch::capi::required;

faqsearch::OpenMode to_open_mode(int mode) {
  switch (mode) {
    case FAQSEARCH_CREATE_OR_OPEN: return faqsearch::OpenMode::kCreateOrOpen;
    case FAQSEARCH_CREATE: return faqsearch::OpenMode::kCreate;
    case FAQSEARCH_OPEN: return faqsearch::OpenMode::kOpen;
  }
  throw faqsearch::InvalidArgument("mode " + std::to_string(mode) + " is not a faqsearch_open_mode");
}

// Without settings, an existing index keeps those it records (as the CLI does): opening it with
// the defaults would be refused as a mismatch whenever it was built otherwise.
faqsearch::IndexSettings settings_for(const char* dir, faqsearch::OpenMode mode, const faqsearch_settings* settings) {
  if (settings != nullptr) return faqsearch::capi::to_settings(*settings);
  if (mode != faqsearch::OpenMode::kCreate && faqsearch::index_state(dir) == faqsearch::IndexState::kReady) {
    return faqsearch::index_settings(dir);
  }
  return {};
}

// Synonyms text as set_synonyms takes it; "" removes them all.
std::vector<faqsearch::SynonymGroup> synonyms_of(const char* text) {
  return faqsearch::parse_synonyms(required(text, "synonyms_text"), "synonyms_text");
}

}  // namespace

extern "C" {

faqsearch_status faqsearch_index_state_of(const char* dir, faqsearch_index_state* out) {
  return guarded(__func__, [&] {
    deref(out, "out");
    switch (faqsearch::index_state(required(dir, "dir"))) {
      case faqsearch::IndexState::kNone: *out = FAQSEARCH_INDEX_NONE; break;
      case faqsearch::IndexState::kReady: *out = FAQSEARCH_INDEX_READY; break;
      case faqsearch::IndexState::kBeingBuilt: *out = FAQSEARCH_INDEX_BEING_BUILT; break;
      case faqsearch::IndexState::kInterruptedBuild: *out = FAQSEARCH_INDEX_INTERRUPTED_BUILD; break;
    }
  });
}

faqsearch_status faqsearch_writer_open(const char* dir, int mode,
                                       const faqsearch_settings* settings, faqsearch_writer** out) {
  return guarded(__func__, [&] {
    deref(out, "out");
    const faqsearch::OpenMode open_mode = to_open_mode(mode);
    required(dir, "dir");
    *out = new faqsearch_writer{faqsearch::IndexWriter::open(dir, open_mode, settings_for(dir, open_mode, settings))};
  });
}

void faqsearch_writer_free(faqsearch_writer* writer) { delete writer; }

faqsearch_status faqsearch_writer_upsert(faqsearch_writer* writer, const faqsearch_article* article) {
  return guarded(__func__, [&] { deref(writer, "writer").writer.upsert(faqsearch::capi::to_article(article)); });
}

faqsearch_status faqsearch_writer_remove(faqsearch_writer* writer, const char* id, const char* lang) {
  return guarded(__func__, [&] {
    deref(writer, "writer").writer.remove(required(id, "id"), required(lang, "lang"));
  });
}

faqsearch_status faqsearch_writer_set_synonyms(faqsearch_writer* writer, const char* synonyms_text) {
  return guarded(__func__, [&] { deref(writer, "writer").writer.set_synonyms(synonyms_of(synonyms_text)); });
}

faqsearch_status faqsearch_writer_set_cluster_generation(faqsearch_writer* writer, uint64_t generation) {
  return guarded(__func__, [&] { deref(writer, "writer").writer.set_cluster_generation(generation); });
}

faqsearch_status faqsearch_writer_cluster_generation(const faqsearch_writer* writer, uint64_t* out) {
  return guarded(__func__, [&] {
    const std::uint64_t generation = deref(writer, "writer").writer.cluster_generation();
    deref(out, "out") = generation;
  });
}

faqsearch_status faqsearch_writer_pending(const faqsearch_writer* writer, size_t* out) {
  return guarded(__func__, [&] {
    const std::size_t pending = deref(writer, "writer").writer.pending();
    deref(out, "out") = pending;
  });
}

faqsearch_status faqsearch_writer_commit(faqsearch_writer* writer) {
  return guarded(__func__, [&] { deref(writer, "writer").writer.commit(); });
}

faqsearch_status faqsearch_writer_rollback(faqsearch_writer* writer) {
  return guarded(__func__, [&] { deref(writer, "writer").writer.rollback(); });
}

faqsearch_status faqsearch_writer_compact(faqsearch_writer* writer) {
  return guarded(__func__, [&] { deref(writer, "writer").writer.compact(); });
}

faqsearch_status faqsearch_builder_create(const char* dir, const faqsearch_settings* settings,
                                          size_t batch_articles, faqsearch_builder** out) {
  return guarded(__func__, [&] {
    deref(out, "out");
    const faqsearch::IndexSettings s = settings == nullptr ? faqsearch::IndexSettings{} : faqsearch::capi::to_settings(*settings);
    required(dir, "dir");
    // 0: IndexBuilder's own default batch.
    *out = new faqsearch_builder{batch_articles == 0 ? faqsearch::IndexBuilder::create(dir, s)
                                                     : faqsearch::IndexBuilder::create(dir, s, batch_articles)};
  });
}

void faqsearch_builder_free(faqsearch_builder* builder) { delete builder; }

faqsearch_status faqsearch_builder_add(faqsearch_builder* builder, const faqsearch_article* article) {
  return guarded(__func__, [&] { deref(builder, "builder").builder.add(faqsearch::capi::to_article(article)); });
}

faqsearch_status faqsearch_builder_set_synonyms(faqsearch_builder* builder, const char* synonyms_text) {
  return guarded(__func__, [&] { deref(builder, "builder").builder.set_synonyms(synonyms_of(synonyms_text)); });
}

faqsearch_status faqsearch_builder_added(const faqsearch_builder* builder, size_t* out) {
  return guarded(__func__, [&] {
    const std::size_t added = deref(builder, "builder").builder.added();
    deref(out, "out") = added;
  });
}

faqsearch_status faqsearch_builder_finish(faqsearch_builder* builder) {
  return guarded(__func__, [&] { deref(builder, "builder").builder.finish(); });
}

}  // extern "C"
