// Syncer and `faqsearch sync`: the index holds exactly the export's articles for its source.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "faqsearch/sync.h"
#include "sync_support.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::indexed_articles;
using testing::ScratchDir;
using testing::sync_export;
using testing::sync_files;
using testing::write_jsonl;

SyncCounts counts(std::size_t added, std::size_t updated, std::size_t removed, std::size_t unchanged) {
  SyncCounts c;
  c.added = added;
  c.updated = updated;
  c.removed = removed;
  c.unchanged = unchanged;
  return c;
}

std::size_t articles_in(const std::filesystem::path& dir) { return index_stats(dir).articles; }

/// One step of an export's life and what a sync of it must report.
struct SyncStep {
  const char* what;
  std::vector<Article> (*export_of)();
  SyncCounts expected;
};

std::vector<Article> first_export() { return sync_export(30); }
std::vector<Article> changed_export() { return sync_export(30, 1); }  // 3 bodies changed
std::vector<Article> shrunk_export() {
  std::vector<Article> a = sync_export(30, 1);
  a.erase(a.begin() + 25, a.end());  // 5 deleted
  return a;
}
std::vector<Article> grown_export() {
  std::vector<Article> a = shrunk_export();
  a.push_back(testing::article("new-one", "nb", "Ny artikkel", "Om frakt."));
  return a;
}
std::vector<Article> retimed_export() {
  std::vector<Article> a = grown_export();
  for (Article& x : a) x.updated_at = "2030-01-01T00:00:00Z";  // a newer timestamp alone
  return a;
}
std::vector<Article> moved_export() {
  std::vector<Article> a = grown_export();
  a[1].audience = "agents";  // another partition: a change of content
  return a;
}

TEST(Sync, EachStepReportsAndAppliesExactlyTheDifference) {
  const std::vector<SyncStep> steps = {
      {"first sync", first_export, counts(30, 0, 0, 0)},
      {"same again", first_export, counts(0, 0, 0, 30)},
      {"three changed", changed_export, counts(0, 3, 0, 27)},
      {"five deleted", shrunk_export, counts(0, 0, 5, 25)},
      {"one added in a new language", grown_export, counts(1, 0, 0, 25)},
      {"timestamps only", retimed_export, counts(0, 0, 0, 26)},
      {"audience moved", moved_export, counts(0, 1, 0, 25)},
  };
  ScratchDir dir;
  ScratchDir files;
  for (const SyncStep& step : steps) {
    const std::vector<Article> exported = step.export_of();
    write_jsonl(files.path() / "export.jsonl", exported);
    const SyncSummary s = sync_files(dir.path(), {files.path() / "export.jsonl"});
    EXPECT_EQ(s.total, step.expected) << step.what;
    EXPECT_EQ(articles_in(dir.path()), exported.size()) << step.what;
    const SyncSummary again = sync_files(dir.path(), {files.path() / "export.jsonl"}, "default", true);
    EXPECT_EQ(again.total, counts(0, 0, 0, exported.size())) << step.what << ": not idempotent";
  }
}

TEST(Sync, CountsPerLanguage) {
  ScratchDir dir;
  ScratchDir files;
  write_jsonl(files.path() / "a.jsonl", sync_export(9));
  sync_files(dir.path(), {files.path() / "a.jsonl"});
  write_jsonl(files.path() / "a.jsonl", sync_export(7, 1));  // article-0 (en) changed; 7 (de), 8 (fr) gone
  const SyncSummary s = sync_files(dir.path(), {files.path() / "a.jsonl"});
  EXPECT_EQ(s.per_language.at("en"), counts(0, 1, 0, 2));
  EXPECT_EQ(s.per_language.at("de"), counts(0, 0, 1, 2));
  EXPECT_EQ(s.per_language.at("fr"), counts(0, 0, 1, 2));
}

TEST(Sync, TwoSourcesShareAnIndexWithoutTouchingEachOther) {
  ScratchDir dir;
  ScratchDir files;
  write_jsonl(files.path() / "zendesk.jsonl", sync_export(12));
  std::vector<Article> docs = {testing::article("md-1", "en", "Markdown page", "From the docs folder."),
                               testing::article("md-2", "de", "Seite", "Aus dem Ordner.")};
  write_jsonl(files.path() / "docs.jsonl", docs);
  sync_files(dir.path(), {files.path() / "zendesk.jsonl"}, "zendesk");
  EXPECT_EQ(sync_files(dir.path(), {files.path() / "docs.jsonl"}, "docs").total, counts(2, 0, 0, 0));
  const auto zendesk_before = indexed_articles(dir.path(), "zendesk");
  docs.pop_back();
  write_jsonl(files.path() / "docs.jsonl", docs);
  EXPECT_EQ(sync_files(dir.path(), {files.path() / "docs.jsonl"}, "docs").total, counts(0, 0, 1, 1));
  EXPECT_EQ(indexed_articles(dir.path(), "zendesk"), zendesk_before);
  EXPECT_EQ(indexed_articles(dir.path(), "docs").size(), 1u);
  EXPECT_EQ(articles_in(dir.path()), 13u);
}

