// The on-disk schema: directory layout, term prefixes and value slots, in one place.
//
// Layout of an index directory:
//   faqsearch-index.json           manifest: schema and analysis versions, settings
//   write.lock                     held (flock) by the one IndexWriter
//   publish.lock                   flock: a writer's commit (exclusive) against searchers' opening
//                                  of partitions (shared): index/generation.h
//   journal.jsonl                  what a batch being committed replaces (undone if a writer died)
//   generation                     every partition's published revision, replaced after every
//                                  commit: searchers watch it
//   building                       present while an IndexBuilder builds the index
//   partitions/<audience>/<lang>/  one Xapian glass database per audience × language
//
// Term prefixes (Omega conventions): unprefixed terms are analyzed text; capital-letter prefixes
// are boolean terms that never collide with analyzed (case-folded) terms.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

inline constexpr std::string_view kManifestFile = "faqsearch-index.json";
inline constexpr std::string_view kLockFile = "write.lock";
inline constexpr std::string_view kPublishLockFile = "publish.lock";
inline constexpr std::string_view kJournalFile = "journal.jsonl";
/// Present from IndexBuilder::create until its finish() published the build: found with no
/// writer alive, it marks a build that was interrupted.
inline constexpr std::string_view kBuildingFile = "building";
/// Rewritten (new inode) after every commit, so a searcher notices a commit with one stat().
inline constexpr std::string_view kGenerationFile = "generation";
/// The shard's cluster generation (IndexWriter::set_cluster_generation), a decimal number; absent:
/// none. Stamps carry it to searchers (index/partition_stamp.h); writers repair stamps from it.
inline constexpr std::string_view kClusterGenerationFile = "cluster-generation";
inline constexpr std::string_view kPartitionsDir = "partitions";

inline constexpr std::string_view kPrefixId = "Q";         ///< unique: article id
inline constexpr std::string_view kPrefixLanguage = "L";   ///< language tag
inline constexpr std::string_view kPrefixTag = "K";        ///< tag (case-folded)
inline constexpr std::string_view kPrefixCategory = "XC";  ///< category (case-folded)
inline constexpr std::string_view kPrefixSection = "XS";   ///< section (case-folded)
/// The export an article came from (Syncer, IndexWriter::upsert's `source`), as given: a sync
/// lists and removes only its own source's articles, and a search can filter on it.
inline constexpr std::string_view kPrefixSource = "XO";

/// User-metadata key prefix of a partition's lemma table: key prefix + word → the dictionary's
/// lemma of that word (index/lemma_table.h).
inline constexpr std::string_view kMetadataLemmaPrefix = "lemma:";
/// Xapian user metadata: one key per distinct lemma of the lemma table (value "1"), so a writer
/// tells a new lemma from a known one with one lookup (index/lemma_table.h).
inline constexpr std::string_view kMetadataLemmaSetPrefix = "lemmaset:";
/// Xapian user metadata: the lemma set's version, a decimal counter bumped by each batch that
/// adds a lemma (index/lemma_table.h lemma_set_version).
inline constexpr std::string_view kMetadataLemmaVersion = "lemmaversion";
/// Xapian user metadata: the document frequencies of the partition's word pairs, one key per
/// bucket of hashes (index/word_pairs.h).
inline constexpr std::string_view kMetadataPairFrequencyPrefix = "pairdf:";

/// The user-metadata key of a key as Xapian::Compactor::resolve_duplicate_metadata receives it:
/// Xapian 1.4's glass compactor passes the postlist table's own key, which is the user's key
/// after the two bytes "\0\xc0". (Compared as given, the lemma-set version was never summed.)
inline std::string_view user_metadata_key(std::string_view compacted_key) {
  constexpr std::string_view kTablePrefix("\0\xc0", 2);
  return compacted_key.starts_with(kTablePrefix) ? compacted_key.substr(kTablePrefix.size()) : compacted_key;
}

inline constexpr unsigned kSlotUpdatedAt = 0;  ///< updated_at text, for sorting by recency
inline constexpr unsigned kSlotArticleId = 1;  ///< article id, for collapsing translations
// Slot 2 held the token-offset table up to schema 3, slot 3 the record without its body up to
// schema 5 (the document data held the whole record again, with the body).
/// The stored article (document_codec.h encode_stored_article): its record uncompressed, then its
/// body and token-offset table compressed. Xapian's document data is not used.
inline constexpr unsigned kSlotArticle = 4;
/// What facets count (search/facets.h): the article's language, category, section and tags as
/// written (document_codec.h encode_facet_values), small enough to read for every match.
inline constexpr unsigned kSlotFacets = 5;
/// The help-center signals ranking reads (document_codec.h encode_ranking_signals); absent for an
/// article without any.
inline constexpr unsigned kSlotSignals = 6;
/// Sort key of SearchSort::kPosition: the case-folded section, a zero byte, then the position
/// (Xapian::sortable_serialise), so a sort by it lists each section in its help-center order.
inline constexpr unsigned kSlotSectionPosition = 7;
/// What a sync compares (index/source_record.h): the article's source, the hash of its content
/// and its id, so a sync lists a source's articles from one value stream per partition, without
/// reading the stored articles.
inline constexpr unsigned kSlotSourceRecord = 8;
/// The title's distinct terms (index/title_terms.h encode_title_terms), what search-box title
/// suggestions match (search/title_index.h): reading them from one value stream per partition
/// costs a fraction of analyzing every title again, and no position list is read.
inline constexpr unsigned kSlotTitleTerms = 9;

/// Whether tokens of `kind` are indexed with positions: words, numbers and dictionary words (what
/// phrases are made of) and folded variants (so that a phrase typed without marks still matches
/// the text with them). CJK bigrams and unigrams, which share their position with a word, are
/// indexed without positions (the token-offset table names their terms, so snippets still find
/// them); word pairs are not terms at all (index/word_pairs.h); written forms add ranking, not phrase matching
/// (phrases match stems), and their positions cost an English index 9% more.
constexpr bool has_positions(TokenKind kind) {
  return kind != TokenKind::kBigram && kind != TokenKind::kUnigram && kind != TokenKind::kPair &&
         kind != TokenKind::kWrittenForm;
}

/// Whether the token-offset table stores tokens of `kind`, for snippets to highlight. Not word
/// pairs or written forms: the query builder marks neither (a pair's words and a written form's
/// stem are marked in their place). Written forms were a third of an English table's tokens, each
/// with its term spelled out. Not folded variants either: a variant has its word's bytes and
/// position, so a match on it marks its word (found through the variant's positions, or, in the
/// analysis path, as the token just before it); spelling the variants' terms out cost 5% of the
/// document data.
constexpr bool is_highlighted(TokenKind kind) {
  return kind != TokenKind::kPair && kind != TokenKind::kWrittenForm && kind != TokenKind::kFolded;
}

/// Gap between the title's and the body's word positions, so no phrase spans the two.
inline constexpr unsigned kBodyPositionGap = 100;

/// Longest id, tag or category accepted (Xapian caps a term at 245 bytes, prefix included).
inline constexpr std::size_t kMaxKeyBytes = 200;

/// Filter values (tags, categories) match case-insensitively for ASCII.
std::string fold_filter_value(std::string_view value);

/// Whether `name` can be a directory name of a partition (audience or language).
bool is_safe_partition_name(std::string_view name);

}  // namespace faqsearch::detail
