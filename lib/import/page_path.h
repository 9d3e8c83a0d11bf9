// What a page's place in a folder says about it: the id a page without one takes, and the
// language its file name or folders name. Shared by the Markdown and HTML importers, so that a
// help center exported as either gets the same ids.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace faqsearch::detail {

/// `word` (a file-name suffix or a folder's name) as a canonical language tag, or "" when it is
/// no language: a tag ICU knows (known_language_tag) that is also a row of the language table
/// or has a two-letter ISO 639-1 primary code, followed by nothing but a script and a region
/// ("pt-br", "zh-hant", "es-419"). ICU alone would take ordinary three-letter words for
/// languages ("new" is Newari, "min" Minangkabau) and slugs for tags with variants
/// ("it-support", "my-post"), so those stay words, as "v1.2" and "draft" do. Thread-safe.
[[nodiscard]] std::string language_of_name(const std::string& word);

/// A page's file name as multilingual sites write it: Hugo names the German translation of
/// "returns.md" "returns.de.md" (and of "_index.md" "_index.de.md").
struct PageName {
  std::string base;         ///< "returns": the name without extension and language
  std::string lang_suffix;  ///< "de", "pt-br" as written; empty when the name carries no language
  std::string lang;         ///< lang_suffix as a canonical tag ("pt-BR")
};

/// The PageName of `file`. Thread-safe.
[[nodiscard]] PageName page_name(const std::filesystem::path& file);

/// What a page's path gives it.
struct PagePath {
  /// The id of a page that names none: the folders between the import root and the page,
  /// language folders left out, joined by '/', then `base` ("shipping/returns"); an index page
  /// takes its folder's path ("guide/index.md" → "guide").
  std::string id;
  /// The last part of `id` ("returns", "guide"): what a page without a title is called.
  std::string name;
  /// The innermost folder named as a language ("de" in "de/shipping/returns.md"), as a canonical
  /// tag; empty when no folder is one.
  std::string folder_lang;
  /// Whether folders other than language folders lie between the root and the page: false for
  /// a page at the top and for a file given directly.
  bool nested = false;
};

/// Whether a page of base name `base` is its folder's index page ("index", "README"): the page
/// about the folder, as Hugo's leaf bundles, Docusaurus and static-site exports write it.
[[nodiscard]] bool is_index_page(std::string_view base) noexcept;

/// The PagePath of `file`, whose name without extension (and language suffix) is `base`, found
/// under the directory `root` that was imported (`file` is `root` / ...). An empty `root` (a
/// file given directly) or a file directly in the root gives the id of the name alone: `base`,
/// or, for an index page, the name of its folder (of the root, for an index page whose only
/// folders are language folders), so that pages at the top keep the ids they always had.
/// Thread-safe.
[[nodiscard]] PagePath page_path(const std::filesystem::path& file, const std::string& base,
                                 const std::filesystem::path& root);

}  // namespace faqsearch::detail
