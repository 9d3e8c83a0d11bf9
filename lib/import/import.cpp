// Format names and detection, directory walking, dispatch to the per-format readers, and the
// rules every format shares (RecordSink).
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>

#include "faqsearch/analyzer.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/language.h"
#include "import/import_internal.h"

namespace faqsearch {
namespace fs = std::filesystem;

namespace {

constexpr std::array<std::pair<InputFormat, std::string_view>, 7> kFormatNames{{
    {InputFormat::kAuto, "auto"},
    {InputFormat::kJsonl, "jsonl"},
    {InputFormat::kBeir, "beir"},
    {InputFormat::kMarkdown, "markdown"},
    {InputFormat::kCsv, "csv"},
    {InputFormat::kZendesk, "zendesk"},
    {InputFormat::kHtml, "html"},
}};

constexpr std::string_view kBeirCorpusName = "corpus.jsonl";

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// The format a file's name implies, or nothing for files no importer reads.
std::optional<InputFormat> format_of_file_name(const fs::path& path) {
  const std::string name = ascii_lower(path.filename().string());
  if (name == kBeirCorpusName) return InputFormat::kBeir;
  const std::string ext = ascii_lower(path.extension().string());
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::kJsonl;
  if (ext == ".md" || ext == ".markdown" || ext == ".mdx") return InputFormat::kMarkdown;
  if (ext == ".csv") return InputFormat::kCsv;
  // Docusaurus's folder settings (its label names the section of the Markdown beside it).
  if (name == "_category_.json") return std::nullopt;
  if (ext == ".json") return InputFormat::kZendesk;
  if (ext == ".html" || ext == ".htm") return InputFormat::kHtml;
  return std::nullopt;
}

/// Whether a file found in a directory walk is read when the caller forced `format`: files of
/// that format's extensions. BEIR and JSONL share theirs (corpus.jsonl is JSON lines too).
bool belongs_to(InputFormat format, InputFormat by_name) {
  const auto family = [](InputFormat f) { return f == InputFormat::kBeir ? InputFormat::kJsonl : f; };
  return family(format) == family(by_name);
}

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name.front() == '.';
}

void read_file_as(const fs::path& path, InputFormat format, detail::RecordSink& sink) {
  switch (format) {
    case InputFormat::kJsonl:
      detail::read_jsonl_file(path, sink);
      return;
    case InputFormat::kBeir:
      detail::read_beir_file(path, sink);
      return;
    case InputFormat::kMarkdown:
      detail::read_markdown_file(path, sink);
      return;
    case InputFormat::kCsv:
      detail::read_csv_file(path, sink);
      return;
    case InputFormat::kZendesk:
      detail::read_zendesk_file(path, sink);
      return;
    case InputFormat::kHtml:
      detail::read_html_file(path, sink);
      return;
    case InputFormat::kAuto:
      break;
  }
  throw InvalidArgument("format: cannot read " + path.string() + " without a concrete format");
}

/// The entries of one directory, hidden ones left out, sorted by name so that a run (and the
/// order of ids, problems and counts) does not depend on the file system's listing order.
std::vector<fs::directory_entry> sorted_entries(const fs::path& dir) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) throw ImportError("cannot read directory " + dir.string() + ": " + ec.message());
  std::vector<fs::directory_entry> entries;
  for (const fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    if (!is_hidden(it->path())) entries.push_back(*it);
  }
  if (ec) throw ImportError("cannot read directory " + dir.string() + ": " + ec.message());
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.path().filename().native() < b.path().filename().native();
  });
  return entries;
}

bool holds_beir_corpus(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / kBeirCorpusName, ec);
}

std::string_view kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo:
      return "a FIFO (named pipe)";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "not a regular file";
  }
}

/// Whether `file`, found in the directory `root` (canonical) was given, is to be read: a regular
/// file, reached through no symbolic link that leads out of `root` unless the caller asked to
/// follow those. Reports why not, naming the file but never reading it.
bool may_read(const fs::path& file, const fs::path& root, detail::RecordSink& sink) {
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(file, ec)) && !sink.options().follow_symlinks) {
    const fs::path target = fs::canonical(file, ec);
    if (ec) return false;  // a dangling link holds no records
    const fs::path inside = target.lexically_relative(root);
    if (inside.empty() || *inside.begin() == "..") {
      sink.problem({file.string(), 0, ""}, "symbolic link to " + target.string() + ", outside " +
                                               root.string() + ": not read (--follow-symlinks reads it)");
      return false;
    }
  }
  const fs::file_status status = fs::status(file, ec);
  if (ec || status.type() == fs::file_type::regular) return !ec;
  sink.problem({file.string(), 0, ""},
               "it is " + std::string(kind_of(status.type())) + ", not a regular file: not read");
  return false;
}

