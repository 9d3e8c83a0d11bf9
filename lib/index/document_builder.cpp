// Turning an article into the Xapian document a partition stores (document_builder.h), and
// reading a stored article's word pairs back when a commit replaces or deletes it. Separate from
// the writer: what a document holds is the schema's business (schema.h), not the commit's.
#include "index/document_builder.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

#include "faqsearch/analyzer.h"
#include "faqsearch/article.h"
#include "index/document_codec.h"
#include "index/schema.h"
#include "index/source_record.h"
#include "index/title_terms.h"
#include "index/word_pairs.h"

namespace faqsearch::detail {

std::string id_term(std::string_view id) {
  std::string term(kPrefixId);
  term += id;
  return term;
}

namespace {

/// Words of a short field (tags, section or category name) as text, without positions (no phrase
/// or pair is matched across a list of labels), each occurrence weighing `weight`.
void add_field_words(Xapian::Document& doc, Analyzer& analyzer, std::string_view text, std::string_view lang,
                     unsigned weight) {
  if (weight == 0 || text.empty()) return;
  for (const Token& t : analyzer.analyze(text, lang)) {
    if (t.kind != TokenKind::kPair) doc.add_term(t.term, weight);
  }
}

/// The sort key of SearchSort::kPosition (schema.h kSlotSectionPosition).
std::string section_position_key(const Article& a) {
  std::string key = fold_filter_value(a.section);
  key.push_back('\0');
  key += Xapian::sortable_serialise(static_cast<double>(a.position));
  return key;
}

}  // namespace

Xapian::Document build_document(Analyzer& analyzer, const Article& a, std::string_view source, const IndexSettings& settings,
                                RecordCompressor& compressor, PairSet& pairs) {
  const unsigned title_boost = settings.title_boost;
  Xapian::Document doc;
  pairs.clear();
  doc.add_boolean_term(id_term(a.id));
  doc.add_boolean_term(std::string(kPrefixLanguage) + a.lang);
  for (const auto& tag : a.tags) {
    if (!tag.empty()) doc.add_boolean_term(std::string(kPrefixTag) + fold_filter_value(tag));
  }
  if (!a.category.empty()) {
    doc.add_boolean_term(std::string(kPrefixCategory) + fold_filter_value(a.category));
  }
  if (!a.section.empty()) {
    doc.add_boolean_term(std::string(kPrefixSection) + fold_filter_value(a.section));
  }
  doc.add_value(kSlotFacets, encode_facet_values(a));
  doc.add_value(kSlotUpdatedAt, a.updated_at);
  doc.add_value(kSlotArticleId, a.id);
  doc.add_value(kSlotSectionPosition, section_position_key(a));
  if (std::string signals = encode_ranking_signals(a); !signals.empty()) doc.add_value(kSlotSignals, signals);
  if (!source.empty()) {
    doc.add_boolean_term(source_term(source));
    doc.add_value(kSlotSourceRecord, encode_source_record({std::string(source), content_hash(a), a.id}));
  }

  // Positions start at 1; the body starts well after the title so no phrase spans both. Only the
  // kinds phrases are matched on get positions (schema.h has_positions); CJK n-grams and word
  // pairs are not terms at all (n-gram positions were 16% of the position table at 10k generated
  // articles). Snippets find the n-grams through their terms in the token-offset table.
  Xapian::termpos body_start = 1;
  const std::vector<Token> title = analyzer.analyze(a.title, a.lang);
  for (const Token& t : title) {
    if (t.kind == TokenKind::kPair) continue;  // add_pairs, below
    if (!has_positions(t.kind)) {
      doc.add_term(t.term, title_boost);
      continue;
    }
    doc.add_posting(t.term, t.position + 1, title_boost);
    body_start = std::max<Xapian::termpos>(body_start, t.position + 1);
  }
  body_start += kBodyPositionGap;
  if (std::string terms = encode_title_terms(title); !terms.empty()) doc.add_value(kSlotTitleTerms, terms);
  const std::vector<Token> body = analyzer.analyze(a.body, a.lang);
  for (const Token& t : body) {
    if (t.kind == TokenKind::kPair) {
      continue;
    } else if (has_positions(t.kind)) {
      doc.add_posting(t.term, body_start + t.position, 1);
    } else {
      doc.add_term(t.term, 1);
    }
  }
  for (const auto& tag : a.tags) add_field_words(doc, analyzer, tag, a.lang, settings.tags_weight);
  add_field_words(doc, analyzer, a.section, a.lang, settings.section_weight);
  add_field_words(doc, analyzer, a.category, a.lang, settings.category_weight);
  add_pairs(title, pairs);
  add_pairs(body, pairs);
  normalize_pair_set(pairs);
  // Where each token lies, so snippets need no analysis at query time (the table keeps only the
  // tokens a snippet can highlight).
  doc.add_value(kSlotArticle, encode_stored_article(a, heading_words(title, body),
                                                    encode_token_offsets(a.title, title, 1, a.body, body, body_start),
                                                    compressor));
  return doc;
}

PairSet stored_pairs(Analyzer& analyzer, const Xapian::Database& db, Xapian::docid did,
                     RecordDecompressor& decompressor) {
  const std::string stored = db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(kSlotArticle);
  const Article header = decode_stored_header(stored);
  const DocumentData data = decode_stored_body(stored, decompressor);
  PairSet pairs;
  add_pairs(analyzer.analyze(header.title, header.lang), pairs);
  add_pairs(analyzer.analyze(data.body, header.lang), pairs);
  normalize_pair_set(pairs);
  return pairs;
}

}  // namespace faqsearch::detail
