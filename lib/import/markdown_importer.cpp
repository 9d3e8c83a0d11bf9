// Markdown articles: YAML front matter (yaml-cpp) for the fields, md4c for the body text.
#include <md4c.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "analysis/utf8.h"
#include "faqsearch/analyzer.h"
#include "faqsearch/import.h"
#include "import/import_internal.h"

namespace faqsearch {
namespace detail {
namespace {

namespace fs = std::filesystem;

// --------------------------------------------------------------------------------------------
// markdown_to_text

/// The text of an entity md4c hands over undecoded ("&amp;", "&#233;", "&#x1F600;").
std::string decode_entity(std::string_view entity) {
  if (entity.size() >= 4 && entity[1] == '#') {
    const bool hex = entity[2] == 'x' || entity[2] == 'X';
    const std::string_view digits = entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3));
    std::uint32_t cp = 0;
    const auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
    // What HTML does with references to nothing: U+FFFD.
    if (ec != std::errc() || end != digits.data() + digits.size() || cp == 0 || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      cp = kReplacementChar;
    }
    std::string out;
    append_utf8(out, static_cast<char32_t>(cp));
    return out;
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kCommon{{
      {"&amp;", "&"},
      {"&lt;", "<"},
      {"&gt;", ">"},
      {"&quot;", "\""},
      {"&apos;", "'"},
      {"&nbsp;", "\xC2\xA0"},
  }};
  for (const auto& [name, text] : kCommon) {
    if (name == entity) return std::string(text);
  }
  // md4c only reports names of the HTML5 entity table, which gumbo knows too.
  return html_to_text(entity);
}

class MarkdownTextRenderer {
 public:
  std::string render(std::string_view markdown) {
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_GITHUB;  // CommonMark + tables, strikethrough, task lists, autolinks
    parser.enter_block = &enter_block;
    parser.leave_block = &leave_block;
    parser.enter_span = &enter_span;
    parser.leave_span = &leave_span;
    parser.text = &text;
    md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, this);
    return builder_.finish();
  }

 private:
  static MarkdownTextRenderer& self(void* userdata) noexcept {
    return *static_cast<MarkdownTextRenderer*>(userdata);
  }

  static int enter_block(MD_BLOCKTYPE type, void* /*detail*/, void* userdata) {
    MarkdownTextRenderer& r = self(userdata);
    r.builder_.line_break();
    if (type == MD_BLOCK_HTML) r.in_html_block_ = true;
    if (type == MD_BLOCK_CODE) r.in_code_block_ = true;
    return 0;
  }

  static int leave_block(MD_BLOCKTYPE type, void* /*detail*/, void* userdata) {
    MarkdownTextRenderer& r = self(userdata);
    if (type == MD_BLOCK_HTML) {
      // A raw HTML block is a piece of the article like any other: its text counts.
      r.builder_.text(html_to_text(r.html_), /*keep_newlines=*/true);
      r.html_.clear();
      r.in_html_block_ = false;
    }
    if (type == MD_BLOCK_CODE) r.in_code_block_ = false;
    r.builder_.line_break();
    return 0;
  }

  static int enter_span(MD_SPANTYPE type, void* /*detail*/, void* userdata) {
    // Image descriptions are dropped, as html_to_text() drops <img alt>: both converters must
    // give one article the same text whichever markup it was written in.
    if (type == MD_SPAN_IMG) ++self(userdata).in_image_;
    return 0;
  }

  static int leave_span(MD_SPANTYPE type, void* /*detail*/, void* userdata) {
    if (type == MD_SPAN_IMG) --self(userdata).in_image_;
    return 0;
  }

