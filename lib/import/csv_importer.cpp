// CSV articles (RFC 4180): a header row naming Article fields, then one article per record.
//
// Hand-written rather than libcsv: the parser is small, and it needs two things a generic one
// does not give easily: the physical line each record starts on, and recovery from an
// unterminated quote that loses one record instead of the rest of the file.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "faqsearch/error.h"
#include "import/import_internal.h"

namespace faqsearch::detail {
namespace {

namespace fs = std::filesystem;

struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;  // physical line the record starts on
  std::string error;     // non-empty: the record is malformed and must not be used
};

/// Reads records one by one. Line ends are "\r\n", "\n" or a lone "\r", inside quotes too
/// (where they become "\n").
class CsvParser {
 public:
  CsvParser(std::string_view text, char separator) noexcept : text_(text), separator_(separator) {}

  /// The next record, or nothing at the end. Blank lines are skipped.
  std::optional<CsvRecord> next() {
    while (pos_ < text_.size()) {
      CsvRecord record = parse_record();
      const bool blank = record.error.empty() && record.fields.size() == 1 &&
                         !last_field_quoted_ && trim(record.fields.front()).empty();
      if (!blank) return record;
    }
    return std::nullopt;
  }

 private:
  [[nodiscard]] bool at_line_end() const noexcept {
    return pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r');
  }

  /// Consumes one line end at pos_ and counts it.
  void consume_line_end() noexcept {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  CsvRecord parse_record() {
    CsvRecord record;
    record.line = line_;
    const std::size_t record_start = pos_;
    while (true) {
      std::string field;
      last_field_quoted_ = pos_ < text_.size() && text_[pos_] == '"';
      if (last_field_quoted_) {
        ++pos_;
        bool closed = false;
        while (pos_ < text_.size()) {
          const char c = text_[pos_];
          if (c == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
              field += '"';
              pos_ += 2;
              continue;
            }
            ++pos_;
            closed = true;
            break;
          }
          if (c == '\n' || c == '\r') {
            consume_line_end();
            field += '\n';
            continue;
          }
          field += c;
          ++pos_;
        }
        if (!closed) return recover_from_unterminated_quote(record, record_start);
        // RFC 4180 allows nothing between the closing quote and the separator. Text there means
        // the quoting is broken, and guessing which column is which would misfile the data.
        if (pos_ < text_.size() && text_[pos_] != separator_ && !at_line_end()) {
          if (record.error.empty()) {
            record.error = "unexpected text after the closing quote of field " +
                           std::to_string(record.fields.size() + 1);
          }
          while (pos_ < text_.size() && text_[pos_] != separator_ && !at_line_end()) field += text_[pos_++];
        }
      } else {
        // A quote inside an unquoted field (12" screen) is kept as it is: the meaning is plain.
        while (pos_ < text_.size() && text_[pos_] != separator_ && !at_line_end()) field += text_[pos_++];
      }
      record.fields.push_back(std::move(field));
      if (pos_ < text_.size() && text_[pos_] == separator_) {
        ++pos_;
        continue;
      }
      // A broken record that ran over several lines most likely paired a stray quote with the
      // opening quote of a later record; resuming on its second line gets those records back.
      if (!record.error.empty() && line_ > record.line) {
        record.error += " (the quotes look unbalanced; reading resumes on the next line)";
        resume_after_first_line(record, record_start);
        return record;
      }
      if (at_line_end()) consume_line_end();
      return record;
    }
  }

  /// A quote that is never closed would swallow the rest of the file into one field. The record
  /// is reported instead, and reading resumes on the line after the one it started on, so the
  /// records after a stray quote still arrive.
  CsvRecord recover_from_unterminated_quote(CsvRecord& record, std::size_t record_start) {
    record.error = "unterminated quoted field " + std::to_string(record.fields.size() + 1) +
                   " (a '\"' opens it and none closes it)";
    resume_after_first_line(record, record_start);
    return std::move(record);
  }

  void resume_after_first_line(const CsvRecord& record, std::size_t record_start) noexcept {
    pos_ = record_start;
    line_ = record.line;
    while (pos_ < text_.size() && !at_line_end()) ++pos_;
    if (pos_ < text_.size()) consume_line_end();
    last_field_quoted_ = false;
  }

  std::string_view text_;
  char separator_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  bool last_field_quoted_ = false;
};

/// The separator of a file: the one of ',', ';' and tab that the header row (outside quotes)
/// holds most of; ',' when none. Excel writes ';' where the decimal separator is ',' (Germany,
/// Norway, Poland) and tab for "Unicode text"; header names never hold any of them.
char detect_separator(std::string_view text) {
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

/// An Article field a column fills: a text member, or (`text` null) the tags, split, or nothing
/// ("-", a column mapped away).
struct Field {
  std::string_view name;
  std::string Article::*text = nullptr;
};

// The fields a column may be mapped to explicitly (ImportOptions::csv_columns): their own names.
constexpr std::array<Field, 11> kFields{{
    {"id", &Article::id},
    {"lang", &Article::lang},
    {"title", &Article::title},
    {"body", &Article::body},
    {"url", &Article::url},
    {"category", &Article::category},
    {"section", &Article::section},
    {"tags"},
    {"audience", &Article::audience},
    {"updated_at", &Article::updated_at},
    {"-"},
}};

// Header names as help-center tools and spreadsheets write them, besides the fields' own: FAQ
// exports have question and answer, CMS exports content, locale for language.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kColumnAliases{{
    {"_id", "id"},  // BEIR spelling
    {"text", "body"},  // BEIR spelling
    {"question", "title"},
    {"answer", "body"},
    {"content", "body"},
    {"locale", "lang"},
    {"language", "lang"},
    {"tag", "tags"},
    {"labels", "tags"},
}};

