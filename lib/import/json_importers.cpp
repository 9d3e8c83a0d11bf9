// JSON-lines importers: our JSONL articles and BEIR corpus.jsonl, a JSON object per line.
// Zendesk Help Center exports, one JSON document, are read in zendesk_importer.cpp.
#include <algorithm>
#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "faqsearch/analyzer.h"
#include "import/import_internal.h"
#include "import/json_article_reader.h"
#include "import/json_sax.h"

namespace faqsearch::detail {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

/// Calls `on_line(line_number, line)` for every non-blank line of a JSON-lines file, repaired to
/// valid UTF-8. Streams: BEIR corpora run to gigabytes and need not be held in memory at once.
template <typename OnLine>
void for_each_line(const fs::path& path, OnLine&& on_line) {
  InputFile in(path);
  std::string line;
  for (std::size_t number = 1; in.read_line(line); ++number) {
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // byte order mark
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    if (!is_valid_utf8(line)) line = repair_utf8(line);
    on_line(number, std::string_view(line));
  }
}

/// Parses one JSON line into an object, or reports why it is not one: not JSON, not an object,
/// or holding a value too deep or too large (the first one found names the field).
std::optional<json> parse_object_line(std::string_view line, SourceLocation where, RecordSink& sink) {
  ParsedLine parsed = parse_json_line(std::string(line));
  if (parsed.error) {
    sink.problem(std::move(where), *parsed.error);
    return std::nullopt;
  }
  if (!parsed.value.is_object()) {
    sink.problem(std::move(where), std::string("expected a JSON object, found ") +
                                       (parsed.value.is_number() ? "a number"
                                                                 : std::string("an ") + parsed.value.type_name()));
    return std::nullopt;
  }
  if (!parsed.flaws.empty()) {
    where.field = parsed.flaws.front().path;
    sink.problem(std::move(where), parsed.flaws.front().message);
    return std::nullopt;
  }
  return std::move(parsed.value);
}

constexpr std::array<std::string_view, 15> kArticleFields{
    "id", "lang", "title", "body", "url", "category", "section", "tags", "audience", "updated_at",
    "promoted", "outdated", "vote_sum", "vote_count", "position"};

}  // namespace

void read_jsonl_file(const fs::path& path, RecordSink& sink) {
  const std::string file = path.string();
  // Unknown members are reported once per file: a misspelt "tag" would otherwise lose every
  // record's tags without a word, and once is enough to say so.
  std::set<std::string, std::less<>> reported_unknown;
  for_each_line(path, [&](std::size_t number, std::string_view line) {
    const SourceLocation where{file, number, ""};
    std::optional<json> object = parse_object_line(line, where, sink);
    if (!object) return;
    for (const auto& member : object->items()) {
      const std::string& key = member.key();
      if (std::find(kArticleFields.begin(), kArticleFields.end(), key) == kArticleFields.end() &&
          reported_unknown.insert(key).second) {
        sink.problem({file, number, key}, "unknown field, ignored (reported once per file)");
      }
    }
    ObjectReader reader(*object, "");
    Article article;
    reader.string("id", article.id, true);
    reader.string("lang", article.lang);
    reader.string("title", article.title);
    reader.string("body", article.body);
    reader.string("url", article.url);
    reader.string("category", article.category);
    reader.string("section", article.section);
    reader.tags("tags", article.tags, true);
    reader.string("audience", article.audience);
    reader.string("updated_at", article.updated_at);
    read_signals(reader, article);
    deliver_or_report(std::move(article), reader, where, sink);
  });
}

void read_beir_file(const fs::path& path, RecordSink& sink) {
  const std::string file = path.string();
  for_each_line(path, [&](std::size_t number, std::string_view line) {
    const SourceLocation where{file, number, ""};
    std::optional<json> object = parse_object_line(line, where, sink);
    if (!object) return;
    // Other members (BEIR's "metadata") are the data set's business, not articles'.
    ObjectReader reader(*object, "");
    Article article;
    reader.string("_id", article.id, true);
    reader.string("title", article.title);
    reader.string("text", article.body);
    reader.string("lang", article.lang);
    if (!reader.error() && trim(article.id).empty()) reader.fail("_id", "missing required field");
    deliver_or_report(std::move(article), reader, where, sink);
  });
}

}  // namespace faqsearch::detail
