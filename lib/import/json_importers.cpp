// JSON-based importers: JSONL articles, BEIR corpus.jsonl and Zendesk Help Center exports.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "faqsearch/analyzer.h"
#include "faqsearch/error.h"
#include "import/import_internal.h"

namespace faqsearch::detail {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

/// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1,
/// column 5: "; the location is ours to give (theirs is relative to the line or document we
/// handed over), so only the description is kept.
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

struct FieldError {
  std::string field;
  std::string message;
};

/// Reads the members of one JSON object into Article fields, remembering the first member of
/// the wrong type. Absent and null members leave the field empty.
class ObjectReader {
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

/// Calls `on_line(line_number, line)` for every non-blank line of a JSON-lines file, repaired to
/// valid UTF-8. Streams: BEIR corpora run to gigabytes and need not be held in memory at once.
template <typename OnLine>
void for_each_line(const fs::path& path, OnLine&& on_line) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ImportError("cannot read " + path.string() + ": " + std::strerror(errno));
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // byte order mark
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    if (!is_valid_utf8(line)) line = repair_utf8(line);
    on_line(number, std::string_view(line));
  }
  if (in.bad()) throw ImportError("cannot read " + path.string() + ": I/O error");
}

/// Parses one JSON line into an object, or reports why it is not one.
std::optional<json> parse_object_line(std::string_view line, const SourceLocation& where,
                                      RecordSink& sink) {
  json value;
  try {
    value = json::parse(line);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number past double's range
    sink.problem(where, json_error_message(e.what()));
    return std::nullopt;
  }
  if (!value.is_object()) {
    sink.problem(where, std::string("expected a JSON object, found ") +
                            (value.is_number() ? "a number" : std::string("an ") + value.type_name()));
    return std::nullopt;
  }
  return value;
}

void deliver_or_report(Article&& article, const ObjectReader& reader, SourceLocation where,
                       RecordSink& sink, std::string_view lang_field = "lang") {
  if (const auto& error = reader.error()) {
    where.field = error->field;
    sink.problem(std::move(where), error->message);
    return;
  }
  where.field = reader.prefix();
  sink.deliver(std::move(article), std::move(where), lang_field);
}

constexpr std::array<std::string_view, 9> kArticleFields{
    "id", "lang", "title", "body", "url", "category", "tags", "audience", "updated_at"};

// ---------------------------------------------------------------------------------------------
// Zendesk: one JSON document (or several, concatenated), parsed through SAX so that each
// article object can be given the line it starts on.

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
  std::size_t line_of(std::size_t offset) noexcept {
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

 private:
  std::string_view text_;
  std::size_t scanned_ = 0;
  std::size_t line_ = 1;
};

/// Builds the DOM (through nlohmann's own builder) and records the line of every object up to
/// the depth of an article in a page array ([i].articles[j]), keyed by its path.
class LocatingSax {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  LocatingSax(json& root, const char* text_begin, const char* const* read_up_to,
              LineCounter& lines) noexcept
      : dom_(root, false), text_begin_(text_begin), read_up_to_(read_up_to), lines_(lines) {}

  bool null() {
    value();
    return dom_.null();
  }
  bool boolean(bool v) {
    value();
    return dom_.boolean(v);
  }
  bool number_integer(number_integer_t v) {
    value();
    return dom_.number_integer(v);
  }
  bool number_unsigned(number_unsigned_t v) {
    value();
    return dom_.number_unsigned(v);
  }
  bool number_float(number_float_t v, const string_t& s) {
    value();
    return dom_.number_float(v, s);
  }
  bool string(string_t& v) {
    value();
    return dom_.string(v);
  }
  bool binary(binary_t& v) {
    value();
    return dom_.binary(v);
  }
  bool start_object(std::size_t n) {
    value();
    if (frames_.size() <= 3) {
      // The lexer has read the '{' and nothing after it.
      const auto brace = static_cast<std::size_t>(*read_up_to_ - text_begin_) - 1;
      object_lines_.emplace(path(), lines_.line_of(brace));
    }
    frames_.push_back({});
    return dom_.start_object(n);
  }
  bool key(string_t& k) {
    frames_.back().key = k;
    return dom_.key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return dom_.end_object();
  }
  bool start_array(std::size_t n) {
    value();
    frames_.push_back({true, 0, {}});
    return dom_.start_array(n);
  }
  bool end_array() {
    frames_.pop_back();
    return dom_.end_array();
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    error_position_ = position;
    error_ = json_error_message(ex.what());
    return false;
  }

