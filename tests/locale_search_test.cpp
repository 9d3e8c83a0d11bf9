// Answering in the shopper's language: tags matched by locale, one hit per article, the default
// language as a fallback, and nothing of another audience leaking through any of it.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "faqsearch/faqsearch.h"
#include "search/locale_match.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::article;
using testing::ids;
using testing::ScratchDir;

// --- Tag matching -----------------------------------------------------------------------------

struct MatchRow {
  std::vector<std::string> desired;
  std::vector<std::string> available;
  std::vector<std::string> expected;  // most preferred first
};

void PrintTo(const MatchRow& row, std::ostream* os) {
  for (const auto& d : row.desired) *os << d << ' ';
}

class LocaleMatch : public ::testing::TestWithParam<MatchRow> {};

TEST_P(LocaleMatch, FindsTheLanguagesAReaderReads) {
  detail::LocaleMatching locales;
  const MatchRow& row = GetParam();
  EXPECT_EQ(locales.match(row.desired, row.available), row.expected);
  EXPECT_EQ(locales.match(row.desired, row.available), row.expected);  // and from the cache
}

INSTANTIATE_TEST_SUITE_P(
    Tags, LocaleMatch,
    ::testing::Values(
        // A language finds its regional tags and the reverse; the same tag or region first.
        MatchRow{{"en"}, {"de", "en-GB", "en-US"}, {"en-US", "en-GB"}},
        MatchRow{{"en-GB"}, {"en", "en-US"}, {"en", "en-US"}},
        MatchRow{{"en-GB"}, {"en-GB", "en-US"}, {"en-GB", "en-US"}},
        MatchRow{{"en-US"}, {"de", "en"}, {"en"}},
        // Norwegian: "no" is Bokmål; Nynorsk readers read Bokmål next; Danish is close.
        MatchRow{{"no"}, {"en", "nb"}, {"nb"}},
        MatchRow{{"nb"}, {"en", "nb"}, {"nb"}},
        MatchRow{{"nn"}, {"en", "nb"}, {"nb"}},
        MatchRow{{"nn"}, {"nb", "nn"}, {"nn", "nb"}},
        MatchRow{{"no"}, {"da", "nb", "nn"}, {"nb", "da", "nn"}},
        // Chinese by script.
        MatchRow{{"zh-TW"}, {"zh-Hans", "zh-Hant"}, {"zh-Hant"}},
        MatchRow{{"zh-HK"}, {"zh-Hans", "zh-Hant"}, {"zh-Hant"}},
        MatchRow{{"zh-CN"}, {"zh-Hans", "zh-Hant"}, {"zh-Hans"}},
        MatchRow{{"zh-SG"}, {"zh-Hans", "zh-Hant"}, {"zh-Hans"}},
        MatchRow{{"zh-Hant"}, {"en", "zh-TW"}, {"zh-TW"}},
        // Portuguese and Spanish regions.
        MatchRow{{"pt-BR"}, {"en", "pt"}, {"pt"}},
        MatchRow{{"pt"}, {"pt-BR"}, {"pt-BR"}},
        MatchRow{{"es-419"}, {"en", "es"}, {"es"}},
        MatchRow{{"es-MX"}, {"es"}, {"es"}},
        // Nothing in common; several languages in order of preference, each once.
        MatchRow{{"de"}, {"en", "nb"}, {}},
        MatchRow{{"nn", "en"}, {"en", "nb"}, {"nb", "en"}},
        MatchRow{{"en", "en-GB"}, {"en-GB", "en-US"}, {"en-US", "en-GB"}}));

struct TagRow {
  std::string tag;
  std::string canonical;  // "" when refused
};

void PrintTo(const TagRow& row, std::ostream* os) { *os << '"' << row.tag << '"'; }

class KnownLanguageTag : public ::testing::TestWithParam<TagRow> {};

