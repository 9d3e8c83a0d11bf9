#include "search/layout_slip.h"

#include <string>
#include <utility>

#include "search/keyboard_layouts.h"

namespace faqsearch::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

LayoutSlip::LayoutSlip(std::string_view query, std::vector<SlipWord> words, const KnowsWords& knows)
    : query_(query), words_(std::move(words)), layout_(slipped_layout(knows)) {
  renderings_.assign(words_.size(), std::nullopt);
  if (layout_ < 0) return;
  for (std::size_t i = 0; i < words_.size(); ++i) renderings_[i] = rendering_of(words_[i], knows);
}

bool LayoutSlip::whole_query() const {
  std::size_t slipped = 0, as_typed = 0;
  for (std::size_t i = 0; i < words_.size(); ++i) {
    const bool rendered = renderings_[i] && renderings_[i]->known;
    if (rendered && !words_[i].known) ++slipped;
    if (!rendered && words_[i].known && !words_[i].stop_word) ++as_typed;
  }
  return slipped > 0 && slipped > as_typed;
}

std::optional<QueryFix> LayoutSlip::fix(std::size_t i) const {
  if (!renderings_[i]) return std::nullopt;
  return renderings_[i]->fix;
}

// Closing punctuation is a letter key of some layouts ("." is "ю") or just the sentence's.
std::vector<std::pair<std::size_t, std::string_view>> LayoutSlip::chunks_of(const SlipWord& w) const {
  std::size_t begin = w.begin, end = w.end;
  while (begin > 0 && !is_space(query_[begin - 1])) --begin;
  while (end < query_.size() && !is_space(query_[end])) ++end;
  const std::string_view chunk = query_.substr(begin, end - begin);
  std::vector<std::pair<std::size_t, std::string_view>> out{{begin, chunk}};
  const std::size_t kept = chunk.find_last_not_of(".,!?:;");
  if (kept != std::string_view::npos && kept + 1 < chunk.size()) out.emplace_back(begin, chunk.substr(0, kept + 1));
  return out;
}

int LayoutSlip::slipped_layout(const KnowsWords& knows) const {
  for (const SlipWord& w : words_) {
    if (w.known) continue;
    for (const auto& [begin, chunk] : chunks_of(w)) {
      const std::vector<std::string> renderings = other_layout_renderings(chunk);
      for (std::size_t k = 0; k < renderings.size(); ++k) {
        if (knows(renderings[k])) return static_cast<int>(k);
      }
    }
  }
  return -1;
}

std::optional<LayoutSlip::Rendering> LayoutSlip::rendering_of(const SlipWord& w, const KnowsWords& knows) const {
  const auto k = static_cast<std::size_t>(layout_);
  std::optional<Rendering> unknown;
  for (const auto& [begin, chunk] : chunks_of(w)) {
    std::vector<std::string> renderings = other_layout_renderings(chunk);
    if (k >= renderings.size()) continue;
    QueryFix fix{begin, begin + chunk.size(), std::move(renderings[k]), 0};
    if (knows(fix.text)) return Rendering{std::move(fix), true};
    if (!unknown) unknown = Rendering{std::move(fix), false};
  }
  return unknown;
}

}  // namespace faqsearch::detail