TEST(Sync, DryRunChangesNothing) {
  ScratchDir dir;
  ScratchDir files;
  write_jsonl(files.path() / "a.jsonl", sync_export(12));
  sync_files(dir.path(), {files.path() / "a.jsonl"});
  const auto before = indexed_articles(dir.path(), "default");
  write_jsonl(files.path() / "a.jsonl", sync_export(8, 1));
  const SyncSummary s = sync_files(dir.path(), {files.path() / "a.jsonl"}, "default", true);
  EXPECT_TRUE(s.dry_run);
  EXPECT_EQ(s.total, counts(0, 1, 4, 7));
  EXPECT_EQ(indexed_articles(dir.path(), "default"), before);
}

TEST(Sync, MalformedRecordsWithholdRemovals) {
  ScratchDir dir;
  ScratchDir files;
  write_jsonl(files.path() / "a.jsonl", sync_export(6));
  sync_files(dir.path(), {files.path() / "a.jsonl"});
  write_jsonl(files.path() / "a.jsonl", sync_export(4));
  std::ofstream(files.path() / "a.jsonl", std::ios::app) << "{\"id\": \"article-4\", \"lang\": \"de\"}\n";
  const SyncSummary s = sync_files(dir.path(), {files.path() / "a.jsonl"});
  EXPECT_TRUE(s.removals_withheld);
  EXPECT_EQ(s.withheld_removals, 2u);
  EXPECT_EQ(s.malformed, 1u);
  EXPECT_EQ(articles_in(dir.path()), 6u);
}

TEST(Sync, DuplicateKeysKeepTheLastRecord) {
  ScratchDir dir;
  IndexWriter writer = IndexWriter::open(dir.path());
  Syncer syncer(writer, {});
  syncer.add(testing::article("a", "en", "First", "one"));
  syncer.add(testing::article("a", "en", "Second", "two"));
  const SyncSummary s = syncer.commit();
  EXPECT_EQ(s.total, counts(1, 0, 0, 0));
  EXPECT_EQ(s.skipped_total(), 1u);
  Searcher searcher(dir.path());
  SearchRequest request;
  request.query = "second";
  request.languages = {"en"};
  EXPECT_EQ(testing::ids(searcher.search(request)), std::vector<std::string>{"a"});
}

TEST(Sync, RefusesABadSourceOrStagedChanges) {
  ScratchDir dir;
  IndexWriter writer = IndexWriter::open(dir.path());
  EXPECT_THROW(Syncer(writer, {"no spaces", false}), InvalidArgument);
  writer.upsert(testing::article("a", "en", "T", "B"));
  EXPECT_THROW(Syncer(writer, {}), InvalidArgument);
}

/// A first sync's export: articles of three languages and two audiences, one key twice (the
/// second version wins), and a malformed record.
void add_first_export(Syncer& syncer) {
  for (Article& a : sync_export(30)) syncer.add(std::move(a));
  syncer.add(testing::article("article-3", "en", "Question 3 again", "The later version is kept."));
  syncer.skip(SkipKind::kLeftOut, "draft");
}

TEST(Sync, AFirstSyncOnTheBulkBuilderIndexesWhatAWriterWould) {
  ScratchDir by_writer;
  ScratchDir by_builder;
  SyncSummary written;
  {
    IndexWriter writer = IndexWriter::open(by_writer.path());
    Syncer syncer(writer, {"zendesk", false});
    add_first_export(syncer);
    written = syncer.commit();
  }
  SyncSummary built;
  {
    IndexBuilder builder = IndexBuilder::create(by_builder.path());
    Syncer syncer(builder, {"zendesk", false});
    add_first_export(syncer);
    built = syncer.commit();
  }
  EXPECT_EQ(built.total, counts(30, 0, 0, 0));
  EXPECT_EQ(built.total, written.total);
  EXPECT_EQ(built.per_language.size(), 3u);
  for (const auto& [lang, c] : written.per_language) EXPECT_EQ(built.per_language.at(lang), c) << lang;
  EXPECT_EQ(built.skipped, written.skipped);
  // The same articles, audiences and content hashes: the next sync compares the built index as
  // it would a written one.
  EXPECT_EQ(indexed_articles(by_builder.path(), "zendesk"), indexed_articles(by_writer.path(), "zendesk"));
  ScratchDir files;
  write_jsonl(files.path() / "again.jsonl", sync_export(30));
  const SyncSummary again = sync_files(by_builder.path(), {files.path() / "again.jsonl"}, "zendesk");
  EXPECT_EQ(again.total, counts(0, 1, 0, 29)) << "article-3 goes back to its first version";
}

