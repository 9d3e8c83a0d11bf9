// JSON-based importers: JSONL articles, BEIR corpus.jsonl and Zendesk Help Center exports.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "faqsearch/analyzer.h"
#include "faqsearch/error.h"
#include "import/import_internal.h"
#include "import/json_sax.h"

namespace faqsearch::detail {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct FieldError {
  std::string field;
  std::string message;
};

/// Reads the members of one JSON object into Article fields, remembering the first member of
/// the wrong type. Absent and null members leave the field empty.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

  /// A string member; with `allow_integer`, an integer is taken as its decimal text (ids and
  /// section ids are numbers in many exports).
  void string(std::string_view key, std::string& out, bool allow_integer = false) {
    const json* value = member(key);
    if (value == nullptr) return;
    if (value->is_string()) {
      out = value->get_ref<const std::string&>();
    } else if (allow_integer && value->is_number_integer()) {
      out = value->dump();
    } else {
      fail(key, allow_integer ? "expected a string or an integer, found " + type_of(*value)
                              : "expected a string, found " + type_of(*value));
    }
  }

  /// Tags: an array of strings or one comma-separated string (with `allow_string`).
  void tags(std::string_view key, std::vector<std::string>& out, bool allow_string) {
    const json* value = member(key);
    if (value == nullptr) return;
    if (allow_string && value->is_string()) {
      out = split_tags(value->get_ref<const std::string&>());
      return;
    }
    if (!value->is_array()) {
      fail(key, std::string(allow_string ? "expected an array of strings or a comma-separated "
                                           "string, found "
                                         : "expected an array of strings, found ") +
                    type_of(*value));
      return;
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      if (!item.is_string()) {
        fail(std::string(key) + "[" + std::to_string(i) + "]",
             "expected a string, found " + type_of(item));
        return;
      }
      out.push_back(item.get<std::string>());
    }
  }

  /// A boolean member; absent or null is false.
  bool flag(std::string_view key) {
    const json* value = member(key);
    if (value == nullptr) return false;
    if (!value->is_boolean()) {
      fail(key, "expected true or false, found " + type_of(*value));
      return false;
    }
    return value->get<bool>();
  }

  /// A boolean member into `out`; absent or null leaves `out` as it is.
  void boolean(std::string_view key, bool& out) {
    if (member(key) != nullptr) out = flag(key);
  }

  /// An integer member into `out` (a whole number written as 3.0 too); absent or null leaves
  /// `out` as it is.
  void integer(std::string_view key, std::int64_t& out) {
    const json* value = member(key);
    if (value == nullptr) return;
    if (value->is_number_integer()) {
      if (value->is_number_unsigned() && value->get<std::uint64_t>() > INT64_MAX) {
        fail(key, "integer out of range");
        return;
      }
      out = value->get<std::int64_t>();
    } else if (value->is_number_float() && std::abs(value->get<double>()) < 9e18 &&
               value->get<double>() == std::trunc(value->get<double>())) {
      out = static_cast<std::int64_t>(value->get<double>());
    } else {
      fail(key, "expected an integer, found " + (value->is_number() ? std::string("a fraction or an out-of-range number") : type_of(*value)));
    }
  }

  /// The member, or null when it is absent or JSON null.
  [[nodiscard]] const json* member(std::string_view key) const {
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  [[nodiscard]] const std::optional<FieldError>& error() const noexcept { return error_; }
  [[nodiscard]] const std::string& prefix() const noexcept { return prefix_; }

  void fail(std::string_view field, std::string message) {
    if (!error_) error_ = FieldError{join_field(prefix_, field), std::move(message)};
  }

 private:
  static std::string type_of(const json& value) {
    return value.is_number() ? "a number" : std::string("an ") + value.type_name();
  }

  const json& object_;
  std::string prefix_;
  std::optional<FieldError> error_;
};

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

void deliver_or_report(Article&& article, const ObjectReader& reader, SourceLocation where,
                       RecordSink& sink, std::string_view lang_field = "lang") {
  if (const auto& error = reader.error()) {
    where.field = error->field;
    sink.problem(std::move(where), error->message);
    return;
  }
  where.field = reader.prefix();
  sink.deliver(std::move(article), std::move(where), lang_field);
}

constexpr std::array<std::string_view, 15> kArticleFields{
    "id", "lang", "title", "body", "url", "category", "section", "tags", "audience", "updated_at",
    "promoted", "outdated", "vote_sum", "vote_count", "position"};

/// The help-center signals of an article (faqsearch/article.h), under the same names in our
/// JSONL and in Zendesk's API.
void read_signals(ObjectReader& reader, Article& article) {
  reader.boolean("promoted", article.promoted);
  reader.boolean("outdated", article.outdated);
  reader.integer("vote_sum", article.vote_sum);
  reader.integer("vote_count", article.vote_count);
  reader.integer("position", article.position);
}

// ---------------------------------------------------------------------------------------------
// Zendesk: one JSON document (or several, concatenated), parsed through SAX so that each
// article object can be given the line it starts on.

class ZendeskReader {
 public:
  ZendeskReader(const fs::path& path, RecordSink& sink) : file_(path.string()), sink_(sink) {}

