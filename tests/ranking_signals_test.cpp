// Help-center ranking signals, field weights and sort orders (SearchRequest::sort): promoted,
// outdated, votes and recent edits break near ties but never beat a clearly better text match;
// tags, section and category names are searchable text with their own weights; the importers
// read the signals.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <functional>

#include "faqsearch/faqsearch.h"
#include "index/undo_journal.h"
#include "search/signal_boost.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::ScratchDir;

std::string days_ago(int days) {
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) - std::chrono::days(days);
  const std::chrono::year_month_day date(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return text;
}

// ------------------------------------------------------------------------------------------
// The factor itself

struct FactorRow {
  const char* name;
  detail::RankingSignals signals;
  int updated_days_ago;  // < 0: no date
  double lowest;
  double highest;
};

TEST(SignalFactor, IsBoundedAndPointsTheRightWay) {
  const FactorRow rows[] = {
      {"none", {}, -1, 1.0, 1.0},
      {"promoted", {.promoted = true}, -1, 1.01, 1.1},
      {"outdated", {.outdated = true}, -1, 0.9, 0.99},
      {"liked", {.vote_sum = 40, .vote_count = 40}, -1, 1.01, 1.1},
      {"disliked", {.vote_sum = -40, .vote_count = 40}, -1, 0.9, 0.99},
      {"two votes count little", {.vote_sum = 2, .vote_count = 2}, -1, 1.0, 1.01},
      {"votes beyond their count", {.vote_sum = 1000000, .vote_count = 1}, -1, 1.0, 1.01},
      {"edited last week", {}, 7, 1.01, 1.1},
      {"edited half a year ago", {}, 180, 1.0, 1.03},
      {"edited years ago", {}, 2000, 1.0, 1.0},
      {"dated next year", {}, -365, 1.0, 1.0},  // a bad clock is no signal
      {"everything up", {.promoted = true, .vote_sum = 500, .vote_count = 500}, 1, 1.1, 1.1},
      {"everything down", {.outdated = true, .vote_sum = -500, .vote_count = 500}, -1, 0.9, 0.9},
  };
  const long today = detail::today_in_days();
  for (const FactorRow& row : rows) {
    const std::string date = row.updated_days_ago == -1 ? "" : days_ago(row.updated_days_ago);
    const double factor = detail::signal_factor(row.signals, date, today);
    EXPECT_GE(factor, row.lowest - 1e-9) << row.name;
    EXPECT_LE(factor, row.highest + 1e-9) << row.name;
  }
}

TEST(SignalFactor, ReadsIsoDates) {
  EXPECT_EQ(detail::days_since_epoch("1970-01-02"), 1);
  EXPECT_EQ(detail::days_since_epoch("2026-10-01T12:00:00Z"), detail::days_since_epoch("2026-10-01"));
  for (const char* bad : {"", "2026", "2026-13-01", "2026-02-30", "yesterday!", "2026/10/01"}) {
    EXPECT_EQ(detail::days_since_epoch(bad), std::nullopt) << bad;
  }
}

// ------------------------------------------------------------------------------------------
// In a search

Article answer(std::string id, std::string title, std::string body, const std::function<void(Article&)>& set = {}) {
  Article a = testing::article(std::move(id), "en", std::move(title), std::move(body));
  if (set) set(a);
  return a;
}

std::vector<std::string> top_ids(const std::filesystem::path& dir, const std::string& query,
                                 SearchSort sort = SearchSort::kRelevance) {
  SearchRequest r;
  r.query = query;
  r.languages = {"en"};
  r.sort = sort;
  return testing::ids(Searcher(dir).search(r));
}

struct TieRow {
  const char* name;
  std::function<void(Article&)> first_signals;   // the article indexed first (first on a tie)
  std::function<void(Article&)> second_signals;  // the one indexed second
  const char* expected_first;
};

TEST(RankingSignals, BreakNearTies) {
  const TieRow rows[] = {
      {"no signals: indexing order", {}, {}, "first"},
      {"promoted wins", {}, [](Article& a) { a.promoted = true; }, "second"},
      {"outdated loses", [](Article& a) { a.outdated = true; }, {}, "second"},
      {"helpful votes win", {}, [](Article& a) { a.vote_sum = a.vote_count = 30; }, "second"},
      {"unhelpful votes lose", [](Article& a) { a.vote_sum = -30, a.vote_count = 30; }, {}, "second"},
      {"a recent edit wins", [](Article& a) { a.updated_at = days_ago(900); },
       [](Article& a) { a.updated_at = days_ago(3); }, "second"},
  };
  for (const TieRow& row : rows) {
    ScratchDir dir;
    // The same text but for one body word: a near tie.
    testing::index_articles(dir.path(), {answer("first", "How returns work", "Send the parcel back within 30 days.", row.first_signals),
                                         answer("second", "How returns work", "Send the parcel back within 30 days please.", row.second_signals)});
    EXPECT_EQ(top_ids(dir.path(), "how do returns work").at(0), row.expected_first) << row.name;
  }
}

