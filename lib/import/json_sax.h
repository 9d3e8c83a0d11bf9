// Parsing JSON from user input without trusting its shape: nesting deeper than kMaxJsonDepth is
// never built, numbers a double cannot hold do not end the parse, and every object of interest
// is given the line it starts on. Shared by the JSONL, BEIR and Zendesk readers.
#pragma once

#include <cstddef>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace faqsearch::detail {

/// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1,
/// column 5: "; the location is ours to give (theirs is relative to the line or document we
/// handed over), so only the description is kept, after "invalid JSON: ".
[[nodiscard]] std::string json_error_message(std::string_view what);

/// A number literal whose value no double holds (1e400, or 400 digits): nlohmann stops the whole
/// parse at one, so such literals are overwritten before parsing (see neutralize_huge_numbers).
struct HugeNumber {
  std::size_t offset = 0;  ///< where the literal starts in the text
  std::string literal;     ///< as written (at most 40 bytes of it)
};

/// Overwrites every number literal of `text` (outside strings) that overflows a double with "0"
/// and spaces, the same length (offsets and lines stay), and returns them in text order. A text
/// that is not JSON is left for the parser to report.
std::vector<HugeNumber> neutralize_huge_numbers(std::string& text);

/// A char iterator that publishes how far nlohmann's lexer has read. The lexer consumes exactly
/// up to the '{' of an object when it reports start_object, so the published position tells the
/// SAX handler where that object starts.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* position, const char** published) noexcept
      : position_(position), published_(published) {}

  reference operator*() const noexcept { return *position_; }
  TrackingIterator& operator++() noexcept {
    ++position_;
    if (published_ != nullptr) *published_ = position_;
    return *this;
  }
  TrackingIterator operator++(int) noexcept {
    TrackingIterator before = *this;
    ++*this;
    return before;
  }
  friend bool operator==(const TrackingIterator& a, const TrackingIterator& b) noexcept {
    return a.position_ == b.position_;
  }

 private:
  const char* position_;
  const char** published_;
};

/// Line numbers of a text, computed incrementally: offsets asked for mostly increase, so the
/// whole file is scanned about once however many objects it has.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) noexcept : text_(text) {}
  /// 1-based line of the byte at `offset`.
  std::size_t line_of(std::size_t offset) noexcept;

 private:
  std::string_view text_;
  std::size_t scanned_ = 0;
  std::size_t line_ = 1;
};

/// A value that could not be read as written, by the path of the member or element holding it
/// ("articles[3].title"; for deeper values, the path of their first `kPathDepth` levels).
struct JsonFlaw {
  std::string path;
  std::string message;
};

/// SAX handler that builds the DOM (through nlohmann's own builder) with two bounds, and records
/// the line of every object up to the depth of an article in a page array ([i].articles[j]),
/// keyed by its path:
/// - a value nested deeper than kMaxJsonDepth is not built: it stands as null in the DOM, and is
///   a flaw at its path (nlohmann parses iteratively, but copies, prints and compares nested
///   values recursively: 100,000 '[' overflow the stack);
/// - the literals neutralize_huge_numbers overwrote are flaws at their paths.
class BoundedSax {
 public:
  using json = nlohmann::json;
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  /// Levels of the paths of Zendesk flaws: enough for "[0].articles[3].title".
  static constexpr std::size_t kZendeskPathDepth = 4;

  /// `text_begin` and `read_up_to` locate the lexer (see TrackingIterator); `huge` are the
  /// literals neutralized in the text being parsed, in order. Flaws name the path of their
  /// first `path_depth` levels: a record's member ("_id") for JSON lines, kZendeskPathDepth for
  /// Zendesk.
  BoundedSax(json& root, const char* text_begin, const char* const* read_up_to, LineCounter& lines,
             std::vector<HugeNumber> huge, std::size_t path_depth) noexcept
      : dom_(root, false),
        text_begin_(text_begin),
        read_up_to_(read_up_to),
        lines_(lines),
        huge_(std::move(huge)),
        path_depth_(path_depth) {}

  // Each returns true to go on parsing; a value inside one too deep is dropped, not forwarded.
  bool null() { return !value() || dom_.null(); }
  bool boolean(bool v) { return !value() || dom_.boolean(v); }
  bool number_integer(number_integer_t v) { return !number() || dom_.number_integer(v); }
  bool number_unsigned(number_unsigned_t v) { return !number() || dom_.number_unsigned(v); }
  bool number_float(number_float_t v, const string_t& s) { return !number() || dom_.number_float(v, s); }
  bool string(string_t& v) { return !value() || dom_.string(v); }
  bool binary(binary_t& v) { return !value() || dom_.binary(v); }
  bool start_object(std::size_t n);
  bool key(string_t& k);
  bool end_object();
  bool start_array(std::size_t n);
  bool end_array();
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex);

  /// Line of each object down to [i].articles[j], by path ("" is the document).
  [[nodiscard]] const std::map<std::string, std::size_t>& object_lines() const noexcept {
    return object_lines_;
  }
  /// Values too deep or too large, in text order.
  [[nodiscard]] const std::vector<JsonFlaw>& flaws() const noexcept { return flaws_; }
  /// Why the text is not JSON, if it is not.
  [[nodiscard]] const std::optional<std::string>& error() const noexcept { return error_; }
  /// nlohmann's position of the error (1-based count of characters read).
  [[nodiscard]] std::size_t error_position() const noexcept { return error_position_; }

 private:
  struct Frame {
    bool array = false;
    std::size_t count = 0;  // elements seen so far (arrays)
    std::string key;        // current member (objects)
  };

  /// Counts an element of the enclosing array; false inside a value too deep to build (whose
  /// events are dropped).
  bool value() {
    if (skipped_depth_ > 0) return false;
    if (!frames_.empty() && frames_.back().array) ++frames_.back().count;
    return true;
  }
  /// value() for a number, which may stand for a neutralized literal.
  bool number();
  /// Starts an array or object; false if it is not to be built (too deep, or inside such).
  bool enter(bool array);
  /// Ends an array or object; false if it was not built.
  bool leave();
  /// The path of the current value, its first `levels` levels.
  [[nodiscard]] std::string path(std::size_t levels) const;

  // nlohmann's own DOM builder (what json::parse uses), reached through its detail namespace:
  // rebuilding it here would be more code to get wrong than pinning Debian's 3.11.
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  const char* text_begin_;
  const char* const* read_up_to_;
  LineCounter& lines_;
  std::vector<HugeNumber> huge_;
  std::size_t next_huge_ = 0;
  std::size_t path_depth_;
  std::vector<Frame> frames_;
  std::size_t skipped_depth_ = 0;  // levels open inside a value too deep to build
  std::map<std::string, std::size_t> object_lines_;
  std::vector<JsonFlaw> flaws_;
  std::optional<std::string> error_;
  std::size_t error_position_ = 0;
};

/// One JSON value of a line (JSONL, BEIR, query files) parsed within the bounds of BoundedSax.
struct ParsedLine {
  nlohmann::json value;
  std::optional<std::string> error;  ///< not JSON: why
  std::vector<JsonFlaw> flaws;       ///< too deep or too large values
};

/// Parses `line` as one JSON value (trailing text is an error).
[[nodiscard]] ParsedLine parse_json_line(std::string line);

}  // namespace faqsearch::detail
