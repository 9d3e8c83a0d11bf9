// What of Xapian's API faqsearch's search path uses works when one partition of a search is
// served by xapian-tcpsrv (Xapian's remote backend, issue #24, docs/cluster.md). A small index is
// built; its partitions are combined in one Xapian::Database twice: every one opened locally, and
// the same with one of them opened through Xapian::Remote::open. Each row of the table is one
// feature, used as the search path uses it (lib/search/ files named), and either gives the same
// answer through both combinations or is refused remotely with the exact error written in its
// row. Xapian 1.4.22 (Debian 12).
#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "faqsearch/analyzer.h"
#include "index/document_builder.h"
#include "index/document_codec.h"
#include "index/schema.h"
#include "remote_index.h"
#include "search/search_plan.h"

namespace faqsearch {
namespace {

using testing::any_of;
using testing::combine;
using testing::documents;
using testing::kServed;
using testing::ranked;
using testing::term_of;

/// What a probe reads: the search's partitions (one of them served remotely in the second
/// combination) and their combination.
struct Shards {
  const Xapian::Database& combined;
  const std::vector<Xapian::Database>& parts;
};

/// A match decider of the kind of search/translations.h ServedLanguageFilter: it reads values of
/// the document it is given.
class CategoryDecider final : public Xapian::MatchDecider {
 public:
  bool operator()(const Xapian::Document& doc) const override {
    return detail::decode_facet_values(doc.get_value(detail::kSlotFacets)).category == "Payments";
  }
};

/// A match spy of our own (not one of Xapian's registered ones).
class CountingSpy final : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document&, double) override { ++seen; }
  Xapian::doccount seen = 0;
};

/// Keeps unprefixed (analyzed) terms only, as search/related.cpp's AnalyzedTerms does.
class Unprefixed final : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override { return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z'); }
};

/// What a partial match (the first 5, at least 6 checked) says of the number of matches.
std::string estimates(const Xapian::Database& db, const Xapian::Query& query, bool by_value) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(detail::ranking_weight());
  if (by_value) enquire.set_sort_by_value_then_relevance(detail::kSlotUpdatedAt, true);
  const Xapian::MSet mset = enquire.get_mset(0, 5, 6);
  return "estimated " + std::to_string(mset.get_matches_estimated()) + " bounds " +
         std::to_string(mset.get_matches_lower_bound()) + "-" + std::to_string(mset.get_matches_upper_bound());
}

struct FeatureCase {
  const char* feature;
  const char* used_by;
  std::function<std::string(const Shards&)> probe;
  /// nullopt: works remotely (the same answer through both combinations); otherwise the error
  /// the combination with a remote partition throws, as "ErrorType: message".
  std::optional<std::string> remote_error;
  /// Works remotely with another answer: {the local answer, the remote one}.
  std::optional<std::pair<std::string, std::string>> differs = std::nullopt;
};

