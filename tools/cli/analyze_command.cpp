// faqsearch analyze: show what the analyzer makes of a text.
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "faqsearch/analyzer.h"
#include "faqsearch/language.h"

namespace faqsearch::cli {
namespace {

std::string_view kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord: return "word";
    case TokenKind::kNumber: return "number";
    case TokenKind::kIdeo: return "ideo";
    case TokenKind::kBigram: return "bigram";
    case TokenKind::kUnigram: return "unigram";
    case TokenKind::kFolded: return "folded";
    case TokenKind::kWrittenForm: return "written";
    case TokenKind::kPair: return "pair";
  }
  return "?";
}

struct AnalyzeOptions {
  std::string lang;
  std::string text;
  bool json = false;
};

void run_analyze(const AnalyzeOptions& o) {
  // Without --lang, analyze as the identified language (the generic row when none is found), and
  // say so: the guess is what an import or a search without a language would do with this text.
  std::optional<LanguageGuess> guess;
  if (o.lang.empty()) guess = identify_language(o.text);
  const std::string lang =
      guess ? (guess->tag.empty() ? std::string("und") : guess->tag) : canonical_language_tag(o.lang);
  Analyzer analyzer;
  const std::vector<Token> tokens = analyzer.analyze(o.text, lang);
  const LanguageInfo info = language_for(lang);
  // The row's stemmer may be unavailable at run time (a Hunspell dictionary package missing).
  const std::string stemmer = analyzer.stemmer_in_use(lang);
  const std::string stemmer_note =
      stemmer == info.stemmer ? (stemmer.empty() ? "none" : stemmer)
                              : fmt::format("{} ({} unavailable)", stemmer.empty() ? "none" : stemmer, info.stemmer);
  if (o.json) {
    nlohmann::json out = {{"lang", lang}, {"row", info.tag}, {"stemmer", stemmer}, {"tokens", nlohmann::json::array()}};
    if (guess) {
      out["identified"] = {{"tag", guess->tag}, {"confidence", guess->confidence}, {"reliable", guess->reliable}};
    }
    for (const Token& t : tokens) {
      out["tokens"].push_back({{"term", t.term}, {"text", o.text.substr(t.begin, t.end - t.begin)},
                               {"begin", t.begin}, {"end", t.end}, {"position", t.position},
                               {"kind", kind_name(t.kind)}, {"stop_word", t.stop_word}});
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  if (guess) {
    std::cout << (guess->tag.empty()
                      ? std::string("identified language: none (analyzed with the generic row)\n")
                      : fmt::format("identified language: {} ({:.0f}% of the text, {})\n", guess->tag,
                                    guess->confidence * 100,
                                    guess->reliable ? "reliable" : "NOT reliable: too short or too mixed"));
  }
  std::cout << fmt::format("language {} (row {}: {}; stemmer {}; {})\n", lang, info.tag, info.name, stemmer_note,
                           info.segmentation);
  std::cout << fmt::format("{:>4}  {:<7} {:>6} {:>6}  {:<20} {}\n", "pos", "kind", "begin", "end", "text", "term");
  for (const Token& t : tokens) {
    std::cout << fmt::format("{:>4}  {:<7} {:>6} {:>6}  {:<20} {}{}\n", t.position, kind_name(t.kind), t.begin,
                             t.end, printable(o.text.substr(t.begin, t.end - t.begin)), printable(t.term),
                             t.stop_word ? "  (stop word)" : "");
  }
}

}  // namespace

void add_analyze_command(CLI::App& app) {
  auto options = std::make_shared<AnalyzeOptions>();
  CLI::App* cmd = app.add_subcommand("analyze", "Show the tokens, terms and byte offsets of a text");
  cmd->add_option("--lang", options->lang, "Language tag (BCP 47); default: the identified language");
  cmd->add_flag("--json", options->json, "JSON output");
  cmd->add_option("text", options->text, "Text to analyze")->required();
  cmd->callback([options] { run_analyze(*options); });
}

}  // namespace faqsearch::cli
