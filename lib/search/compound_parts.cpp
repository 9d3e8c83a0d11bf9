#include "search/compound_parts.h"

#include <algorithm>
#include <vector>

#include "analysis/utf8.h"

namespace faqsearch::detail {

namespace {

constexpr std::size_t kMinCompound = 8;  // letters of a word split at all
constexpr std::size_t kMinPart = 4;      // letters of each side

/// The term of `part` when it is one word (its variants aside) that `db` holds, else "".
std::string known_term(Analyzer& analyzer, const Xapian::Database& db, std::string_view lang, std::u32string_view part) {
  const std::vector<Token> tokens = analyzer.analyze(encode_utf8(part), lang);
  const auto words = std::count_if(tokens.begin(), tokens.end(), [](const Token& t) {
    return t.kind != TokenKind::kFolded && t.kind != TokenKind::kWrittenForm;
  });
  if (words != 1 || tokens.front().kind != TokenKind::kWord || !db.term_exists(tokens.front().term)) return {};
  return tokens.front().term;
}

/// Whether `head` ends in a letter German links the parts of a compound with.
bool ends_in_linking_letter(std::u32string_view head) {
  return head.size() > kMinPart && (head.back() == U's' || head.back() == U'e');
}

/// The points `letters` may be split at, from the middle outwards: the most even split first.
std::vector<std::size_t> split_points(std::size_t letters) {
  std::vector<std::size_t> out;
  if (letters < kMinCompound) return out;
  const std::size_t middle = letters / 2;
  for (std::size_t offset = 0; offset <= middle; ++offset) {
    for (const std::size_t at : {middle - offset, middle + offset}) {
      if (at < kMinPart || letters - at < kMinPart) continue;
      if (std::find(out.begin(), out.end(), at) == out.end()) out.push_back(at);
    }
  }
  return out;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> compound_parts(Analyzer& analyzer, const Xapian::Database& db,
                                                                  std::string_view lang, const std::string& word) {
  const std::u32string letters = decode_utf8(word);
  for (const std::size_t at : split_points(letters.size())) {
    const std::u32string_view head(letters.data(), at), tail(letters.data() + at, letters.size() - at);
    std::string second = known_term(analyzer, db, lang, tail);
    if (second.empty()) continue;
    std::string first = known_term(analyzer, db, lang, head);
    if (first.empty() && ends_in_linking_letter(head)) first = known_term(analyzer, db, lang, head.substr(0, head.size() - 1));
    if (!first.empty()) return std::make_pair(std::move(first), std::move(second));
  }
  return std::nullopt;
}

std::optional<std::string> compound_with_part_fixed(Analyzer& analyzer, const Xapian::Database& db, std::string_view lang,
                                                    const std::string& word, const CompoundPartFix& fix_part,
                                                    std::size_t max_fixes) {
  const std::u32string letters = decode_utf8(word);
  std::size_t asked = 0;
  const auto fix = [&](std::u32string_view part) -> std::optional<std::string> {
    if (asked++ >= max_fixes) return std::nullopt;
    return fix_part(encode_utf8(part));
  };
  for (const std::size_t at : split_points(letters.size())) {
    if (asked >= max_fixes) break;
    const std::u32string_view head(letters.data(), at), tail(letters.data() + at, letters.size() - at);
    const bool tail_known = !known_term(analyzer, db, lang, tail).empty();
    const bool linked = ends_in_linking_letter(head);
    const std::u32string_view stem = linked ? head.substr(0, head.size() - 1) : head;
    const bool head_known =
        !known_term(analyzer, db, lang, head).empty() || (linked && !known_term(analyzer, db, lang, stem).empty());
    if (tail_known == head_known) continue;  // both known: no typo; neither: more than one
    if (head_known) {
      if (std::optional<std::string> fixed = fix(tail)) return encode_utf8(head) + *fixed;
      continue;
    }
    if (std::optional<std::string> fixed = fix(head)) return *fixed + encode_utf8(tail);
    if (!linked) continue;
    if (std::optional<std::string> fixed = fix(stem)) return *fixed + encode_utf8(head.substr(stem.size())) + encode_utf8(tail);
  }
  return std::nullopt;
}

}  // namespace faqsearch::detail
