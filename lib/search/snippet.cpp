#include "search/snippet.h"

#include <algorithm>
#include <iterator>

#include "analysis/utf8.h"
#include "index/schema.h"

namespace faqsearch {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v'; }

bool has_text(std::string_view s) { return std::any_of(s.begin(), s.end(), [](char c) { return !is_space(c); }); }

void append_escaped(std::string& out, std::string_view text) {
  // Runs of text that needs no escaping (most of it) are appended whole.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view entity;
    switch (text[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&#39;"; break;
      default: continue;
    }
    out.append(text, run, i - run);
    out += entity;
    run = i + 1;
  }
  out.append(text, run);
}

}  // namespace

std::string Snippet::to_html(std::string_view open_tag, std::string_view close_tag) const {
  std::string out;
  out.reserve(text.size() + highlights.size() * (open_tag.size() + close_tag.size()) + 8);
  if (starts_mid_text) out += "\u2026";
  std::size_t pos = 0;
  for (const HighlightRange& h : highlights) {
    const std::size_t begin = std::min(h.begin, text.size());
    const std::size_t end = std::clamp(h.end, begin, text.size());
    if (begin < pos) continue;  // malformed (overlapping) range: never emit broken markup
    append_escaped(out, std::string_view(text).substr(pos, begin - pos));
    out += open_tag;
    append_escaped(out, std::string_view(text).substr(begin, end - begin));
    out += close_tag;
    pos = end;
  }
  append_escaped(out, std::string_view(text).substr(std::min(pos, text.size())));
  if (ends_mid_text) out += "\u2026";
  return out;
}

