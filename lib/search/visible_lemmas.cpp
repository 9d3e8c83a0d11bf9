#include "search/visible_lemmas.h"

#include "index/lemma_table.h"
#include "search/index_snapshot.h"

namespace faqsearch::detail {

namespace {

// What the query analysis does with a word of a dictionary language (Polish) that no visible
// partition's lemma table has: the dictionary reduced to the lemmas the index has keeps the
// relevance of the whole dictionary at half its memory (docs/tuning.md).
constexpr UnseenWords kUnseenWords = UnseenWords::kReducedDictionary;

}  // namespace

VisibleLemmas::VisibleLemmas(Analyzer& analyzer, IndexSnapshot& snapshot, const std::string& index_name,
                             const std::set<std::string>& audiences)
    : analyzer_(analyzer), snapshot_(snapshot), audiences_(audiences) {
  // Which index and which of its audiences: a reduced dictionary shared through SharedResources
  // serves only searches of the same index that see the same partitions.
  std::set<std::string> visible;  // partition names: never hold '\n'
  for (const auto& p : snapshot_.partitions()) {
    if (audiences_.count(p.audience)) visible.insert(p.audience);
  }
  scope_ = index_name + '\n';
  for (const auto& audience : visible) scope_ += audience + '\n';
  AnalyzerHooks::set_lemma_table(analyzer_, this, kUnseenWords);
}

VisibleLemmas::~VisibleLemmas() { AnalyzerHooks::set_lemma_table(analyzer_, nullptr, UnseenWords::kLoadDictionary); }

std::optional<std::string> VisibleLemmas::find(std::string_view lang, std::string_view word) {
  for (const auto& p : snapshot_.partitions()) {
    if (p.lang != lang || !audiences_.count(p.audience)) continue;
    if (std::optional<std::string> lemma = read_lemma(snapshot_.database(p), word)) return lemma;
  }
  return std::nullopt;
}

std::unordered_set<std::string> VisibleLemmas::lemmas(std::string_view lang) {
  std::unordered_set<std::string> out;
  for (const auto& p : snapshot_.partitions()) {
    if (p.lang == lang && audiences_.count(p.audience)) read_all_lemmas(snapshot_.database(p), out);
  }
  return out;
}

// Read once per search and language: asked for every word the tables lack.
std::string VisibleLemmas::version(std::string_view lang) {
  auto it = versions_.find(lang);
  if (it != versions_.end()) return it->second;
  std::string version;
  for (const auto& p : snapshot_.partitions()) {
    if (p.lang == lang && audiences_.count(p.audience)) {
      version += p.audience + ':' + lemma_set_version(snapshot_.database(p)) + '\n';
    }
  }
  return versions_.emplace(std::string(lang), std::move(version)).first->second;
}

}  // namespace faqsearch::detail
