#include "cli/results_json.h"

#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <map>

#include "cli/cli_common.h"
#include "faqsearch/error.h"

namespace faqsearch::cli {

using nlohmann::json;

void write_hit(JsonText& out, const Hit& hit) {
  // Members in key order, as nlohmann::json writes an object.
  out.begin_object().member("category", hit.category).member("fallback", hit.fallback).key("highlights").begin_array();
  for (const HighlightRange& h : hit.snippet.highlights) {
    out.begin_array().value(std::uint64_t{h.begin}).value(std::uint64_t{h.end}).end_array();
  }
  out.end_array()
      .member("id", hit.id)
      .member("lang", hit.lang)
      .member("outdated", hit.outdated)
      .member("position", hit.position)
      .member("promoted", hit.promoted)
      .member("rank", std::uint64_t{hit.rank})
      .member("score", hit.score)
      .member("section", hit.section)
      .member("snippet", hit.snippet.text)
      .member("snippet_html", hit.snippet.to_html())
      .member("tags", hit.tags)
      .member("title", hit.title)
      .member("title_html", hit.title_snippet.to_html())
      .member("translations", hit.translations)
      .member("updated_at", hit.updated_at)
      .member("url", hit.url)
      .member("vote_count", hit.vote_count)
      .member("vote_sum", hit.vote_sum)
      .end_object();
}

std::string hits_json(const std::vector<Hit>& hits) {
  JsonText out;
  out.begin_array();
  for (const Hit& hit : hits) write_hit(out, hit);
  out.end_array();
  return std::move(out).text();
}

JsonObjectText results_json(const SearchResults& results, bool facets) {
  JsonObjectText out;
  out.set("total", results.total);
  out.set("languages", results.languages);
  out.set_raw("hits", hits_json(results.hits));
  if (facets) {
    const FacetCounts& f = results.facets;
    out.set("facets", {{"category", f.category}, {"section", f.section}, {"tag", f.tag}, {"lang", f.lang},
                       {"exhaustive", f.exhaustive}});
  }
  json discovery = json::object();
  add_discovery_json(results, discovery);
  out.set_all(discovery);
  if (!results.unavailable_shards.empty()) out.set("unavailable_shards", results.unavailable_shards);  // partial
  if (results.generations_differ) out.set("generations_differ", true);
  return out;
}

JsonObjectText suggestions_json(const std::string& text, const Suggestions& s) {
  json completions = json::array();
  for (const Completion& c : s.completions) {
    completions.push_back({{"word", c.word}, {"query", c.query}, {"articles", c.articles}});
  }
  JsonObjectText out;
  out.set("text", text);
  out.set("completions", completions);
  out.set_raw("titles", hits_json(s.titles));
  if (!s.unavailable_shards.empty()) out.set("unavailable_shards", s.unavailable_shards);
  return out;
}

JsonObjectText related_json(const std::string& id, const RelatedArticles& related) {
  JsonObjectText out;
  out.set("id", id);
  out.set_raw("hits", hits_json(related.hits));
  if (!related.unavailable_shards.empty()) out.set("unavailable_shards", related.unavailable_shards);  // partial
  if (related.generations_differ) out.set("generations_differ", true);
  return out;
}

std::string pretty_json(const std::string& text) {
  return json::parse(text).dump(2, ' ', false, json::error_handler_t::replace);
}

json article_to_json(const Article& a) {
  return {{"id", a.id},        {"lang", a.lang},         {"title", a.title},
          {"body", a.body},    {"url", a.url},           {"category", a.category},
          {"section", a.section}, {"tags", a.tags},      {"audience", a.audience},
          {"updated_at", a.updated_at}, {"promoted", a.promoted}, {"outdated", a.outdated},
          {"vote_sum", a.vote_sum}, {"vote_count", a.vote_count}, {"position", a.position}};
}

json stats_to_json(const IndexStats& s) {
  return {{"articles", s.articles},
          {"per_language", s.per_language},
          {"per_audience", s.per_audience},
          {"distinct_terms", s.distinct_terms},
          {"bytes_on_disk", s.bytes_on_disk},
          {"schema_version", s.schema_version},
          {"analysis_version", s.analysis_version},
          {"title_boost", s.settings.title_boost},
          {"tags_weight", s.settings.tags_weight},
          {"section_weight", s.settings.section_weight},
          {"category_weight", s.settings.category_weight},
          {"max_term_bytes", s.settings.analysis.max_term_bytes},
          {"word_pairs", s.settings.analysis.word_pairs}};
}

namespace {

[[noreturn]] void wrong_type(std::string_view what, const std::string& field, std::string_view expected) {
  throw InvalidArgument(fmt::format("{}: field {}: expected {}", what, field, expected));
}

void read_string(std::string_view what, const std::string& field, const json& value, std::string& out) {
  if (!value.is_string()) wrong_type(what, field, "a string");
  out = value.get<std::string>();
}

void read_strings(std::string_view what, const std::string& field, const json& value, std::vector<std::string>& out) {
  if (!value.is_array()) wrong_type(what, field, "an array of strings");
  out.clear();
  for (const json& item : value) {
    if (!item.is_string()) wrong_type(what, field, "an array of strings");
    out.push_back(item.get<std::string>());
  }
}

void read_bool(std::string_view what, const std::string& field, const json& value, bool& out) {
  if (!value.is_boolean()) wrong_type(what, field, "true or false");
  out = value.get<bool>();
}

void read_count(std::string_view what, const std::string& field, const json& value, std::size_t& out) {
  if (!value.is_number_unsigned()) wrong_type(what, field, "a non-negative integer");
  out = value.get<std::size_t>();
}

void read_integer(std::string_view what, const std::string& field, const json& value, std::int64_t& out) {
  if (!value.is_number_integer() || (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX)) {
    wrong_type(what, field, "an integer");
  }
  out = value.get<std::int64_t>();
}

void read_sort(std::string_view what, const std::string& field, const json& value, SearchSort& out) {
  static const std::map<std::string, SearchSort, std::less<>> kSorts{
      {"relevance", SearchSort::kRelevance}, {"updated", SearchSort::kUpdated}, {"position", SearchSort::kPosition}};
  const auto sort = value.is_string() ? kSorts.find(value.get_ref<const std::string&>()) : kSorts.end();
  if (sort == kSorts.end()) wrong_type(what, field, "\"relevance\", \"updated\" or \"position\"");
  out = sort->second;
}

/// Reads each member of `object` with the reader registered for its name.
void read_members(std::string_view what, const json& object,
                  const std::map<std::string, std::function<void(const std::string&, const json&)>>& readers) {
  if (!object.is_object()) throw InvalidArgument(fmt::format("{}: expected a JSON object", what));
  for (const auto& [name, value] : object.items()) {
    const auto reader = readers.find(name);
    if (reader == readers.end()) throw InvalidArgument(fmt::format("{}: unknown field {}", what, name));
    reader->second(name, value);
  }
}

}  // namespace

Article article_from_json(const json& object) {
  constexpr std::string_view kWhat = "article";
  Article a;
  const auto string_field = [&](std::string& field) {
    return [&field, kWhat](const std::string& name, const json& v) { read_string(kWhat, name, v, field); };
  };
  read_members(kWhat, object,
               {{"id", string_field(a.id)},
                {"lang", string_field(a.lang)},
                {"title", string_field(a.title)},
                {"body", string_field(a.body)},
                {"url", string_field(a.url)},
                {"category", string_field(a.category)},
                {"section", string_field(a.section)},
                {"audience", string_field(a.audience)},
                {"updated_at", string_field(a.updated_at)},
                {"tags", [&](const std::string& n, const json& v) { read_strings(kWhat, n, v, a.tags); }},
                {"promoted", [&](const std::string& n, const json& v) { read_bool(kWhat, n, v, a.promoted); }},
                {"outdated", [&](const std::string& n, const json& v) { read_bool(kWhat, n, v, a.outdated); }},
                {"vote_sum", [&](const std::string& n, const json& v) { read_integer(kWhat, n, v, a.vote_sum); }},
                {"vote_count", [&](const std::string& n, const json& v) { read_integer(kWhat, n, v, a.vote_count); }},
                {"position", [&](const std::string& n, const json& v) { read_integer(kWhat, n, v, a.position); }}});
  return a;
}

SearchRequest search_request_from_json(const json& object) {
  constexpr std::string_view kWhat = "search request";
  SearchRequest r;
  const auto strings = [&](std::vector<std::string>& field) {
    return [&field, kWhat](const std::string& n, const json& v) { read_strings(kWhat, n, v, field); };
  };
  const auto flag = [&](bool& field) {
    return [&field, kWhat](const std::string& n, const json& v) { read_bool(kWhat, n, v, field); };
  };
  const auto count = [&](std::size_t& field) {
    return [&field, kWhat](const std::string& n, const json& v) { read_count(kWhat, n, v, field); };
  };
  read_members(kWhat, object,
               {{"query", [&](const std::string& n, const json& v) { read_string(kWhat, n, v, r.query); }},
                {"languages", strings(r.languages)},
                {"categories", strings(r.categories)},
                {"sections", strings(r.sections)},
                {"tags", strings(r.tags)},
                {"hit_languages", strings(r.hit_languages)},
                {"audiences", strings(r.audiences)},
                {"facets", flag(r.facets)},
                {"snippets", flag(r.snippets)},
                {"typo_tolerance", flag(r.typo_tolerance)},
                {"prefix_last_word", flag(r.prefix_last_word)},
                {"fallback", flag(r.fallback)},
                {"offset", count(r.offset)},
                {"limit", count(r.limit)},
                {"snippet_bytes", count(r.snippet_bytes)},
                {"sort", [&](const std::string& n, const json& v) { read_sort(kWhat, n, v, r.sort); }}});
  return r;
}

std::string to_json_line(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace faqsearch::cli