TEST_P(KnownLanguageTag, CanonicalOrRefused) {
  const TagRow& row = GetParam();
  if (row.canonical.empty()) {
    try {
      (void)known_language_tag(row.tag);
      ADD_FAILURE() << "accepted";
    } catch (const InvalidArgument& e) {
      if (!row.tag.empty()) {
        EXPECT_NE(std::string(e.what()).find(row.tag), std::string::npos) << e.what();
      }
    }
  } else {
    EXPECT_EQ(known_language_tag(row.tag), row.canonical);
  }
}

INSTANTIATE_TEST_SUITE_P(Tags, KnownLanguageTag,
                         ::testing::Values(TagRow{"en", "en"}, TagRow{"EN-gb", "en-GB"}, TagRow{"zh_TW", "zh-TW"},
                                           TagRow{"pt-br", "pt-BR"}, TagRow{"tlh", "tlh"},
                                           TagRow{"english", ""}, TagRow{"klingon", ""}, TagRow{"xx", ""},
                                           TagRow{"", ""}, TagRow{"en gb", ""}, TagRow{"-en", ""}));

// --- Searching a help center exported with regional tags ---------------------------------------

Article tagged(std::string id, std::string lang, std::string title, std::string body, std::string audience = "") {
  return article(std::move(id), std::move(lang), std::move(title), std::move(body), std::move(audience));
}

/// A Zendesk-like export: en-us, de, nb, pt-br, zh-tw; not every article translated.
class HelpCenter : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexSettings settings;
    settings.default_language = "en-US";
    IndexWriter w = IndexWriter::open(dir_.path(), OpenMode::kCreate, settings);
    for (const Article& a : {
             tagged("track", "en-US", "Where is my parcel", "Track your parcel with the link in the email."),
             tagged("track", "de", "Wo ist mein Paket", "Verfolgen Sie Ihr Paket mit dem Link."),
             tagged("track", "nb", "Hvor er pakken min", "Spor pakken med lenken i e-posten."),
             tagged("track", "pt-BR", "Onde está meu pacote", "Rastreie seu pacote pelo link do e-mail."),
             tagged("track", "zh-TW", "我的包裹在哪裡", "請用電子郵件中的連結追蹤包裹。"),
             tagged("gift", "en-US", "Gift cards", "Gift cards never expire. Parcel delivery of plastic gift cards is free."),
             tagged("returns", "en-US", "Returns", "Return any parcel within 30 days."),
             tagged("returns", "nb", "Retur", "Du kan returnere varer innen 30 dager."),
             tagged("klarna", "en-US", "Pay later with Klarna", "Klarna invoice or instalments."),
             tagged("klarna", "nb", "Betal senere med Klarna", "Klarna faktura eller delbetaling."),
             tagged("klarna", "pt-BR", "Pague depois com Klarna", "Fatura Klarna ou parcelas."),
         }) {
      w.upsert(a);
    }
    w.commit();
  }

  SearchResults search(const std::string& text, std::vector<std::string> languages, bool fallback = true) {
    Searcher s(dir_.path());
    SearchRequest r;
    r.query = text;
    r.languages = std::move(languages);
    r.fallback = fallback;
    return s.search(r);
  }

  static std::vector<std::string> served(const SearchResults& results) {
    std::vector<std::string> out;
    for (const Hit& h : results.hits) out.push_back(h.id + "/" + h.lang + (h.fallback ? "*" : ""));
    return out;
  }

  ScratchDir dir_;
};

TEST_F(HelpCenter, ShoppersTagsFindTheMatchingLanguage) {
  struct Row {
    std::string lang;
    std::string query;
    std::string expected;  // the track article as served
  };
  for (const Row& row : std::initializer_list<Row>{{"en", "parcel", "track/en-US"},
                                                   {"en-GB", "parcel", "track/en-US"},
                                                   {"en-US", "parcel", "track/en-US"},
                                                   {"de", "Paket", "track/de"},
                                                   {"de-CH", "Paket", "track/de"},
                                                   {"nb", "pakken", "track/nb"},
                                                   {"no", "pakken", "track/nb"},
                                                   {"nn", "pakken", "track/nb"},
                                                   {"pt", "pacote", "track/pt-BR"},
                                                   {"pt-BR", "pacote", "track/pt-BR"},
                                                   {"zh-Hant", "包裹", "track/zh-TW"},
                                                   {"zh-HK", "包裹", "track/zh-TW"}}) {
    const SearchResults results = search(row.query, {row.lang});
    ASSERT_FALSE(results.hits.empty()) << row.lang;
    EXPECT_EQ(served(results).front(), row.expected) << row.lang;
  }
}