namespace detail {
namespace {

// At most this many matches take part in choosing the window (the first ones in the text).
constexpr std::size_t kMaxMatchesConsidered = 256;

// The passage choice and highlighting shared by both paths. `Tok` is Token or StoredToken (both
// have byte ranges `begin`/`end`); `matches` index `tokens`, ascending, at most
// kMaxMatchesConsidered.
template <class Tok>
Snippet build_snippet(std::string_view text, const std::vector<Tok>& tokens,
                      const std::vector<SnippetMatch>& matches, std::size_t target_bytes) {
  const auto begin_of = [&](const SnippetMatch& m) -> std::size_t { return tokens[m.token].begin; };
  const auto end_of = [&](const SnippetMatch& m) -> std::size_t { return tokens[m.token].end; };

  // Choose the window: the one starting at a match that covers the most distinct terms.
  std::size_t start = 0;
  std::size_t end = text.size();
  if (target_bytes > 0 && text.size() > target_bytes) {
    std::size_t best_first = 0, best_last = 0;
    double best_score = -1;
    std::vector<const std::string*> distinct;
    for (std::size_t i = 0; i < matches.size(); ++i) {
      distinct.clear();
      std::size_t last = i;
      for (std::size_t j = i; j < matches.size() && end_of(matches[j]) <= begin_of(matches[i]) + target_bytes; ++j) {
        if (std::find(distinct.begin(), distinct.end(), matches[j].term) == distinct.end()) {
          distinct.push_back(matches[j].term);
        }
        last = j;
      }
      const double score = static_cast<double>(distinct.size()) * 10 + static_cast<double>(last - i);
      if (score > best_score) {
        best_score = score;
        best_first = i;
        best_last = last;
      }
    }
    if (!matches.empty()) {
      const std::size_t first_begin = begin_of(matches[best_first]);
      const std::size_t last_end = end_of(matches[best_last]);
      const std::size_t slack = target_bytes > last_end - first_begin ? target_bytes - (last_end - first_begin) : 0;
      start = first_begin - std::min(first_begin, slack / 3);
    }
    // Snap the start forward to a token start (never mid-word), the end back to a token end.
    if (start > 0) {
      const auto it = std::find_if(tokens.begin(), tokens.end(), [&](const Tok& t) { return t.begin >= start; });
      if (it != tokens.end()) start = it->begin;
    }
    end = std::min(text.size(), start + target_bytes);
    if (end < text.size()) {
      std::size_t snapped = start;
      for (const Tok& t : tokens) {
        if (t.end <= end && t.begin >= start) snapped = std::max<std::size_t>(snapped, t.end);
      }
      if (snapped > start) {
        end = snapped;
      } else {
        // No token ends in the window (no words in it, or a first word longer than it): cut
        // between characters, keeping at least one, so that the text stays valid UTF-8.
        end = floor_char_boundary(text, end);
        if (end <= start) {
          end = start + 1;
          while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
        }
      }
    }
  }

  // Copy [start, end) collapsing whitespace, mapping input offsets to output offsets.
  Snippet snippet;
  snippet.text.reserve(end - start);
  std::vector<std::size_t> out_at(end - start + 1, 0);
  bool pending_space = false;
  for (std::size_t i = start; i < end; ++i) {
    const char c = text[i];
    if (is_space(c)) {
      pending_space = !snippet.text.empty();
      out_at[i - start] = snippet.text.size();
      continue;
    }
    if (pending_space) {
      snippet.text.push_back(' ');
      pending_space = false;
    }
    out_at[i - start] = snippet.text.size();
    snippet.text.push_back(c);
  }
  out_at[end - start] = snippet.text.size();
  snippet.starts_mid_text = has_text(text.substr(0, start));
  snippet.ends_mid_text = has_text(text.substr(end));

  for (const SnippetMatch& m : matches) {
    if (begin_of(m) < start || end_of(m) > end) continue;
    const HighlightRange range{out_at[begin_of(m) - start], out_at[end_of(m) - start]};
    if (range.begin >= range.end) continue;
    if (!snippet.highlights.empty() && range.begin <= snippet.highlights.back().end) {
      snippet.highlights.back().end = std::max(snippet.highlights.back().end, range.end);  // bigrams overlap
    } else {
      snippet.highlights.push_back(range);
    }
  }
  return snippet;
}

// Adds the match of tokens.back() on `term`, as the stored table's positions would find it. A
// word's term found at its position is the word's unless a token there names that same term (the
// codec, document_codec.cpp): a one-character dictionary word beside its own unigram (a format
// character such as U+206F joins the word's bytes but not its term) is matched through the unigram
// only.
void add_highlighted_match(const std::vector<Token>& tokens, const std::string& term,
                           std::vector<SnippetMatch>& matches) {
  const Token& t = tokens.back();
  const auto is_word_with_term = [&](const SnippetMatch& m) {
    const Token& w = tokens[m.token];
    return w.position == t.position && has_positions(w.kind) && *m.term == term;
  };
  if (!has_positions(t.kind)) {
    // Earlier matches at the same position are the last few: the tokens are in position order.
    auto first_here = matches.end();
    while (first_here != matches.begin() && tokens[std::prev(first_here)->token].position == t.position) --first_here;
    matches.erase(std::remove_if(first_here, matches.end(), is_word_with_term), matches.end());
  }
  matches.push_back({static_cast<std::uint32_t>(tokens.size() - 1), &term});
}

}  // namespace

Snippet make_snippet(std::string_view text, const std::vector<Token>& analyzed,
                     const std::unordered_set<std::string>& terms, std::size_t target_bytes) {
  // The tokens the token-offset table would hold, so both paths pick the same passage.
  std::vector<Token> tokens;
  tokens.reserve(analyzed.size());
  std::vector<SnippetMatch> matches;
  for (const Token& t : analyzed) {
    const bool highlighted = is_highlighted(t.kind);
    if (highlighted) tokens.push_back(t);
    if (matches.size() >= kMaxMatchesConsidered) continue;  // every token is still needed
    const auto it = terms.find(t.term);
    if (highlighted) {
      if (it != terms.end()) add_highlighted_match(tokens, *it, matches);
      continue;
    }
    // A folded variant is not stored (schema.h is_highlighted): a match on it marks its word,
    // the token just before it with the same bytes, as the stored table's positions do.
    // A word matched by both keeps the smaller term, as the stored path does.
    if (t.kind == TokenKind::kFolded && it != terms.end() && !tokens.empty() && tokens.back().begin == t.begin &&
        tokens.back().end == t.end) {
      const auto word = static_cast<std::uint32_t>(tokens.size() - 1);
      if (matches.empty() || matches.back().token != word) {
        matches.push_back({word, &*it});
      } else if (*it < *matches.back().term) {
        matches.back().term = &*it;
      }
    }
  }
  return build_snippet(text, tokens, matches, target_bytes);
}

void match_position(const FieldTokens& field, std::string_view text, const std::string& term,
                    std::uint32_t position, std::vector<SnippetMatch>& out) {
  if (position < field.first_position) return;
  const std::uint32_t local = position - field.first_position;
  // Positions never decrease along the tokens: the tokens at `local` are one run.
  const auto by_position = [](const StoredToken& t, std::uint32_t p) { return t.position < p; };
  auto it = std::lower_bound(field.tokens.begin(), field.tokens.end(), local, by_position);
  const auto run_end = std::find_if(it, field.tokens.end(), [&](const StoredToken& t) { return t.position != local; });
  // A token that names its term (a folded variant, a bigram starting in the word) matches that
  // term only; the word (kUnique) matches any other term found at its position.
  bool named = false;
  for (auto t = it; t != run_end; ++t) {
    const auto i = static_cast<std::size_t>(t - field.tokens.begin());
    if (t->identity != StoredToken::Identity::kUnique && field.has_term(i, text, term)) {
      out.push_back({static_cast<std::uint32_t>(i), &term});
      named = true;
    }
  }
  if (named) return;
  for (auto t = it; t != run_end; ++t) {
    if (t->identity == StoredToken::Identity::kUnique) {
      out.push_back({static_cast<std::uint32_t>(t - field.tokens.begin()), &term});
    }
  }
}

void match_by_term(const FieldTokens& field, std::string_view text, const std::unordered_set<std::string>& terms,
                    std::vector<SnippetMatch>& out) {
  // A query has a handful of terms and an article hundreds of tokens: comparing against each
  // term (mostly a length mismatch) costs less than hashing every token's term.
  std::vector<const std::string*> wanted;
  wanted.reserve(terms.size());
  for (const std::string& term : terms) wanted.push_back(&term);
  if (wanted.empty()) return;
  for (std::size_t i = 0; i < field.tokens.size(); ++i) {
    const std::string_view term = field.stored_term(i, text);
    if (term.empty()) continue;  // kUnique: found through its positions
    for (const std::string* w : wanted) {
      if (*w == term) {
        out.push_back({static_cast<std::uint32_t>(i), w});
        break;
      }
    }
  }
}

Snippet make_snippet(std::string_view text, const FieldTokens& field, std::vector<SnippetMatch> matches,
                     std::size_t target_bytes) {
  // The analysis path sees matches in token order and keeps the first kMaxMatchesConsidered.
  // A word can match two terms (its own and its folded variant's, found at its position): it
  // keeps the smaller, as the analysis path does.
  std::sort(matches.begin(), matches.end(), [](const SnippetMatch& a, const SnippetMatch& b) {
    return a.token != b.token ? a.token < b.token : *a.term < *b.term;
  });
  matches.erase(std::unique(matches.begin(), matches.end(),
                            [](const SnippetMatch& a, const SnippetMatch& b) { return a.token == b.token; }),
                matches.end());
  if (matches.size() > kMaxMatchesConsidered) matches.resize(kMaxMatchesConsidered);
  return build_snippet(text, field.tokens, matches, target_bytes);
}

}  // namespace detail
}  // namespace faqsearch