  static int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size, void* userdata) {
    MarkdownTextRenderer& r = self(userdata);
    const std::string_view run(data, size);
    if (r.in_image_ > 0) return 0;
    switch (type) {
      case MD_TEXT_NORMAL:
        r.builder_.text(run);
        break;
      case MD_TEXT_CODE:
        r.builder_.text(run, r.in_code_block_);
        break;
      case MD_TEXT_NULLCHAR:
        r.builder_.text("\xEF\xBF\xBD");
        break;
      case MD_TEXT_BR:
        r.builder_.line_break();
        break;
      case MD_TEXT_SOFTBR:
        r.builder_.text(" ");
        break;
      case MD_TEXT_ENTITY:
        r.builder_.text(decode_entity(run));
        break;
      case MD_TEXT_HTML:
        // Inside an HTML block it is the block's source; inline it is a bare tag, no text.
        if (r.in_html_block_) r.html_.append(run);
        break;
      case MD_TEXT_LATEXMATH:
        r.builder_.text(run);
        break;
    }
    return 0;
  }

  PlainTextBuilder builder_;
  std::string html_;
  bool in_code_block_ = false;
  bool in_html_block_ = false;
  int in_image_ = 0;
};

// --------------------------------------------------------------------------------------------
// Front matter

/// `line` without a trailing "\r" and trailing blanks.
std::string_view rstrip(std::string_view line) noexcept {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line;
}

struct FrontMatter {
  std::string yaml;
  std::string_view rest;  // the Markdown after the closing line
};

/// Splits "---\n<yaml>\n---\n<markdown>". Returns an error message instead when the file does
/// not start with front matter or it is not closed.
std::variant<FrontMatter, std::string> split_front_matter(std::string_view text) {
  std::size_t end = text.find('\n');
  if (rstrip(text.substr(0, end)) != "---") {
    return std::string(
        "no YAML front matter: a Markdown article starts with a line \"---\", its fields (id, "
        "lang, title...), and another line \"---\"");
  }
  std::size_t position = end == std::string_view::npos ? text.size() : end + 1;
  const std::size_t yaml_begin = position;
  while (position < text.size()) {
    end = text.find('\n', position);
    const std::string_view line = text.substr(position, end == std::string_view::npos ? end : end - position);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view stripped = rstrip(line);
    if (stripped == "---" || stripped == "...") {
      return FrontMatter{std::string(text.substr(yaml_begin, position - yaml_begin)),
                         text.substr(next)};
    }
    position = next;
  }
  return std::string("front matter is not closed: no line \"---\" after the opening one");
}

/// Line in the file of a node of the front matter (which starts on the file's line 2).
std::size_t file_line(const YAML::Mark& mark) noexcept {
  return mark.line >= 0 ? static_cast<std::size_t>(mark.line) + 2 : 1;
}

class FrontMatterReader {
 public:
  FrontMatterReader(std::string file, RecordSink& sink) : file_(std::move(file)), sink_(sink) {}

  /// A scalar field; null leaves it empty. Returns false (after reporting) on another type.
  bool scalar(const YAML::Node& node, std::string_view key, std::string& out) {
    if (node.IsNull()) return true;
    if (!node.IsScalar()) {
      report(node, key, "expected a string");
      return false;
    }
    out = node.Scalar();
    return true;
  }

  bool tags(const YAML::Node& node, std::vector<std::string>& out) {
    if (node.IsNull()) return true;
    if (node.IsScalar()) {
      out = split_tags(node.Scalar());
      return true;
    }
    if (!node.IsSequence()) {
      report(node, "tags", "expected a list of strings or a comma-separated string");
      return false;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node item = node[i];
      if (!item.IsScalar()) {
        report(item, "tags[" + std::to_string(i) + "]", "expected a string");
        return false;
      }
      out.push_back(item.Scalar());
    }
    return true;
  }

  bool flag(const YAML::Node& node, std::string_view key, bool& out) {
    if (node.IsNull()) return true;
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
      report(node, key, "expected true or false");
      return false;
    }
    out = value;
    return true;
  }

  bool integer(const YAML::Node& node, std::string_view key, std::int64_t& out) {
    if (node.IsNull()) return true;
    std::int64_t value = 0;
    if (!node.IsScalar() || !YAML::convert<std::int64_t>::decode(node, value)) {
      report(node, key, "expected an integer");
      return false;
    }
    out = value;
    return true;
  }

  void report(const YAML::Node& node, std::string_view key, std::string message) {
    sink_.problem({file_, file_line(node.Mark()), std::string(key)}, std::move(message));
  }

 private:
  std::string file_;
  RecordSink& sink_;
};

}  // namespace