void walk_directory(const fs::path& dir, const fs::path& root, InputFormat format, detail::RecordSink& sink) {
  // A directory holding corpus.jsonl is a BEIR data set: its queries.jsonl and qrels/ are not
  // articles, so only the corpus is read.
  if ((format == InputFormat::kAuto || format == InputFormat::kBeir) && holds_beir_corpus(dir)) {
    if (may_read(dir / kBeirCorpusName, root, sink)) read_file_as(dir / kBeirCorpusName, InputFormat::kBeir, sink);
    return;
  }
  for (const fs::directory_entry& entry : sorted_entries(dir)) {
    std::error_code ec;
    // Symbolic links to directories are not followed: a link back up the tree would loop.
    if (entry.is_directory(ec)) {
      if (!entry.is_symlink(ec)) walk_directory(entry.path(), root, format, sink);
      continue;
    }
    const std::optional<InputFormat> by_name = format_of_file_name(entry.path());
    // Files no importer reads (images, notes, qrels) are not records: passing them by is not
    // dropping anything.
    if (!by_name || (format != InputFormat::kAuto && !belongs_to(format, *by_name))) continue;
    if (!may_read(entry.path(), root, sink)) continue;
    read_file_as(entry.path(), format == InputFormat::kAuto ? *by_name : format, sink);
  }
}

}  // namespace

std::string_view format_name(InputFormat format) noexcept {
  for (const auto& [value, name] : kFormatNames) {
    if (value == format) return name;
  }
  return "unknown";
}

InputFormat parse_format(std::string_view name) {
  for (const auto& [value, known] : kFormatNames) {
    if (known == name) return value;
  }
  throw InvalidArgument("format: unknown input format \"" + std::string(name) +
                        "\" (expected auto, jsonl, beir, markdown, csv or zendesk)");
}

InputFormat detect_format(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return holds_beir_corpus(path) ? InputFormat::kBeir : InputFormat::kAuto;
  }
  if (const std::optional<InputFormat> format = format_of_file_name(path)) return *format;
  throw InvalidArgument("format: cannot tell the format of " + path.string() +
                        " from its name (expected .jsonl, .ndjson, .md, .markdown, .mdx, .csv, .json, .html "
                        "or corpus.jsonl); name the format explicitly");
}

std::string ImportProblem::to_string() const {
  std::string out = where.file;
  if (where.line != 0) {
    out += ':';
    out += std::to_string(where.line);
  }
  if (!out.empty()) out += ": ";
  if (!where.field.empty()) {
    out += where.field;
    out += ": ";
  }
  out += message;
  return out;
}

ImportSummary read_articles(const fs::path& path, const ImportOptions& options,
                            const std::function<void(Article&&, const SourceLocation&)>& on_article,
                            const std::function<void(const ImportProblem&)>& on_problem) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    throw InvalidArgument("path: " + path.string() + " does not exist");
  }
  detail::check_csv_options(options);
  if (fs::is_directory(status)) {
    const fs::path root = fs::canonical(path, ec);
    if (ec) throw ImportError("cannot read directory " + path.string() + ": " + ec.message());
    // The readers see the directory as given: the files the walk finds are named under it.
    detail::RecordSink sink(options, on_article, on_problem, path);
    walk_directory(path, root, options.format, sink);
    return sink.summary();
  }
  detail::RecordSink sink(options, on_article, on_problem);
  const InputFormat format = options.format == InputFormat::kAuto ? detect_format(path) : options.format;
  read_file_as(path, format, sink);
  return sink.summary();
}

}  // namespace faqsearch

