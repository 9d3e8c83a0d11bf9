#include "analysis/word_normalizer.h"

#include <cctype>

#include "faqsearch/error.h"

namespace faqsearch::detail {

namespace {
constexpr std::string_view kRightQuote = "\u2019";

bool has_apostrophe(std::string_view word) {
  return word.find('\'') != std::string_view::npos || word.find(kRightQuote) != std::string_view::npos;
}
}  // namespace

void drop_apostrophes(std::string& word) {
  if (!has_apostrophe(word)) return;
  std::string out;
  for (std::size_t i = 0; i < word.size();) {
    if (word[i] == '\'') {
      ++i;
    } else if (word.compare(i, kRightQuote.size(), kRightQuote) == 0) {
      i += kRightQuote.size();
    } else {
      out.push_back(word[i++]);
    }
  }
  word = std::move(out);
}

WordNormalizer::WordNormalizer(std::span<const ScriptNormalizer> script_normalizers)
    : script_normalizers_(script_normalizers) {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_casefold_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU normalizer data is unavailable: ") + u_errorName(status));
}

std::string WordNormalizer::normalize(const icu::UnicodeString& text) const {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = nfkc_casefold_->normalize(text, status);
  if (U_FAILURE(status)) return {};
  for (const ScriptNormalizer& normalizer : script_normalizers_) {
    if (normalizer.applies_to(folded)) normalizer.normalize(folded);
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

std::string WordNormalizer::normalize_word(const icu::UnicodeString& text, int32_t begin, int32_t end,
                                           std::string_view utf8) const {
  std::string normalized;
  if (is_ascii(utf8)) {  // no script normalizer has an ASCII block
    normalized.assign(utf8);
    for (char& c : normalized) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  } else {
    normalized = normalize(icu::UnicodeString(text, begin, end - begin));
  }
  drop_apostrophes(normalized);
  return normalized;
}

}  // namespace faqsearch::detail