TEST_F(HelpCenter, UnknownOrMalformedTagsAreErrors) {
  for (const std::string tag : {"english", "klingon", "en gb", ""}) {
    EXPECT_THROW(search("parcel", {tag}), InvalidArgument) << tag;
  }
}

TEST_F(HelpCenter, AnArticleIsServedInThePreferredLanguageThatHasIt) {
  // "parcel" matches track, gift and returns in English. Norwegian has track and returns (whose
  // Norwegian text does not say "parcel"): served in Norwegian; gift has no Norwegian: served in
  // English, marked as a fallback.
  const SearchResults results = search("parcel", {"nb"});
  EXPECT_EQ(results.languages, (std::vector<std::string>{"nb", "en-US"}));
  std::vector<std::string> got = served(results);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"gift/en-US*", "returns/nb", "track/nb"}));
  EXPECT_EQ(results.total, 3u);  // articles, not translations
  for (const Hit& h : results.hits) {
    if (h.id == "track") {
      EXPECT_EQ(h.translations, (std::vector<std::string>{"de", "en-US", "pt-BR", "zh-TW"}));
    }
    if (h.id == "gift") {
      EXPECT_TRUE(h.translations.empty());
    }
  }
}

TEST_F(HelpCenter, SeveralLanguagesInOrderOfPreference) {
  // Nynorsk reads Bokmål, then Portuguese: klarna exists in both, served in Bokmål.
  EXPECT_EQ(served(search("Klarna", {"nn", "pt"})), std::vector<std::string>{"klarna/nb"});
  EXPECT_EQ(served(search("Klarna", {"pt", "nn"})), std::vector<std::string>{"klarna/pt-BR"});
}

TEST_F(HelpCenter, NoFallbackWhenTurnedOffOrWhenNothingMatches) {
  EXPECT_EQ(served(search("gift", {"nb"}, /*fallback=*/false)), std::vector<std::string>{});
  EXPECT_EQ(served(search("gift", {"nb"})), std::vector<std::string>{"gift/en-US*"});
  // A language the help center lacks: everything is a fallback.
  EXPECT_EQ(served(search("gift", {"fr"})), std::vector<std::string>{"gift/en-US*"});
  EXPECT_TRUE(search("zzzqqq", {"nb"}).hits.empty());
}

TEST_F(HelpCenter, WithoutALanguageEachArticleOnce) {
  const SearchResults results = search("Klarna", {});
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(results.total, 1u);
  EXPECT_EQ(results.hits[0].id, "klarna");
  EXPECT_FALSE(results.hits[0].fallback);
  EXPECT_EQ(results.hits[0].translations.size(), 2u);
}