TEST(RankingSignals, NeverBeatAClearlyBetterMatch) {
  const auto strong = [](const std::function<void(Article&)>& set) {
    return answer("strong", "Return a parcel", "To return a parcel, print the return label and drop the parcel off.", set);
  };
  const auto weak = [](const std::function<void(Article&)>& set) {
    return answer("weak", "Our warehouse", "The warehouse ships every order within a day; a parcel can also be returned there.", set);
  };
  ScratchDir plain;
  testing::index_articles(plain.path(), {strong({}), weak({})});
  SearchRequest r;
  r.query = "return parcel";
  r.languages = {"en"};
  const SearchResults base = Searcher(plain.path()).search(r);
  ASSERT_EQ(testing::ids(base), (std::vector<std::string>{"strong", "weak"}));
  ASSERT_GT(base.hits[0].score, 1.25 * base.hits[1].score);  // what "clearly better" means here

  // Every signal for the weak article, every signal against the strong one.
  ScratchDir signalled;
  testing::index_articles(signalled.path(), {strong([](Article& a) {
                                                a.outdated = true;
                                                a.vote_sum = -100, a.vote_count = 100;
                                              }),
                                              weak([](Article& a) {
                                                a.promoted = true;
                                                a.vote_sum = a.vote_count = 100;
                                                a.updated_at = days_ago(1);
                                              })});
  const SearchResults boosted = Searcher(signalled.path()).search(r);
  EXPECT_EQ(testing::ids(boosted), (std::vector<std::string>{"strong", "weak"}));
  EXPECT_TRUE(boosted.hits[1].promoted);
  EXPECT_TRUE(boosted.hits[0].outdated);
  EXPECT_EQ(boosted.hits[0].vote_count, 100);
}

// ------------------------------------------------------------------------------------------
// Sort orders

TEST(SearchSorts, ByRecencyAndByTheHelpCentersOrder) {
  ScratchDir dir;
  const auto item = [](std::string id, std::string section, std::int64_t position, std::string updated, std::string body) {
    return answer(std::move(id), "Parcel help", "parcel " + std::move(body), [&](Article& a) {
      a.section = section;
      a.position = position;
      a.updated_at = updated;
    });
  };
  testing::index_articles(dir.path(), {item("b2", "Billing", 2, "2026-03-01", "parcel parcel"),
                                       item("a1", "Arrivals", 1, "", "once"),
                                       item("b1", "Billing", 1, "2026-05-01T10:00:00Z", "twice parcel"),
                                       item("a3", "Arrivals", 3, "2025-12-24", "other"),
                                       item("a2", "arrivals", 2, "2026-04-01", "more")});
  EXPECT_EQ(top_ids(dir.path(), "parcel", SearchSort::kUpdated),
            (std::vector<std::string>{"b1", "a2", "b2", "a3", "a1"}));  // undated last
  // Sections compare case-insensitively, as their filters do.
  EXPECT_EQ(top_ids(dir.path(), "parcel", SearchSort::kPosition),
            (std::vector<std::string>{"a1", "a2", "a3", "b1", "b2"}));
  // Relevance is another order, with the same articles.
  std::vector<std::string> relevance = top_ids(dir.path(), "parcel");
  std::sort(relevance.begin(), relevance.end());
  EXPECT_EQ(relevance, (std::vector<std::string>{"a1", "a2", "a3", "b1", "b2"}));
}

// ------------------------------------------------------------------------------------------
// Tags, section and category names as text

struct FieldRow {
  const char* name;
  IndexSettings settings;
  const char* query;
  bool found;
};

TEST(FieldWeights, TagsSectionAndCategoryAreSearchable) {
  IndexSettings no_tags;
  no_tags.tags_weight = 0;
  IndexSettings no_names;
  no_names.section_weight = 0;
  no_names.category_weight = 0;
  const FieldRow rows[] = {
      {"a tag word", {}, "klarna", true},
      {"a section name", {}, "instalments", true},
      {"a category name", {}, "payments", true},
      {"tags left out", no_tags, "klarna", false},
      {"names left out", no_names, "instalments", false},
  };
  for (const FieldRow& row : rows) {
    ScratchDir dir;
    {
      IndexWriter w = IndexWriter::open(dir.path(), OpenMode::kCreate, row.settings);
      w.upsert(answer("pay-later", "Pay later", "Split the price into three.", [](Article& a) {
        a.tags = {"Klarna"};
        a.section = "Instalments";
        a.category = "Payments";
      }));
      w.commit();
    }
    EXPECT_EQ(top_ids(dir.path(), row.query).size(), row.found ? 1u : 0u) << row.name;
  }
}

TEST(FieldWeights, TitleOutweighsTagsOutweighBody) {
  ScratchDir dir;
  testing::index_articles(dir.path(), {answer("body", "Help", "About klarna and more words here."),
                                       answer("tag", "Help", "About it and more words here.", [](Article& a) { a.tags = {"klarna"}; }),
                                       answer("title", "Klarna", "About it and more words here.")});
  EXPECT_EQ(top_ids(dir.path(), "klarna"), (std::vector<std::string>{"title", "tag", "body"}));
}