void read_markdown_file(const fs::path& path, RecordSink& sink) {
  const std::string text = read_text_file(path);
  const std::string file = path.string();
  auto split = split_front_matter(text);
  if (const auto* message = std::get_if<std::string>(&split)) {
    sink.problem({file, 1, ""}, *message);
    return;
  }
  const FrontMatter& front = std::get<FrontMatter>(split);

  YAML::Node root;
  try {
    root = YAML::Load(front.yaml);
  } catch (const YAML::Exception& e) {
    sink.problem({file, file_line(e.mark), ""}, "invalid YAML front matter: " + e.msg);
    return;
  }
  if (!root.IsNull() && !root.IsMap()) {
    sink.problem({file, 1, ""}, "front matter is not a mapping of fields (id: ..., lang: ...)");
    return;
  }

  FrontMatterReader reader(file, sink);
  Article article;
  std::string markdown_body;
  bool draft = false;
  bool ok = true;
  if (root.IsMap()) {
    // Unknown keys are left alone: front matter is shared with site generators (layout, weight,
    // date...), so its other keys are someone else's fields, not mistakes.
    for (const auto& member : root) {
      if (!member.first.IsScalar()) continue;
      const std::string& key = member.first.Scalar();
      const YAML::Node& value = member.second;
      if (key == "id") ok = reader.scalar(value, key, article.id) && ok;
      else if (key == "lang") ok = reader.scalar(value, key, article.lang) && ok;
      else if (key == "title") ok = reader.scalar(value, key, article.title) && ok;
      else if (key == "body") ok = reader.scalar(value, key, markdown_body) && ok;
      else if (key == "url") ok = reader.scalar(value, key, article.url) && ok;
      else if (key == "category") ok = reader.scalar(value, key, article.category) && ok;
      else if (key == "section") ok = reader.scalar(value, key, article.section) && ok;
      else if (key == "tags") ok = reader.tags(value, article.tags) && ok;
      else if (key == "audience") ok = reader.scalar(value, key, article.audience) && ok;
      else if (key == "updated_at") ok = reader.scalar(value, key, article.updated_at) && ok;
      else if (key == "draft") ok = reader.flag(value, key, draft) && ok;
      else if (key == "promoted") ok = reader.flag(value, key, article.promoted) && ok;
      else if (key == "outdated") ok = reader.flag(value, key, article.outdated) && ok;
      else if (key == "vote_sum") ok = reader.integer(value, key, article.vote_sum) && ok;
      else if (key == "vote_count") ok = reader.integer(value, key, article.vote_count) && ok;
      // Hugo's "weight" and Docusaurus's "sidebar_position" order a section's pages as well.
      else if (key == "position" || key == "weight" || key == "sidebar_position") {
        ok = reader.integer(value, key, article.position) && ok;
      }
    }
  }
  if (!ok) return;  // each bad field was reported with its line
  if (draft) {
    sink.skip();
    return;
  }
  if (trim(article.id).empty()) article.id = path.stem().string();
  article.body = markdown_to_text(front.rest);
  // A body in the front matter is for articles that have nothing after it.
  if (trim(article.body).empty() && !markdown_body.empty()) {
    article.body = markdown_to_text(markdown_body);
  }
  sink.deliver(std::move(article), {file, 1, ""});
}

}  // namespace detail

std::string markdown_to_text(std::string_view markdown) {
  if (!is_valid_utf8(markdown)) {
    const std::string valid = repair_utf8(markdown);
    return detail::MarkdownTextRenderer().render(valid);
  }
  return detail::MarkdownTextRenderer().render(markdown);
}

}  // namespace faqsearch