TEST(DefaultLanguage, IsTheSettingOrTheLanguageWithTheMostArticles) {
  ScratchDir dir;
  testing::index_articles(dir.path(), {tagged("a", "de", "Versand", "Versandkosten Paket"),
                                       tagged("b", "de", "Rückgabe", "Rückgabe Paket"),
                                       tagged("c", "en", "Shipping parcel", "Parcel shipping costs"),
                                       tagged("c", "pl", "Wysyłka", "Koszty wysyłki paczki")});
  SearchRequest r;
  r.query = "parcel";
  r.languages = {"pl"};
  {
    Searcher s(dir.path());
    // German has the most articles: the English-only match is not searched.
    EXPECT_EQ(s.search(r).languages, (std::vector<std::string>{"pl", "de"}));
  }
  IndexSettings settings;
  settings.default_language = "en";
  IndexWriter::open(dir.path(), OpenMode::kOpen, settings).commit();
  EXPECT_EQ(index_settings(dir.path()).default_language, "en");
  Searcher s(dir.path());
  const SearchResults results = s.search(r);
  EXPECT_EQ(results.languages, (std::vector<std::string>{"pl", "en"}));
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(results.hits[0].lang, "pl");  // matched in English, served in Polish
  EXPECT_FALSE(results.hits[0].fallback);
  // Opening without a default language keeps the recorded one; a bad tag is refused.
  IndexWriter::open(dir.path()).commit();
  EXPECT_EQ(index_settings(dir.path()).default_language, "en");
  settings.default_language = "english";
  EXPECT_THROW(IndexWriter::open(dir.path(), OpenMode::kOpen, settings), InvalidArgument);
}

TEST(FallbackRanking, FallbacksRankByScoreNativeFirstOnATie) {
  ScratchDir dir;
  // A brand word both languages index alike: the same text scores the same in either. The
  // native article comes after the fallback in docid order (Xapian's order on a tie).
  testing::index_articles(
      dir.path(), {tagged("native-weak", "nb", "Om oss",
                          "Vi er en butikk i Oslo med mye tekst om butikken, og zorblax nevnes her en gang."),
                   tagged("english-only", "en", "Zorblax", "zorblax 2000"),
                   tagged("native-tie", "nb", "Zorblax", "zorblax 2000"),
                   tagged("native-tie", "en", "Delivery", "Delivery times"),
                   tagged("filler", "en", "About", "About us"), tagged("filler2", "en", "Contact", "Contact us")});
  SearchRequest r;
  r.query = "zorblax";
  r.languages = {"nb"};
  Searcher s(dir.path());
  const SearchResults results = s.search(r);
  ASSERT_EQ(results.hits.size(), 3u);
  EXPECT_EQ(results.hits[0].score, results.hits[1].score);
  // Same score: the native one first; the fallback matches far better than the weak native one.
  EXPECT_EQ(ids(results), (std::vector<std::string>{"native-tie", "english-only", "native-weak"}));
  EXPECT_TRUE(results.hits[1].fallback);
}

// A Zendesk export as help centers write it: lower-case regional locales, not every article
// translated. Imported and indexed through the CLI's path (read_articles + IndexBuilder).
TEST(ZendeskExport, RegionalLocalesAreFoundByLanguage) {
  ScratchDir dir;
  const auto export_file = dir.path() / "articles.json";
  {
    std::ofstream out(export_file);
    out << R"({"articles": [
      {"id": 1, "locale": "en-us", "title": "Where is my parcel", "body": "<p>Track the parcel.</p>", "section_id": 10},
      {"id": 1, "locale": "de", "title": "Wo ist mein Paket", "body": "<p>Paket verfolgen.</p>", "section_id": 10},
      {"id": 1, "locale": "nb", "title": "Hvor er pakken", "body": "<p>Spor pakken.</p>", "section_id": 10},
      {"id": 1, "locale": "pt-br", "title": "Onde está meu pacote", "body": "<p>Rastreie o pacote.</p>", "section_id": 10},
      {"id": 1, "locale": "zh-tw", "title": "我的包裹在哪裡", "body": "<p>追蹤包裹。</p>", "section_id": 10},
      {"id": 2, "locale": "en-us", "title": "Gift cards", "body": "<p>Gift cards never expire.</p>", "section_id": 20}
    ]})";
  }
  const auto db = dir.path() / "db";
  {
    IndexBuilder builder = IndexBuilder::create(db);
    read_articles(export_file, {}, [&](Article&& a, const SourceLocation&) { builder.add(std::move(a)); },
                  [](const ImportProblem& p) { ADD_FAILURE() << p.to_string(); });
    builder.finish();
  }
  Searcher s(db);
  struct Row {
    std::string lang, query, served;
  };
  for (const Row& row : std::initializer_list<Row>{{"en", "parcel", "en-US"},
                                                   {"de", "Paket", "de"},
                                                   {"nb", "pakken", "nb"},
                                                   {"pt", "pacote", "pt-BR"},
                                                   {"zh-Hant", "包裹", "zh-TW"}}) {
    SearchRequest r;
    r.query = row.query;
    r.languages = {row.lang};
    const SearchResults results = s.search(r);
    ASSERT_FALSE(results.hits.empty()) << row.lang;
    EXPECT_EQ(results.hits[0].id, "1") << row.lang;
    EXPECT_EQ(results.hits[0].lang, row.served) << row.lang;
    EXPECT_EQ(results.hits[0].section, "10") << row.lang;
  }
  // Untranslated: the gift card article falls back to English (the most articles) for a German
  // shopper.
  SearchRequest r;
  r.query = "gift cards";
  r.languages = {"de"};
  const SearchResults results = s.search(r);
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_TRUE(results.hits[0].fallback);
  EXPECT_EQ(results.hits[0].lang, "en-US");
}

