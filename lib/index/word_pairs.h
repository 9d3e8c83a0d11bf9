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
// So the index keeps only what the idf needs: per partition, each pair's document frequency, as
// user metadata in 4096 buckets by the top bits of a hash of the pair
// (kMetadataPairFrequencyPrefix + 3 hex digits). Whether an article has a pair, and how often,
// the search reads from the positions of its two words (search/pair_rerank.h), which the index
// holds anyway. The writer keeps the frequencies exact across upserts and removals, in the
// batch's transaction, analyzing a replaced article's stored text again to count its pairs out;
// a bulk build adds its segments' buckets up when it merges them.
//
// Hash collisions: 32 bits over the ~2.5M distinct pairs of a 25k-article partition merge the
// frequencies of ~700 pairs, harmlessly.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <xapian.h>

#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// The hash of a word pair's analyzed text ("top up"): FNV-1a (64 bits) then splitmix64's
/// finalizer, low 32 bits. Plain integer arithmetic, the same on every platform, as an on-disk
/// value must be.
std::uint32_t word_pair_hash(std::string_view pair);

/// One article's distinct pairs, as hashes, sorted.
using PairSet = std::vector<std::uint32_t>;

/// Adds the hashes of the pairs among `tokens` to `set` (in any order: see normalize_pair_set).
void add_pairs(const std::vector<Token>& tokens, PairSet& set);

/// Sorts `set` and drops repeated hashes: a document's pairs are collected as they come and put
/// in order once (inserting each in order was quadratic in the length of a huge document).
void normalize_pair_set(PairSet& set);

/// Document-frequency changes of one batch for one partition: (hash, +1 or -1) in the order the
/// documents came (a map per batch cost 4% of a bulk build's CPU); write_pair_frequencies sorts.
using PairFrequencyChanges = std::vector<std::pair<std::uint32_t, int>>;

/// Counts normalized `set` in (`sign` +1) or out (-1) of `changes`.
void count_pair_set(const PairSet& set, int sign, PairFrequencyChanges& changes);

/// Applies `changes` to the document-frequency buckets of `db`, inside the caller's transaction
/// (sorting `changes`). A count that would go below zero stays at zero: an article analyzed again
/// after its language's dictionary changed can count out a pair it was never counted in with,
/// and a frequency off by one only moves an idf a little.
void write_pair_frequencies(Xapian::WritableDatabase& db, PairFrequencyChanges& changes);

/// The number of documents of `partition` (one database, not a combination) holding the pair.
Xapian::doccount pair_frequency(const Xapian::Database& partition, std::uint32_t hash);

/// Whether `key` is a user-metadata key of the document-frequency buckets.
bool is_pair_frequency_key(std::string_view key);

/// One bucket of several databases summed (a bulk build merging its segments).
std::string merge_pair_frequency_buckets(std::span<const std::string> buckets);

}  // namespace faqsearch::detail
