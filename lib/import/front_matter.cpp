// YAML front matter with yaml-cpp, TOML front matter with toml++ (Debian libtomlplusplus-dev).
#include "import/front_matter.h"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <utility>

namespace faqsearch::detail {
namespace {

/// `line` without a trailing "\r" and trailing blanks.
std::string_view rstrip(std::string_view line) noexcept {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line;
}

struct Block {
  std::string_view source;  // between the fence lines
  std::string_view rest;    // after the closing fence line
};

/// The text between the first line (`fence`) and the next line that is `fence` (or, for YAML,
/// "..."), or an error.
std::variant<Block, FrontMatterError> fenced_block(std::string_view text, std::string_view fence) {
  std::size_t position = std::min(text.find('\n'), text.size());
  position = position == text.size() ? position : position + 1;
  const std::size_t begin = position;
  while (position < text.size()) {
    const std::size_t end = std::min(text.find('\n', position), text.size());
    const std::string_view line = rstrip(text.substr(position, end - position));
    const std::size_t next = end == text.size() ? end : end + 1;
    if (line == fence || (fence == "---" && line == "...")) {
      return Block{text.substr(begin, position - begin), text.substr(next)};
    }
    position = next;
  }
  return FrontMatterError{1, "front matter is not closed: no line \"" + std::string(fence) + "\" after the opening one"};
}

using Fields = std::vector<FrontMatterField>;
using Parsed = std::variant<Fields, FrontMatterError>;

/// A value read from a node of either syntax: `scalar` (a node's text, or nothing when it is no
/// scalar) and `items` (a node's items when it is a list) decide the kind.
template <typename Node, typename Scalar, typename Items>
FrontMatterValue value_of(const Node& node, std::size_t line, Scalar scalar, Items items) {
  FrontMatterValue value;
  value.line = line;
  if (std::optional<std::string> text = scalar(node)) {
    value.kind = FrontMatterValue::Kind::kScalar;
    value.scalar = std::move(*text);
  } else if (items(node, value.items)) {
    value.kind = FrontMatterValue::Kind::kList;
  } else {
    value.kind = FrontMatterValue::Kind::kOther;
  }
  return value;
}

// ---- YAML ----

std::size_t yaml_line(const YAML::Mark& mark) noexcept {
  return mark.line >= 0 ? static_cast<std::size_t>(mark.line) + 2 : 1;  // the YAML starts on line 2
}

std::optional<std::string> yaml_scalar(const YAML::Node& node) {
  return node.IsScalar() ? std::optional<std::string>(node.Scalar()) : std::nullopt;
}

bool yaml_items(const YAML::Node& node, std::vector<std::optional<std::string>>& out) {
  if (!node.IsSequence()) return false;
  for (const YAML::Node& item : node) out.push_back(yaml_scalar(item));
  return true;
}

FrontMatterValue yaml_value(const YAML::Node& node) {
  const std::size_t line = yaml_line(node.Mark());
  if (!node.IsNull()) return value_of(node, line, yaml_scalar, yaml_items);
  FrontMatterValue value;  // a key without a value: kNull, a field left as it is
  value.line = line;
  return value;
}

Parsed parse_yaml(std::string_view source) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(source));
  } catch (const YAML::Exception& e) {
    return FrontMatterError{yaml_line(e.mark), "invalid YAML front matter: " + e.msg};
  }
  if (!root.IsNull() && !root.IsMap()) {
    return FrontMatterError{1, "front matter is not a mapping of fields (id: ..., lang: ...)"};
  }
  Fields fields;
  if (root.IsNull()) return fields;
  for (const auto& member : root) {
    if (!member.first.IsScalar()) continue;
    fields.push_back({member.first.Scalar(), yaml_value(member.second)});
  }
  return fields;
}

// ---- TOML ----

std::size_t toml_line(const toml::node& node) noexcept {
  return node.source().begin.line + 1;  // the TOML starts on line 2
}

/// A TOML scalar as text: strings as they are, everything else as TOML writes it (a date
/// "2024-03-01", a date-time "2024-03-01T10:00:00Z", true, 42).
std::optional<std::string> toml_scalar(const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  if (!node.is_value()) return std::nullopt;
  std::ostringstream out;
  node.visit([&](const auto& value) {
    if constexpr (toml::is_value<decltype(value)>) out << value;
  });
  return out.str();
}

bool toml_items(const toml::node& node, std::vector<std::optional<std::string>>& out) {
  const auto* array = node.as_array();
  if (array == nullptr) return false;
  for (const toml::node& item : *array) out.push_back(toml_scalar(item));
  return true;
}

Parsed parse_toml(std::string_view source) {
  toml::table table;
  try {
    table = toml::parse(source);
  } catch (const toml::parse_error& e) {
    return FrontMatterError{e.source().begin.line + 1, "invalid TOML front matter: " + std::string(e.description())};
  }
  Fields fields;
  for (const auto& [key, node] : table) {
    fields.push_back({std::string(key.str()), value_of(node, toml_line(node), toml_scalar, toml_items)});
  }
  // toml::table is ordered by key; file order reads better in messages and is what YAML gives.
  std::stable_sort(fields.begin(), fields.end(),
                   [](const FrontMatterField& a, const FrontMatterField& b) { return a.value.line < b.value.line; });
  return fields;
}

/// The front matter between `fence` lines, read by `parse`.
std::variant<FrontMatter, FrontMatterError> read_fenced(std::string_view text, std::string_view fence,
                                                        Parsed (*parse)(std::string_view)) {
  auto block = fenced_block(text, fence);
  if (auto* error = std::get_if<FrontMatterError>(&block)) return std::move(*error);
  const Block& b = std::get<Block>(block);
  Parsed parsed = parse(b.source);
  if (auto* error = std::get_if<FrontMatterError>(&parsed)) return std::move(*error);
  return FrontMatter{std::move(std::get<Fields>(parsed)), b.rest};
}

}  // namespace

std::variant<FrontMatter, FrontMatterError> read_front_matter(std::string_view text) {
  const std::string_view first = rstrip(text.substr(0, text.find('\n')));
  if (first == "---") return read_fenced(text, "---", parse_yaml);
  if (first == "+++") return read_fenced(text, "+++", parse_toml);
  return FrontMatter{{}, text};  // plain Markdown (Docusaurus pages need none)
}

}  // namespace faqsearch::detail
