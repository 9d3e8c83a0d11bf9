// Exports for the sync tests (sync_test.cpp, crash_test.cpp's sync cases, crash_writer.cpp's
// --sync): JSON-lines files of generated articles, and the index as a sync sees it.
#pragma once

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "faqsearch/article.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/sync.h"
#include "index/writer_internals.h"

namespace faqsearch::testing {

/// `count` articles over three languages and two audiences (so a sync's batch spans partitions
/// and needs the undo journal); `version` changes the body of every tenth article.
inline std::vector<Article> sync_export(int count, int version = 0) {
  static const char* const kLangs[] = {"en", "de", "fr"};
  std::vector<Article> out;
  for (int i = 0; i < count; ++i) {
    Article a;
    a.id = "article-" + std::to_string(i);
    a.lang = kLangs[i % 3];
    a.audience = i % 4 == 0 ? "agents" : "public";
    a.title = "Question " + std::to_string(i) + " about orders";
    a.body = "Answer " + std::to_string(i) + " explains delivery and returns.";
    if (i % 10 == 0 && version > 0) a.body += " Revised " + std::to_string(version) + ".";
    a.tags = {"t" + std::to_string(i % 5)};
    out.push_back(std::move(a));
  }
  return out;
}

/// Writes `articles` as a JSON-lines export.
inline void write_jsonl(const std::filesystem::path& file, const std::vector<Article>& articles) {
  std::ofstream out(file);
  for (const Article& a : articles) {
    out << nlohmann::json{{"id", a.id},       {"lang", a.lang},         {"title", a.title},
                          {"body", a.body},   {"audience", a.audience}, {"tags", a.tags},
                          {"updated_at", a.updated_at}}
               .dump()
        << "\n";
  }
}

/// Syncs the export files `paths` into the index at `dir` for `source`, as `faqsearch sync` does.
inline SyncSummary sync_files(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& paths,
                              const std::string& source = std::string(kDefaultSource), bool dry_run = false) {
  IndexWriter writer = IndexWriter::open(dir);
  Syncer syncer(writer, {source, dry_run});
  for (const auto& path : paths) {
    const ImportSummary s = read_articles(
        path, {}, [&](Article&& a, const SourceLocation&) { syncer.add(std::move(a)); },
        [&](const ImportProblem& p) { syncer.skip(SkipKind::kMalformed, p.message); });
    for (std::size_t i = 0; i < s.skipped; ++i) syncer.skip(SkipKind::kLeftOut, "draft");
  }
  return syncer.commit();
}

/// Every article of `source` in the index at `dir`: (id, lang, audience, content hash).
using IndexedKey = std::tuple<std::string, std::string, std::string, detail::ContentHash>;
inline std::set<IndexedKey> indexed_articles(const std::filesystem::path& dir, const std::string& source) {
  const IndexWriter writer = IndexWriter::open(dir, OpenMode::kOpen);
  std::set<IndexedKey> out;
  for (auto& a : detail::WriterInternals::source_articles(writer, source)) out.emplace(a.id, a.lang, a.audience, a.hash);
  return out;
}

}  // namespace faqsearch::testing
