// Internals shared by the importers: the record sink every format reports to, file reading, the
// plain-text builder behind html_to_text() and markdown_to_text(), and one reader per format.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "faqsearch/article.h"
#include "faqsearch/import.h"

namespace faqsearch::detail {

/// Where every importer sends its records. It owns the rules all formats share (trimming,
/// defaults, required fields) so that no format can deliver an article another would reject,
/// and it keeps the counts of the run. One per read_articles() call: nothing is shared.
class RecordSink {
 public:
  using ArticleCallback = std::function<void(Article&&, const SourceLocation&)>;
  using ProblemCallback = std::function<void(const ImportProblem&)>;

  /// `root`: the directory being imported, as it was given (the readers name pages by their
  /// path under it); empty when a single file was given.
  RecordSink(const ImportOptions& options, const ArticleCallback& on_article, const ProblemCallback& on_problem,
             std::filesystem::path root = {}) noexcept
      : options_(options), on_article_(on_article), on_problem_(on_problem), root_(std::move(root)) {}

  /// Normalizes `article` (trims, applies the default language and audience), checks the
  /// required fields and either delivers it or reports a problem naming the missing field.
  /// Without a language (none in the record, no default), the language identified from title
  /// and body is taken when the identification is reliable; otherwise it is a problem naming
  /// `lang_field` (the format's name for the language: Zendesk calls it "locale").
  /// `where.field` may hold a prefix for field names ("articles[3]"); the location handed to
  /// the article callback has an empty field.
  void deliver(Article&& article, SourceLocation where, std::string_view lang_field = "lang");

  /// Reports a problem and counts it.
  void problem(SourceLocation where, std::string message);

  /// Counts a record deliberately left out (a draft).
  void skip() noexcept { ++summary_.skipped; }

  [[nodiscard]] const ImportOptions& options() const noexcept { return options_; }
  [[nodiscard]] const ImportSummary& summary() const noexcept { return summary_; }
  /// The directory being imported, or empty when a single file was given.
  [[nodiscard]] const std::filesystem::path& root() const noexcept { return root_; }

 private:
  const ImportOptions& options_;
  const ArticleCallback& on_article_;
  const ProblemCallback& on_problem_;
  std::filesystem::path root_;
  ImportSummary summary_;
};

/// An input file opened for reading, refused unless it is a regular file (see read_input_file):
/// a FIFO or device given or found as input would block the import forever.
class InputFile {
 public:
  /// Throws ImportError naming `path` if it is not a regular file or cannot be opened.
  explicit InputFile(const std::filesystem::path& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  /// The next line, without its '\n'; false at the end. Throws ImportError if reading fails.
  bool read_line(std::string& line);
  /// The rest of the file. Throws ImportError if reading fails.
  [[nodiscard]] std::string read_all();

 private:
  bool fill();  // reads more into buffer_; false at the end

  std::filesystem::path path_;
  int fd_ = -1;
  std::size_t size_ = 0;
  std::string buffer_;
  std::size_t pos_ = 0;  // first unread byte of buffer_
};

/// The whole content of a file, without a UTF-8 byte order mark and repaired to valid UTF-8 (so
/// that a stray Latin-1 byte costs one U+FFFD, never the record). Throws ImportError if the file
/// cannot be read.
[[nodiscard]] std::string read_text_file(const std::filesystem::path& path);

/// Text read from bytes in whatever encoding they are in, or the reason it cannot be.
struct TextDecoding {
  std::string text;      ///< UTF-8, without a byte order mark; empty when `error` is set.
  std::string encoding;  ///< What the bytes were read as ("UTF-8", "UTF-16LE", "windows-1252"...).
  std::string error;     ///< Non-empty: not decoded; names the encoding found and the line.
  std::size_t error_line = 0;  ///< 1-based line of the first undecodable byte (0: not known).
};

/// Decodes a text file's bytes to UTF-8 without ever substituting U+FFFD: UTF-8 as it is; a
/// byte order mark of UTF-16 or UTF-32 decides the encoding; otherwise the encoding is detected
/// (uchardet) and the text converted with ICU's converters, stopping at the first byte the
/// encoding does not define. Refused (`error`): binary data, an encoding that cannot be
/// detected, UTF-8 with foreign bytes (a file pasted together from two encodings), bytes invalid
/// in the encoding found. `declared_encoding` (an ICU converter name), when given, is used
/// instead of detection. Thread-safe.
[[nodiscard]] TextDecoding decode_text(std::string_view bytes, std::string_view declared_encoding = {});

/// Markdown as md4c reads it, from what site generators write: Hugo shortcodes ({{< x >}},
/// {{% x %}}) removed, Docusaurus admonitions (":::tip Title" ... ":::") reduced to their
/// title, and, for `mdx`, import/export blocks, capitalized JSX tags and {expressions} removed.
/// The text between paired shortcodes or tags is kept; code blocks and code spans are left
/// alone. Thread-safe.
[[nodiscard]] std::string plain_markdown(std::string_view markdown, bool mdx);

/// `text` without leading and trailing ASCII whitespace.
[[nodiscard]] std::string_view trim(std::string_view text) noexcept;

/// Splits a tag list written as one string: on '|' when it has one, else on ','. Items are
/// trimmed; empty items are dropped.
[[nodiscard]] std::vector<std::string> split_tags(std::string_view text);

/// "path[index]" / "path.name" for problem fields.
[[nodiscard]] std::string join_field(std::string_view prefix, std::string_view name);

/// Builds plain text from a stream of text runs and block boundaries: whitespace runs (including
/// U+00A0, which renders as a space) collapse to one space, blocks are separated by exactly one
/// '\n', and there is no whitespace at the start or end of a line.
class PlainTextBuilder {
 public:
  /// Appends a run of inline text. With `keep_newlines` (preformatted text), each '\n' ends a
  /// line instead of being collapsed into a space.
  void text(std::string_view run, bool keep_newlines = false);
  /// Ends the current line (a block boundary or a hard break); repeated breaks make one.
  void line_break() noexcept { newline_pending_ = !out_.empty(); }
  /// The text built so far; the builder is left empty.
  [[nodiscard]] std::string finish();

 private:
  std::string out_;
  bool space_pending_ = false;
  bool newline_pending_ = false;
};

// One reader per format. Each reads one file, reports to `sink` and continues past malformed
// records; only an unreadable file throws (ImportError), plus whatever the callbacks throw.
void read_jsonl_file(const std::filesystem::path& path, RecordSink& sink);
void read_beir_file(const std::filesystem::path& path, RecordSink& sink);
void read_zendesk_file(const std::filesystem::path& path, RecordSink& sink);
void read_markdown_file(const std::filesystem::path& path, RecordSink& sink);
void read_csv_file(const std::filesystem::path& path, RecordSink& sink);

/// Throws InvalidArgument if ImportOptions::csv_columns maps to an unknown field or
/// ImportOptions::encoding names no encoding: checked once, before any file is read.
void check_csv_options(const ImportOptions& options);
void read_html_file(const std::filesystem::path& path, RecordSink& sink);

}  // namespace faqsearch::detail
