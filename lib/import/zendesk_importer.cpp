// Zendesk Help Center exports: one JSON document (or several, concatenated: one API page per
// line, or pages appended to one file), parsed through SAX so that each article object can be
// given the line it starts on.
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/import_internal.h"
#include "import/json_article_reader.h"
#include "import/json_sax.h"

namespace faqsearch::detail {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

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
