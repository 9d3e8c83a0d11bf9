// Sharding an index: which shard holds an article (docs/cluster.md).
//
// A sharded index is several indexes, each written by its own writer, searched as one through a
// cluster file. Every writer must agree on where an article goes, so the rule is a function of
// the article id alone, the same on every machine, build and version. Routing by id keeps every
// translation of an article on one shard.
#pragma once

#include <cstddef>
#include <string_view>

namespace faqsearch {

/// Which of `shard_count` shards holds the article `article_id`: XXH3-64 (whose output is
/// specified, hence stable) of the id's bytes, modulo `shard_count`. Throws InvalidArgument if
/// `shard_count` is 0. Thread-safe.
std::size_t shard_of(std::string_view article_id, std::size_t shard_count);

/// One shard of a sharded index: shard `index` (0-based) of `count`. Plain data.
struct ShardSelector {
  std::size_t index = 0;
  std::size_t count = 1;
  /// Whether the article `article_id` belongs to this shard.
  [[nodiscard]] bool holds(std::string_view article_id) const { return shard_of(article_id, count) == index; }
};

/// Parses "K/N" (shard K of N, 0 <= K < N <= 1024). Throws InvalidArgument naming the text.
ShardSelector parse_shard_selector(std::string_view text);

}  // namespace faqsearch