std::vector<FeatureCase> matcher_cases() {
  const std::string refund = term_of("refund", "en"), parcel = term_of("parcel", "en"), order = term_of("order", "en");
  const std::string card = term_of("card", "en"), erstattung = term_of("Erstattung", "de");
  const Xapian::Query words = any_of({refund, parcel, order, card, erstattung});
  return {
      {"BM25Weight with faqsearch's parameters", "rank_stage.cpp rank", [=](const Shards& s) { return ranked(s.combined, words); }, std::nullopt},
      {"set_collapse_key(kSlotArticleId)", "rank_stage.cpp rank",
       [=](const Shards& s) { return ranked(s.combined, words, [](Xapian::Enquire& e) { e.set_collapse_key(detail::kSlotArticleId); }); },
       std::nullopt},
      {"set_sort_by_value_then_relevance(kSlotUpdatedAt)", "rank_stage.cpp rank_by_value",
       [=](const Shards& s) {
         return ranked(s.combined, words, [](Xapian::Enquire& e) { e.set_sort_by_value_then_relevance(detail::kSlotUpdatedAt, true); });
       },
       std::nullopt},
      {"matches estimated and bounds, sort by value, first 5 (check_at_least 6)", "rank_stage.cpp rank_by_value",
       [=](const Shards& s) { return estimates(s.combined, words, true); }, std::nullopt},
      {"matches estimated and bounds, relevance, first 5 (check_at_least 6)", "rank_stage.cpp rank",
       [=](const Shards& s) { return estimates(s.combined, words, false); }, std::nullopt,
       std::pair<std::string, std::string>{"estimated 9 bounds 8-9", "estimated 9 bounds 9-9"}},
      {"MatchDecider", "translations.h ServedLanguageFilter (rank, facets)",
       [=](const Shards& s) {
         const CategoryDecider decider;
         return ranked(s.combined, words, {}, &decider);
       },
       "UnimplementedError: Xapian::MatchDecider not supported for the remote backend"},
      {"MatchSpy: ValueCountMatchSpy (Xapian's own)", "not used (facets.cpp counts without a spy)",
       [=](const Shards& s) {
         Xapian::ValueCountMatchSpy spy(detail::kSlotUpdatedAt);
         const std::string mset = ranked(s.combined, words, [&](Xapian::Enquire& e) { e.add_matchspy(&spy); });
         std::string out = mset + " seen=" + std::to_string(spy.get_total());
         for (auto it = spy.values_begin(); it != spy.values_end(); ++it) out += " " + *it + "=" + std::to_string(it.get_termfreq());
         return out;
       },
       std::nullopt},
      {"MatchSpy: a subclass of our own", "not used",
       [=](const Shards& s) {
         CountingSpy spy;
         const std::string mset = ranked(s.combined, words, [&](Xapian::Enquire& e) { e.add_matchspy(&spy); });
         return mset + " seen=" + std::to_string(spy.seen);
       },
       "UnimplementedError: MatchSpy not suitable for use with remote searches - name() method unimplemented"},
      {"OP_SYNONYM inside OP_SCALE_WEIGHT", "query_builder.cpp (typos, completions, synonyms)",
       [=](const Shards& s) {
         const Xapian::Query syn(Xapian::Query::OP_SYNONYM, Xapian::Query(refund), Xapian::Query(card));
         return ranked(s.combined, Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, syn, 0.7), Xapian::Query(parcel)));
       },
       std::nullopt},
      {"OP_WILDCARD", "not used (term_expansion.cpp expands through allterms)",
       [=](const Shards& s) { return ranked(s.combined, Xapian::Query(Xapian::Query::OP_WILDCARD, refund.substr(0, 3))); }, std::nullopt},
      {"OP_FILTER on a language term", "query_stage.cpp, diagnosis.cpp",
       [=](const Shards& s) {
         return ranked(s.combined, Xapian::Query(Xapian::Query::OP_FILTER, words, Xapian::Query(std::string(detail::kPrefixLanguage) + "en")));
       },
       std::nullopt},
      {"OP_PHRASE and OP_NEAR", "query_builder.cpp, did_you_mean.cpp",
       [=](const Shards& s) {
         const std::vector<std::string> pair = {term_of("order", "en"), term_of("page", "en")};
         return ranked(s.combined, Xapian::Query(Xapian::Query::OP_PHRASE, pair.begin(), pair.end(), 2)) + " | " +
                ranked(s.combined, Xapian::Query(Xapian::Query::OP_NEAR, pair.begin(), pair.end(), 4));
       },
       std::nullopt},
      {"get_eset(RSet, ExpandDecider)", "related.cpp related_query",
       [=](const Shards& s) {
         Xapian::Enquire enquire(s.combined);
         enquire.set_query(Xapian::Query(refund));
         Xapian::RSet relevant;
         relevant.add_document(*s.combined.postlist_begin(refund));
         const Unprefixed decider;
         std::string out;
         const Xapian::ESet eset = enquire.get_eset(10, relevant, &decider);
         for (auto it = eset.begin(); it != eset.end(); ++it) out += *it + " ";
         return out;
       },
       std::nullopt},
  };
}

std::string terms_from(Xapian::TermIterator it, const Xapian::TermIterator& end, bool with_frequency) {
  std::string out;
  for (; it != end; ++it) out += " " + *it + (with_frequency ? "/" + std::to_string(it.get_termfreq()) : "");
  return out;
}

