#include "corpus_generator.h"
#include "corpus_internal.h"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <random>
#include <set>
#include <stdexcept>

#include "faqsearch/analyzer.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"

namespace faqsearch::bench {

namespace fs = std::filesystem;

namespace {

/// P(rank r) ∝ 1 / r^s for r = 1..n, sampled by inverting the cumulative distribution.
class ZipfTable {
 public:
  ZipfTable() = default;
  ZipfTable(std::size_t n, double s) {
    cdf_.reserve(n);
    double total = 0;
    for (std::size_t r = 1; r <= n; ++r) {
      total += s == 1.0 ? 1.0 / static_cast<double>(r) : std::pow(static_cast<double>(r), -s);
      cdf_.push_back(total);
    }
  }
  [[nodiscard]] bool empty() const { return cdf_.empty(); }
  /// A 0-based rank.
  std::size_t sample(Rng& rng) const {
    const double u = rng.unit() * cdf_.back();
    const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
    return std::min(static_cast<std::size_t>(it - cdf_.begin()), cdf_.size() - 1);
  }

 private:
  std::vector<double> cdf_;
};

/// Index drawn with probability proportional to `weights` (not all zero).
std::size_t pick_weighted(Rng& rng, const std::vector<std::uint64_t>& weights) {
  std::uint64_t total = 0;
  for (auto w : weights) total += w;
  std::uint64_t r = rng.below(total);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.size() - 1;  // unreachable
}

bool is_mark(UChar32 c) {
  const auto type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
}

bool has_letter(std::string_view s) {
  const icu::UnicodeString u = to_unicode(s);
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    if (u_isalpha(u.char32At(i))) return true;
  }
  return false;
}

std::size_t code_points(std::string_view s) {
  const icu::UnicodeString u = to_unicode(s);
  return static_cast<std::size_t>(u.countChar32());
}

/// The first `keep` code points of `word`, extended over combining marks so that no base letter
/// loses its vowel sign or diacritic (Thai, Arabic).
std::string prefix_of(std::string_view word, std::size_t keep) {
  const icu::UnicodeString u = to_unicode(word);
  int32_t end = 0;
  for (std::size_t i = 0; i < keep && end < u.length(); ++i) end = u.moveIndex32(end, 1);
  while (end < u.length() && is_mark(u.char32At(end))) end = u.moveIndex32(end, 1);
  return to_utf8(u.tempSubString(0, end));
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Appends `word` to `out` in `style`: spaced languages put a space between words; unspaced ones
/// only between two Latin/digit runs that would otherwise merge ("DHL" "DPD").
void append_word(std::string& out, std::string_view word, WritingStyle style) {
  if (!out.empty() && !word.empty()) {
    const bool space = style == WritingStyle::kSpaced ||
                       (is_ascii_alnum(out.back()) && is_ascii_alnum(word.front()));
    if (space && out.back() != ' ' && out.back() != '\n') out += ' ';
  }
  out += word;
}

void capitalize_ascii(std::string& text, std::size_t at) {
  if (at < text.size() && text[at] >= 'a' && text[at] <= 'z') text[at] = static_cast<char>(text[at] - 'a' + 'A');
}

std::string_view question_mark(const LanguageVocabulary& v) {
  switch (v.style) {
    case WritingStyle::kSpaced: return v.lang == "ar" || v.lang.starts_with("ar-") ? "\u061F" : "?";
    case WritingStyle::kUnspaced: return "\uFF1F";
    case WritingStyle::kThai: return "";
  }
  return "";
}

std::string_view full_stop(const LanguageVocabulary& v) {
  switch (v.style) {
    case WritingStyle::kSpaced: return ".";
    case WritingStyle::kUnspaced: return "\u3002";
    case WritingStyle::kThai: return "";
  }
  return "";
}

/// "2024-01-01" + `day` days, at `hour`:00 UTC, as ISO 8601.
std::string timestamp(unsigned day, unsigned hour) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{year{2024} / January / 1} + days{day}};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:00:00Z", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hour);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// What the generators precompute from the options.

struct LanguagePlan {
  const LanguageVocabulary* vocab = nullptr;
  ZipfTable words;                  // over vocab->words
  std::vector<std::size_t> content; // indexes of query-worthy words (no stop words, has a letter)
  ZipfTable content_words;          // over content
  std::uint64_t weight = 0;         // coverage in millionths
};

struct Plan {
  std::vector<LanguagePlan> languages;
  std::vector<CategoryProfile> categories;
  std::vector<std::uint64_t> category_weights;
  std::vector<std::string> audiences;
  std::vector<std::uint64_t> audience_weights;
};

Plan make_plan(const GeneratorOptions& o) {
  if (!o.vocabulary) throw std::invalid_argument("GeneratorOptions: vocabulary is not set");
  if (o.min_title_words == 0 || o.min_title_words > o.max_title_words) {
    throw std::invalid_argument("GeneratorOptions: title word bounds must satisfy 1 <= min <= max");
  }
  if (o.min_body_words == 0 || o.min_body_words > o.max_body_words) {
    throw std::invalid_argument("GeneratorOptions: body word bounds must satisfy 1 <= min <= max");
  }
  if (!(o.zipf_exponent > 0) || !std::isfinite(o.zipf_exponent)) {
    throw std::invalid_argument("GeneratorOptions: zipf_exponent must be a positive number");
  }
  const Vocabulary& vocab = *o.vocabulary;
  Plan plan;
  std::vector<std::string> wanted = o.languages;
  if (wanted.empty()) {
    for (const auto& lv : vocab.languages) wanted.push_back(lv.lang);
  }
  std::set<std::string> seen;
  for (const auto& lang : wanted) {
    const LanguageVocabulary* lv = vocab.find(lang);
    if (lv == nullptr || lv->words.empty() || !seen.insert(lang).second) continue;
    LanguagePlan lp;
    lp.vocab = lv;
    lp.words = ZipfTable(lv->words.size(), o.zipf_exponent);
    const std::size_t min_length = lv->style == WritingStyle::kSpaced ? 3 : 2;
    for (std::size_t i = 0; i < lv->words.size(); ++i) {
      const VocabularyWord& w = lv->words[i];
      const bool everywhere = lv->source_articles > 0 && w.documents * 10 > lv->source_articles * 4;
      if (!w.stop_word && !everywhere && code_points(w.text) >= min_length && has_letter(w.text)) {
        lp.content.push_back(i);
      }
    }
    if (lp.content.empty()) {  // a language of only stop words: query them anyway
      for (std::size_t i = 0; i < lv->words.size(); ++i) lp.content.push_back(i);
    }
    lp.content_words = ZipfTable(lp.content.size(), o.zipf_exponent);
    lp.weight = static_cast<std::uint64_t>(std::llround(std::clamp(lv->coverage, 0.0, 1.0) * 1e6));
    if (lp.weight == 0) lp.weight = 1;
    plan.languages.push_back(std::move(lp));
  }
  if (plan.languages.empty()) {
    throw std::invalid_argument("GeneratorOptions: no requested language has vocabulary words");
  }
  for (const auto& c : vocab.categories) {
    if (c.articles == 0) continue;
    plan.categories.push_back(c);
    plan.category_weights.push_back(c.articles);
  }
  if (plan.categories.empty()) {
    plan.categories.push_back(CategoryProfile{"general", 1, {}});
    plan.category_weights.push_back(1);
  }
  for (const auto& a : vocab.audiences) {
    if (a.articles == 0) continue;
    plan.audiences.push_back(a.name);
    plan.audience_weights.push_back(a.articles);
  }
  if (plan.audiences.empty()) {
    plan.audiences.emplace_back(kPublicAudience);
    plan.audience_weights.push_back(1);
  }
  return plan;
}

const std::string& draw_word(Rng& rng, const LanguagePlan& lp) {
  return lp.vocab->words[lp.words.sample(rng)].text;
}

const std::string& draw_content_word(Rng& rng, const LanguagePlan& lp) {
  return lp.vocab->words[lp.content[lp.content_words.sample(rng)]].text;
}

/// `n` words of running text, first letter capitalized where the script has case.
std::string sentence(Rng& rng, const LanguagePlan& lp, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) append_word(out, draw_word(rng, lp), lp.vocab->style);
  capitalize_ascii(out, 0);
  return out;
}

