#include "index/word_pairs.h"

#include <algorithm>
#include <optional>

#include "faqsearch/error.h"
#include "index/schema.h"
#include "util/varint.h"

namespace faqsearch::detail {
namespace {

// Buckets by the top 12 bits of the hash: at 2.5M pairs a bucket holds ~600 entries (~2 KB),
// decoded in about a microsecond per query pair; a small help center's buckets hold a few each.
constexpr unsigned kBucketBits = 12;
constexpr unsigned kLowBits = 32 - kBucketBits;
constexpr std::uint32_t kLowMask = (1U << kLowBits) - 1;

[[noreturn]] void corrupt(const char* what) {
  throw IndexCorrupt(std::string(what) + " is truncated or malformed; rebuild the index");
}

std::uint64_t get_varint(std::string_view data, std::size_t& pos, const char* what) {
  const std::optional<std::uint64_t> v = detail::get_varint(data, pos);
  if (!v) corrupt(what);
  return *v;
}

constexpr const char* kBucketName = "word-pair frequency table";

std::string bucket_key(std::uint32_t bucket) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key(kMetadataPairFrequencyPrefix);
  key += kHex[(bucket >> 8) & 15];
  key += kHex[(bucket >> 4) & 15];
  key += kHex[bucket & 15];
  return key;
}

/// A bucket: (low bits of the hash, document frequency), sorted. Stored as one varint per entry,
/// the gap from the previous entry's low bits shifted left by one, its low bit set when a varint
/// of the frequency minus 2 follows: most pairs have one article, and theirs costs nothing
/// (2.2 bytes an entry instead of 3 at 100k generated articles).
using Bucket = std::vector<std::pair<std::uint32_t, std::uint64_t>>;

Bucket decode_bucket(std::string_view tag) {
  Bucket out;
  std::size_t pos = 0;
  std::uint64_t low = 0;
  while (pos < tag.size()) {
    const std::uint64_t head = get_varint(tag, pos, kBucketName);
    const std::uint64_t gap = head >> 1;
    if (!out.empty() && gap == 0) corrupt(kBucketName);
    low += gap;
    const std::uint64_t count = (head & 1) ? get_varint(tag, pos, kBucketName) + 2 : 1;
    if (low > kLowMask) corrupt(kBucketName);
    out.emplace_back(static_cast<std::uint32_t>(low), count);
  }
  return out;
}

std::string encode_bucket(const Bucket& bucket) {
  std::string out;
  std::uint32_t previous = 0;
  for (const auto& [low, count] : bucket) {
    if (count == 0) continue;
    const std::uint64_t gap = low - previous;
    put_varint(out, (gap << 1) | (count > 1 ? 1 : 0));
    if (count > 1) put_varint(out, count - 2);
    previous = low;
  }
  return out;
}

}  // namespace

std::uint32_t word_pair_hash(std::string_view pair) {
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
  return static_cast<std::uint32_t>(h);
}

void add_pairs(const std::vector<Token>& tokens, PairSet& set) {
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kPair) set.push_back(word_pair_hash(t.term));
  }
}

void normalize_pair_set(PairSet& set) {
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
}

void count_pair_set(const PairSet& set, int sign, PairFrequencyChanges& changes) {
  for (const std::uint32_t hash : set) changes.emplace_back(hash, sign);
}

void write_pair_frequencies(Xapian::WritableDatabase& db, PairFrequencyChanges& changes) {
  std::sort(changes.begin(), changes.end());
  auto it = changes.begin();
  while (it != changes.end()) {
    const std::uint32_t bucket_id = it->first >> kLowBits;
    const std::string key = bucket_key(bucket_id);
    const Bucket bucket = decode_bucket(db.get_metadata(key));
    Bucket merged;
    merged.reserve(bucket.size() + 8);
    auto old = bucket.begin();
    bool changed = false;
    while (it != changes.end() && (it->first >> kLowBits) == bucket_id) {
      const std::uint32_t hash = it->first;
      long long change = 0;
      for (; it != changes.end() && it->first == hash; ++it) change += it->second;
      if (change == 0) continue;
      const std::uint32_t low = hash & kLowMask;
      while (old != bucket.end() && old->first < low) merged.push_back(*old++);
      long long count = change;
      if (old != bucket.end() && old->first == low) count += static_cast<long long>((old++)->second);
      if (count > 0) merged.emplace_back(low, static_cast<std::uint64_t>(count));
      changed = true;
    }
    if (!changed) continue;
    merged.insert(merged.end(), old, bucket.end());
    db.set_metadata(key, encode_bucket(merged));  // empty: Xapian removes the key
  }
}

Xapian::doccount pair_frequency(const Xapian::Database& partition, std::uint32_t hash) {
  const std::uint32_t low = hash & kLowMask;
  for (const auto& [at, count] : decode_bucket(partition.get_metadata(bucket_key(hash >> kLowBits)))) {
    if (at == low) return static_cast<Xapian::doccount>(count);
    if (at > low) break;
  }
  return 0;
}

bool is_pair_frequency_key(std::string_view key) { return key.starts_with(kMetadataPairFrequencyPrefix); }

std::string merge_pair_frequency_buckets(std::span<const std::string> buckets) {
  std::map<std::uint32_t, std::uint64_t> sum;
  for (const std::string& bucket : buckets) {
    for (const auto& [low, n] : decode_bucket(bucket)) sum[low] += n;
  }
  return encode_bucket(Bucket(sum.begin(), sum.end()));
}

}  // namespace faqsearch::detail
