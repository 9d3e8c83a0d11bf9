// Ids and languages from a page's path: the folders under the imported directory keep pages of
// the same file name apart ("shipping/returns.md", "billing/returns.md"), and folders named as
// languages ("en/", "de/") are left out, so that translations kept side by side share an id.
#include "import/page_path.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <iterator>
#include <vector>

#include "faqsearch/error.h"
#include "faqsearch/language.h"

namespace faqsearch::detail {
namespace {

namespace fs = std::filesystem;

/// The name of the folder `dir`, or "" when it has none to give ("", ".", "..", "/"); "docs/"
/// (as a user types it) is "docs".
std::string folder_name(fs::path dir) {
  if (!dir.empty() && !dir.has_filename()) dir = dir.parent_path();
  std::string name = dir.filename().string();
  return name == "." || name == ".." ? std::string() : name;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

/// The folders between `root` and `file` (not the file's own name), or none when `file` is not
/// under `root`.
std::vector<std::string> folders_between(const fs::path& root, const fs::path& file) {
  const fs::path relative = file.lexically_relative(root);
  std::vector<std::string> folders;
  if (relative.empty() || *relative.begin() == "..") return folders;
  for (auto it = relative.begin(); std::next(it) != relative.end(); ++it) {
    if (!it->empty() && *it != ".") folders.push_back(it->string());
  }
  return folders;
}

/// Whether `subtag` (of a canonical tag, after the language) is a script Unicode knows ("Hant")
/// or a region ("BR", "419"). Well-formed tags allow more, which slugs are full of: "my-post"
/// would be Burmese in the script "Post", "it-support" and "no-reply" languages with variants.
bool is_script_or_region(std::string_view subtag) {
  const auto all = [subtag](auto is) { return std::all_of(subtag.begin(), subtag.end(), is); };
  const bool letters = all([](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
  const bool digits = all([](char c) { return c >= '0' && c <= '9'; });
  if (subtag.size() == 3 && digits) return true;  // a UN M.49 region ("es-419")
  const std::string text(subtag);
  if (subtag.size() == 4 && letters) return u_getPropertyValueEnum(UCHAR_SCRIPT, text.c_str()) != UCHAR_INVALID_CODE;
  if (subtag.size() != 2 || !letters) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag("und-" + text, status);
  return U_SUCCESS(status) && locale.getISO3Country()[0] != '\0';
}

}  // namespace

std::string language_of_name(const std::string& word) {
  std::string tag;
  try {
    tag = known_language_tag(word);
  } catch (const InvalidArgument&) {
    return {};
  }
  const std::size_t primary = std::min(tag.find('-'), tag.size());
  if (primary != 2 && language_for(tag).tag == "und") return {};
  std::string_view rest = std::string_view(tag).substr(primary);
  while (!rest.empty()) {
    rest.remove_prefix(1);  // the '-'
    const std::string_view subtag = rest.substr(0, rest.find('-'));
    if (!is_script_or_region(subtag)) return {};
    rest.remove_prefix(subtag.size());
  }
  return tag;
}

PageName page_name(const fs::path& file) {
  const std::string stem = file.stem().string();
  const std::size_t dot = stem.rfind('.');
  if (dot == std::string::npos || dot == 0) return {stem, {}, {}};
  const std::string suffix = stem.substr(dot + 1);
  std::string lang = language_of_name(suffix);
  if (lang.empty()) return {stem, {}, {}};
  return {stem.substr(0, dot), suffix, std::move(lang)};
}

bool is_index_page(std::string_view base) noexcept { return base == "index" || base == "README" || base == "readme"; }

PagePath page_path(const fs::path& file, const std::string& base, const fs::path& root) {
  PagePath out;
  std::vector<std::string> folders;
  if (!root.empty()) {
    for (std::string& folder : folders_between(root, file)) {
      std::string lang = language_of_name(folder);
      if (lang.empty()) {
        folders.push_back(std::move(folder));
      } else {
        out.folder_lang = std::move(lang);  // the innermost one is the page's
      }
    }
  }
  out.nested = !folders.empty();
  if (!is_index_page(base)) {
    folders.push_back(base);
  } else if (folders.empty()) {
    // An index page at the top: the folder it is the index of (the root, when only language
    // folders lie between), as ids were before folders were part of them.
    std::string folder = folder_name(root.empty() ? file.parent_path() : root);
    folders.push_back(folder.empty() ? base : std::move(folder));
  }
  out.id = join(folders);
  out.name = folders.back();
  return out;
}

}  // namespace faqsearch::detail