  [[nodiscard]] const std::map<std::string, std::size_t>& object_lines() const noexcept {
    return object_lines_;
  }
  [[nodiscard]] const std::optional<std::string>& error() const noexcept { return error_; }
  [[nodiscard]] std::size_t error_position() const noexcept { return error_position_; }

 private:
  struct Frame {
    bool array = false;
    std::size_t count = 0;  // elements seen so far (arrays)
    std::string key;        // current member (objects)
  };

  void value() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().count;
  }

  [[nodiscard]] std::string path() const {
    std::string out;
    for (const Frame& frame : frames_) {
      out = frame.array ? join_field(out, "[" + std::to_string(frame.count - 1) + "]")
                        : join_field(out, frame.key);
    }
    return out;
  }

  // nlohmann's own DOM builder (what json::parse uses), reached through its detail namespace:
  // rebuilding it here would be more code to get wrong than pinning Debian's 3.11.
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  const char* text_begin_;
  const char* const* read_up_to_;
  LineCounter& lines_;
  std::vector<Frame> frames_;
  std::map<std::string, std::size_t> object_lines_;
  std::optional<std::string> error_;
  std::size_t error_position_ = 0;
};

class ZendeskReader {
 public:
  ZendeskReader(const fs::path& path, RecordSink& sink) : file_(path.string()), sink_(sink) {}

  void read_document(const json& root, const std::map<std::string, std::size_t>& lines,
                     std::size_t document_line) {
    lines_ = &lines;
    document_line_ = document_line;
    if (root.is_object()) {
      if (root.contains("articles")) {
        read_page(root, "");
      } else if (root.contains("article")) {
        read_article(root["article"], "article");  // the single-article API response
      } else {
        sink_.problem({file_, document_line, ""},
                      "not a Zendesk export: expected an object with \"articles\" or an array of "
                      "articles");
      }
      return;
    }
    if (root.is_array()) {
      for (std::size_t i = 0; i < root.size(); ++i) {
        const json& item = root[i];
        const std::string prefix = "[" + std::to_string(i) + "]";
        // An array of pages (several API responses saved together) or of articles.
        if (item.is_object() && item.contains("articles")) {
          read_page(item, prefix);
        } else {
          read_article(item, prefix);
        }
      }
      return;
    }
    sink_.problem({file_, document_line, ""},
                  "not a Zendesk export: expected an object with \"articles\" or an array of "
                  "articles");
  }

 private:
  void read_page(const json& page, const std::string& prefix) {
    const json& articles = page["articles"];
    const std::string articles_path = join_field(prefix, "articles");
    if (articles.is_null()) return;
    if (!articles.is_array()) {
      sink_.problem({file_, line_of(prefix), articles_path}, "expected an array of articles");
      return;
    }
    for (std::size_t i = 0; i < articles.size(); ++i) {
      read_article(articles[i], articles_path + "[" + std::to_string(i) + "]");
    }
  }

  void read_article(const json& object, const std::string& path) {
    SourceLocation where{file_, line_of(path), ""};
    if (!object.is_object()) {
      where.field = path;
      sink_.problem(std::move(where), "expected an article object");
      return;
    }
    ObjectReader reader(object, path);
    // Drafts are not published; leaving them out is the point, not a problem.
    if (reader.flag("draft")) {
      sink_.skip();
      return;
    }
    Article article;
    reader.string("id", article.id, true);
    reader.string("title", article.title);
    std::string html;
    reader.string("body", html);
    reader.string("locale", article.lang);
    reader.string("section_id", article.category, true);
    reader.tags("label_names", article.tags, false);
    reader.string("html_url", article.url);
    reader.string("updated_at", article.updated_at);
    std::string segment;
    reader.string("user_segment_id", segment, true);
    if (!segment.empty()) article.audience = "segment-" + segment;
    if (!reader.error()) {
      // Name Zendesk's own fields, which is what the reader of the message can find.
      // A missing locale is the sink's to judge: it identifies the language from the text.
      if (trim(article.id).empty()) reader.fail("id", "missing required field");
    }
    if (!html.empty()) article.body = html_to_text(html);
    deliver_or_report(std::move(article), reader, std::move(where), sink_, "locale");
  }