TEST(Sync, TheBuilderTakesOnlyAFirstRealSync) {
  ScratchDir dir;
  IndexBuilder builder = IndexBuilder::create(dir.path());
  EXPECT_THROW(Syncer(builder, {"default", true}), InvalidArgument) << "a dry run";
  EXPECT_THROW(Syncer(builder, {"no spaces", false}), InvalidArgument);
  builder.add(testing::article("a", "en", "T", "B"));
  EXPECT_THROW(Syncer(builder, {}), InvalidArgument) << "a builder that has articles";
}

// The CLI: a Zendesk article unpublished (draft) and one deleted disappear; --json; exit codes.
TEST(SyncCli, UnpublishedAndDeletedZendeskArticlesAreRemoved) {
  ScratchDir dir;
  ScratchDir files;
  const auto page = [&](bool second_is_draft, bool with_third) {
    nlohmann::json articles = nlohmann::json::array();
    articles.push_back({{"id", 101}, {"title", "Track an order"}, {"body", "<p>Use the link.</p>"}, {"locale", "en-us"},
                        {"draft", false}});
    articles.push_back({{"id", 102}, {"title", "Returns"}, {"body", "<p>Within 30 days.</p>"}, {"locale", "en-us"},
                        {"draft", second_is_draft}});
    if (with_third) {
      articles.push_back({{"id", 103}, {"title", "Rücksendung"}, {"body", "<p>30 Tage.</p>"}, {"locale", "de"}});
    }
    std::ofstream(files.path() / "articles.json") << nlohmann::json{{"articles", articles}, {"next_page", nullptr}}.dump();
  };
  const std::string db = (dir.path() / "idx").string();
  const std::string file = (files.path() / "articles.json").string();
  page(false, true);
  auto first = testing::run_cli({"sync", "--db", db, "--source", "zendesk", "--json", file});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(nlohmann::json::parse(first.out).at("added"), 3);
  page(true, false);
  auto second = testing::run_cli({"sync", "--db", db, "--source", "zendesk", "--json", file});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto j = nlohmann::json::parse(second.out);
  EXPECT_EQ(j.at("removed"), 2);
  EXPECT_EQ(j.at("unchanged"), 1);
  EXPECT_EQ(j.at("skipped_reasons").at("draft (not published)"), 1);
  EXPECT_EQ(j.at("per_language").at("de").at("removed"), 1);
  EXPECT_EQ(articles_in(db), 1u);
}

TEST(SyncCli, ExitCodesStrictAndEmptyExports) {
  ScratchDir dir;
  ScratchDir files;
  const std::string good = (files.path() / "good.jsonl").string();
  const std::string bad = (files.path() / "bad.jsonl").string();
  const std::string empty = (files.path() / "empty.jsonl").string();
  write_jsonl(good, sync_export(4));
  write_jsonl(bad, sync_export(4));
  std::ofstream(bad, std::ios::app) << "{\"id\": \"x\", \"lang\": \"en\"}\n";
  std::ofstream{empty};
  const std::string db = (dir.path() / "idx").string();
  struct Case {
    const char* what;
    std::vector<std::string> args;
    int exit_code;
    bool index_exists;
  };
  const std::vector<Case> cases = {
      {"strict sync into a new directory", {"sync", "--db", db, "--strict", bad}, 2, false},
      {"strict index into a new directory", {"index", "--db", db, "--strict", bad}, 2, false},
      {"dry run into a new directory", {"sync", "--db", db, "--dry-run", good}, 0, false},
      {"skipped records", {"sync", "--db", db, bad}, 3, true},
      {"all imported", {"sync", "--db", db, good}, 0, true},
      {"an empty export does not empty the source", {"sync", "--db", db, empty}, 1, true},
      {"unless asked", {"sync", "--db", db, "--allow-empty", empty}, 0, true},
      {"index with skipped records", {"index", "--db", db, "--json", bad}, 3, true},
  };
  for (const Case& c : cases) {
    const auto r = testing::run_cli(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.what << "\n" << r.err;
    EXPECT_EQ(std::filesystem::exists(db), c.index_exists) << c.what;
  }
}

}  // namespace
}  // namespace faqsearch
