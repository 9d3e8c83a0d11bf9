// What site generators add to Markdown, turned back into plain Markdown before md4c reads it:
// MDX's import/export statements, JSX tags and {expressions}; Docusaurus admonitions; Hugo
// shortcodes. Fenced code blocks and inline code are left as they are: there, these are text.
#include <algorithm>
#include <string>
#include <string_view>

#include "import/import_internal.h"

namespace faqsearch::detail {
namespace {

bool is_fence(std::string_view line) noexcept {
  const std::string_view t = trim(line);
  return t.starts_with("```") || t.starts_with("~~~");
}

bool is_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Length of the JSX tag at text[pos] ('<'), braces and quoted attribute values included, or 0
/// when it is no JSX tag. JSX components are capitalized (<Tabs>, </TabItem>, <Admonition/>);
/// lowercase tags are HTML, which md4c reads; "<>" and "</>" are fragments.
std::size_t jsx_tag_length(std::string_view text, std::size_t pos) noexcept {
  std::size_t i = pos + 1;
  if (i < text.size() && text[i] == '/') ++i;
  const bool fragment = i < text.size() && text[i] == '>';
  if (!fragment && !(i < text.size() && text[i] >= 'A' && text[i] <= 'Z')) return 0;
  int braces = 0;
  char quote = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '{') {
      ++braces;
    } else if (c == '}') {
      --braces;
    } else if (c == '>' && braces <= 0) {
      return i + 1 - pos;
    }
  }
  return 0;  // never closed: text, not a tag
}

/// Length of the balanced {expression} at text[pos], or 0 if it is not closed.
std::size_t expression_length(std::string_view text, std::size_t pos) noexcept {
  int depth = 0;
  for (std::size_t i = pos; i < text.size(); ++i) {
    depth += text[i] == '{' ? 1 : text[i] == '}' ? -1 : 0;
    if (depth == 0) return i + 1 - pos;
  }
  return 0;
}

/// Length of the Hugo shortcode at text[pos] ("{{<" ... ">}}" or "{{%" ... "%}}"), or 0.
std::size_t shortcode_length(std::string_view text, std::size_t pos) noexcept {
  const std::string_view rest = text.substr(pos);
  if (!rest.starts_with("{{<") && !rest.starts_with("{{%")) return 0;
  const std::string_view close = rest[2] == '<' ? ">}}" : "%}}";
  const std::size_t end = rest.find(close, 3);
  return end == std::string_view::npos ? 0 : end + close.size();
}

/// One line outside code blocks, with shortcodes (and, in MDX, JSX tags and expressions)
/// removed; inline code spans are kept whole.
std::string clean_line(std::string_view line, bool mdx) {
  std::string out;
  out.reserve(line.size());
  std::size_t pos = 0;
  while (pos < line.size()) {
    const char c = line[pos];
    if (c == '`') {
      std::size_t ticks = line.find_first_not_of('`', pos) - pos;
      if (ticks > line.size()) ticks = line.size() - pos;
      const std::size_t end = line.find(std::string(ticks, '`'), pos + ticks);
      const std::size_t stop = end == std::string_view::npos ? pos + ticks : end + ticks;
      out.append(line.substr(pos, stop - pos));
      pos = stop;
      continue;
    }
    std::size_t skip = c == '{' ? shortcode_length(line, pos) : 0;
    if (mdx && skip == 0 && c == '<') skip = jsx_tag_length(line, pos);
    if (mdx && skip == 0 && c == '{') skip = expression_length(line, pos);
    if (skip > 0) {
      out += ' ';  // "a<br/>b" or "x{y}z" must not fuse two words
      pos += skip;
      continue;
    }
    out += c;
    ++pos;
  }
  return out;
}

/// ":::tip Title", ":::note[Title]" open an admonition, ":::" closes one: the title stays as a
/// line of text, the markers go.
bool admonition_marker(std::string_view line, std::string& title) {
  const std::string_view t = trim(line);
  if (!t.starts_with(":::")) return false;
  std::string_view rest = t.substr(std::min(t.find_first_not_of(':'), t.size()));
  std::size_t name = 0;
  while (name < rest.size() && (is_letter(rest[name]) || rest[name] == '-' || rest[name] == '_')) ++name;
  rest = trim(rest.substr(name));
  if (rest.starts_with('[') && rest.ends_with(']')) rest = rest.substr(1, rest.size() - 2);
  if (rest.starts_with('{')) rest = {};  // ":::tip{.class}" attributes
  title = std::string(trim(rest));
  return true;
}

bool starts_esm(std::string_view line) noexcept { return line.starts_with("import ") || line.starts_with("export "); }

}  // namespace

std::string plain_markdown(std::string_view markdown, bool mdx) {
  std::string out;
  out.reserve(markdown.size());
  bool in_code = false;
  bool in_esm = false;
  std::size_t pos = 0;
  while (pos < markdown.size()) {
    const std::size_t end = std::min(markdown.find('\n', pos), markdown.size());
    const std::string_view line = markdown.substr(pos, end - pos);
    pos = end + 1;
    if (in_code || is_fence(line)) {
      if (is_fence(line)) in_code = !in_code;
      out.append(line).append("\n");
      continue;
    }
    // MDX: an import or export statement runs to the next blank line (MDX's ESM blocks).
    if (mdx && (in_esm || starts_esm(line))) {
      in_esm = !trim(line).empty();
      out += '\n';
      continue;
    }
    std::string title;
    if (admonition_marker(line, title)) {
      out.append(title).append("\n\n");
      continue;
    }
    out.append(clean_line(line, mdx)).append("\n");
  }
  return out;
}

}  // namespace faqsearch::detail
