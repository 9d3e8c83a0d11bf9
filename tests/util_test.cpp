// lib/util: the varint codec of the stored values (document_codec.cpp, word_pairs.cpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "util/varint.h"

namespace faqsearch {
namespace {

TEST(Varint, RoundTripsAndRejectsTruncatedOrOverlongBytes) {
  struct Case {
    std::uint64_t value;
    std::size_t bytes;
  };
  const Case cases[] = {
      {0, 1},     {1, 1},     {127, 1},        {128, 2},
      {16383, 2}, {16384, 3}, {1ULL << 32, 5}, {std::numeric_limits<std::uint64_t>::max(), 10}};
  for (const Case& c : cases) {
    std::string encoded;
    detail::put_varint(encoded, c.value);
    EXPECT_EQ(encoded.size(), c.bytes) << c.value;
    std::size_t pos = 0;
    EXPECT_EQ(detail::get_varint(encoded, pos), c.value);
    EXPECT_EQ(pos, encoded.size());
    // Cut short anywhere, it is no value.
    for (std::size_t cut = 0; cut < encoded.size(); ++cut) {
      pos = 0;
      EXPECT_FALSE(detail::get_varint(std::string_view(encoded).substr(0, cut), pos))
          << c.value << " cut " << cut;
    }
  }
  const std::string overlong(11, '\x80');
  std::size_t pos = 0;
  EXPECT_FALSE(detail::get_varint(overlong, pos));
  // Ten bytes whose last carries bits beyond the 64th: not a 64-bit value.
  const std::string too_big = std::string(9, '\xff') + '\x02';
  pos = 0;
  EXPECT_FALSE(detail::get_varint(too_big, pos));
}

}  // namespace
}  // namespace faqsearch