namespace faqsearch::detail {

namespace {

std::string trimmed(const std::string& text) { return std::string(trim(text)); }

}  // namespace

void RecordSink::problem(SourceLocation where, std::string message) {
  ++summary_.problems;
  const ImportProblem problem{std::move(where), std::move(message)};
  if (on_problem_) on_problem_(problem);
}

void RecordSink::deliver(Article&& article, SourceLocation where, std::string_view lang_field) {
  const std::string prefix = std::exchange(where.field, std::string());
  const auto fail = [&](std::string_view field, std::string message) {
    SourceLocation at = where;
    at.field = join_field(prefix, field);
    problem(std::move(at), std::move(message));
  };

  article.id = trimmed(article.id);
  article.lang = trimmed(article.lang);
  article.title = trimmed(article.title);
  article.body = trimmed(article.body);
  article.url = trimmed(article.url);
  article.category = trimmed(article.category);
  article.audience = trimmed(article.audience);
  article.updated_at = trimmed(article.updated_at);
  std::vector<std::string> tags;
  tags.reserve(article.tags.size());
  for (const std::string& tag : article.tags) {
    std::string clean = trimmed(tag);
    if (!clean.empty() && std::find(tags.begin(), tags.end(), clean) == tags.end()) {
      tags.push_back(std::move(clean));
    }
  }
  article.tags = std::move(tags);
  if (article.lang.empty()) article.lang = trimmed(options_.default_lang);
  if (article.audience.empty()) article.audience = trimmed(options_.default_audience);

  if (article.id.empty()) {
    fail("id", "missing required field (the article has no id)");
    return;
  }
  if (article.title.empty() && article.body.empty()) {
    fail("title", "article \"" + article.id + "\" has neither a title nor a body");
    return;
  }
  // Before identifying the language, which reads the whole text.
  const std::size_t limit = options_.max_article_bytes;
  if (limit != 0 && article.title.size() + article.body.size() > limit) {
    const std::string over = ", over the limit of " + std::to_string(limit) + " (--max-article-bytes)";
    if (article.body.size() > limit || article.title.size() > limit) {
      const bool body = article.body.size() > limit;
      fail(body ? "body" : "title", "is " + std::to_string((body ? article.body : article.title).size()) + " bytes" + over);
    } else {
      fail("body", "is " + std::to_string(article.body.size()) + " bytes, with the title " +
                       std::to_string(article.title.size() + article.body.size()) + over);
    }
    return;
  }
  // Results are shown as links: a script or local file there would run or open on a click.
  if (!is_safe_article_url(article.url)) {
    fail("url", "only http, https and relative URLs are allowed (the scheme of \"" +
                    article.url.substr(0, std::min<std::size_t>(article.url.find(':'), 40)) + "\" is not)");
    return;
  }
  if (article.lang.empty()) {
    // Neither the record nor the caller declared a language (either would win): identify it
    // from the text, but only when the guess is reliable. A wrong language would index the
    // article under the wrong analysis, where no search in its real language finds it.
    const LanguageGuess guess = identify_language(article.title + "\n" + article.body);
    if (!guess.reliable) {
      fail(lang_field, "missing required field: the article has no language, no default language "
                       "was given, and its language could not be identified reliably from its "
                       "text (" +
                           (guess.tag.empty() ? std::string("no guess")
                                              : "best guess \"" + guess.tag + "\"") +
                           "); give the field or a default language");
      return;
    }
    article.lang = guess.tag;
  }
  ++summary_.articles;
  if (on_article_) on_article_(std::move(article), where);
}

std::string read_text_file(const std::filesystem::path& path) {
  std::string text = read_input_file(path);
  // A byte order mark is how Windows tools (Excel above all) say "UTF-8"; it is not content.
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  if (!is_valid_utf8(text)) text = repair_utf8(text);
  return text;
}

std::string_view trim(std::string_view text) noexcept {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const std::size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(kSpace);
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string> split_tags(std::string_view text) {
  const char separator = text.find('|') != std::string_view::npos ? '|' : ',';
  std::vector<std::string> tags;
  while (true) {
    const std::size_t end = text.find(separator);
    const std::string_view item = trim(text.substr(0, end));
    if (!item.empty()) tags.emplace_back(item);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return tags;
}

std::string join_field(std::string_view prefix, std::string_view name) {
  if (prefix.empty()) return std::string(name);
  if (name.empty()) return std::string(prefix);
  std::string out(prefix);
  if (name.front() != '[') out += '.';
  out += name;
  return out;
}

}  // namespace faqsearch::detail