std::string make_title(Rng& rng, const LanguagePlan& lp, const GeneratorOptions& o) {
  std::string title = sentence(rng, lp, rng.between(o.min_title_words, o.max_title_words));
  if (rng.below(4) == 0) title += question_mark(*lp.vocab);  // "Where is my order?"
  return title;
}

std::string make_body(Rng& rng, const LanguagePlan& lp, const GeneratorOptions& o) {
  std::size_t remaining = rng.between(o.min_body_words, o.max_body_words);
  std::string body;
  while (remaining > 0) {
    if (!body.empty()) body += "\n\n";
    const std::size_t sentences = rng.between(2, 5);
    for (std::size_t s = 0; s < sentences && remaining > 0; ++s) {
      const std::size_t n = std::min<std::size_t>(rng.between(5, 18), remaining);
      remaining -= n;
      if (s > 0 && lp.vocab->style != WritingStyle::kUnspaced) body += ' ';
      body += sentence(rng, lp, n);
      body += full_stop(*lp.vocab);
    }
  }
  return body;
}

std::vector<std::string> pick_tags(Rng& rng, const CategoryProfile& category) {
  std::vector<std::string> names;
  std::vector<std::uint64_t> weights;
  for (const auto& t : category.tags) {
    if (t.count == 0) continue;
    names.push_back(t.name);
    weights.push_back(t.count);
  }
  const std::size_t want = std::min(rng.between(2, 4), names.size());
  std::vector<std::string> tags;
  for (std::size_t k = 0; k < want; ++k) {
    const std::size_t i = pick_weighted(rng, weights);
    tags.push_back(std::move(names[i]));
    names.erase(names.begin() + static_cast<std::ptrdiff_t>(i));
    weights.erase(weights.begin() + static_cast<std::ptrdiff_t>(i));
  }
  return tags;
}

}  // namespace

