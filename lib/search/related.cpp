#include "search/related.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "analysis/utf8.h"
#include "index/document_builder.h"
#include "index/schema.h"

namespace faqsearch::detail {

namespace {

/// Analyzed terms only: no boolean term (capital prefix, schema.h) and no word pair (a space).
class AnalyzedTerms final : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z') && term.find(' ') == std::string::npos;
  }
};

/// The visible partition (index into plan.visible) and docid of the translation of `id` whose
/// terms make the query: the first of the plan's languages that has one, else any.
std::optional<std::pair<std::size_t, Xapian::docid>> source_translation(const SearchPlan& plan, const std::string& id) {
  const std::string term = id_term(id);
  std::optional<std::pair<std::size_t, Xapian::docid>> any;
  std::size_t best_rank = SIZE_MAX;
  for (std::size_t k = 0; k < plan.visible.size(); ++k) {
    const Xapian::Database& db = plan.visible_databases[k];
    const Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) continue;
    const auto at = std::find(plan.languages.begin(), plan.languages.end(), plan.visible[k]->lang);
    const auto rank = static_cast<std::size_t>(at - plan.languages.begin());
    if (!any || rank < best_rank) {
      any = {k, *it};
      best_rank = rank;
    }
  }
  return any;
}

/// The question the stored article answers, and the share of the article it leaves unsaid.
struct Question {
  std::string text;
  /// What the telling terms may add to it: all of the article for a title; for the first words
  /// of a body without one, the share of the body after them (none where they are all of it: a
  /// one-line article's telling terms are the question's words again, counted twice).
  double unsaid = 1;
};

/// The question the stored article answers: its title, else its body's first words; at most
/// kMaxQueryBytes, as a shopper's query is (a body written without spaces is one "word").
Question question_of(const std::string& stored, RecordDecompressor& decompressor) {
  const Article header = decode_stored_header(stored);
  Question question{header.title};
  std::string body;
  if (question.text.empty()) {
    body = decode_stored_body(stored, decompressor).body;
    std::istringstream words(body);
    std::string word;
    for (std::size_t n = 0; n < kQuestionWordsOfBody && question.text.size() <= kMaxQueryBytes && words >> word; ++n) {
      question.text += (n == 0 ? "" : " ") + word;
    }
  }
  if (question.text.size() > kMaxQueryBytes) question.text.resize(floor_char_boundary(question.text, kMaxQueryBytes));
  if (!body.empty()) {
    // In bytes other than spaces: a body written without spaces has them too, and the question
    // lacks the body's runs of spaces and line breaks.
    const auto letters = [](std::string_view text) {
      return static_cast<double>(std::count_if(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) == 0; }));
    };
    const double in_body = letters(body);
    question.unsaid = in_body == 0 ? 1.0 : std::max(0.0, 1.0 - letters(question.text) / in_body);
  }
  return question;
}

/// The article's most telling terms, OR-ed, each weighted by its share of the best one's
/// expansion weight (at most 1, the weight of a word of the question); their terms into
/// `highlighted`.
Xapian::Query telling_terms(const Xapian::Database& db, Xapian::docid article, double scale,
                            std::unordered_set<std::string>& highlighted) {
  Xapian::Enquire enquire(db);
  Xapian::RSet relevant;
  relevant.add_document(article);
  const AnalyzedTerms analyzed;
  const Xapian::ESet terms = enquire.get_eset(kRelatedTerms, relevant, &analyzed);
  if (terms.empty() || terms.begin().get_weight() <= 0) return {};
  const double best = terms.begin().get_weight();
  std::vector<Xapian::Query> weighted;
  for (auto it = terms.begin(); it != terms.end(); ++it) {
    weighted.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), scale * std::max(0.0, it.get_weight() / best));
    highlighted.insert(*it);
  }
  return {Xapian::Query::OP_OR, weighted.begin(), weighted.end()};
}

}  // namespace

std::optional<PlanQuery> related_query(Analyzer& analyzer, SynonymTable& synonyms, const SearchPlan& plan,
                                       const std::string& id, const SearchRequest& request,
                                       RecordDecompressor& decompressor) {
  const auto source = source_translation(plan, id);
  if (!source) return std::nullopt;
  const Xapian::Database& db = plan.visible_databases[source->first];
  const std::string& lang = plan.visible[source->first]->lang;
  SearchRequest as_question = request;
  const Question question = question_of(db.get_document(source->second).get_value(kSlotArticle), decompressor);
  as_question.query = question.text;
  as_question.typo_tolerance = false;
  as_question.prefix_last_word = false;
  // The question is read in its own language only: another language's reading of it is no
  // question of that language. Its terms, like the telling terms, match any translation.
  SearchPlan in_its_language = plan;
  in_its_language.languages = {lang};
  PlanQuery out = build_plan_query(analyzer, synonyms, as_question, in_its_language);
  const Xapian::Query telling =
      question.unsaid > 0 ? telling_terms(db, source->second, question.unsaid, out.terms_of_language[lang]) : Xapian::Query();
  if (out.text.empty() && telling.empty()) return out;
  // Neither part is filtered by language: two translations of one article may both match, and
  // one hit per article needs the collapse a search of many languages has.
  out.languages_with_words = std::max(out.languages_with_words, plan.languages.size());
  out.text = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, out.text, telling),
                           Xapian::Query(id_term(id)));
  // No word-pair rerank: measured, it ranks a related list no better on average and doubles
  // the cost of a call (docs/tuning.md, "Related articles").
  out.pairs.clear();
  out.language_of_database.assign(plan.partitions.size(), -1);
  apply_filters(out, request);
  return out;
}

}  // namespace faqsearch::detail