  void read_document(const json& root, const std::map<std::string, std::size_t>& lines,
                     const std::vector<JsonFlaw>& flaws, std::size_t document_line) {
    lines_ = &lines;
    flaws_ = &flaws;
    document_line_ = document_line;
    collect_sideloads(root);
    if (root.is_object()) {
      if (root.contains("articles")) {
        read_page(root, "");
      } else if (root.contains("translations")) {
        read_translations(root);
      } else if (root.contains("article")) {
        read_article(root["article"], "article");  // the single-article API response
      } else {
        sink_.problem({file_, document_line, ""},
                      "not a Zendesk export: expected an object with \"articles\" or an array of "
                      "articles");
      }
      return;
    }
    if (root.is_array()) {
      for (std::size_t i = 0; i < root.size(); ++i) {
        const json& item = root[i];
        const std::string prefix = "[" + std::to_string(i) + "]";
        // An array of pages (several API responses saved together) or of articles.
        if (item.is_object() && item.contains("articles")) {
          read_page(item, prefix);
        } else {
          read_article(item, prefix);
        }
      }
      return;
    }
    sink_.problem({file_, document_line, ""},
                  "not a Zendesk export: expected an object with \"articles\" or an array of "
                  "articles");
  }

 private:
  /// Sideloaded sections and categories (`?include=sections,categories`) of a page, or of every
  /// page of an array: articles name their section by id, shoppers and filters by name.
  void collect_sideloads(const json& root) {
    const auto collect = [&](const json& page) {
      if (!page.is_object()) return;
      for (const char* kind : {"sections", "categories"}) {
        const auto list = page.find(kind);
        if (list == page.end() || !list->is_array()) continue;
        for (const json& item : *list) {
          if (!item.is_object() || !item.contains("id") || !item.contains("name") || !item["name"].is_string()) continue;
          const std::string id = item["id"].is_string() ? item["id"].get<std::string>() : item["id"].dump();
          Sideload& s = (std::string_view(kind) == "sections" ? sections_ : categories_)[id];
          s.name = item["name"].get<std::string>();
          if (const auto c = item.find("category_id"); c != item.end() && !c->is_null()) {
            s.parent = c->is_string() ? c->get<std::string>() : c->dump();
          }
        }
      }
    };
    if (root.is_array()) {
      for (const json& page : root) collect(page);
    } else {
      collect(root);
    }
  }

  /// The `translations` endpoint: one article's text per locale, keyed by `source_id`.
  void read_translations(const json& root) {
    const json& list = root["translations"];
    if (!list.is_array()) {
      sink_.problem({file_, document_line_, "translations"}, "expected an array of translations");
      return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      json article = list[i];
      if (article.is_object() && article.contains("source_id")) article["id"] = article["source_id"];
      read_article(article, "translations[" + std::to_string(i) + "]");
    }
  }

  /// The section's and its category's names, where the export sideloaded them.
  void name_section(Article& article) const {
    const auto section = sections_.find(article.section);
    if (section == sections_.end()) return;
    article.section = section->second.name;
    const auto category = categories_.find(section->second.parent);
    if (category != categories_.end()) article.category = category->second.name;
  }

  void read_page(const json& page, const std::string& prefix) {
    const json& articles = page["articles"];
    const std::string articles_path = join_field(prefix, "articles");
    if (articles.is_null()) return;
    if (!articles.is_array()) {
      sink_.problem({file_, line_of(prefix), articles_path}, "expected an array of articles");
      return;
    }
    for (std::size_t i = 0; i < articles.size(); ++i) {
      read_article(articles[i], articles_path + "[" + std::to_string(i) + "]");
    }
  }