// --- No leaks through translations, fallback, totals ----------------------------------------

/// Everything a caller sees of a search, as text.
std::string render(const SearchResults& results) {
  std::ostringstream out;
  out << "total " << results.total << " languages";
  for (const auto& l : results.languages) out << ' ' << l;
  out << '\n';
  for (const Hit& h : results.hits) {
    out << h.rank << ' ' << h.id << ' ' << h.lang << ' ' << h.fallback << ' ' << h.score << ' ' << h.title << " |";
    for (const auto& t : h.translations) out << ' ' << t;
    out << " | " << h.title_snippet.to_html() << " | " << h.snippet.to_html() << '\n';
  }
  const FacetCounts& f = results.facets;
  for (const auto* counts : {&f.category, &f.section, &f.tag, &f.lang}) {
    for (const auto& [value, count] : *counts) out << value << '=' << count << ' ';
    out << '\n';
  }
  out << f.exhaustive << '\n';
  if (results.did_you_mean) {
    out << "did you mean " << results.did_you_mean->query;
    for (const auto& r : results.did_you_mean->changed) out << ' ' << r.begin << '-' << r.end;
    out << '\n';
  }
  if (const auto& d = results.diagnosis) {
    out << "diagnosis " << to_string(d->reason) << ' ' << d->fallback_only;
    for (const auto& [lang, count] : d->other_languages) out << ' ' << lang << '=' << count;
    for (const auto& field : d->filters) out << ' ' << field;
    out << '\n';
  }
  return out.str();
}

/// Everything a caller sees of search-box suggestions, as text.
std::string render(const Suggestions& suggestions) {
  std::ostringstream out;
  for (const Completion& c : suggestions.completions) out << c.query << ' ' << c.articles << '\n';
  for (const Hit& h : suggestions.titles) out << h.id << ' ' << h.lang << ' ' << h.title_snippet.to_html() << '\n';
  return out.str();
}

/// The query log's line of a search, without its time (two searches never share it).
std::string log_line_without_time(const SearchRequest& request, const SearchResults& results) {
  nlohmann::json line = nlohmann::json::parse(QueryLog::line(request, results));
  line.erase("time");
  return line.dump();
}

/// `request` gives a public caller of `a` (restricted articles in it) and of `b` (none) the same
/// results and the same query log line, and the line names no restricted article.
void expect_same_search(Searcher& a, Searcher& b, const SearchRequest& request,
                        const std::vector<std::string>& restricted_ids) {
  const SearchResults results_a = a.search(request);
  const SearchResults results_b = b.search(request);
  const std::string trace = request.query + " " + std::to_string(request.languages.size()) + " " +
                            std::to_string(request.fallback) + " " + std::to_string(request.categories.size());
  EXPECT_EQ(render(results_a), render(results_b)) << trace;
  const std::string line = log_line_without_time(request, results_a);
  EXPECT_EQ(line, log_line_without_time(request, results_b)) << trace;
  for (const std::string& id : restricted_ids) {
    EXPECT_EQ(line.find('"' + id + '"'), std::string::npos) << trace << ": " << line;
  }
}