/// Database-level reads: values, metadata, term and position lists, statistics.
std::vector<FeatureCase> database_cases() {
  const std::string refund = term_of("refund", "en"), parcel = term_of("parcel", "en");
  return {
      {"docid interleaving: search_plan.h database_of / combined_docid", "search_plan.h partition_of, translations.cpp",
       [](const Shards& s) {
         std::string out;
         for (const Xapian::docid did : documents(s.combined)) {
           const std::size_t k = detail::database_of(did, s.parts.size());
           const Xapian::docid local = (did - 1) / static_cast<Xapian::docid>(s.parts.size()) + 1;
           const std::string id = s.combined.get_document(did).get_value(detail::kSlotArticleId);
           const bool same = s.parts[k].get_document(local).get_value(detail::kSlotArticleId) == id &&
                             detail::combined_docid(local, k, s.parts.size()) == did;
           out += " " + std::to_string(did) + ":" + std::to_string(k) + ":" + id + (same ? "" : ":MISPLACED");
         }
         return out;
       },
       std::nullopt},
      {"get_document(did).get_value(kSlotArticle), decoded", "hit_assembly.cpp, rank_stage.cpp, searcher.cpp articles",
       [](const Shards& s) {
         std::string out;
         for (const Xapian::docid did : documents(s.combined)) {
           out += " " + detail::decode_stored_header(s.combined.get_document(did).get_value(detail::kSlotArticle)).title;
         }
         return out;
       },
       std::nullopt},
      {"valuestream_begin(kSlotFacets) with skip_to", "facets.cpp values_of",
       [](const Shards& s) {
         std::string out;
         Xapian::ValueIterator it = s.combined.valuestream_begin(detail::kSlotFacets);
         for (const Xapian::docid did : documents(s.combined)) {
           it.skip_to(did);
           if (it == s.combined.valuestream_end(detail::kSlotFacets)) break;
           out += " " + std::to_string(it.get_docid()) + ":" + detail::decode_facet_values(*it).category;
         }
         return out;
       },
       std::nullopt},
      {"get_lastdocid, get_doccount, get_avlength", "search_plan.cpp, pair_rerank.cpp",
       [](const Shards& s) {
         return std::to_string(s.combined.get_lastdocid()) + " " + std::to_string(s.parts[kServed].get_lastdocid()) + " " +
                std::to_string(s.combined.get_doccount()) + " " + std::to_string(s.combined.get_avlength());
       },
       std::nullopt},
      {"get_termfreq, get_collection_freq, get_doclength", "did_you_mean.cpp, pair_rerank.cpp",
       [=](const Shards& s) {
         std::string out = std::to_string(s.combined.get_termfreq(refund)) + " " + std::to_string(s.combined.get_collection_freq(refund));
         for (const Xapian::docid did : documents(s.combined)) out += " " + std::to_string(s.combined.get_doclength(did));
         return out;
       },
       std::nullopt},
      {"metadata_keys_begin / get_metadata on the partition", "term_expansion.cpp, lemma_table.cpp, word_pairs.cpp",
       [](const Shards& s) {
         const Xapian::Database& db = s.parts[kServed];
         std::string out = "lemmaversion=" + db.get_metadata(std::string(detail::kMetadataLemmaVersion));
         const std::string prefix(detail::kMetadataPairFrequencyPrefix);
         for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
           out += " " + *it + "=" + std::to_string(db.get_metadata(*it).size());
         }
         return out;
       },
       std::nullopt},
      {"get_metadata of a combination (Xapian reads its first database's only)", "not used (each partition's is read)",
       [](const Shards& s) {
         Xapian::Database served_first;
         served_first.add_database(s.parts[kServed]);
         served_first.add_database(s.parts[0]);
         const std::string prefix(detail::kMetadataPairFrequencyPrefix);
         std::string out;
         for (auto it = served_first.metadata_keys_begin(prefix); it != served_first.metadata_keys_end(prefix); ++it) {
           out += " " + *it + "=" + std::to_string(served_first.get_metadata(*it).size());
         }
         return out;
       },
       std::nullopt},
      {"allterms_begin(prefix) with get_termfreq", "term_expansion.cpp, suggest.cpp",
       [=](const Shards& s) {
         const std::string prefix = refund.substr(0, 2);
         return terms_from(s.parts[kServed].allterms_begin(prefix), s.parts[kServed].allterms_end(prefix), true) + " |" +
                terms_from(s.combined.allterms_begin(prefix), s.combined.allterms_end(prefix), true);
       },
       std::nullopt},
      {"termlist_begin(did)", "did_you_mean_check.cpp",
       [](const Shards& s) {
         std::string out;
         for (const Xapian::docid did : documents(s.combined)) {
           out += terms_from(s.combined.termlist_begin(did), s.combined.termlist_end(did), false) + " |";
         }
         return out;
       },
       std::nullopt},
      {"positionlist_begin(did, term)", "pair_rerank.cpp, snippet.cpp",
       [=](const Shards& s) {
         std::string out;
         for (auto it = s.combined.postlist_begin(parcel); it != s.combined.postlist_end(parcel); ++it) {
           out += " " + std::to_string(*it) + ":";
           for (auto p = s.combined.positionlist_begin(*it, parcel); p != s.combined.positionlist_end(*it, parcel); ++p) {
             out += std::to_string(*p) + ",";
           }
         }
         return out;
       },
       std::nullopt},
      {"postlist_begin(id term), term_exists", "translations.cpp, searcher.cpp articles",
       [](const Shards& s) {
         const std::string term = detail::id_term("refund-time");
         std::string out = s.combined.term_exists(term) ? "exists" : "absent";
         for (auto it = s.combined.postlist_begin(term); it != s.combined.postlist_end(term); ++it) out += " " + std::to_string(*it);
         return out;
       },
       std::nullopt},
      {"get_uuid of the partition", "generation.cpp matches / describe (index_snapshot.cpp)",
       [](const Shards& s) { return "uuid " + s.parts[kServed].get_uuid(); }, std::nullopt},
      {"get_revision of the partition", "generation.cpp matches / describe (index_snapshot.cpp)",
       [](const Shards& s) { return "revision " + std::to_string(s.parts[kServed].get_revision()); },
       "UnimplementedError: This backend doesn't provide access to revision information"},
  };
}

