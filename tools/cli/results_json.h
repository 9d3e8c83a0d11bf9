// The JSON faqsearch speaks: search results and articles as `faqsearch search --json` prints them
// and `faqsearch serve` answers them, and search requests as the service reads them. One place,
// so the CLI and the service cannot drift apart. Results and hits, written on every request, are
// written as text (json_text.h); the rest as nlohmann::json trees.
#pragma once

#include <nlohmann/json.hpp>

#include "cli/json_text.h"
#include "faqsearch/article.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"

namespace faqsearch::cli {

/// Writes a hit as a JSON object: its fields, the snippet's text and highlight ranges, and both
/// snippets rendered by Snippet::to_html (escaped: safe to insert as HTML).
void write_hit(JsonText& out, const Hit& hit);

/// The JSON text of an array of hits.
std::string hits_json(const std::vector<Hit>& hits);

/// The members of a search's answer: "total", "languages", "hits", "facets" when `facets`, and
/// "did_you_mean" and "diagnosis" when the search has them, "unavailable_shards" when shards of a
/// cluster did not answer (partial results), "generations_differ" when its shards were at different
/// cluster generations. Callers add their own ("query", "took_ms") before
/// writing it.
JsonObjectText results_json(const SearchResults& results, bool facets);

/// `faqsearch suggest --json`: {"text", "completions": [{"word", "query", "articles"}], "titles":
/// [hits]}, and "unavailable_shards" as results_json's.
JsonObjectText suggestions_json(const std::string& text, const Suggestions& suggestions);

/// `faqsearch related --json`: {"id", "hits": [hits]}, with "unavailable_shards" and
/// "generations_differ" as search_json has them.
JsonObjectText related_json(const std::string& id, const RelatedArticles& related);

/// `text` (JSON) indented by two spaces, for a person reading a terminal.
std::string pretty_json(const std::string& text);

/// Every field of an Article.
nlohmann::json article_to_json(const Article& article);

/// An index's counts and settings (`faqsearch stats --json`).
nlohmann::json stats_to_json(const IndexStats& stats);

/// An Article from a JSON object holding its fields (strings; "tags" an array of strings).
/// Throws InvalidArgument naming the field that is not of its type, or a member that is no field.
Article article_from_json(const nlohmann::json& json);

/// A SearchRequest from a JSON object with SearchRequest's field names ("query", "languages",
/// "limit"...). Members left out keep their defaults; "audiences" is read too (the caller decides
/// whether it may). Throws InvalidArgument naming the field that is not of its type, or an unknown
/// member.
SearchRequest search_request_from_json(const nlohmann::json& json);

/// The JSON text of `value` on one line (invalid UTF-8 replaced), as every JSON output is written.
std::string to_json_line(const nlohmann::json& value);

}  // namespace faqsearch::cli
