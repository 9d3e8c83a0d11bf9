// Word pairs (TokenKind::kPair) outside the inverted index.
//
// A pair ("top up") ranks the articles that have two query words side by side above those that
// have them apart, with the pair's own idf: a collocation of common words can be rare. Pairs used
// to be Xapian terms, and they were the index's largest cost: at 100k generated articles 36% of
// the index (401 MiB, mostly single-document terms) and 29% of the indexing CPU. But a pair only
// ever reorders articles that already match its words: scoring the pairs of the top 30 articles
// of the words-only ranking, with exact pair statistics, gave the same MRR@10 on every public set
// as matching them over the whole index (largest change +0.0003; top 10 alone: within 0.0007).
//
// So a pair is stored twice, compactly, and never as a term:
//   - per article, value slot kSlotWordPairs: the set of its pairs' 32-bit hashes with their
//     within-document frequency (encode_pair_set), read for the few articles being reranked;
//   - per partition, user metadata: each pair's document frequency, in 4096 buckets by the top
//     bits of the hash (kMetadataPairFrequencyPrefix + 3 hex digits), read per query pair. The
//     writer keeps it exact across upserts and removals, in the batch's transaction; a bulk build
//     adds its segments' buckets up when it merges them.
//
// Hash collisions: 32 bits over the ~2.5M distinct pairs of a 25k-article partition merge the
// statistics of ~700 pairs, harmlessly; within one article's ~100 pairs, practically never.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <xapian.h>

namespace faqsearch::detail {

/// The hash of a word pair's analyzed text ("top up"): FNV-1a (64 bits) then splitmix64's
/// finalizer, low 32 bits. Plain integer arithmetic, the same on every platform, as an on-disk
/// value must be.
std::uint32_t word_pair_hash(std::string_view pair);

/// One article's pairs: (hash, within-document frequency), sorted by hash, hashes unique.
using PairSet = std::vector<std::pair<std::uint32_t, Xapian::termcount>>;

/// Sorts `set` by hash and merges repeated hashes, adding their frequencies: a document's pairs
/// are collected as they come and put in order once (inserting each in order was quadratic in
/// the length of a huge document).
void normalize_pair_set(PairSet& set);

/// The value-slot form of a pair set: varint hash gaps, each shifted left by one with the low
/// bit set when a varint frequency follows (frequency 1, most pairs, costs nothing).
std::string encode_pair_set(const PairSet& set);

/// Decodes encode_pair_set's output. Throws IndexCorrupt on malformed data.
PairSet decode_pair_set(std::string_view encoded);

/// Document-frequency changes of one batch for one partition: (hash, +1 or -1) in the order the
/// documents came (a map per batch cost 4% of a bulk build's CPU); write_pair_frequencies sorts.
using PairFrequencyChanges = std::vector<std::pair<std::uint32_t, int>>;

/// Counts normalized `set` in (`sign` +1) or out (-1) of `changes`: each pair once, whatever its
/// frequency.
void count_pair_set(const PairSet& set, int sign, PairFrequencyChanges& changes);

/// Applies `changes` to the document-frequency buckets of `db`, inside the caller's transaction
/// (sorting `changes`). Throws IndexCorrupt if a count would go below zero (the buckets and
/// documents disagree).
void write_pair_frequencies(Xapian::WritableDatabase& db, PairFrequencyChanges& changes);

/// The number of documents of `partition` (one database, not a combination) holding the pair.
Xapian::doccount pair_frequency(const Xapian::Database& partition, std::uint32_t hash);

/// Whether `key` is a user-metadata key of the document-frequency buckets.
bool is_pair_frequency_key(std::string_view key);

/// One bucket of several databases summed (a bulk build merging its segments).
std::string merge_pair_frequency_buckets(const std::string tags[], std::size_t count);

}  // namespace faqsearch::detail
