// The on-disk schema: directory layout, term prefixes and value slots, in one place.
//
// Layout of an index directory:
//   faqsearch-index.json           manifest: schema and analysis versions, settings
//   write.lock                     held (flock) by the one IndexWriter
//   journal.jsonl                  a batch being committed (replayed if a writer died)
//   generation                     replaced after every commit: searchers watch it
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
inline constexpr std::string_view kJournalFile = "journal.jsonl";
/// Rewritten (new inode) after every commit, so a searcher notices a commit with one stat().
inline constexpr std::string_view kGenerationFile = "generation";
inline constexpr std::string_view kPartitionsDir = "partitions";

inline constexpr std::string_view kPrefixId = "Q";         ///< unique: article id
inline constexpr std::string_view kPrefixLanguage = "L";   ///< language tag
inline constexpr std::string_view kPrefixTag = "K";        ///< tag (case-folded)
inline constexpr std::string_view kPrefixCategory = "XC";  ///< category (case-folded)
/// Word pair (TokenKind::kPair, "top up"), as a hash (word_pair_term). Not a boolean term: it is
/// weighted like text. The prefix keeps pairs out of the term ranges that typo correction and
/// completion scan: pairs outnumber words four to one (Polish at 10k articles: 288k of 361k
/// terms) and shared the first word's letters, so without it a scan for "ni…" read mostly "nie …"
/// pairs and stopped at its cap before reaching the words it was looking for.
inline constexpr std::string_view kPrefixWordPair = "P";

/// User-metadata key prefix of a partition's lemma table: key prefix + word → the dictionary's
/// lemma of that word (index/lemma_table.h).
inline constexpr std::string_view kMetadataLemmaPrefix = "lemma:";
/// Xapian user metadata: one key per distinct lemma of the lemma table (value "1"), so a writer
/// tells a new lemma from a known one with one lookup (index/lemma_table.h).
inline constexpr std::string_view kMetadataLemmaSetPrefix = "lemmaset:";
/// Xapian user metadata: the lemma set's version, a decimal counter bumped by each batch that
/// adds a lemma (index/lemma_table.h lemma_set_version).
inline constexpr std::string_view kMetadataLemmaVersion = "lemmaversion";

inline constexpr unsigned kSlotUpdatedAt = 0;  ///< updated_at text, for sorting by recency
inline constexpr unsigned kSlotArticleId = 1;  ///< article id, for collapsing translations
// Slot 2 held the token-offset table up to schema 3; it now travels in the document data
// (encode_document_data), which a hit with snippets reads anyway.
/// The article record without its body (encode_article with an empty body): what a hit needs
/// when no snippet is asked for. The document data holds the body and must be decompressed, so
/// reading it per hit cost most of a query; a value is stored uncompressed and alone.
inline constexpr unsigned kSlotHitHeader = 3;

/// Whether tokens of `kind` are indexed with positions: words, numbers and dictionary words (what
/// phrases are made of) and folded variants (so that a phrase typed without marks still matches
/// the text with them). CJK bigrams and unigrams, which share their position with a word, are
/// indexed without positions (the token-offset table names their terms, so snippets still find
/// them); word pairs are matched, never placed; written forms add ranking, not phrase matching
/// (phrases match stems), and their positions cost an English index 9% more.
constexpr bool has_positions(TokenKind kind) {
  return kind != TokenKind::kBigram && kind != TokenKind::kUnigram && kind != TokenKind::kPair &&
         kind != TokenKind::kWrittenForm;
}

/// Whether a snippet can highlight tokens of `kind`, so that the token-offset table stores them.
/// Not word pairs or written forms: the query builder marks neither (a pair's words and a written
/// form's stem are marked in their place). Written forms were a third of an English table's
/// tokens, each with its term spelled out.
constexpr bool is_highlighted(TokenKind kind) {
  return kind != TokenKind::kPair && kind != TokenKind::kWrittenForm;
}

/// Gap between the title's and the body's word positions, so no phrase spans the two.
inline constexpr unsigned kBodyPositionGap = 100;

/// Longest id, tag or category accepted (Xapian caps a term at 245 bytes, prefix included).
inline constexpr std::size_t kMaxKeyBytes = 200;

/// The Xapian term of a word pair's analyzed text: kPrefixWordPair and 48 bits of a hash of the
/// text, as 8 base64url characters ("top up" → "P" + 8 characters).
///
/// Why a hash: pairs are the index's largest cost. Most are unique (85% of an English partition's
/// 2.45M pair terms at 100k generated articles have one document), and each unique term is a
/// B-tree entry of its own whose key is the term. Hashed keys made a 12.5k-article index 8%
/// smaller (165.4 → 151.9 MiB, postlist 77.4 → 62.6) with the same terms matched. Nothing reads a
/// pair back from the index; queries hash the pairs they look up the same way. Collisions: with
/// 2.6M pairs in a partition, ~0.01 expected, and one would only merge two pairs' statistics.
/// The hash is FNV-1a (64 bits) over the bytes, then splitmix64's finalizer for even bits: plain
/// integer arithmetic, the same on every platform, as an on-disk term must be.
inline std::string word_pair_term(std::string_view pair) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : pair) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  static constexpr std::string_view kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string term(kPrefixWordPair);
  for (int i = 0; i < 8; ++i, h >>= 6) term += kDigits[h & 63];
  return term;
}

/// The Xapian term of a token: its text, under kPrefixWordPair for a word pair. Index and query
/// building both go through here.
inline std::string index_term(const Token& t) {
  return t.kind == TokenKind::kPair ? word_pair_term(t.term) : t.term;
}

/// Filter values (tags, categories) match case-insensitively for ASCII.
std::string fold_filter_value(std::string_view value);

/// Whether `name` can be a directory name of a partition (audience or language).
bool is_safe_partition_name(std::string_view name);

}  // namespace faqsearch::detail
