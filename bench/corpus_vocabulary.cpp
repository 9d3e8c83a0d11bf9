// The generator's vocabulary: the words, categories, tags and audiences of a help center's
// articles (collect_vocabulary), and words drawn from a Hunspell dictionary (with_hunspell_words).
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "corpus_generator.h"
#include "corpus_internal.h"
#include "faqsearch/analyzer.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"

namespace faqsearch::bench {

namespace fs = std::filesystem;

const LanguageVocabulary* Vocabulary::find(std::string_view lang) const {
  for (const auto& lv : languages) {
    if (lv.lang == lang) return &lv;
  }
  return nullptr;
}

WritingStyle writing_style_of(std::string_view lang) {
  const std::string_view primary = lang.substr(0, lang.find_first_of("-_"));
  if (primary == "zh" || primary == "ja") return WritingStyle::kUnspaced;
  if (primary == "th" || primary == "lo" || primary == "km" || primary == "my") return WritingStyle::kThai;
  return WritingStyle::kSpaced;
}

Vocabulary collect_vocabulary(const fs::path& articles_dir, const std::vector<std::string>& languages) {
  struct TopicInfo {
    std::string category;
    std::vector<std::string> tags;
    std::string audience;
  };
  Vocabulary vocab;
  Analyzer analyzer;
  std::map<std::string, TopicInfo> topics;  // by article id; the first language read wins
  std::vector<std::size_t> article_counts;

  for (const auto& lang : languages) {
    LanguageVocabulary lv;
    lv.lang = lang;
    lv.style = writing_style_of(lang);
    // Case-folded word → spelling → occurrences; whether the analyzer calls it a stop word.
    std::map<std::string, std::map<std::string, std::uint64_t>> spellings;
    std::map<std::string, bool> stop;
    std::map<std::string, std::uint64_t> documents;
    std::set<std::string> in_article;  // keys seen in the current article
    std::size_t articles = 0;
    const fs::path dir = articles_dir / lang;
    std::error_code ec;
    if (fs::is_directory(dir, ec)) {
      auto add_text = [&](const std::string& text) {
        for (const Token& t : analyzer.analyze(text, lang)) {
          // Words only: a word pair spans two words and what lies between them ("Alternativ\n|
          // Slik" in a Markdown table), which once reached a query as "Alternativ\n".
          if (t.kind == TokenKind::kBigram || t.kind == TokenKind::kPair || t.end <= t.begin ||
              t.end - t.begin > 40) {
            continue;
          }
          const std::string surface = text.substr(t.begin, t.end - t.begin);
          const std::string key = fold_case(surface);
          ++spellings[key][surface];
          stop[key] = stop[key] || t.stop_word;
          if (in_article.insert(key).second) ++documents[key];
        }
      };
      read_articles(
          dir, {},
          [&](Article&& a, const SourceLocation&) {
            ++articles;
            in_article.clear();
            add_text(a.title);
            add_text(a.body);
            topics.try_emplace(a.id, TopicInfo{a.category, a.tags, a.audience.empty() ? kPublicAudience : a.audience});
          },
          [](const ImportProblem&) {});
    }
    for (const auto& [key, forms] : spellings) {
      VocabularyWord w;
      std::uint64_t best = 0;
      for (const auto& [spelling, n] : forms) {  // most frequent spelling; ties: first in byte order
        w.count += n;
        if (n > best) {
          best = n;
          w.text = spelling;
        }
      }
      w.stop_word = stop[key];
      w.documents = documents[key];
      lv.words.push_back(std::move(w));
    }
    std::sort(lv.words.begin(), lv.words.end(), [](const VocabularyWord& a, const VocabularyWord& b) {
      return a.count != b.count ? a.count > b.count : a.text < b.text;
    });
    lv.source_articles = articles;
    article_counts.push_back(articles);
    vocab.languages.push_back(std::move(lv));
  }

  const std::size_t most = article_counts.empty() ? 0 : *std::max_element(article_counts.begin(), article_counts.end());
  for (std::size_t i = 0; i < vocab.languages.size(); ++i) {
    vocab.languages[i].coverage = most == 0 ? 0.0 : static_cast<double>(article_counts[i]) / static_cast<double>(most);
  }

  std::map<std::string, CategoryProfile> categories;
  std::map<std::string, std::map<std::string, std::uint64_t>> tags_of_category;
  std::map<std::string, std::uint64_t> audiences;
  for (const auto& [id, info] : topics) {
    const std::string name = info.category.empty() ? "general" : info.category;
    categories[name].name = name;
    ++categories[name].articles;
    for (const auto& tag : info.tags) ++tags_of_category[name][tag];
    ++audiences[info.audience];
  }
  for (auto& [name, profile] : categories) {
    for (const auto& [tag, n] : tags_of_category[name]) profile.tags.push_back({tag, n});
    std::stable_sort(profile.tags.begin(), profile.tags.end(),
                     [](const CategoryProfile::Tag& a, const CategoryProfile::Tag& b) { return a.count > b.count; });
    vocab.categories.push_back(std::move(profile));
  }
  for (const auto& [name, n] : audiences) vocab.audiences.push_back({name, n});
  return vocab;
}

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path.string());
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error("cannot read " + path.string());
  return data;
}

