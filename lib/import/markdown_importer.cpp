// Markdown articles as help centers and site generators (Hugo, Docusaurus, Jekyll) keep them:
// front matter (import/front_matter.h) for the fields, the Markdown after it for the body, and
// section pages (_index.md, _category_.json) naming the section of the articles beside them.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "import/front_matter.h"
#include "import/import_internal.h"
#include "import/page_path.h"

namespace faqsearch::detail {
namespace {

namespace fs = std::filesystem;
using Kind = FrontMatterValue::Kind;

/// Reads front matter values into Article fields, reporting each value of the wrong type with
/// its line and key.
class FieldReader {
 public:
  FieldReader(std::string file, RecordSink* sink) : file_(std::move(file)), sink_(sink) {}

  /// A scalar; null leaves `out` as it is.
  bool scalar(const FrontMatterField& f, std::string& out) {
    if (f.value.kind == Kind::kNull) return true;
    if (f.value.kind != Kind::kScalar) return report(f, "expected a string");
    out = f.value.scalar;
    return true;
  }

  /// A list of strings, or one comma-separated string.
  bool list(const FrontMatterField& f, std::vector<std::string>& out) {
    if (f.value.kind == Kind::kNull) return true;
    if (f.value.kind == Kind::kScalar) {
      out = split_tags(f.value.scalar);
      return true;
    }
    if (f.value.kind != Kind::kList) return report(f, "expected a list of strings or a comma-separated string");
    out.clear();
    for (std::size_t i = 0; i < f.value.items.size(); ++i) {
      if (!f.value.items[i]) return report(f, "expected a string", "[" + std::to_string(i) + "]");
      out.push_back(*f.value.items[i]);
    }
    return true;
  }

  bool flag(const FrontMatterField& f, bool& out) {
    if (f.value.kind == Kind::kNull) return true;
    const std::string_view v = f.value.scalar;
    if (f.value.kind == Kind::kScalar && (v == "true" || v == "True" || v == "TRUE" || v == "yes")) {
      out = true;
    } else if (f.value.kind == Kind::kScalar && (v == "false" || v == "False" || v == "FALSE" || v == "no")) {
      out = false;
    } else {
      return report(f, "expected true or false");
    }
    return true;
  }

  bool integer(const FrontMatterField& f, std::int64_t& out) {
    if (f.value.kind == Kind::kNull) return true;
    const std::string_view v = trim(f.value.scalar);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(v.data(), v.data() + v.size(), value);
    if (f.value.kind != Kind::kScalar || v.empty() || error != std::errc() || end != v.data() + v.size()) {
      return report(f, "expected an integer");
    }
    out = value;
    return true;
  }

 private:
  bool report(const FrontMatterField& f, std::string message, const std::string& suffix = "") {
    if (sink_ != nullptr) sink_->problem({file_, f.value.line, f.key + suffix}, std::move(message));
    return false;
  }

  std::string file_;
  RecordSink* sink_;
};

/// Fields under the names site generators give them, kept apart so that an article's own
/// field wins whatever the order of the keys.
struct GeneratorFields {
  std::vector<std::string> categories;  // Hugo's taxonomy
  std::string lastmod;                  // Hugo
  std::string date;                     // Hugo, Jekyll: publication date
  std::string body;                     // a body in the front matter
  std::string translation_key;          // Hugo: what a page's translations share
  bool draft = false;
};

bool read_field(const FrontMatterField& f, FieldReader& r, Article& a, GeneratorFields& g) {
  const std::string& k = f.key;
  if (k == "id") return r.scalar(f, a.id);
  if (k == "lang") return r.scalar(f, a.lang);
  if (k == "title") return r.scalar(f, a.title);
  if (k == "body") return r.scalar(f, g.body);
  if (k == "url") return r.scalar(f, a.url);
  if (k == "category") return r.scalar(f, a.category);
  if (k == "section") return r.scalar(f, a.section);
  if (k == "tags") return r.list(f, a.tags);
  if (k == "audience") return r.scalar(f, a.audience);
  if (k == "updated_at") return r.scalar(f, a.updated_at);
  if (k == "draft") return r.flag(f, g.draft);
  if (k == "promoted") return r.flag(f, a.promoted);
  if (k == "outdated") return r.flag(f, a.outdated);
  if (k == "vote_sum") return r.integer(f, a.vote_sum);
  if (k == "vote_count") return r.integer(f, a.vote_count);
  // Hugo's "weight" and Docusaurus's "sidebar_position" order a section's pages as well.
  if (k == "position" || k == "weight" || k == "sidebar_position") return r.integer(f, a.position);
  if (k == "translationKey") return r.scalar(f, g.translation_key);
  if (k == "categories") return r.list(f, g.categories);
  if (k == "lastmod") return r.scalar(f, g.lastmod);
  if (k == "date") return r.scalar(f, g.date);
  // Other keys are left alone: front matter is shared with site generators (layout, aliases,
  // description...), so they are someone else's fields, not mistakes.
  return true;
}

bool is_section_page(const PageName& name) { return name.base == "_index"; }

bool is_plain_file(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(path, ec));
}

/// A section file's text, or nothing when it cannot be read: the file reports its own problems
/// when it is read as a page (a _category_.json is no page: a broken one names no section).
std::optional<std::string> section_file_text(const fs::path& file) {
  try {
    return read_text_file(file);
  } catch (const ImportError&) {
    return std::nullopt;
  }
}

/// The title of a section page, or the folder's name when it has none; empty when it cannot be
/// read.
std::string section_page_title(const fs::path& page) {
  const std::optional<std::string> text = section_file_text(page);
  if (!text) return {};
  const auto front = read_front_matter(*text);
  if (const auto* fm = std::get_if<FrontMatter>(&front)) {
    for (const FrontMatterField& f : fm->fields) {
      if (f.key == "title" && f.value.kind == Kind::kScalar && !trim(f.value.scalar).empty()) return f.value.scalar;
    }
  }
  return page.parent_path().filename().string();
}

/// The section name a folder's section page gives: the title of Hugo's _index.md (in the
/// page's language when the folder has _index.<lang>.md; the folder's name when it has no
/// title), or the label of Docusaurus's _category_.json. Empty when the folder has neither.
std::string section_name_of(const fs::path& dir, const std::string& lang_suffix) {
  for (const char* ext : {".md", ".markdown"}) {
    if (!lang_suffix.empty() && is_plain_file(dir / ("_index." + lang_suffix + ext))) {
      return section_page_title(dir / ("_index." + lang_suffix + ext));
    }
  }
  for (const char* name : {"_index.md", "_index.markdown"}) {
    if (is_plain_file(dir / name)) return section_page_title(dir / name);
  }
  if (is_plain_file(dir / "_category_.json")) {
    const std::optional<std::string> text = section_file_text(dir / "_category_.json");
    if (!text) return {};
    const nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_object() && j.contains("label") && j["label"].is_string()) return j["label"].get<std::string>();
  }
  return {};
}

