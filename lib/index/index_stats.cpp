#include <xapian.h>

#include "faqsearch/index.h"
#include "index/generation.h"
#include "index/manifest.h"
#include "index/schema.h"
#include "index/xapian_errors.h"

namespace faqsearch {

IndexStats index_stats(const std::filesystem::path& dir) {
  const detail::Manifest manifest = detail::read_manifest(dir);
  IndexStats stats;
  stats.schema_version = manifest.schema_version;
  stats.analysis_version = manifest.analysis_version;
  stats.settings = manifest.settings;
  for (const auto& p : detail::list_partitions(dir)) {
    detail::xapian_call("reading partition " + p.path.string(), [&] {
      Xapian::Database db(p.path.string());
      const std::size_t docs = db.get_doccount();
      stats.articles += docs;
      stats.per_language[p.lang] += docs;
      stats.per_audience[p.audience] += docs;
      for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++stats.distinct_terms;
    });
  }
  stats.bytes_on_disk = detail::directory_size(dir);
  return stats;
}

IndexState index_state(const std::filesystem::path& dir) {
  if (!detail::has_manifest(dir)) return IndexState::kNone;
  std::error_code ec;
  if (!std::filesystem::exists(dir / detail::kBuildingFile, ec)) return IndexState::kReady;
  return detail::writer_alive(dir) ? IndexState::kBeingBuilt : IndexState::kInterruptedBuild;
}

IndexSettings index_settings(const std::filesystem::path& dir) { return detail::read_manifest(dir).settings; }

}  // namespace faqsearch
