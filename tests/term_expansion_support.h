// What the typo-tolerance and as-you-type tests share (term_expansion_test.cpp,
// term_expansion_scripts_test.cpp): an index of a few articles, and the query one partition's
// vocabulary builds from a text.
#pragma once

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "index/schema.h"
#include "index/word_pairs.h"
#include "search/query_builder.h"
#include "test_support.h"

namespace faqsearch::testing {

/// One index: public articles in English and Norwegian, plus an agents-only article whose words
/// ("chargeback", "goodwill") nobody else uses.
class ExpansionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexWriter w = IndexWriter::open(dir_.path());
    w.upsert(testing::article("confirmation", "en", "No confirmation email", "Check the spam folder for the confirmation email."));
    w.upsert(testing::article("underwear", "en", "Can I return underwear?", "Underwear can be returned unopened."));
    w.upsert(testing::article("address", "nb", "Endre leveringsadresse", "Du kan endre leveringsadressen før pakken sendes."));
    w.upsert(testing::article("declined", "pl", "Płatność odrzucona", "Bank odrzucił płatność kartą."));
    w.upsert(testing::article("methods", "pl", "Metody płatności", "Płatność kartą, płatność BLIK albo płatność przelewem."));
    Article hidden = testing::article("goodwill", "en", "Goodwill chargeback policy", "Chargeback handling for agents.");
    hidden.audience = "agents";
    w.upsert(hidden);
    w.commit();
  }

  /// The ids of the hits for `text` in `lang`, with typo tolerance and as-you-type as given.
  std::vector<std::string> top_ids(const std::string& text, const std::string& lang, bool typos = true,
                                   bool prefix = true, std::vector<std::string> audiences = {"public"}) {
    Searcher s(dir_.path());
    SearchRequest r;
    r.query = text;
    r.languages = {lang};
    r.audiences = std::move(audiences);
    r.typo_tolerance = typos;
    r.prefix_last_word = prefix;
    std::vector<std::string> out;
    for (const auto& h : s.search(r).hits) out.push_back(h.id);
    return out;
  }

  testing::ScratchDir dir_;
};

/// The Xapian query of `text` against the vocabulary of one public partition, as a string.
inline std::string query_description(const std::filesystem::path& index, const std::string& text, const std::string& lang) {
  const Xapian::Database db((index / std::string(detail::kPartitionsDir) / "public" / lang).string());
  Analyzer analyzer;
  detail::QueryExpansion expansion;
  expansion.vocabulary = &db;
  return detail::build_text_query(analyzer, text, lang, expansion).query.get_description();
}

/// The word pairs of `text`'s query against the vocabulary of one public partition.
inline std::vector<detail::QueryPair> query_pairs(const std::filesystem::path& index, const std::string& text,
                                                  const std::string& lang) {
  const Xapian::Database db((index / std::string(detail::kPartitionsDir) / "public" / lang).string());
  Analyzer analyzer;
  detail::QueryExpansion expansion;
  expansion.vocabulary = &db;
  return detail::build_text_query(analyzer, text, lang, expansion).pairs;
}

/// How many of `pairs` look for the pair `text` (alone or among alternatives).
inline std::size_t count_pair(const std::vector<detail::QueryPair>& pairs, std::string_view text) {
  const std::uint32_t hash = detail::word_pair_hash(text);
  return static_cast<std::size_t>(std::count_if(pairs.begin(), pairs.end(), [&](const detail::QueryPair& p) {
    return std::find(p.hashes.begin(), p.hashes.end(), hash) != p.hashes.end();
  }));
}

}  // namespace faqsearch::testing
