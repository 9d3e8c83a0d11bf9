#include "index/title_terms.h"

#include <algorithm>

namespace faqsearch::detail {

std::string encode_title_terms(const std::vector<Token>& title) {
  std::vector<std::string_view> terms;
  terms.reserve(title.size());
  for (const Token& t : title) {
    if (t.kind != TokenKind::kPair && t.term.find('\0') == std::string::npos) terms.push_back(t.term);
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  std::string out;
  for (const std::string_view term : terms) {
    out += term;
    out.push_back('\0');
  }
  return out;
}

std::vector<std::string_view> decode_title_terms(std::string_view data) {
  std::vector<std::string_view> terms;
  while (!data.empty()) {
    const std::size_t end = data.find('\0');
    if (end == std::string_view::npos) break;  // a last term cut short: not one
    if (end > 0) terms.push_back(data.substr(0, end));
    data.remove_prefix(end + 1);
  }
  return terms;
}

}  // namespace faqsearch::detail