std::string lower_name(std::string_view text) {
  std::string name(trim(text));
  std::transform(name.begin(), name.end(), name.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return name;
}

/// The field named `name` (case-insensitively), or null.
const Field* field_named(std::string_view name) {
  const std::string lower = lower_name(name);
  for (const Field& field : kFields) {
    if (field.name == lower) return &field;
  }
  return nullptr;
}

bool is_ignored(const Field* field) noexcept { return field != nullptr && field->name == "-"; }

/// The field a header name stands for: the caller's mapping first, then the fields' own names
/// (but "-", which only a mapping means), then the aliases. Null for an unknown column.
const Field* column_of(std::string_view header, const ImportOptions& options) {
  const std::string name = lower_name(header);
  for (const auto& [column_name, field] : options.csv_columns) {
    if (lower_name(column_name) == name) return field_named(field);
  }
  if (const Field* field = field_named(name); field != nullptr && !is_ignored(field)) return field;
  for (const auto& [alias, field] : kColumnAliases) {
    if (alias == name) return field_named(field);
  }
  return nullptr;
}

/// Reports the mapped columns the header does not have: a misspelt --map would otherwise
/// change nothing, silently.
void report_unmatched_mappings(const CsvRecord& header, const std::string& file, RecordSink& sink) {
  for (const auto& mapping : sink.options().csv_columns) {
    const std::string wanted = lower_name(mapping.first);
    const bool found = std::any_of(header.fields.begin(), header.fields.end(),
                                   [&](const std::string& name) { return lower_name(name) == wanted; });
    if (!found) {
      sink.problem({file, header.line, mapping.first},
                   "no such column in the header, so nothing is mapped to " + mapping.second);
    }
  }
}

void set_field(Article& article, const Field* field, std::string&& value) {
  if (field == nullptr || is_ignored(field)) return;
  if (field->text != nullptr) {
    article.*(field->text) = std::move(value);
  } else {
    article.tags = split_tags(value);
  }
}

}  // namespace

void check_csv_options(const ImportOptions& options) {
  for (const auto& [column, field] : options.csv_columns) {
    if (trim(column).empty() || field_named(field) == nullptr) {
      throw InvalidArgument("csv columns: \"" + column + "=" + field +
                            "\" does not map a column to a field (id, lang, title, body, url, category, "
                            "section, tags, audience, updated_at, or - to ignore it)");
    }
  }
  if (!options.encoding.empty() && !decode_text("", options.encoding).error.empty()) {
    throw InvalidArgument("encoding: \"" + options.encoding + "\" is not an encoding ICU can convert");
  }
}

void read_csv_file(const fs::path& path, RecordSink& sink) {
  const std::string file = path.string();
  const TextDecoding decoded = decode_text(read_input_file(path), sink.options().encoding);
  if (!decoded.error.empty()) {
    sink.problem({file, decoded.error_line, "encoding"}, decoded.error + "; none of its records were read");
    return;
  }
  const std::string& text = decoded.text;
  CsvParser parser(text, detect_separator(text));

  const std::optional<CsvRecord> header = parser.next();
  if (!header) return;  // an empty file holds no articles
  if (!header->error.empty()) {
    sink.problem({file, header->line, ""}, "header row: " + header->error);
    return;  // without the header no column can be told from another
  }
  report_unmatched_mappings(*header, file, sink);
  std::vector<const Field*> columns;  // null: not read
  std::vector<std::string> unknown;
  for (const std::string& name : header->fields) {
    const Field* field = column_of(name, sink.options());
    if (field == nullptr) unknown.emplace_back(trim(name));
    if (field != nullptr && !is_ignored(field) && std::find(columns.begin(), columns.end(), field) != columns.end()) {
      sink.problem({file, header->line, std::string(trim(name))},
                   "duplicate column (it names the same field as an earlier one), ignored");
      field = nullptr;
    }
    columns.push_back(is_ignored(field) ? nullptr : field);
  }
  if (!unknown.empty()) {
    std::string names;
    for (const std::string& name : unknown) names += (names.empty() ? "" : ", ") + name;
    sink.problem({file, header->line, names},
                 std::string(unknown.size() == 1 ? "unknown column, ignored" : "unknown columns, ignored") +
                     " (--map COLUMN=FIELD reads a column as a field)");
  }

  while (std::optional<CsvRecord> record = parser.next()) {
    SourceLocation where{file, record->line, ""};
    if (!record->error.empty()) {
      sink.problem(std::move(where), record->error);
      continue;
    }
    if (record->fields.size() != columns.size()) {
      sink.problem(std::move(where), "expected " + std::to_string(columns.size()) +
                                         " fields as in the header, found " +
                                         std::to_string(record->fields.size()));
      continue;
    }
    Article article;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      set_field(article, columns[i], std::move(record->fields[i]));
    }
    sink.deliver(std::move(article), std::move(where));
  }
}

}  // namespace faqsearch::detail
