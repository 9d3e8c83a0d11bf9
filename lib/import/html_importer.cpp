// HTML pages as articles: a help center saved or exported as one page per article.
#include <gumbo.h>

#include <optional>
#include <string>
#include <string_view>

#include "faqsearch/import.h"
#include "import/html_text.h"
#include "import/import_internal.h"
#include "import/page_path.h"

namespace faqsearch::detail {
namespace {

namespace fs = std::filesystem;

std::string_view attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

/// What a page says about itself, found in one walk of its elements.
struct PageParts {
  std::string_view html_lang;
  std::string_view content_language;  // <meta http-equiv="Content-Language" content="...">
  const GumboNode* title = nullptr;
  const GumboNode* first_h1 = nullptr;
  const GumboNode* main = nullptr;     // <main>, else the first <article>
  const GumboNode* article = nullptr;
  const GumboNode* body = nullptr;
};

PageParts find_parts(const GumboNode* root) {
  PageParts parts;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    switch (node->v.element.tag) {
      case GUMBO_TAG_HTML:
        parts.html_lang = attribute(node, "lang");
        break;
      case GUMBO_TAG_META:
        if (equals_ignoring_case(attribute(node, "http-equiv"), "content-language")) {
          parts.content_language = attribute(node, "content");
        }
        break;
      case GUMBO_TAG_TITLE:
        if (parts.title == nullptr) parts.title = node;
        break;
      case GUMBO_TAG_H1:
        if (parts.first_h1 == nullptr) parts.first_h1 = node;
        break;
      case GUMBO_TAG_MAIN:
        if (parts.main == nullptr) parts.main = node;
        break;
      case GUMBO_TAG_ARTICLE:
        if (parts.article == nullptr) parts.article = node;
        break;
      case GUMBO_TAG_BODY:
        parts.body = node;
        break;
      default:
        break;
    }
    // Children in reverse, so the walk meets elements in document order ("first <h1>").
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(children.data[i]));
  }
  return parts;
}

}  // namespace

void read_html_file(const fs::path& path, RecordSink& sink) {
  const std::string html = read_text_file(path);
  const SourceLocation where{path.string(), 0, ""};
  const std::optional<HtmlDocument> document = parse_html(html);
  if (!document) {
    sink.problem(where, "the page nests elements too deeply to be read as HTML");
    return;
  }
  const PageParts parts = find_parts(document->root());
  Article article;
  // A page at the top (or given alone) keeps the id it always had, its file name, index pages
  // included; a static-site export's "faq/returns/index.html" is named by its folders.
  const std::string stem = path.stem().string();
  const PagePath place = page_path(path, stem, sink.root());
  article.id = place.nested ? place.id : stem;
  // Content-Language may list several languages ("de, en"): the first is the page's.
  const std::string_view meta_lang = trim(parts.content_language.substr(0, parts.content_language.find(',')));
  const std::string_view own_lang = trim(parts.html_lang).empty() ? meta_lang : trim(parts.html_lang);
  article.lang = own_lang.empty() ? place.folder_lang : std::string(own_lang);
  if (parts.title != nullptr) article.title = element_text(parts.title, false);
  if (article.title.empty() && parts.first_h1 != nullptr) article.title = element_text(parts.first_h1, false);
  const GumboNode* content = parts.main != nullptr ? parts.main : parts.article != nullptr ? parts.article : parts.body;
  if (content != nullptr) article.body = element_text(content, true);
  sink.deliver(std::move(article), where, "html lang");
}

}  // namespace faqsearch::detail