/// The encoding named by the `SET` line of a Hunspell .aff file (ISO8859-1 when there is none, as
/// Hunspell itself assumes).
std::string aff_encoding(const std::string& aff) {
  std::size_t pos = 0;
  while (pos < aff.size()) {
    const std::size_t eol = std::min(aff.find('\n', pos), aff.size());
    std::string_view line(aff.data() + pos, eol - pos);
    if (line.starts_with("SET") && line.size() > 3 && (line[3] == ' ' || line[3] == '\t')) {
      line.remove_prefix(4);
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
      return std::string(line);
    }
    pos = eol + 1;
  }
  return "ISO8859-1";
}

/// The words of a .dic file (count line skipped, "/FLAGS" and morphological fields stripped), in
/// file order, as UTF-8.
std::vector<std::string> read_dic_words(const fs::path& dic, const std::string& encoding) {
  const std::string data = read_file(dic);
  const bool utf8 = encoding == "UTF-8" || encoding == "utf-8";
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = utf8 ? nullptr : ucnv_open(encoding.c_str(), &status);
  if (!utf8 && U_FAILURE(status)) throw Error("unknown dictionary encoding " + encoding + " for " + dic.string());
  std::vector<std::string> words;
  std::size_t pos = 0;
  bool first = true;
  while (pos < data.size()) {
    const std::size_t eol = std::min(data.find('\n', pos), data.size());
    std::string_view line(data.data() + pos, eol - pos);
    pos = eol + 1;
    if (first) {  // the approximate word count
      first = false;
      continue;
    }
    const std::size_t end = line.find_first_of("/\t \r");
    line = line.substr(0, end == std::string_view::npos ? line.size() : end);
    if (line.empty()) continue;
    if (utf8) {
      words.emplace_back(line);
    } else {
      status = U_ZERO_ERROR;
      const icu::UnicodeString u(line.data(), static_cast<int32_t>(line.size()), converter, status);
      if (U_SUCCESS(status)) words.push_back(to_utf8(u));
    }
  }
  if (converter != nullptr) ucnv_close(converter);
  return words;
}

bool has_ascii_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Vocabulary with_hunspell_words(const Vocabulary& base, const HunspellOptions& options) {
  Vocabulary out = base;
  Analyzer analyzer;
  for (LanguageVocabulary& lv : out.languages) {
    const auto entry = std::find_if(options.dictionaries.begin(), options.dictionaries.end(),
                                    [&](const auto& d) { return d.first == lv.lang; });
    if (entry == options.dictionaries.end()) continue;
    const fs::path dic = options.directory / (entry->second + ".dic");
    const fs::path aff = options.directory / (entry->second + ".aff");
    std::vector<std::string> raw = read_dic_words(dic, aff_encoding(read_file(aff)));
    // Exact duplicates out first (sorted, so the shuffle below depends on the set of words, not
    // on how the file happens to order them).
    std::sort(raw.begin(), raw.end());
    raw.erase(std::unique(raw.begin(), raw.end()), raw.end());
    // A stream per language (FNV-1a of the tag: std::hash is not the same in every library).
    std::uint64_t lang_hash = 0xCBF29CE484222325ULL;
    for (const char c : lv.lang) lang_hash = (lang_hash ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    Rng rng(stream_seed(options.seed, lang_hash));
    for (std::size_t i = raw.size(); i > 1; --i) std::swap(raw[i - 1], raw[static_cast<std::size_t>(rng.below(i))]);

    std::set<std::string> known;
    for (const auto& w : lv.words) known.insert(fold_case(w.text));
    std::size_t added = 0;
    for (const std::string& word : raw) {
      if (options.max_words_per_language != 0 && added >= options.max_words_per_language) break;
      if (has_ascii_digit(word) || word.size() > 40) continue;
      const std::vector<Token> tokens = analyzer.analyze(word, lv.lang);
      if (tokens.size() != 1 || tokens[0].kind != TokenKind::kWord || tokens[0].begin != 0 ||
          tokens[0].end != word.size()) {
        continue;
      }
      if (!known.insert(fold_case(word)).second) continue;
      VocabularyWord w;
      w.text = word;
      w.stop_word = tokens[0].stop_word;
      lv.words.push_back(std::move(w));
      ++added;
    }
  }
  return out;
}

}  // namespace faqsearch::bench