/// Where the first level-1 ATX heading ("# Title") of `markdown` is, outside code blocks: the
/// line's offset and length, or nothing.
std::optional<std::pair<std::size_t, std::size_t>> first_heading_line(std::string_view markdown) {
  bool in_code = false;
  std::size_t pos = 0;
  while (pos < markdown.size()) {
    const std::size_t end = std::min(markdown.find('\n', pos), markdown.size());
    const std::string_view line = markdown.substr(pos, end - pos);
    const std::string_view t = trim(line);
    if (t.starts_with("```") || t.starts_with("~~~")) in_code = !in_code;
    const std::size_t indent = line.find_first_not_of(' ');
    const bool heading = !in_code && indent != std::string_view::npos && indent <= 3 && t.starts_with('#') &&
                         (t.size() == 1 || t[1] == ' ' || t[1] == '\t');
    if (heading) return std::pair{pos, end - pos};
    pos = end + 1;
  }
  return std::nullopt;
}

std::string lower_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return ext;
}

}  // namespace

void read_markdown_file(const fs::path& path, RecordSink& sink) {
  const std::string text = read_text_file(path);
  const std::string file = path.string();
  const auto front = read_front_matter(text);
  if (const auto* error = std::get_if<FrontMatterError>(&front)) {
    sink.problem({file, error->line, ""}, error->message);
    return;
  }
  const FrontMatter& fm = std::get<FrontMatter>(front);
  FieldReader reader(file, &sink);
  Article article;
  GeneratorFields generator;
  bool ok = true;
  for (const FrontMatterField& field : fm.fields) ok = read_field(field, reader, article, generator) && ok;
  if (!ok) return;  // each bad field was reported with its line
  const PageName name = page_name(path);
  // A section page names the section of the articles beside it; it is not an article.
  if (is_section_page(name)) return;
  if (generator.draft) {
    sink.skip();
    return;
  }
  const PagePath place = page_path(path, name.base, sink.root());
  // The name's language is the page's own; a language folder holds the page and its neighbours.
  if (trim(article.lang).empty()) article.lang = name.lang.empty() ? place.folder_lang : name.lang;
  // Not the slug: Hugo translates slugs, and links a page's translations by translationKey or
  // by path; one article's translations must share its id.
  if (trim(article.id).empty()) article.id = trim(generator.translation_key).empty() ? place.id : generator.translation_key;
  if (trim(article.category).empty() && !generator.categories.empty()) article.category = generator.categories.front();
  if (trim(article.updated_at).empty()) article.updated_at = trim(generator.lastmod).empty() ? generator.date : generator.lastmod;
  if (trim(article.section).empty()) article.section = section_name_of(path.parent_path(), name.lang_suffix);
  const bool mdx = lower_extension(path) == ".mdx";
  std::string markdown = plain_markdown(fm.body, mdx);
  // A body in the front matter is for articles that have nothing after it.
  if (trim(markdown).empty() && !generator.body.empty()) markdown = plain_markdown(generator.body, mdx);
  // Without a title field, the page's first "# heading" is its title, as Docusaurus shows it
  // (and not again in the body); without a heading, the name its path gives (the id's last part).
  if (trim(article.title).empty()) {
    if (const auto heading = first_heading_line(markdown)) {
      article.title = markdown_to_text(std::string_view(markdown).substr(heading->first, heading->second));
      markdown.erase(heading->first, heading->second);
    }
  }
  article.body = markdown_to_text(markdown);
  if (trim(article.title).empty() && !trim(article.body).empty()) article.title = place.name;
  sink.deliver(std::move(article), {file, 1, ""});
}

}  // namespace faqsearch::detail
