// Turning an article into the Xapian document the index stores.
#pragma once

#include <xapian.h>

#include "faqsearch/analyzer.h"
#include "faqsearch/article.h"
#include "faqsearch/index.h"
#include "index/document_codec.h"
#include "index/word_pairs.h"

namespace faqsearch::detail {

/// The document for `article` (already validated and canonicalized): analyzed title and body
/// terms, with positions for the kinds that have them (schema.h has_positions; title terms with
/// wdf `settings.title_boost`), the words of its tags, section and category with their weights
/// and no positions, boolean filter terms, the stored article (encode_stored_article, compressed
/// with `compressor`) and value slots; with a `source`, its source term and source record
/// (index/source_record.h). Its word pairs, which are not terms, are returned in
/// `pairs` for the partition's pair frequencies (index/word_pairs.h). Throws Xapian::Error only
/// on allocation-level failures.
Xapian::Document build_document(Analyzer& analyzer, const Article& article, std::string_view source, const IndexSettings& settings,
                                RecordCompressor& compressor, PairSet& pairs);

/// The word pairs of document `did` of `db`, from its stored title and body analyzed again.
PairSet stored_pairs(Analyzer& analyzer, const Xapian::Database& db, Xapian::docid did,
                     RecordDecompressor& decompressor);

/// The unique term of an article within a partition.
std::string id_term(std::string_view id);

}  // namespace faqsearch::detail
