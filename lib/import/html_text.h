// Gumbo documents for the HTML readers (html_text.cpp: html_to_text; html_importer.cpp: .html
// files as articles).
#pragma once

#include <gumbo.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace faqsearch::detail {

/// A parsed HTML document (owns gumbo's output).
class HtmlDocument {
 public:
  explicit HtmlDocument(GumboOutput* output) : output_(output) {}
  [[nodiscard]] const GumboNode* root() const noexcept { return output_->root; }

 private:
  struct Free {
    void operator()(GumboOutput* output) const noexcept;
  };
  std::unique_ptr<GumboOutput, Free> output_;
};

/// `html` (valid UTF-8) parsed; nullopt if it nests too deeply for gumbo (its tree building is
/// quadratic in depth) or gumbo fails.
std::optional<HtmlDocument> parse_html(std::string_view html);

/// The plain text of `root` and its descendants, as html_to_text() makes it; with
/// `skip_page_chrome`, <nav>, <header>, <footer> and <aside> are left out.
std::string element_text(const GumboNode* root, bool skip_page_chrome);

}  // namespace faqsearch::detail
