// html_to_text() with gumbo, and the plain-text builder it shares with markdown_to_text().
#include <gumbo.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/import.h"
#include "import/html_text.h"
#include "import/import_internal.h"

namespace faqsearch {
namespace detail {

namespace {

bool is_ascii_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

void PlainTextBuilder::text(std::string_view run, bool keep_newlines) {
  for (std::size_t i = 0; i < run.size(); ++i) {
    const char c = run[i];
    if (keep_newlines && c == '\n') {
      line_break();
      space_pending_ = false;
      continue;
    }
    if (is_ascii_space(c)) {
      space_pending_ = true;
      continue;
    }
    // U+00A0 (&nbsp;) is laid out as a space; keeping it would glue words for nobody's benefit.
    if (c == '\xC2' && i + 1 < run.size() && run[i + 1] == '\xA0') {
      space_pending_ = true;
      ++i;
      continue;
    }
    if (newline_pending_) {
      out_ += '\n';
    } else if (space_pending_ && !out_.empty()) {
      out_ += ' ';
    }
    newline_pending_ = false;
    space_pending_ = false;
    out_ += c;
  }
}

std::string PlainTextBuilder::finish() {
  newline_pending_ = false;
  space_pending_ = false;
  return std::exchange(out_, std::string());
}

namespace {

/// Elements whose content is not text a reader sees.
bool is_dropped(GumboTag tag) noexcept {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
      return true;
    default:
      return false;
  }
}

/// Elements that start and end a line. Table cells count: words of neighbouring cells must not
/// run together, and markdown_to_text() puts each cell on its own line too.
bool is_block(GumboTag tag) noexcept {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

// Gumbo's tree building slows down quadratically with nesting depth (20,000 nested <span>s took
// ~27 s), so hostile or broken exports are estimated first: running count of opening minus
// closing tags, an upper bound of the depth for well-formed HTML.
std::size_t approximate_nesting_depth(std::string_view html) noexcept {
  std::size_t depth = 0, deepest = 0;
  for (std::size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    const char next = html[i + 1];
    if (next == '/') {
      if (depth > 0) --depth;
    } else if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')) {
      deepest = std::max(deepest, ++depth);
    }
  }
  return deepest;
}

// Fallback for pathological nesting: drop everything between '<' and '>', keep the rest.
std::string strip_tags(std::string_view html) {
  PlainTextBuilder builder;
  std::size_t pos = 0;
  while (pos < html.size()) {
    const std::size_t open = html.find('<', pos);
    builder.text(html.substr(pos, open == std::string_view::npos ? std::string_view::npos : open - pos), false);
    if (open == std::string_view::npos) break;
    const std::size_t close = html.find('>', open);
    if (close == std::string_view::npos) break;
    builder.text(" ", false);
    pos = close + 1;
  }
  return builder.finish();
}

constexpr std::size_t kMaxParsedNesting = 1000;

/// Navigation, page header and footer of a whole page: the same on every page of a site, so
/// they would make every article match the site's menu words.
bool is_page_chrome(GumboTag tag) noexcept {
  return tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FOOTER || tag == GUMBO_TAG_ASIDE;
}

}  // namespace

std::optional<HtmlDocument> parse_html(std::string_view html) {
  if (approximate_nesting_depth(html) > kMaxParsedNesting) return std::nullopt;
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  if (output == nullptr) return std::nullopt;
  return HtmlDocument(output);
}

void HtmlDocument::Free::operator()(GumboOutput* output) const noexcept {
  gumbo_destroy_output(&kGumboDefaultOptions, output);
}

std::string element_text(const GumboNode* root, bool skip_page_chrome) {
  PlainTextBuilder builder;
  // An explicit stack instead of recursion: gumbo keeps arbitrarily deep nesting, and an export
  // with thousands of unclosed <div>s must not overflow the call stack.
  struct Frame {
    const GumboNode* node;
    unsigned int next_child;
  };
  std::vector<Frame> stack{{root, 0}};
  int preformatted = 0;
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const GumboNode* node = frame.node;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      builder.text(node->v.text.text, preformatted > 0);
      stack.pop_back();
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE &&
        node->type != GUMBO_NODE_DOCUMENT) {
      stack.pop_back();  // comments
      continue;
    }
    const GumboVector& children =
        node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
    const GumboTag tag =
        node->type == GUMBO_NODE_DOCUMENT ? GUMBO_TAG_UNKNOWN : node->v.element.tag;
    if (frame.next_child == 0) {  // entering
      if (node->type == GUMBO_NODE_TEMPLATE || is_dropped(tag) || (skip_page_chrome && is_page_chrome(tag))) {
        stack.pop_back();
        continue;
      }
      if (is_block(tag)) builder.line_break();
      if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TEXTAREA) ++preformatted;
    }
    if (frame.next_child < children.length) {
      const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child]);
      ++frame.next_child;
      stack.push_back({child, 0});  // invalidates `frame`; not used below
      continue;
    }
    // leaving
    if (is_block(tag)) builder.line_break();
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TEXTAREA) --preformatted;
    stack.pop_back();
  }
  // Gumbo 0.10 turns a numeric character reference past int range ("&#xF6888888") into a stray
  // byte, not U+FFFD: repair what it gave.
  std::string text = builder.finish();
  return is_valid_utf8(text) ? text : repair_utf8(text);
}

}  // namespace detail

std::string html_to_text(std::string_view html) {
  const std::string valid = repair_utf8(html);
  const std::optional<detail::HtmlDocument> document = detail::parse_html(valid);
  if (!document) return detail::strip_tags(valid);
  return detail::element_text(document->root(), false);
}

}  // namespace faqsearch
