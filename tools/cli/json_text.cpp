#include "cli/json_text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace faqsearch::cli {

namespace {

/// The length of the well-formed UTF-8 sequence that starts at `p`, a byte of 0x80 or more, or 0
/// if none does. Well-formed as RFC 3629 says (no overlong forms, surrogates or code points past
/// U+10FFFF): the bytes nlohmann::json's decoder accepts.
std::size_t utf8_sequence_length(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = *p;
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
    return 0;
  }
  if (static_cast<std::size_t>(end - p) < length || p[1] < low || p[1] > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (p[i] < 0x80 || p[i] > 0xBF) return 0;
  }
  return length;
}

/// Whether the 8 bytes at `p` are all printable ASCII other than `"` and `\`, which JSON takes as
/// they are. Tested as one 64-bit word, as RapidJSON's and simdjson's writers do: a byte is below
/// `n` (n ≤ 0x80) iff subtracting n from it borrows into its top bit while its top bit was clear.
bool eight_plain_bytes(const unsigned char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kTopBits = 0x8080808080808080;
  const auto has_byte_below = [](std::uint64_t x, std::uint64_t n) { return (x - kOnes * n) & ~x & kTopBits; };
  const std::uint64_t needs_care = has_byte_below(word, 0x20) | has_byte_below(word ^ (kOnes * '"'), 1) |
                                   has_byte_below(word ^ (kOnes * '\\'), 1) | (word & kTopBits);
  return needs_care == 0;
}

constexpr char kHex[] = "0123456789abcdef";

/// Appends the escape of `c` (a control character, `"` or `\`) that dump() writes.
void append_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\b': out += "\\b"; break;
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\f': out += "\\f"; break;
    case '\r': out += "\\r"; break;
    default: {
      const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out.append(escape, sizeof escape);
    }
  }
}

template <typename Integer>
void append_integer(std::string& out, Integer n) {
  char buffer[24];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, n);
  out.append(buffer, end);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  // One pass: runs of bytes that need nothing (eight at a time while they are plain ASCII, one
  // UTF-8 sequence at a time where not) are copied whole; the others are escaped.
  const std::size_t start = out.size();
  out.reserve(start + text.size() + 2);
  out += '"';
  const auto* const end = reinterpret_cast<const unsigned char*>(text.data()) + text.size();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* run = p;  // the bytes from run to p are not yet appended
  const auto append_run = [&] { out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run)); };
  while (p < end) {
    if (end - p >= 8 && eight_plain_bytes(p)) {
      p += 8;
    } else if (*p >= 0x80) {
      const std::size_t length = utf8_sequence_length(p, end);
      if (length == 0) {
        // Rare (stored text is repaired when indexed): dump()'s own replacement rules, exactly.
        out.resize(start);
        out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      p += length;
    } else if (*p >= 0x20 && *p != '"' && *p != '\\') {
      ++p;
    } else {
      append_run();
      append_escape(out, *p);
      run = ++p;
    }
  }
  append_run();
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
  // Keys are mostly the writers' own short ASCII names: quoted and appended at once.
  std::array<char, 32> quoted;
  if (name.size() + 3 <= quoted.size() && std::all_of(name.begin(), name.end(), [](char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
      })) {
    quoted[0] = '"';
    std::copy(name.begin(), name.end(), quoted.begin() + 1);
    quoted[name.size() + 1] = '"';
    quoted[name.size() + 2] = ':';
    out_.append(quoted.data(), name.size() + 3);
  } else {
    append_json_string(out_, name);
    out_ += ':';
  }
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
