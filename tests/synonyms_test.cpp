// Synonyms: the file format, their checks, how a writer stores them and how searches use them.
#include <gtest/gtest.h>

#include <fstream>
#include <optional>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "faqsearch/synonyms.h"
#include "index/synonyms_file.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::article;
using testing::ids;
using testing::ScratchDir;

TEST(SynonymsFormat, ParsesGroupsOneWayRulesCommentsAndLanguages) {
  const auto groups = parse_synonyms(
      "# shop words\n"
      "\n"
      "[en]\n"
      "uk, united kingdom ,  great britain\n"
      "  send back => return  \n"
      "[zh-hans]\n"
      "快递, 包裹\n",
      "syn.txt");
  const std::vector<SynonymGroup> expected = {
      {"en", {"uk", "united kingdom", "great britain"}, false},
      {"en", {"send back", "return"}, true},
      {"zh-Hans", {"快递", "包裹"}, false},  // the tag canonicalized
  };
  EXPECT_EQ(groups, expected);
  // What format_synonyms writes reads back the same.
  EXPECT_EQ(parse_synonyms(format_synonyms(groups), "again"), groups);
}

TEST(SynonymsFormat, MalformedLinesNameTheSourceAndLine) {
  struct Case {
    const char* text;
    const char* message;  // expected in the error
  };
  const Case cases[] = {
      {"uk, united kingdom\n", "syn.txt:1: a synonym group before any [language] line"},
      {"[en]\nuk\n", "syn.txt:2: field entries: needs 2 to 64 entries, has 1"},
      {"[en]\nuk, , britain\n", "syn.txt:2: field entries: an entry is empty"},
      {"# c\n[en\n", "syn.txt:2: a language line is written [tag]"},
      {"[not a tag!]\n", "syn.txt:1: invalid language tag"},
      {"[en]\na, b => c\n", "syn.txt:2: a one-way group has one entry left of '=>'"},
      {"[en]\na => \n", "syn.txt:2: field entries: an entry is empty"},
      {"[en]\nok, fine\nbad \xff, x\n", "syn.txt:3: not valid UTF-8"},
  };
  for (const Case& c : cases) {
    try {
      (void)parse_synonyms(c.text, "syn.txt");
      ADD_FAILURE() << "no error for: " << c.text;
    } catch (const InvalidArgument& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

TEST(SynonymsFormat, ChecksNameTheGroupAndField) {
  struct Case {
    SynonymGroup group;
    const char* message;
  };
  const Case cases[] = {
      {{"", {"a", "b"}, false}, "synonym group 1 (\"a\"): field lang"},
      {{"en", {"a"}, false}, "synonym group 1 (\"a\"): field entries: needs 2"},
      {{"en", {"a", "b, c"}, false}, "field entries: an entry holds ','"},
      {{"en", {"a", "b => c"}, false}, "field entries: an entry holds"},
      {{"en", {"a", "b\nc"}, false}, "field entries: an entry holds"},
      {{"en", {"a", std::string(201, 'x')}, false}, "longer than 200 bytes"},
      {{"en", {"a", "\xc3"}, false}, "not valid UTF-8"},
  };
  for (const Case& c : cases) {
    try {
      (void)check_synonyms({c.group});
      ADD_FAILURE() << "no error for group of " << c.group.entries.size() << " entries";
    } catch (const InvalidArgument& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(check_synonyms({{"EN", {" a ", "b"}, false}}).front(), (SynonymGroup{"en", {"a", "b"}, false}));
}

class SynonymSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexWriter w = IndexWriter::open(dir_.path());
    w.upsert(article("customs", "en", "Shipping abroad: customs duties",
                     "Orders to the United Kingdom, Norway and Switzerland clear customs."));
    w.upsert(article("returns", "en", "Our return policy", "You can return any item within 30 days."));
    w.upsert(article("sizes", "en", "Finding your size", "Measure your chest and compare with the table."));
    w.upsert(article("zwroty", "pl", "Zasady zwrotów", "Zwrot jest bezpłatny w ciągu 30 dni."));
    w.commit();
    searcher_.emplace(dir_.path());
  }

  std::vector<std::string> search(const std::string& text, const std::string& lang = "en") {
    SearchRequest r;
    r.query = text;
    r.languages = {lang};
    r.fallback = false;  // each language's own articles: groups apply per language
    r.typo_tolerance = false;
    r.prefix_last_word = false;
    return ids(searcher_->search(r));
  }

  void set(std::vector<SynonymGroup> groups) {
    IndexWriter w = IndexWriter::open(dir_.path());
    w.set_synonyms(std::move(groups));
    w.commit();
  }

  ScratchDir dir_;
  std::optional<Searcher> searcher_;
};

TEST_F(SynonymSearch, AGroupsEntriesFindEachOtherThroughTheAnalyzer) {
  EXPECT_TRUE(search("uk").empty());
  set({{"en", {"UK", "United Kingdom"}, false}, {"en", {"sending back", "returns"}, true}});
  // The searcher notices the commit by itself. An abbreviation finds its phrase, and the phrase
  // its abbreviation's articles (none here, so the phrase's own).
  EXPECT_EQ(search("uk"), std::vector<std::string>{"customs"});
  EXPECT_EQ(search("united kingdom"), std::vector<std::string>{"customs"});
  // Entries match by term: "sending back" and "send back" are the same words once stemmed, and
  // "returns" finds "return".
  EXPECT_EQ(search("send back"), std::vector<std::string>{"returns"});
  // One-way: "return" does not bring in "send back" (nothing says it, so nothing changes).
  EXPECT_EQ(search("return"), std::vector<std::string>{"returns"});
  // The words of a phrase entry must be in order in the query, with at most one other word
  // between them: a phrasal verb split around its object still matches.
  EXPECT_EQ(search("send it back"), std::vector<std::string>{"returns"});
  EXPECT_TRUE(search("send two parcels back").empty());
  EXPECT_TRUE(search("back send").empty());
  // Another language's groups do not apply.
  EXPECT_TRUE(search("uk", "pl").empty());
}

TEST_F(SynonymSearch, SynonymsAreHighlightedWhereTheyMatched) {
  set({{"en", {"fit", "size"}, false}});
  SearchRequest r;
  r.query = "fit";
  r.languages = {"en"};
  const SearchResults results = searcher_->search(r);
  ASSERT_EQ(ids(results), std::vector<std::string>{"sizes"});
  ASSERT_FALSE(results.hits[0].title_snippet.highlights.empty());
  const auto& title = results.hits[0].title_snippet;
  const auto& mark = title.highlights.front();
  EXPECT_EQ(title.text.substr(mark.begin, mark.end - mark.begin), "size");
}

TEST_F(SynonymSearch, ReplacingClearingAndRollingBack) {
  set({{"en", {"uk", "united kingdom"}, false}});
  EXPECT_EQ(search("uk"), std::vector<std::string>{"customs"});
  {
    IndexWriter w = IndexWriter::open(dir_.path());
    w.set_synonyms({});
    EXPECT_EQ(w.pending(), 1u);
    w.rollback();  // nothing changes
    EXPECT_EQ(w.pending(), 0u);
    w.commit();
  }
  EXPECT_EQ(search("uk"), std::vector<std::string>{"customs"});
  set({});
  EXPECT_TRUE(search("uk").empty());
  EXPECT_TRUE(detail::read_synonyms(dir_.path()).empty());
}

TEST_F(SynonymSearch, ABadListChangesNothing) {
  set({{"en", {"uk", "united kingdom"}, false}});
  IndexWriter w = IndexWriter::open(dir_.path());
  EXPECT_THROW(w.set_synonyms({{"en", {"lonely"}, false}}), InvalidArgument);
  EXPECT_EQ(w.pending(), 0u);
  w.commit();
  EXPECT_EQ(search("uk"), std::vector<std::string>{"customs"});
}

TEST_F(SynonymSearch, AnUnreadableFileIsReportedAsCorrupt) {
  std::ofstream(dir_.path() / detail::kSynonymsFile) << "no language line\n";
  try {
    Searcher fresh(dir_.path());
    ADD_FAILURE() << "opened an index with a corrupt synonyms file";
  } catch (const IndexCorrupt& e) {
    EXPECT_NE(std::string(e.what()).find("synonyms.txt:1"), std::string::npos) << e.what();
  }
}

TEST(SynonymRanking, WhatWasTypedRanksAboveItsSynonyms) {
  ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    w.upsert(article("phrase", "en", "Delivery to the United Kingdom", "Parcels to the United Kingdom clear customs."));
    w.upsert(article("typed", "en", "Delivery to the UK", "Parcels to the UK clear customs."));
    // Other articles, so that the words are rare (BM25 gives a word in half of two articles no
    // weight).
    for (int i = 0; i < 6; ++i) {
      w.upsert(article("other" + std::to_string(i), "en", "Gift cards", "Buy a gift card for a friend."));
    }
    w.set_synonyms({{"en", {"uk", "united kingdom"}, false}});
    w.commit();
  }
  Searcher s(dir.path());
  SearchRequest r;
  r.languages = {"en"};
  r.query = "uk";
  EXPECT_EQ(ids(s.search(r)), (std::vector<std::string>{"typed", "phrase"}));
  r.query = "united kingdom";
  EXPECT_EQ(ids(s.search(r)), (std::vector<std::string>{"phrase", "typed"}));
}

// An alternative stands for every word of the entry typed: "too small" → "another size" weighs
// about as much as the two words typed would, so the article it finds outranks one that has only
// a rarer word of the query ("jeans"). Weighed as one word, the phrase lost to it.
TEST(SynonymRanking, AnAlternativeWeighsTheWordsItStandsFor) {
  ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    w.upsert(article("exchange", "en", "Exchanges", "Swap an item for another size, free of charge."));
    w.upsert(article("warranty", "en", "Warranty", "Anything from jeans to a watch has a warranty."));
    for (int i = 0; i < 6; ++i) {
      w.upsert(article("other" + std::to_string(i), "en", "Gift cards", "Buy a gift card for a friend."));
    }
    w.set_synonyms({{"en", {"too small", "another size"}, true}});
    w.commit();
  }
  Searcher s(dir.path());
  SearchRequest r;
  r.languages = {"en"};
  r.query = "jeans too small";
  const std::vector<std::string> found = ids(s.search(r));
  ASSERT_GE(found.size(), 2u);
  EXPECT_EQ(found[0], "exchange");
  EXPECT_EQ(found[1], "warranty");
}

TEST(SynonymBuild, ABulkBuildPublishesItsSynonymsWithItsArticles) {
  ScratchDir dir;
  IndexBuilder builder = IndexBuilder::create(dir.path());
  builder.add(article("customs", "en", "Customs duties", "Orders to the United Kingdom clear customs."));
  builder.set_synonyms({{"en", {"uk", "united kingdom"}, false}});
  builder.finish();
  EXPECT_THROW(builder.set_synonyms({}), InvalidArgument);
  Searcher s(dir.path());
  SearchRequest r;
  r.query = "uk";
  r.languages = {"en"};
  EXPECT_EQ(ids(s.search(r)), std::vector<std::string>{"customs"});
}

}  // namespace
}  // namespace faqsearch
