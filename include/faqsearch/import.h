// faqsearch: reading help-center exports into articles.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "faqsearch/article.h"

namespace faqsearch {

/// Input formats the importers read.
enum class InputFormat : std::uint8_t {
  kAuto,      ///< Decide from the path: see detect_format().
  kJsonl,     ///< One Article as a JSON object per line (fields as in Article).
  kBeir,      ///< BEIR corpus.jsonl: {"_id", "title", "text", "lang"?}.
  kMarkdown,  ///< Markdown (and MDX) with YAML or TOML front matter holding the Article fields; the rest is the body.
  kCsv,       ///< CSV (RFC 4180) whose header row names Article fields; tags separated by '|' or ','.
  kZendesk,   ///< Zendesk Help Center export: {"articles": [{id, title, body (HTML), locale, ...}]}.
  kHtml,      ///< One article per HTML page (.html, .htm).
};

/// "auto", "jsonl", "beir", "markdown", "csv", "zendesk" or "html".
[[nodiscard]] std::string_view format_name(InputFormat format) noexcept;

/// Parses a format name as format_name() prints it. Throws InvalidArgument for anything else.
[[nodiscard]] InputFormat parse_format(std::string_view name);

/// The format of a file: .md/.markdown/.mdx → markdown, .csv → csv, .json → zendesk, .html/.htm →
/// html, a file named
/// corpus.jsonl or a directory holding one → beir, other .jsonl/.ndjson → jsonl (extensions are
/// matched case-insensitively). Any other directory → kAuto: it is read recursively, each file
/// by its own extension. Decided from the name alone for anything but an existing directory.
/// Throws InvalidArgument when it cannot tell.
[[nodiscard]] InputFormat detect_format(const std::filesystem::path& path);

/// Where a record came from, for messages. `line` is 1-based (0 when not line-based); `field` is
/// empty when the problem is not about one field.
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
  std::string field;
};

/// A malformed or skipped record.
struct ImportProblem {
  SourceLocation where;
  std::string message;
  /// "file:line: field: message", ready to print.
  [[nodiscard]] std::string to_string() const;
};

/// Deepest nesting of arrays and objects read from a JSON input (JSONL, BEIR, Zendesk, query
/// files). Articles nest two or three levels; a value nested deeper is a problem of its record,
/// reported without being built (the JSON library copies, prints and compares nested values
/// recursively, so a few hundred thousand '[' would overflow the stack).
inline constexpr std::size_t kMaxJsonDepth = 64;

/// Default of ImportOptions::max_article_bytes: 512 KiB, a few hundred times a typical help
/// article. Indexing cost grows with the text (a 50 MB article took 1.86 GB to index) and every
/// search that returns an article reads its whole stored text.
inline constexpr std::size_t kDefaultMaxArticleBytes = 512 * 1024;

/// What to do while importing. Plain data.
struct ImportOptions {
  InputFormat format = InputFormat::kAuto;
  /// Language given to records that have none (e.g. BEIR sets without a lang field). Empty:
  /// such records are problems.
  std::string default_lang;
  /// Audience given to records that have none.
  std::string default_audience;
  /// Largest article accepted, in bytes of title plus body as plain text (after HTML or Markdown
  /// conversion). A larger article is a problem of its record, not the end of the run. 0: no
  /// limit.
  std::size_t max_article_bytes = kDefaultMaxArticleBytes;
  /// Directories: also read files behind symbolic links whose target is outside the directory
  /// given to read_articles(). Off, such links are reported as problems and not read: a link
  /// planted in an export folder must not make the importer read (and quote in messages) files
  /// the caller never meant to import.
  bool follow_symlinks = false;
  /// CSV: columns named by the caller, as (header name, field) pairs. The header name is matched
  /// case-insensitively and wins over the aliases; the field is one of id, lang, title, body,
  /// url, category, section, tags, audience, updated_at, or "-" to ignore the column. A pair
  /// naming a column a file's header lacks is a problem of that file. read_articles() throws
  /// InvalidArgument for an unknown field.
  std::vector<std::pair<std::string, std::string>> csv_columns;
  /// CSV: the encoding of files that are not UTF-8, as an ICU converter name ("windows-1250",
  /// "Shift_JIS"). Empty: detected. read_articles() throws InvalidArgument for a name ICU does
  /// not know.
  std::string encoding;
};