TEST(FieldWeights, AreRecordedAndCheckedOnOpen) {
  ScratchDir dir;
  IndexSettings settings;
  settings.tags_weight = 3;
  IndexWriter::open(dir.path(), OpenMode::kCreate, settings).commit();
  EXPECT_EQ(index_settings(dir.path()).tags_weight, 3u);
  settings.tags_weight = 4;
  try {
    IndexWriter::open(dir.path(), OpenMode::kOpen, settings);
    FAIL() << "opened with other weights";
  } catch (const IndexMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("tags_weight 3 (requested 4)"), std::string::npos) << e.what();
  }
}

// ------------------------------------------------------------------------------------------
// Importers

std::vector<Article> import_file(const ScratchDir& dir, const char* name, const std::string& content,
                                 std::vector<std::string>* problems = nullptr) {
  const auto path = dir.path() / name;
  std::ofstream(path) << content;
  std::vector<Article> out;
  ImportOptions options;
  options.default_lang = "en";
  read_articles(path, options, [&](Article&& a, const SourceLocation&) { out.push_back(std::move(a)); },
                [&](const ImportProblem& p) {
                  if (problems) problems->push_back(p.to_string());
                });
  return out;
}

TEST(SignalImport, EveryFormatThatCarriesThem) {
  ScratchDir dir;
  const struct {
    const char* file;
    std::string content;
  } rows[] = {
      {"a.jsonl", R"({"id":"a","title":"T","body":"B","promoted":true,"outdated":true,"vote_sum":-3,"vote_count":7,"position":4})"},
      {"a.md", "---\nid: a\ntitle: T\npromoted: true\noutdated: true\nvote_sum: -3\nvote_count: 7\nweight: 4\n---\nB\n"},
      {"a.json", R"({"articles":[{"id":1,"title":"T","body":"<p>B</p>","locale":"en","promoted":true,"outdated":true,"vote_sum":-3,"vote_count":7,"position":4}]})"},
  };
  for (const auto& row : rows) {
    const std::vector<Article> articles = import_file(dir, row.file, row.content);
    ASSERT_EQ(articles.size(), 1u) << row.file;
    const Article& a = articles[0];
    EXPECT_TRUE(a.promoted) << row.file;
    EXPECT_TRUE(a.outdated) << row.file;
    EXPECT_EQ(a.vote_sum, -3) << row.file;
    EXPECT_EQ(a.vote_count, 7) << row.file;
    EXPECT_EQ(a.position, 4) << row.file;
  }
}

TEST(SignalImport, BadValuesNameTheirField) {
  ScratchDir dir;
  const struct {
    const char* file;
    std::string content;
    const char* field;
  } rows[] = {
      {"b.jsonl", R"({"id":"a","title":"T","vote_sum":"many"})", "vote_sum"},
      {"c.jsonl", R"({"id":"a","title":"T","position":1.5})", "position"},
      {"d.jsonl", R"({"id":"a","title":"T","promoted":"yes"})", "promoted"},
      {"b.md", "---\nid: a\ntitle: T\nweight: heavy\n---\nB\n", "weight"},
  };
  for (const auto& row : rows) {
    std::vector<std::string> problems;
    EXPECT_TRUE(import_file(dir, row.file, row.content, &problems).empty()) << row.file;
    ASSERT_EQ(problems.size(), 1u) << row.file;
    EXPECT_NE(problems[0].find(row.field), std::string::npos) << problems[0];
  }
}

TEST(SignalImport, StoredAndServedWithTheHit) {
  ScratchDir dir;
  testing::index_articles(dir.path(), {answer("a", "Parcel", "parcel", [](Article& a) {
    a.promoted = true;
    a.vote_sum = 5;
    a.vote_count = 9;
    a.position = -2;
  })});
  SearchRequest r;
  r.query = "parcel";
  const Hit hit = Searcher(dir.path()).search(r).hits.at(0);
  EXPECT_TRUE(hit.promoted);
  EXPECT_FALSE(hit.outdated);
  EXPECT_EQ(hit.vote_sum, 5);
  EXPECT_EQ(hit.vote_count, 9);
  EXPECT_EQ(hit.position, -2);
}

// A batch undone after a crash or a failed commit puts back the articles it replaced whole,
// signals included.
TEST(SignalImport, SurviveTheUndoJournal) {
  ScratchDir dir;
  Article before = answer("a", "Parcel", "parcel", [](Article& a) {
    a.promoted = true;
    a.outdated = true;
    a.vote_sum = -4;
    a.vote_count = 11;
    a.position = 7;
  });
  detail::write_undo_journal(dir.path(), {.generation = 3, .images = {{"a", "en", before, "zendesk"}}});
  const auto journal = detail::read_undo_journal(dir.path());
  ASSERT_TRUE(journal.has_value());
  ASSERT_EQ(journal->images.size(), 1u);
  EXPECT_EQ(journal->images[0].article, before);
}

}  // namespace
}  // namespace faqsearch
