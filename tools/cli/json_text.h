// JSON written straight into a string, for the answers on the hot path (search results, hits):
// building them as nlohmann::json trees cost about a quarter of a search's own instructions per
// request in `faqsearch serve` (every member a map node, every string a copy), and the text is
// all that is wanted. The output is what nlohmann::json's dump() gives for the same tree on one
// line (members in key order, invalid UTF-8 replaced by U+FFFD), so the two can be mixed.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace faqsearch::cli {

/// A JSON value written piece by piece; commas between members and elements are placed by the
/// writer. Members are written in the order given: write them in key order to match dump().
/// Not thread-safe (one writer, one string).
class JsonText {
 public:
  JsonText& begin_object();
  JsonText& end_object();
  JsonText& begin_array();
  JsonText& end_array();
  /// The next member's key (inside an object); its value follows.
  JsonText& key(std::string_view name);

  JsonText& value(std::string_view text);
  JsonText& value(const char* text) { return value(std::string_view(text)); }
  JsonText& value(const std::string& text) { return value(std::string_view(text)); }
  JsonText& value(bool b);
  JsonText& value(std::int64_t n);
  JsonText& value(std::uint64_t n);
  JsonText& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonText& value(double d);
  JsonText& value(const std::vector<std::string>& strings);
  /// A value already written as JSON text (inserted as is).
  JsonText& raw(std::string_view json);

  /// `name` and then `v`, as one member.
  template <typename T>
  JsonText& member(std::string_view name, const T& v) {
    return key(name).value(v);
  }

  [[nodiscard]] const std::string& text() const& noexcept { return out_; }
  [[nodiscard]] std::string text() && noexcept { return std::move(out_); }

 private:
  void before_value();
  /// Starts an object or array (`bracket` '{' or '['), a value in its place.
  JsonText& open(char bracket);
  /// Ends the innermost object or array with `bracket`.
  JsonText& close(char bracket);

  std::string out_;
  std::vector<bool> first_;  // per open object or array: no member or element written yet
  bool after_key_ = false;
};

/// `text` as a JSON string literal, quotes included, appended to `out`: `"` `\` and control
/// characters escaped as dump() escapes them, other characters as they are, and bytes that are
/// not UTF-8 replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view text);

/// A JSON object assembled from members that arrive in any order, each value already JSON text,
/// written in key order (as nlohmann::json orders an object's members). For an answer whose
/// parts come from different places (the results, then the fields a command adds).
class JsonObjectText {
 public:
  /// Sets member `name` to the JSON text `json` (replacing one of that name).
  void set_raw(std::string name, std::string json) { members_[std::move(name)] = std::move(json); }
  /// Sets member `name` to `value`, written as dump() writes it on one line.
  void set(std::string name, const nlohmann::json& value);
  /// Every member of `object` (a JSON object), as set() sets them.
  void set_all(const nlohmann::json& object);

  [[nodiscard]] std::string text() const;

 private:
  std::map<std::string, std::string> members_;
};

}  // namespace faqsearch::cli