  void read_article(const json& object, const std::string& path) {
    SourceLocation where{file_, line_of(path), ""};
    if (!object.is_object()) {
      where.field = path;
      sink_.problem(std::move(where), "expected an article object");
      return;
    }
    // A value too deep or too large anywhere in the article makes it a problem: what it holds
    // was not read as written.
    for (const JsonFlaw& flaw : *flaws_) {
      if (!flaw.path.starts_with(path)) continue;
      const std::string_view rest = std::string_view(flaw.path).substr(path.size());
      if (!rest.empty() && rest.front() != '.' && rest.front() != '[') continue;
      // The article's member holding it ("articles[2].label_names"), not the path down to it.
      where.field = path + std::string(rest.substr(0, rest.find_first_of(".[", 1)));
      sink_.problem(std::move(where), flaw.message);
      return;
    }
    ObjectReader reader(object, path);
    // Drafts are not published; leaving them out is the point, not a problem.
    if (reader.flag("draft")) {
      sink_.skip();
      return;
    }
    Article article;
    reader.string("id", article.id, true);
    reader.string("title", article.title);
    std::string html;
    reader.string("body", html);
    reader.string("locale", article.lang);
    reader.string("section_id", article.category, true);
    article.section = article.category;  // a Zendesk article names its section, not its category
    name_section(article);
    reader.tags("label_names", article.tags, false);
    reader.string("html_url", article.url);
    reader.string("updated_at", article.updated_at);
    read_signals(reader, article);
    std::string segment;
    reader.string("user_segment_id", segment, true);
    if (!segment.empty()) article.audience = "segment-" + segment;
    if (!reader.error()) {
      // Name Zendesk's own fields, which is what the reader of the message can find.
      // A missing locale is the sink's to judge: it identifies the language from the text.
      if (trim(article.id).empty()) reader.fail("id", "missing required field");
    }
    if (!html.empty()) article.body = html_to_text(html);
    deliver_or_report(std::move(article), reader, std::move(where), sink_, "locale");
  }

  [[nodiscard]] std::size_t line_of(const std::string& path) const {
    const auto it = lines_->find(path);
    return it == lines_->end() ? document_line_ : it->second;
  }

  std::string file_;
  RecordSink& sink_;
  const std::map<std::string, std::size_t>* lines_ = nullptr;
  const std::vector<JsonFlaw>* flaws_ = nullptr;
  std::size_t document_line_ = 0;
  struct Sideload {
    std::string name;
    std::string parent;  // a section's category id
  };
  std::map<std::string, Sideload> sections_;    // by id, as text
  std::map<std::string, Sideload> categories_;  // by id, as text
};

bool is_json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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

void read_zendesk_file(const fs::path& path, RecordSink& sink) {
  std::string text = read_text_file(path);
  const std::vector<HugeNumber> huge = neutralize_huge_numbers(text);
  auto next_huge = huge.begin();
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  LineCounter lines(text);
  ZendeskReader reader(path, sink);
  // Several documents may follow each other (one API page per line, or pages appended to one
  // file); each is parsed and delivered before the next, so an error in a later page keeps the
  // earlier ones.
  const char* position = begin;
  while (true) {
    while (position != end && is_json_space(*position)) ++position;
    if (position == end) break;
    const std::size_t document_line = lines.line_of(static_cast<std::size_t>(position - begin));
    const char* read_up_to = position;
    json root;
    while (next_huge != huge.end() && next_huge->offset < static_cast<std::size_t>(position - begin)) ++next_huge;
    BoundedSax sax(root, begin, &read_up_to, lines, {next_huge, huge.end()}, BoundedSax::kZendeskPathDepth);
    const bool ok = json::sax_parse(TrackingIterator(position, &read_up_to),
                                    TrackingIterator(end, nullptr), &sax,
                                    json::input_format_t::json, /*strict=*/false);
    if (!ok || sax.error()) {
      const auto document_start = static_cast<std::size_t>(position - begin);
      std::size_t offset =
          document_start + (sax.error_position() > 0 ? sax.error_position() - 1 : 0);
      if (offset >= text.size()) {
        // "Unexpected end of input" belongs to the last thing written, not to the blank lines
        // after it.
        offset = text.size();
        while (offset > document_start && is_json_space(text[offset - 1])) --offset;
        if (offset > document_start) --offset;
      }
      sink.problem({path.string(), lines.line_of(offset), ""},
                   sax.error().value_or("invalid JSON"));
      return;  // the rest of the file cannot be resynchronized reliably
    }
    reader.read_document(root, sax.object_lines(), sax.flaws(), document_line);
    if (read_up_to == position) break;  // nothing consumed: cannot happen, but never loop forever
    position = read_up_to;
  }
}

}  // namespace faqsearch::detail
