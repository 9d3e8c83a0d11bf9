// The vocabulary reads behind did-you-mean's slip repairs (lib/search/slip_repairs.h).
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "search/slip_repairs.h"

namespace faqsearch {
namespace {

Xapian::Database vocabulary_of(const std::vector<std::string>& terms) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  for (const std::string& term : terms) doc.add_term(term);
  db.add_document(doc);
  return db;
}

TEST(SlipRepairs, TheLettersThatFollowAPrefixInTheTerms) {
  const Xapian::Database db = vocabulary_of({"ab", "abc", "abcd", "abd", "abış", "ac", "b"});
  struct Row {
    std::string prefix;
    std::u32string letters;
  };
  const std::vector<Row> rows = {
      {"ab", U"cdı"},  // each letter once, "ab" itself adds none
      {"a", U"bc"},
      {"abc", U"d"},
      {"x", U""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.prefix);
    EXPECT_TRUE(detail::letters_after(db, row.prefix) == row.letters);
  }
}

// A term that is no UTF-8 after the prefix (a byte above 0xEF) sorts past the key the scan skips
// to from it; skip_to never moves back, and the scan stood on that term for ever.
TEST(SlipRepairs, ATermThatIsNoUtf8DoesNotStopTheLettersScan) {
  const Xapian::Database db = vocabulary_of({"ab\xF5x", "ab\xF6y", "abz"});
  EXPECT_TRUE(detail::letters_after(db, "ab") == U"z\uFFFD\uFFFD");
}

}  // namespace
}  // namespace faqsearch
