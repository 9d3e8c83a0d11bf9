#include "cli/json_text.h"

#include <charconv>

namespace faqsearch::cli {

namespace {

/// Whether `text` is well-formed UTF-8 as RFC 3629 defines it (no overlong forms, surrogates or
/// code points past U+10FFFF): the same bytes nlohmann::json's decoder accepts.
bool valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;  // the bounds of the second byte, which rule out overlong forms,
    unsigned char high = 0xBF;  // surrogates and code points past U+10FFFF
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) < length || p[1] < low || p[1] > high) return false;
    for (std::size_t i = 2; i < length; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += length;
  }
  return true;
}

constexpr char kHex[] = "0123456789abcdef";

/// Appends `text`, valid UTF-8, escaped as nlohmann::json's dump() escapes it.
void append_escaped(std::string& out, std::string_view text) {
  std::size_t plain = 0;  // start of the run of bytes not yet appended
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(text, plain, text.size() - plain);
}

template <typename Integer>
void append_integer(std::string& out, Integer n) {
  char buffer[24];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, n);
  out.append(buffer, end);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  // Most keys and many values are plain ASCII: one pass finds that, and they are copied whole.
  std::size_t plain = 0;
  while (plain < text.size()) {
    const auto c = static_cast<unsigned char>(text[plain]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
    ++plain;
  }
  const std::string_view rest = text.substr(plain);
  if (!valid_utf8(rest)) {
    // Rare (stored text is repaired when indexed): dump()'s own replacement rules, exactly.
    out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  out.append(text, 0, plain);
  append_escaped(out, rest);
  out += '"';
}

void JsonText::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonText& JsonText::open(char bracket) {
  before_value();
  out_ += bracket;
  first_.push_back(true);
  return *this;
}

JsonText& JsonText::close(char bracket) {
  out_ += bracket;
  first_.pop_back();
  return *this;
}

JsonText& JsonText::begin_object() { return open('{'); }
JsonText& JsonText::end_object() { return close('}'); }
JsonText& JsonText::begin_array() { return open('['); }
JsonText& JsonText::end_array() { return close(']'); }

JsonText& JsonText::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonText& JsonText::value(std::string_view text) {
  before_value();
  append_json_string(out_, text);
  return *this;
}

JsonText& JsonText::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonText& JsonText::value(std::int64_t n) {
  before_value();
  append_integer(out_, n);
  return *this;
}

JsonText& JsonText::value(std::uint64_t n) {
  before_value();
  append_integer(out_, n);
  return *this;
}

JsonText& JsonText::value(double d) {
  // dump()'s own number format (shortest round trip, "1.0" for whole numbers, null for NaN).
  return raw(nlohmann::json(d).dump());
}

JsonText& JsonText::value(const std::vector<std::string>& strings) {
  begin_array();
  for (const std::string& s : strings) value(s);
  return end_array();
}

JsonText& JsonText::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

void JsonObjectText::set(std::string name, const nlohmann::json& value) {
  set_raw(std::move(name), value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void JsonObjectText::set_all(const nlohmann::json& object) {
  for (const auto& [name, value] : object.items()) set(name, value);
}

std::string JsonObjectText::text() const {
  JsonText out;
  out.begin_object();
  for (const auto& [name, json] : members_) out.key(name).raw(json);
  out.end_object();
  return std::move(out).text();
}

}  // namespace faqsearch::cli
