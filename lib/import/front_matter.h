// Front matter of Markdown articles, YAML ("---", Jekyll, Docusaurus, Hugo) or TOML ("+++", Hugo),
// read into one neutral shape so that the fields are mapped once, whichever syntax wrote them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace faqsearch::detail {

/// One value of the front matter's top level.
struct FrontMatterValue {
  enum class Kind : unsigned char { kNull, kScalar, kList, kOther };
  Kind kind = Kind::kNull;
  /// kScalar: the value as text (TOML numbers, booleans and dates as TOML writes them).
  std::string scalar;
  /// kList: the items; nothing for an item that is not a scalar.
  std::vector<std::optional<std::string>> items;
  std::size_t line = 0;  ///< Line of the value in the file (1-based).
};

struct FrontMatterField {
  std::string key;
  FrontMatterValue value;
};

/// A file split into its front matter's top-level fields (in file order) and the Markdown after.
struct FrontMatter {
  std::vector<FrontMatterField> fields;
  std::string_view body;
};

/// Why a file's front matter cannot be read, at `line` (1-based).
struct FrontMatterError {
  std::size_t line = 1;
  std::string message;
};

/// Splits `text` into front matter and body: "---" lines around YAML, or "+++" lines around
/// TOML. A file that starts with neither has no fields and is all body. Front matter that is
/// not closed, invalid syntax or a top level that is not a mapping is an error naming the line.
/// Thread-safe.
[[nodiscard]] std::variant<FrontMatter, FrontMatterError> read_front_matter(std::string_view text);

}  // namespace faqsearch::detail
