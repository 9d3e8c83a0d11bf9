// faqsearch: the article model shared by importers, the index and search results.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace faqsearch {

/// Audience of an article nobody restricted: what an anonymous shopper may see.
inline constexpr const char* kPublicAudience = "public";

/// One help-center article in one language.
///
/// Translations of an article share its `id` and differ by `lang`; the pair (id, lang) is the
/// unique key of the index. Plain data: free to copy, move and share between threads.
struct Article {
  /// Stable identifier shared by all translations of the article (e.g. "track-order"). Required.
  std::string id;
  /// BCP 47 language tag (e.g. "en", "nb", "zh-Hant"). Required; canonicalized on upsert.
  std::string lang;
  /// Title shown in results; weighted above the body in ranking.
  std::string title;
  /// Plain-text body (importers turn HTML and Markdown into text).
  std::string body;
  /// Link to the article in the help center; may be empty.
  std::string url;
  /// One category (e.g. "shipping"); may be empty. Searches can filter on it.
  std::string category;
  /// Free-form labels (e.g. "tracking", "delivery"). Searches can filter on them.
  std::vector<std::string> tags;
  /// Who may see the article (e.g. "public", "agents", "b2b"); empty means kPublicAudience.
  /// Articles of different audiences live in different partitions of the index, so a search
  /// never opens data its caller may not see.
  std::string audience;
  /// Last modification time as ISO 8601 text (e.g. "2026-10-01T12:00:00Z"); may be empty.
  std::string updated_at;
  /// Section within the help center (a category holds sections, a section holds articles, as in
  /// Zendesk); may be empty. Searches can filter on it and count hits per section.
  std::string section;
  /// Help-center signals (as Zendesk exports them). Each moves the article's score by a bounded
  /// amount (README.md, "Ranking signals"): a signal lifts an article past a near tie, never past a clearly
  /// better text match.
  /// Pinned by the help center's editors: ranks a little higher.
  bool promoted = false;
  /// Marked as out of date (e.g. its source translation changed): ranks a little lower.
  bool outdated = false;
  /// Up votes minus down votes ("was this article helpful?"), and the number of votes cast.
  std::int64_t vote_sum = 0;
  std::int64_t vote_count = 0;
  /// Order of the article within its section (lower first), for SearchSort::kPosition.
  std::int64_t position = 0;

  friend bool operator==(const Article&, const Article&) = default;
};

}  // namespace faqsearch
