// The endpoints of `faqsearch serve` that read and write the index.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <sstream>

#include "cli/cli_common.h"
#include "cli/results_json.h"
#include "cli/serve/http_json.h"
#include "cli/serve/service.h"
#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/language.h"

namespace faqsearch::cli::serve {

namespace {

using nlohmann::json;

enum class ParamType { kString, kList, kBool, kCount };

struct QueryParam {
  const char* name;   // in the URL
  const char* field;  // in search_request_from_json's object
  ParamType type;
};

/// The audiences a read asks for (GET /search and GET /articles).
constexpr QueryParam kAudienceParam{"audience", "audiences", ParamType::kList};

/// GET /search's parameters, each the URL name of one SearchRequest field.
constexpr QueryParam kSearchParams[] = {
    {"q", "query", ParamType::kString},
    {"lang", "languages", ParamType::kList},
    {"category", "categories", ParamType::kList},
    {"section", "sections", ParamType::kList},
    {"tag", "tags", ParamType::kList},
    {"hit_lang", "hit_languages", ParamType::kList},
    kAudienceParam,
    {"facets", "facets", ParamType::kBool},
    {"snippets", "snippets", ParamType::kBool},
    {"typo_tolerance", "typo_tolerance", ParamType::kBool},
    {"prefix_last_word", "prefix_last_word", ParamType::kBool},
    {"fallback", "fallback", ParamType::kBool},
    {"offset", "offset", ParamType::kCount},
    {"limit", "limit", ParamType::kCount},
    {"snippet_bytes", "snippet_bytes", ParamType::kCount},
    {"sort", "sort", ParamType::kString},
};

json param_value(const QueryParam& param, const std::string& text) {
  switch (param.type) {
    case ParamType::kString:
      return text;
    case ParamType::kList: {
      json items = json::array();
      std::istringstream in(text);
      for (std::string item; std::getline(in, item, ',');) {
        if (!item.empty()) items.push_back(item);
      }
      return items;
    }
    case ParamType::kBool:
      return flag_param("search", param.name, text);
    case ParamType::kCount:
      if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        throw InvalidArgument(fmt::format("search: parameter {}: expected a non-negative integer", param.name));
      }
      return std::stoul(text);
  }
  return nullptr;
}

/// GET /search's URL parameters as the JSON object POST /search takes.
json params_to_json(const httplib::Params& params) {
  json object = json::object();
  // Not a structured binding: clang 14 (the sanitizer build) refuses one captured by a lambda.
  for (const auto& entry : params) {
    const std::string& name = entry.first;
    const std::string& value = entry.second;
    const auto* param = std::find_if(std::begin(kSearchParams), std::end(kSearchParams),
                                     [&](const QueryParam& p) { return name == p.name; });
    if (param == std::end(kSearchParams)) throw InvalidArgument(fmt::format("search: unknown parameter {}", name));
    if (object.contains(param->field)) throw InvalidArgument(fmt::format("search: parameter {} given twice", name));
    object[param->field] = param_value(*param, value);
  }
  return object;
}

/// The request body as JSON; InvalidArgument (400) when it is not, or nests deeper than the
/// CLI's JSON inputs may (copying or printing deep JSON recurses).
json parse_body(const httplib::Request& request) {
  if (request.body.empty()) throw InvalidArgument("request body: expected a JSON object, got nothing");
  return parse_json_line(request.body, "request body", 1);
}

/// Whether every audience of `asked` is one `grant` may read.
bool granted(const Grant& grant, const std::vector<std::string>& asked) {
  if (grant.admin) return true;
  return std::all_of(asked.begin(), asked.end(), [&](const std::string& a) {
    return std::find(grant.audiences.begin(), grant.audiences.end(), a) != grant.audiences.end();
  });
}

double milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

void Service::handle_search(const httplib::Request& request, httplib::Response& response, const Grant& grant) {
  const auto start = std::chrono::steady_clock::now();
  const json object = request.method == "POST" ? parse_body(request) : params_to_json(request.params);
  SearchRequest search = search_request_from_json(object);
  if (!object.is_object() || !object.contains("audiences")) {
    search.audiences = grant.audiences;
  } else if (!granted(grant, search.audiences)) {
    reply_error(response, kForbidden, "search: field audiences: this key may not read those audiences");
    return;
  }
  const SearchResults results = searchers_.lease()->search(search);
  if (options_.query_log) options_.query_log->record(search, results);
  JsonObjectText out = results_json(results, search.facets);
  out.set("query", search.query);
  out.set("took_ms", milliseconds_since(start));
  reply_json_text(response, out.text());
}

void Service::handle_get_article(const httplib::Request& request, httplib::Response& response, const Grant& grant) {
  const auto start = std::chrono::steady_clock::now();
  const std::string id = request.matches[1];
  std::string lang;
  std::vector<std::string> audiences = grant.audiences;
  for (const auto& [name, value] : request.params) {
    if (name == "lang") {
      lang = known_language_tag(value);
    } else if (name == "audience") {
      audiences = param_value(kAudienceParam, value).get<std::vector<std::string>>();
    } else {
      throw InvalidArgument(fmt::format("articles: unknown parameter {}", name));
    }
  }
  if (!granted(grant, audiences)) {
    reply_error(response, kForbidden, "articles: parameter audience: this key may not read those audiences");
    return;
  }
  std::vector<Article> translations = searchers_.lease()->articles(id, audiences);
  if (!lang.empty()) {
    std::erase_if(translations, [&](const Article& a) { return a.lang != lang; });
  }
  if (translations.empty()) {
    reply_error(response, kNotFound, fmt::format("no article {}{}", id, lang.empty() ? "" : " in " + lang));
    return;
  }
  json articles = json::array();
  for (const Article& a : translations) articles.push_back(article_to_json(a));
  reply_json(response, {{"id", id}, {"translations", std::move(articles)}, {"took_ms", milliseconds_since(start)}});
}

namespace {

/// The parameters GET /suggest and GET /related take: q (suggest) or id (related), lang, audience
/// and limit (1-kMaxSuggestions for suggest, 1-100 for related).
struct DiscoveryParams {
  std::string text;
  std::vector<std::string> languages;
  std::optional<std::vector<std::string>> audiences;
  std::size_t limit = 5;
};

DiscoveryParams discovery_params(const httplib::Request& request, std::string_view endpoint, std::string_view text_name,
                                 std::size_t max_limit) {
  constexpr QueryParam kLanguages{"lang", "languages", ParamType::kList};
  constexpr QueryParam kLimit{"limit", "limit", ParamType::kCount};
  DiscoveryParams out;
  for (const auto& [name, value] : request.params) {
    if (name == text_name) {
      out.text = value;
    } else if (name == "lang") {
      out.languages = param_value(kLanguages, value).get<std::vector<std::string>>();
    } else if (name == "audience") {
      out.audiences = param_value(kAudienceParam, value).get<std::vector<std::string>>();
    } else if (name == "limit") {
      out.limit = param_value(kLimit, value).get<std::size_t>();
      if (out.limit == 0 || out.limit > max_limit) {
        throw InvalidArgument(fmt::format("{}: parameter limit: expected 1 to {}", endpoint, max_limit));
      }
    } else {
      throw InvalidArgument(fmt::format("{}: unknown parameter {}", endpoint, name));
    }
  }
  if (out.text.empty()) throw InvalidArgument(fmt::format("{}: parameter {} is required", endpoint, text_name));
  return out;
}

}  // namespace

void Service::handle_suggest(const httplib::Request& request, httplib::Response& response, const Grant& grant) {
  const auto start = std::chrono::steady_clock::now();
  const DiscoveryParams params = discovery_params(request, "suggest", "q", kMaxSuggestions);
  SuggestRequest suggest;
  suggest.text = params.text;
  suggest.languages = params.languages;
  suggest.audiences = params.audiences.value_or(grant.audiences);
  if (!granted(grant, suggest.audiences)) {
    reply_error(response, kForbidden, "suggest: parameter audience: this key may not read those audiences");
    return;
  }
  suggest.completions = params.limit;
  suggest.titles = params.limit;
  JsonObjectText out = suggestions_json(params.text, searchers_.lease()->suggest(suggest));
  out.set("took_ms", milliseconds_since(start));
  reply_json_text(response, out.text());
}

void Service::handle_related(const httplib::Request& request, httplib::Response& response, const Grant& grant) {
  const auto start = std::chrono::steady_clock::now();
  const DiscoveryParams params = discovery_params(request, "related", "id", 100);
  SearchRequest search;
  search.languages = params.languages;
  search.audiences = params.audiences.value_or(grant.audiences);
  if (!granted(grant, search.audiences)) {
    reply_error(response, kForbidden, "related: parameter audience: this key may not read those audiences");
    return;
  }
  search.limit = params.limit;
  search.snippets = false;
  JsonObjectText out = related_json(params.text, searchers_.lease()->related(params.text, search));
  out.set("took_ms", milliseconds_since(start));
  reply_json_text(response, out.text());
}

void Service::handle_put_article(const httplib::Request& request, httplib::Response& response) {
  const std::string id = request.matches[1];
  json object = parse_body(request);
  if (object.is_object() && !object.contains("id")) object["id"] = id;
  Article article = article_from_json(object);
  if (article.id != id) throw InvalidArgument(fmt::format("article: field id: {} differs from the URL's {}", article.id, id));
  std::lock_guard lock(writer_mutex_);
  IndexWriter writer = IndexWriter::open(options_.db, OpenMode::kOpen, index_settings(options_.db));
  writer.upsert(article);
  writer.commit();
  reply_json(response, {{"id", id}, {"lang", known_language_tag(article.lang)}, {"committed", true}});
}

void Service::handle_delete_article(const httplib::Request& request, httplib::Response& response) {
  const std::string id = request.matches[1];
  std::vector<std::string> languages;
  for (const auto& [name, value] : request.params) {
    if (name != "lang") throw InvalidArgument(fmt::format("articles: unknown parameter {}", name));
    languages.push_back(known_language_tag(value));
  }
  if (languages.empty()) languages = searchers_.lease()->languages();  // every translation
  std::lock_guard lock(writer_mutex_);
  IndexWriter writer = IndexWriter::open(options_.db, OpenMode::kOpen, index_settings(options_.db));
  for (const std::string& lang : languages) writer.remove(id, lang);
  writer.commit();
  reply_json(response, {{"id", id}, {"languages", languages}, {"committed", true}});
}

void Service::handle_stats(httplib::Response& response, const Grant& grant) {
  if (grant.admin) {
    reply_json(response, stats_to_json(index_stats(options_.db)));
    return;
  }
  // Counts per audience would tell an anonymous caller what the other audiences hold.
  reply_json(response, {{"languages", searchers_.lease()->languages()}});
}

}  // namespace faqsearch::cli::serve
