// markdown_to_text(): Markdown to plain text with md4c.
#include <md4c.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <utility>

#include "analysis/utf8.h"
#include "faqsearch/analyzer.h"
#include "faqsearch/import.h"
#include "import/import_internal.h"

namespace faqsearch {
namespace detail {
namespace {

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

}  // namespace
}  // namespace detail

std::string markdown_to_text(std::string_view markdown) {
  if (!is_valid_utf8(markdown)) {
    const std::string valid = repair_utf8(markdown);
    return detail::MarkdownTextRenderer().render(valid);
  }
  return detail::MarkdownTextRenderer().render(markdown);
}

}  // namespace faqsearch