  [[nodiscard]] std::size_t line_of(const std::string& path) const {
    const auto it = lines_->find(path);
    return it == lines_->end() ? document_line_ : it->second;
  }

  std::string file_;
  RecordSink& sink_;
  const std::map<std::string, std::size_t>* lines_ = nullptr;
  std::size_t document_line_ = 0;
};

bool is_json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

void read_jsonl_file(const fs::path& path, RecordSink& sink) {
  const std::string file = path.string();
  // Unknown members are reported once per file: a misspelt "tag" would otherwise lose every
  // record's tags without a word, and once is enough to say so.
  std::set<std::string, std::less<>> reported_unknown;
  for_each_line(path, [&](std::size_t number, std::string_view line) {
    const SourceLocation where{file, number, ""};
    std::optional<json> object = parse_object_line(line, where, sink);
    if (!object) return;
    for (const auto& member : object->items()) {
      const std::string& key = member.key();
      if (std::find(kArticleFields.begin(), kArticleFields.end(), key) == kArticleFields.end() &&
          reported_unknown.insert(key).second) {
        sink.problem({file, number, key}, "unknown field, ignored (reported once per file)");
      }
    }
    ObjectReader reader(*object, "");
    Article article;
    reader.string("id", article.id, true);
    reader.string("lang", article.lang);
    reader.string("title", article.title);
    reader.string("body", article.body);
    reader.string("url", article.url);
    reader.string("category", article.category);
    reader.tags("tags", article.tags, true);
    reader.string("audience", article.audience);
    reader.string("updated_at", article.updated_at);
    deliver_or_report(std::move(article), reader, where, sink);
  });
}

void read_beir_file(const fs::path& path, RecordSink& sink) {
  const std::string file = path.string();
  for_each_line(path, [&](std::size_t number, std::string_view line) {
    const SourceLocation where{file, number, ""};
    std::optional<json> object = parse_object_line(line, where, sink);
    if (!object) return;
    // Other members (BEIR's "metadata") are the data set's business, not articles'.
    ObjectReader reader(*object, "");
    Article article;
    reader.string("_id", article.id, true);
    reader.string("title", article.title);
    reader.string("text", article.body);
    reader.string("lang", article.lang);
    if (!reader.error() && trim(article.id).empty()) reader.fail("_id", "missing required field");
    deliver_or_report(std::move(article), reader, where, sink);
  });
}

void read_zendesk_file(const fs::path& path, RecordSink& sink) {
  const std::string text = read_text_file(path);
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  LineCounter lines(text);
  ZendeskReader reader(path, sink);
  // Several documents may follow each other (one API page per line, or pages appended to one
  // file); each is parsed and delivered before the next, so an error in a later page keeps the
  // earlier ones.
  const char* position = begin;
  while (true) {
    while (position != end && is_json_space(*position)) ++position;
    if (position == end) break;
    const std::size_t document_line = lines.line_of(static_cast<std::size_t>(position - begin));
    const char* read_up_to = position;
    json root;
    LocatingSax sax(root, begin, &read_up_to, lines);
    const bool ok = json::sax_parse(TrackingIterator(position, &read_up_to),
                                    TrackingIterator(end, nullptr), &sax,
                                    json::input_format_t::json, /*strict=*/false);
    if (!ok || sax.error()) {
      const auto document_start = static_cast<std::size_t>(position - begin);
      std::size_t offset =
          document_start + (sax.error_position() > 0 ? sax.error_position() - 1 : 0);
      if (offset >= text.size()) {
        // "Unexpected end of input" belongs to the last thing written, not to the blank lines
        // after it.
        offset = text.size();
        while (offset > document_start && is_json_space(text[offset - 1])) --offset;
        if (offset > document_start) --offset;
      }
      sink.problem({path.string(), lines.line_of(offset), ""},
                   sax.error().value_or("invalid JSON"));
      return;  // the rest of the file cannot be resynchronized reliably
    }
    reader.read_document(root, sax.object_lines(), document_line);
    if (read_up_to == position) break;  // nothing consumed: cannot happen, but never loop forever
    position = read_up_to;
  }
}

}  // namespace faqsearch::detail