TEST(AudienceLeaks, APublicCallerSeesWhatAnIndexWithoutTheRestrictedArticlesShows) {
  const std::vector<Article> published = {
      tagged("track", "en", "Where is my parcel", "Track your parcel with the link."),
      tagged("track", "nb", "Hvor er pakken", "Spor pakken med lenken."),
      tagged("gift", "en", "Gift cards", "Gift cards for any parcel."),
      tagged("returns", "nb", "Retur", "Returner pakken innen 30 dager."),
  };
  const auto with_facets = [](std::vector<Article> articles, const std::string& category, const std::string& tag) {
    for (Article& a : articles) {
      a.category = category;
      a.section = category + "-section";
      a.tags = {tag, "shared"};
    }
    return articles;
  };
  // Restricted: a canary word, a translation of a public article in a language the public lacks
  // and in one it has, and enough articles in another language to be the "most articles" one.
  std::vector<Article> restricted = {
      tagged("canary", "en", "Zorblax override", "Agents only: zorblax parcel override.", "agents"),
      tagged("gift", "nb", "Gavekort", "Gavekort for pakken (agents).", "agents"),
      tagged("track", "de", "Wo ist mein Paket", "Paket parcel verfolgen.", "agents"),
  };
  for (int i = 0; i < 6; ++i) {
    restricted.push_back(tagged("pl" + std::to_string(i), "pl", "Paczka", "parcel paczka", "agents"));
  }
  // Facet values only restricted articles have, and ones public articles share.
  restricted = with_facets(restricted, "internal", "secret-tag");
  restricted[1].category = "public-cat";
  ScratchDir with;
  ScratchDir without;
  const std::vector<Article> shown = with_facets(published, "public-cat", "public-tag");
  std::vector<Article> all = shown;
  all.insert(all.end(), restricted.begin(), restricted.end());
  testing::index_articles(with.path(), all);
  testing::index_articles(without.path(), shown);
  Searcher a(with.path());
  Searcher b(without.path());
  const std::vector<std::string> restricted_ids = {"canary", "pl0", "pl1", "pl2", "pl3", "pl4", "pl5"};
  // The restricted article has no related list for a public caller, as if it did not exist.
  SearchRequest public_request;
  EXPECT_THROW((void)a.related("canary", public_request), InvalidArgument);
  // Typos and wrong-layout text of restricted words too: a correction, a diagnosis or a
  // suggestion must not name them either.
  for (const std::string query : {"parcel", "zorblax", "pakken", "gift", "paczka parcel", "Paket", "zorblx", "parcl",
                                  "zorb", "pa", "Pak", "gavekrt", "зфсрлф", "overide zorblax"}) {
    for (const std::vector<std::string>& languages :
         std::initializer_list<std::vector<std::string>>{{}, {"nb"}, {"en"}, {"de"}, {"pl"}, {"nn", "en"}}) {
      for (const bool fallback : {true, false}) {
        SearchRequest r;
        r.query = query;
        r.languages = languages;
        r.fallback = fallback;
        r.facets = true;
        expect_same_search(a, b, r, restricted_ids);
        r.categories = {"internal", "public-cat"};
        r.hit_languages = {"de", "en"};
        expect_same_search(a, b, r, restricted_ids);
        SuggestRequest suggest;
        suggest.text = query;
        suggest.languages = languages;
        EXPECT_EQ(render(a.suggest(suggest)), render(b.suggest(suggest))) << query << " suggest";
        for (const std::string id : {"track", "gift", "returns"}) {
          SearchResults related_a, related_b;
          related_a.hits = a.related(id, r).hits;
          related_b.hits = b.related(id, r).hits;
          EXPECT_EQ(render(related_a), render(related_b)) << id << " related";
        }
      }
    }
  }
}

}  // namespace
}  // namespace faqsearch