/// The answer of `probe`, or the error it threw as "Type: message".
std::string outcome(const std::function<std::string(const Shards&)>& probe, const Shards& shards, bool& threw) {
  try {
    threw = false;
    return probe(shards);
  } catch (const Xapian::Error& e) {
    threw = true;
    return e.get_type() + std::string(": ") + e.get_msg();
  }
}

class RemoteBackendTest : public testing::RemoteIndexTest {
 protected:
  void expect_as_recorded(const std::vector<FeatureCase>& cases) {
    const std::vector<Xapian::Database> local = parts(false), mixed = parts(true);
    const Xapian::Database local_combined = combine(local), mixed_combined = combine(mixed);
    for (const FeatureCase& c : cases) {
      SCOPED_TRACE(std::string(c.feature) + " (" + c.used_by + ")");
      bool threw = false;
      const std::string expected = outcome(c.probe, {local_combined, local}, threw);
      ASSERT_FALSE(threw) << expected;
      ASSERT_NE(expected.find(' '), std::string::npos) << "the probe found nothing to compare: " << expected;
      EXPECT_EQ(expected.find("MISPLACED"), std::string::npos) << expected;
      if (std::getenv("FAQSEARCH_SHOW_PROBES") != nullptr) std::printf("%s: %s\n", c.feature, expected.c_str());
      const std::string got = outcome(c.probe, {mixed_combined, mixed}, threw);
      if (c.remote_error) {
        EXPECT_TRUE(threw) << "now works remotely: " << got;
        EXPECT_EQ(got, *c.remote_error);
      } else if (c.differs) {
        EXPECT_EQ(expected, c.differs->first);
        EXPECT_EQ(got, c.differs->second);
      } else {
        EXPECT_FALSE(threw) << got;
        EXPECT_EQ(got, expected);
      }
    }
  }
};

TEST_F(RemoteBackendTest, MatcherFeaturesWorkRemotelyOrAreRefusedAsRecorded) { expect_as_recorded(matcher_cases()); }

TEST_F(RemoteBackendTest, DatabaseReadsWorkRemotelyOrAreRefusedAsRecorded) { expect_as_recorded(database_cases()); }

}  // namespace
}  // namespace faqsearch
