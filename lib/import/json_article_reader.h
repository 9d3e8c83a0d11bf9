// Reading an article from a JSON object, shared by the JSON importers (json_importers.cpp:
// JSONL and BEIR; zendesk_importer.cpp): each member read into its Article field, the first one
// of the wrong type remembered and reported with its field's path.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "faqsearch/article.h"
#include "import/import_internal.h"

namespace faqsearch::detail {

/// A member of the wrong type: its path ("articles[3].title") and what was wrong.
struct FieldError {
  std::string field;
  std::string message;
};

/// Reads the members of one JSON object into Article fields, remembering the first member of
/// the wrong type. Absent and null members leave the field empty. Not thread-safe; the object
/// must outlive it.
class ObjectReader {
  using json = nlohmann::json;

 public:
  ObjectReader(const json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

  /// A string member; with `allow_integer`, an integer is taken as its decimal text (ids and
  /// section ids are numbers in many exports).
  void string(std::string_view key, std::string& out, bool allow_integer = false) {
    const json* value = member(key);
    if (value == nullptr) return;
    if (value->is_string()) {
      out = value->get_ref<const std::string&>();
    } else if (allow_integer && value->is_number_integer()) {
      out = value->dump();
    } else {
      fail(key, allow_integer ? "expected a string or an integer, found " + type_of(*value)
                              : "expected a string, found " + type_of(*value));
    }
  }

  /// Tags: an array of strings or one comma-separated string (with `allow_string`).
  void tags(std::string_view key, std::vector<std::string>& out, bool allow_string) {
    const json* value = member(key);
    if (value == nullptr) return;
    if (allow_string && value->is_string()) {
      out = split_tags(value->get_ref<const std::string&>());
      return;
    }
    if (!value->is_array()) {
      fail(key, std::string(allow_string ? "expected an array of strings or a comma-separated "
                                           "string, found "
                                         : "expected an array of strings, found ") +
                    type_of(*value));
      return;
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      if (!item.is_string()) {
        fail(std::string(key) + "[" + std::to_string(i) + "]",
             "expected a string, found " + type_of(item));
        return;
      }
      out.push_back(item.get<std::string>());
    }
  }

  /// A boolean member; absent or null is false.
  bool flag(std::string_view key) {
    const json* value = member(key);
    if (value == nullptr) return false;
    if (!value->is_boolean()) {
      fail(key, "expected true or false, found " + type_of(*value));
      return false;
    }
    return value->get<bool>();
  }

  /// A boolean member into `out`; absent or null leaves `out` as it is.
  void boolean(std::string_view key, bool& out) {
    if (member(key) != nullptr) out = flag(key);
  }

  /// An integer member into `out` (a whole number written as 3.0 too); absent or null leaves
  /// `out` as it is.
  void integer(std::string_view key, std::int64_t& out) {
    const json* value = member(key);
    if (value == nullptr) return;
    if (value->is_number_integer()) {
      if (value->is_number_unsigned() && value->get<std::uint64_t>() > INT64_MAX) {
        fail(key, "integer out of range");
        return;
      }
      out = value->get<std::int64_t>();
    } else if (value->is_number_float() && std::abs(value->get<double>()) < 9e18 &&
               value->get<double>() == std::trunc(value->get<double>())) {
      out = static_cast<std::int64_t>(value->get<double>());
    } else {
      fail(key, "expected an integer, found " + (value->is_number() ? std::string("a fraction or an out-of-range number") : type_of(*value)));
    }
  }

  /// The member, or null when it is absent or JSON null.
  [[nodiscard]] const json* member(std::string_view key) const {
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  [[nodiscard]] const std::optional<FieldError>& error() const noexcept { return error_; }
  [[nodiscard]] const std::string& prefix() const noexcept { return prefix_; }

  void fail(std::string_view field, std::string message) {
    if (!error_) error_ = FieldError{join_field(prefix_, field), std::move(message)};
  }

 private:
  static std::string type_of(const json& value) {
    return value.is_number() ? "a number" : std::string("an ") + value.type_name();
  }

  const json& object_;
  std::string prefix_;
  std::optional<FieldError> error_;
};

/// Delivers `article` to `sink`, or reports the reader's first field error instead.
inline void deliver_or_report(Article&& article, const ObjectReader& reader, SourceLocation where,
                              RecordSink& sink, std::string_view lang_field = "lang") {
  if (const auto& error = reader.error()) {
    where.field = error->field;
    sink.problem(std::move(where), error->message);
    return;
  }
  where.field = reader.prefix();
  sink.deliver(std::move(article), std::move(where), lang_field);
}

/// The help-center signals of an article (faqsearch/article.h), under the same names in our
/// JSONL and in Zendesk's API.
inline void read_signals(ObjectReader& reader, Article& article) {
  reader.boolean("promoted", article.promoted);
  reader.boolean("outdated", article.outdated);
  reader.integer("vote_sum", article.vote_sum);
  reader.integer("vote_count", article.vote_count);
  reader.integer("position", article.position);
}

}  // namespace faqsearch::detail