namespace faqsearch::detail {

HitSnippets make_hit_snippets(const Xapian::Database& db, Xapian::docid did, std::string_view table,
                              const Article& article, const std::unordered_set<std::string>& terms,
                              std::size_t snippet_bytes, Analyzer& analyzer) {
  if (table.empty()) {
    return {make_snippet(article.title, analyzer.analyze(article.title, article.lang), terms, 0),
            make_snippet(article.body, analyzer.analyze(article.body, article.lang), terms, snippet_bytes)};
  }
  const TokenOffsets offsets = decode_token_offsets(table, article.title.size(), article.body.size());
  std::vector<SnippetMatch> title_matches;
  std::vector<SnippetMatch> body_matches;
  for (const std::string& term : terms) {
    for (auto p = db.positionlist_begin(did, term); p != db.positionlist_end(did, term); ++p) {
      if (*p >= offsets.body.first_position) {
        match_position(offsets.body, article.body, term, *p, body_matches);
      } else {
        match_position(offsets.title, article.title, term, *p, title_matches);
      }
    }
  }
  // CJK n-grams have no positions: the table names their terms.
  match_by_term(offsets.title, article.title, terms, title_matches);
  match_by_term(offsets.body, article.body, terms, body_matches);
  return {make_snippet(article.title, offsets.title, std::move(title_matches), 0),
          make_snippet(article.body, offsets.body, std::move(body_matches), snippet_bytes)};
}

}  // namespace faqsearch::detail