// -----------------------------------------------------------------------------------------------

std::vector<std::string> default_languages() { return {"en", "pl", "nb", "ar", "ja", "zh-Hans", "th"}; }

std::vector<Article> generate_articles(const GeneratorOptions& o) {
  const Plan plan = make_plan(o);
  Rng rng(stream_seed(o.seed, 1));
  std::vector<Article> out;
  out.reserve(o.articles);
  // Every draw of a topic happens before the size check of the next one, so a corpus is a prefix
  // of every larger corpus made with the same seed.
  for (std::size_t topic = 0; out.size() < o.articles; ++topic) {
    const CategoryProfile& category = plan.categories[pick_weighted(rng, plan.category_weights)];
    const std::vector<std::string> tags = pick_tags(rng, category);
    const std::string& audience = plan.audiences[pick_weighted(rng, plan.audience_weights)];
    char number[24];
    std::snprintf(number, sizeof number, "-%06zu", topic);
    const std::string id = category.name + number;
    for (std::size_t li = 0; li < plan.languages.size() && out.size() < o.articles; ++li) {
      const LanguagePlan& lp = plan.languages[li];
      const bool translated = li == 0 || rng.below(1000000) < lp.weight;
      if (!translated) continue;
      Article a;
      a.id = id;
      a.lang = lp.vocab->lang;
      a.title = make_title(rng, lp, o);
      a.body = make_body(rng, lp, o);
      a.url = "https://help.larkspur.example/" + a.lang + "/articles/" + id;
      a.category = category.name;
      a.tags = tags;
      a.audience = audience;
      const auto day = static_cast<unsigned>(rng.below(730));
      const auto hour = static_cast<unsigned>(rng.between(6, 18));
      a.updated_at = timestamp(day, hour);
      out.push_back(std::move(a));
    }
  }
  return out;
}

