// YAML front matter with yaml-cpp, TOML front matter with toml++ (Debian libtomlplusplus-dev).
#include "import/front_matter.h"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
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

// ---- YAML ----

std::size_t yaml_line(const YAML::Mark& mark) noexcept {
  return mark.line >= 0 ? static_cast<std::size_t>(mark.line) + 2 : 1;  // the YAML starts on line 2
}

FrontMatterValue yaml_value(const YAML::Node& node) {
  FrontMatterValue value;
  value.line = yaml_line(node.Mark());
  if (node.IsNull()) return value;
  if (node.IsScalar()) {
    value.kind = FrontMatterValue::Kind::kScalar;
    value.scalar = node.Scalar();
  } else if (node.IsSequence()) {
    value.kind = FrontMatterValue::Kind::kList;
    for (const YAML::Node& item : node) {
      value.items.push_back(item.IsScalar() ? std::optional<std::string>(item.Scalar()) : std::nullopt);
    }
  } else {
    value.kind = FrontMatterValue::Kind::kOther;
  }
  return value;
}

std::variant<FrontMatter, FrontMatterError> read_yaml(std::string_view text) {
  auto block = fenced_block(text, "---");
  if (auto* error = std::get_if<FrontMatterError>(&block)) return std::move(*error);
  const Block& b = std::get<Block>(block);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(b.source));
  } catch (const YAML::Exception& e) {
    return FrontMatterError{yaml_line(e.mark), "invalid YAML front matter: " + e.msg};
  }
  if (!root.IsNull() && !root.IsMap()) {
    return FrontMatterError{1, "front matter is not a mapping of fields (id: ..., lang: ...)"};
  }
  FrontMatter out{{}, b.rest};
  if (root.IsNull()) return out;
  for (const auto& member : root) {
    if (member.first.IsScalar()) out.fields.push_back({member.first.Scalar(), yaml_value(member.second)});
  }
  return out;
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

FrontMatterValue toml_value(const toml::node& node) {
  FrontMatterValue value;
  value.line = toml_line(node);
  if (const auto scalar = toml_scalar(node)) {
    value.kind = FrontMatterValue::Kind::kScalar;
    value.scalar = *scalar;
  } else if (const auto* array = node.as_array()) {
    value.kind = FrontMatterValue::Kind::kList;
    for (const toml::node& item : *array) value.items.push_back(toml_scalar(item));
  } else {
    value.kind = FrontMatterValue::Kind::kOther;
  }
  return value;
}

std::variant<FrontMatter, FrontMatterError> read_toml(std::string_view text) {
  auto block = fenced_block(text, "+++");
  if (auto* error = std::get_if<FrontMatterError>(&block)) return std::move(*error);
  const Block& b = std::get<Block>(block);
  toml::table table;
  try {
    table = toml::parse(b.source);
  } catch (const toml::parse_error& e) {
    return FrontMatterError{e.source().begin.line + 1, "invalid TOML front matter: " + std::string(e.description())};
  }
  FrontMatter out{{}, b.rest};
  // toml::table is ordered by key; file order reads better in messages and is what YAML gives.
  for (const auto& [key, node] : table) out.fields.push_back({std::string(key.str()), toml_value(node)});
  std::stable_sort(out.fields.begin(), out.fields.end(),
                   [](const FrontMatterField& a, const FrontMatterField& b2) { return a.value.line < b2.value.line; });
  return out;
}

}  // namespace

std::variant<FrontMatter, FrontMatterError> read_front_matter(std::string_view text) {
  const std::string_view first = rstrip(text.substr(0, text.find('\n')));
  if (first == "---") return read_yaml(text);
  if (first == "+++") return read_toml(text);
  return FrontMatterError{1, "no front matter: a Markdown article starts with a line \"---\" (YAML) or \"+++\" (TOML), "
                             "its fields (id, lang, title...), and the same line again"};
}

}  // namespace faqsearch::detail
