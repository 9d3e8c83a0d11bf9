#include "import/json_sax.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "faqsearch/import.h"
#include "import/import_internal.h"

namespace faqsearch::detail {

std::string json_error_message(std::string_view what) {
  if (what.starts_with("[json.exception.")) {
    const std::size_t bracket = what.find("] ");
    if (bracket != std::string_view::npos) what.remove_prefix(bracket + 2);
  }
  if (what.starts_with("parse error")) {
    const std::size_t colon = what.find(": ");
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  }
  return "invalid JSON: " + std::string(what);
}

std::vector<HugeNumber> neutralize_huge_numbers(std::string& text) {
  // A double holds up to about 1.8e308: only a literal with an exponent, or of more than 308
  // digits, can overflow, so strtod runs on few literals.
  constexpr std::size_t kMaxPlainDigits = 308;
  constexpr std::size_t kShownBytes = 40;
  const auto is_number_char = [](char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  };
  std::vector<HugeNumber> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {  // a string: skip it, escapes included
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      ++i;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < text.size() && is_number_char(text[end])) ++end;
    const std::string_view literal(text.data() + i, end - i);
    const bool may_overflow = literal.find_first_of("eE") != std::string_view::npos || literal.size() > kMaxPlainDigits;
    if (may_overflow && !std::isfinite(std::strtod(std::string(literal).c_str(), nullptr))) {
      out.push_back({i, std::string(literal.substr(0, kShownBytes))});
      text[i] = '0';
      std::fill(text.begin() + static_cast<std::ptrdiff_t>(i) + 1, text.begin() + static_cast<std::ptrdiff_t>(end), ' ');
    }
    i = end;
  }
  return out;
}

std::size_t LineCounter::line_of(std::size_t offset) noexcept {
  offset = std::min(offset, text_.size());
  for (; scanned_ < offset; ++scanned_) {
    if (text_[scanned_] == '\n') ++line_;
  }
  while (scanned_ > offset) {
    --scanned_;
    if (text_[scanned_] == '\n') --line_;
  }
  return line_;
}

bool BoundedSax::number() {
  // The lexer has read past the literal (and one character more), not yet past the next one.
  const auto read = static_cast<std::size_t>(*read_up_to_ - text_begin_);
  bool neutralized = false;
  while (next_huge_ < huge_.size() && huge_[next_huge_].offset < read) {
    neutralized = true;
    ++next_huge_;
  }
  if (!value()) return false;
  if (neutralized) {
    flaws_.push_back({path(path_depth_), "number out of range: " + huge_[next_huge_ - 1].literal});
  }
  return true;
}

bool BoundedSax::enter(bool array) {
  if (skipped_depth_ > 0) {
    ++skipped_depth_;
    return false;
  }
  value();
  if (frames_.size() >= kMaxJsonDepth) {
    flaws_.push_back({path(path_depth_), "nested deeper than " + std::to_string(kMaxJsonDepth) +
                                             " levels of arrays and objects"});
    dom_.null();  // stands for the value, which is never built
    skipped_depth_ = 1;
    return false;
  }
  frames_.push_back({array, 0, {}});
  return true;
}

bool BoundedSax::leave() {
  if (skipped_depth_ > 0) {
    --skipped_depth_;
    return false;
  }
  frames_.pop_back();
  return true;
}

bool BoundedSax::start_object(std::size_t n) {
  if (!enter(false)) return true;
  if (frames_.size() <= 4) {  // down to [i].articles[j]; the new frame adds no key yet
    // The lexer has read the '{' and nothing after it.
    const auto brace = static_cast<std::size_t>(*read_up_to_ - text_begin_) - 1;
    object_lines_.emplace(path(frames_.size()), lines_.line_of(brace));
  }
  return dom_.start_object(n);
}

bool BoundedSax::key(string_t& k) {
  if (skipped_depth_ > 0) return true;
  frames_.back().key = k;
  return dom_.key(k);
}

bool BoundedSax::end_object() { return !leave() || dom_.end_object(); }

bool BoundedSax::start_array(std::size_t n) { return !enter(true) || dom_.start_array(n); }

bool BoundedSax::end_array() { return !leave() || dom_.end_array(); }

bool BoundedSax::parse_error(std::size_t position, const std::string& /*last_token*/,
                             const nlohmann::detail::exception& ex) {
  error_position_ = position;
  error_ = json_error_message(ex.what());
  return false;
}

std::string BoundedSax::path(std::size_t levels) const {
  std::string out;
  for (std::size_t i = 0; i < std::min(levels, frames_.size()); ++i) {
    const Frame& frame = frames_[i];
    out = frame.array ? join_field(out, "[" + std::to_string(frame.count - 1) + "]") : join_field(out, frame.key);
  }
  return out;
}

ParsedLine parse_json_line(std::string line) {
  std::vector<HugeNumber> huge = neutralize_huge_numbers(line);
  ParsedLine out;
  const char* const begin = line.data();
  const char* read_up_to = begin;
  LineCounter lines(line);
  BoundedSax sax(out.value, begin, &read_up_to, lines, std::move(huge), 1);
  const bool ok = nlohmann::json::sax_parse(TrackingIterator(begin, &read_up_to),
                                            TrackingIterator(begin + line.size(), nullptr), &sax,
                                            nlohmann::json::input_format_t::json, /*strict=*/true);
  if (!ok || sax.error()) out.error = sax.error().value_or("invalid JSON");
  out.flaws = sax.flaws();
  return out;
}

}  // namespace faqsearch::detail