std::string_view shape_name(QueryShape shape) {
  switch (shape) {
    case QueryShape::kOneWord: return "one-word";
    case QueryShape::kTwoWords: return "two-words";
    case QueryShape::kThreeWords: return "three-words";
    case QueryShape::kPhrase: return "phrase";
    case QueryShape::kPrefix: return "prefix";
  }
  return "?";
}

std::vector<GeneratedQuery> generate_queries(const GeneratorOptions& o) {
  const Plan plan = make_plan(o);
  Rng rng(stream_seed(o.seed, 2));
  std::vector<std::uint64_t> language_weights;
  for (const auto& lp : plan.languages) language_weights.push_back(lp.weight);

  std::vector<GeneratedQuery> out;
  out.reserve(o.queries);
  for (std::size_t i = 0; i < o.queries; ++i) {
    const LanguagePlan& lp = plan.languages[pick_weighted(rng, language_weights)];
    const WritingStyle style = lp.vocab->style;
    // Distinct words (a few redraws; a tiny vocabulary may still repeat one).
    std::vector<std::string> words;
    auto draw_distinct = [&]() -> std::string {
      std::string w = draw_content_word(rng, lp);
      for (int retry = 0; retry < 8 && std::find(words.begin(), words.end(), w) != words.end(); ++retry) {
        w = draw_content_word(rng, lp);
      }
      return w;
    };
    GeneratedQuery q;
    q.lang = lp.vocab->lang;
    q.shape = static_cast<QueryShape>(i % 5);
    switch (q.shape) {
      case QueryShape::kOneWord:
      case QueryShape::kTwoWords:
      case QueryShape::kThreeWords: {
        const std::size_t n = static_cast<std::size_t>(q.shape) + 1;
        for (std::size_t k = 0; k < n; ++k) words.push_back(draw_distinct());
        for (const auto& w : words) append_word(q.text, w, WritingStyle::kSpaced);
        break;
      }
      case QueryShape::kPhrase: {
        words.push_back(draw_distinct());
        words.push_back(draw_distinct());
        std::string phrase;
        for (const auto& w : words) append_word(phrase, w, style);
        q.text = "\"" + phrase + "\"";
        break;
      }
      case QueryShape::kPrefix: {
        const std::size_t full = rng.below(3);
        for (std::size_t k = 0; k < full; ++k) words.push_back(draw_distinct());
        // The word being typed: long enough to be cut (4 letters, 2 characters in CJK and Thai).
        const std::size_t min_length = style == WritingStyle::kSpaced ? 4 : 2;
        std::string typing = draw_distinct();
        for (int retry = 0; retry < 16 && code_points(typing) < min_length; ++retry) typing = draw_distinct();
        const std::size_t n = code_points(typing);
        if (n >= 2) {
          const std::size_t half = (n + 1) / 2;
          typing = prefix_of(typing, half + static_cast<std::size_t>(rng.below(n - half)));
        }
        for (const auto& w : words) append_word(q.text, w, WritingStyle::kSpaced);
        append_word(q.text, typing, WritingStyle::kSpaced);
        break;
      }
    }
    out.push_back(std::move(q));
  }
  return out;
}

void write_jsonl(std::ostream& out, const std::vector<Article>& articles) {
  for (const Article& a : articles) {
    const nlohmann::json j = {{"id", a.id},       {"lang", a.lang},         {"title", a.title},
                              {"body", a.body},   {"url", a.url},           {"category", a.category},
                              {"tags", a.tags},   {"audience", a.audience}, {"updated_at", a.updated_at}};
    out << j.dump() << '\n';
  }
}

void write_jsonl(std::ostream& out, const std::vector<GeneratedQuery>& queries) {
  for (const GeneratedQuery& q : queries) {
    const nlohmann::json j = {{"lang", q.lang}, {"shape", std::string(shape_name(q.shape))}, {"text", q.text}};
    out << j.dump() << '\n';
  }
}

}  // namespace faqsearch::bench