/// Counts of one import run.
struct ImportSummary {
  std::size_t articles = 0;  ///< Delivered to the callback.
  std::size_t skipped = 0;   ///< Deliberately left out (e.g. Zendesk drafts); not problems.
  std::size_t problems = 0;  ///< Reported to the problem callback.
};

/// Reads every article under `path` (a file or a directory, recursively) and hands each to
/// `on_article`, with its location. Malformed records are handed to `on_problem` and skipped;
/// a callback may throw to stop the run (e.g. in strict mode). Text is repaired to valid UTF-8.
/// Throws InvalidArgument if `path` does not exist or its format cannot be told, ImportError if a
/// file cannot be read at all. Thread-safety: reentrant; shares nothing between calls.
///
/// Every record is delivered, counted as skipped, or reported as a problem. Before delivery,
/// fields are trimmed, empty and duplicate tags dropped, `default_lang`/`default_audience` fill
/// empty `lang`/`audience`; a record without an id, or with neither title nor body is a problem
/// naming that field. A record with neither a language nor a default gets the language
/// identified from its title and body (identify_language()) when the identification is
/// reliable, and is a problem naming the language field otherwise: a declared language always
/// wins over identification. `lang` is passed on as written (the index canonicalizes it).
///
/// Inputs must be regular files (or directories): a FIFO, device or socket, given or found, is
/// refused (ImportError when given, a problem when found), since reading one could block forever.
/// Every record is bounded: JSON nesting by kMaxJsonDepth, text by `max_article_bytes`; a
/// number JSON cannot represent (1e400) is a problem of its record. An article whose url has
/// a scheme other than http or https (javascript:, data:, file:) is a problem naming the url.
///
/// Directories: entries are read in name order (byte-wise) for deterministic runs; hidden
/// entries (".git", ".DS_Store") and files of no known extension are passed by; symbolic links
/// to directories are not followed; symbolic links to files outside the directory are reported
/// as problems and not read, unless `follow_symlinks`. With kAuto each file is read by its own extension; with a
/// named format only files of that format's extensions are read (.jsonl/.ndjson for jsonl and
/// beir). A directory holding corpus.jsonl is a BEIR data set (with kAuto or kBeir): only its
/// corpus.jsonl is read, not queries.jsonl or qrels/.
///
/// Per format:
/// - jsonl: blank lines are skipped; `id` may be a string or an integer; `tags` an array of
///   strings or one comma-separated string; `promoted` and `outdated` true or false, `vote_sum`,
///   `vote_count` and `position` integers. Members that are not Article fields are reported
///   once per file (a misspelt "tag" would otherwise lose every record's tags) and ignored.
/// - beir: `_id` (string or integer), `title`, `text` → body, optional `lang`; other members
///   ("metadata") are ignored.
/// - markdown (.md, .markdown, .mdx): front matter, YAML between two "---" lines or TOML
///   between two "+++" lines (Hugo), is optional. Its keys are Article fields except body, which
///   is the Markdown after it (markdown_to_text); Hugo's `weight` and Docusaurus's
///   `sidebar_position` are `position`, `categories` (its first item) is the category, `lastmod`
///   (else `date`) is `updated_at`; fields the article names itself win. `draft: true` skips the
///   file; other keys (`slug` among them) are ignored, since front matter is shared with site
///   generators. Without `title`, the first level-1 heading ("# Title") is the title and leaves
///   the body; without one either, the name the id takes from the path (below). Hugo's
///   multilingual file names give the language: "returns.de.md" is German ("pt-br" → "pt-BR")
///   unless its `lang` says otherwise, when the suffix is a tag known_language_tag() accepts
///   that is a two-letter language or a language of the table, with at most a script and a
///   region after it ("notes.draft.md", "v1.2.md", "notes.new.md", "notes.it-support.md" are
///   not languages). `id` defaults to Hugo's `translationKey`, else the page's
///   path under the directory given: its folders joined by '/', then its file name without
///   extension and language ("shipping/returns" for shipping/returns.md and
///   shipping/returns.de.md, so translations share it, while billing/returns.md is another
///   article); an index page (index.md, README.md) takes its folder's path ("guide/index.md" →
///   "guide"). Folders named as a language by the same rule ("en/", "de/", "pt-br/") are left out
///   of the id, so "en/shipping/returns.md" and "de/shipping/returns.md" share
///   "shipping/returns", and the innermost gives the language of a page whose front matter and
///   file name name none (before the default language). Pages directly in the directory keep the
///   name alone ("returns"; an index page there: the directory's name), as does a file given
///   directly (an index page: its folder's name), whose folders are not read.
///   Before conversion, Hugo shortcodes ({{< x >}}, {{% x %}}) are removed and Docusaurus
///   admonitions (":::tip Title" ... ":::") reduced to their title, keeping what they enclose;
///   in .mdx files, import/export blocks, capitalized JSX tags and {expressions} are removed too.
///   A folder's section page, Hugo's `_index.md` (its title, else the folder's name; the
///   translation `_index.de.md` for German pages when the folder has it) or
///   Docusaurus's `_category_.json` (its label), is the section of the articles in that folder
///   that name none; a section page is not an article (its malformed fields are problems).
///   Problems name the line of the value and its key.
/// - csv: fields are separated by ',', ';' or tab, whichever the header row holds most of (Excel
///   writes ';' in locales whose decimal separator is ','). The header row names columns
///   (case-insensitively; aliases: `_id` → id, `text`, `answer`, `content` → body, `question` →
///   title, `locale`, `language` → lang, `tag`, `labels` → tags); unknown columns are one problem per file and ignored; a record with another
///   number of fields than the header is a problem; tags split on '|', or ',' when no '|'.
///   Problems carry the line the record starts on. After an unbalanced quote, reading resumes
///   on the line after the broken record's first line. `csv_columns` names columns explicitly.
///   Text that is not UTF-8 is converted: UTF-16 and UTF-32 by their byte order mark, other
///   encodings as detected (windows-1252 where detection says ISO-8859-1) or as `encoding`
///   says. A file that cannot be converted faithfully (binary data, an encoding that cannot be
///   detected, UTF-8 mixed with another encoding, bytes invalid in the encoding found) is one
///   problem naming the field "encoding", the encoding found and the line, and none of its
///   records are read: text is never silently turned into U+FFFD.
/// - zendesk: one or more JSON documents, each {"articles": [...]} (an API page), an array of
///   articles or of pages, or {"article": {...}}, or the translations endpoint's
///   {"translations": [...]} (source_id → id). id → id, title, body (HTML, html_to_text),
///   locale → lang, section_id → section and category, label_names → tags, html_url → url,
///   updated_at, user_segment_id → audience "segment-<id>", promoted, outdated, vote_sum,
///   vote_count, position; drafts are skipped. Sections and
///   categories sideloaded in the same document (`"sections": [{id, name, category_id}]`,
///   `"categories": [{id, name}]`, on any page of an array) give their names instead of ids. Problems carry the line of
///   the article object and a field path such as "articles[3].title"; invalid JSON ends the
///   file (documents before it are kept).
/// - html: one article per page; id as for Markdown but from the file stem (no language suffix),
///   an index page named by its folders ("faq/returns/index.html" → "faq/returns") except
///   directly in the directory given ("index"), a file given directly its stem; title from
///   <title>, else the first <h1>; lang from <html lang>, else the Content-Language meta, else
///   the innermost language folder (as for Markdown); body the text of <main>, else of
///   the first <article>, else of <body>, without <nav>, <header>, <footer> and <aside> (the
///   site's chrome, the same on every page). Problems carry the file only (line 0).
ImportSummary read_articles(const std::filesystem::path& path, const ImportOptions& options,
                            const std::function<void(Article&&, const SourceLocation&)>& on_article,
                            const std::function<void(const ImportProblem&)>& on_problem);

/// The whole content of the input file `path`, as bytes. Refuses anything but a regular file
/// (directly or through symbolic links): reading a FIFO, device or socket could block forever or
/// never end. Throws ImportError naming the path if it is not a regular file or cannot be read.
/// Thread-safe.
[[nodiscard]] std::string read_input_file(const std::filesystem::path& path);

/// Whether `url` may be an article's link: empty, relative ("/hc/en/123", "faq.html#returns"),
/// or with the scheme http or https (any case). Schemes a browser would run or read locally
/// (javascript:, data:, file:, vbscript:) are not: results are shown as links. Thread-safe.
[[nodiscard]] bool is_safe_article_url(std::string_view url) noexcept;

/// Plain text of an HTML fragment: tags dropped, block elements separated by line breaks, entities
/// decoded, script/style content dropped. Thread-safe.
[[nodiscard]] std::string html_to_text(std::string_view html);

/// Plain text of a Markdown document (CommonMark with GitHub tables): markup dropped, blocks
/// separated by line breaks, link text kept. Thread-safe.
[[nodiscard]] std::string markdown_to_text(std::string_view markdown);

}  // namespace faqsearch
