// Header-only use of libxxhash (Debian libxxhash-dev), as index/source_record.cpp: nothing to link.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <charconv>
#include <string>

#include "faqsearch/cluster.h"
#include "faqsearch/error.h"

namespace faqsearch {

namespace {

constexpr std::size_t kMaxShards = 1024;

}  // namespace

std::size_t shard_of(std::string_view article_id, std::size_t shard_count) {
  if (shard_count == 0) throw InvalidArgument("shard_of: shard count must be at least 1");
  return static_cast<std::size_t>(XXH3_64bits(article_id.data(), article_id.size()) % shard_count);
}

ShardSelector parse_shard_selector(std::string_view text) {
  const auto fail = [&]() -> ShardSelector {
    throw InvalidArgument("shard \"" + std::string(text) + "\": expected K/N, shard K (from 0) of N shards, N at most " +
                          std::to_string(kMaxShards));
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return fail();
  ShardSelector s;
  const std::string_view k = text.substr(0, slash);
  const std::string_view n = text.substr(slash + 1);
  const auto parsed = [](std::string_view digits, std::size_t& out) {
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return !digits.empty() && error == std::errc() && end == digits.data() + digits.size();
  };
  if (!parsed(k, s.index) || !parsed(n, s.count) || s.count == 0 || s.count > kMaxShards || s.index >= s.count) return fail();
  return s;
}

}  // namespace faqsearch
