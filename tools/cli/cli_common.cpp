#include "cli/cli_common.h"

#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include "faqsearch/analyzer.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"

namespace faqsearch::cli {

std::vector<SynonymGroup> read_synonyms_file(const std::filesystem::path& file) {
  return parse_synonyms(read_input_text(file), file.string());
}

std::string read_input_text(const std::filesystem::path& file) { return read_input_file(file); }

std::shared_ptr<QueryLog> open_query_log(const std::filesystem::path& file) {
  return std::make_shared<QueryLog>(file, [](const std::string& message) {
    std::cerr << "faqsearch: warning: " << printable(message) << " (searches go on; further log errors are not reported)\n";
  });
}

std::string printable(std::string_view text, bool keep_line_breaks) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      const bool control = byte < 0x20 || byte == 0x7F;
      if (control && !(keep_line_breaks && (byte == '\n' || byte == '\t'))) {
        out += fmt::format("\\x{:02x}", byte);
      } else {
        out += static_cast<char>(byte);
      }
      ++i;
      continue;
    }
    // A well-formed sequence is kept unless it is a C1 control (U+0080..U+009F: C2 80..C2 9F).
    const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    const std::string_view sequence = text.substr(i, length);
    if (length > 1 && sequence.size() == length && is_valid_utf8(sequence)) {
      if (byte == 0xC2 && static_cast<unsigned char>(sequence[1]) < 0xA0) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned char>(sequence[1]));
      } else {
        out += sequence;
      }
      i += length;
      continue;
    }
    out += fmt::format("\\x{:02x}", byte);
    ++i;
  }
  return out;
}

nlohmann::json parse_json_line(std::string_view line, const std::string& file, std::size_t line_number) {
  using nlohmann::json;
  // Values nested too deep are discarded as they are read (the callback refuses their start), so
  // they are never built; the first one names the top-level member holding it.
  std::string member, too_deep_in;
  bool too_deep = false;
  const json::parser_callback_t bound = [&](int depth, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::key && depth == 1) member = parsed.get<std::string>();
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
        depth >= static_cast<int>(kMaxJsonDepth)) {
      if (!too_deep) too_deep_in = member;
      too_deep = true;
      return false;
    }
    return true;
  };
  json value;
  try {
    value = json::parse(repair_utf8(line), bound);
  } catch (const json::exception& e) {
    throw InvalidArgument(fmt::format("{}:{}: invalid JSON: {}", file, line_number, e.what()));
  }
  if (too_deep) {
    throw InvalidArgument(fmt::format("{}:{}: {}: nested deeper than {} levels of arrays and objects", file,
                                      line_number, too_deep_in.empty() ? "value" : too_deep_in, kMaxJsonDepth));
  }
  return value;
}

std::string render_for_terminal(const Snippet& snippet, bool color) {
  const std::string_view open = color ? "\033[1;33m" : "[";
  const std::string_view close = color ? "\033[0m" : "]";
  std::string out;
  if (snippet.starts_mid_text) out += "\u2026";
  std::size_t pos = 0;
  const std::string_view text = snippet.text;
  for (const auto& h : snippet.highlights) {
    out += printable(text.substr(pos, h.begin - pos));
    out += open;
    out += printable(text.substr(h.begin, h.end - h.begin));
    out += close;
    pos = h.end;
  }
  out += printable(text.substr(pos));
  if (snippet.ends_mid_text) out += "\u2026";
  return out;
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

void add_reader_options(CLI::App& cmd, ReaderOptions& options) {
  cmd.add_option("--db", options.db, "Index directory, or cluster file (docs/cluster.md)")->required()->check(CLI::ExistingPath);
  cmd.add_option("--lang", options.languages, "The shopper's language(s), most preferred first")
      ->allow_extra_args(false)
      ->delimiter(',');
  cmd.add_option("--audience", options.audiences, "Audiences the caller may see (default: public)")
      ->allow_extra_args(false)
      ->delimiter(',');
}

TemporaryDirectory::TemporaryDirectory(std::string_view prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw Error("cannot create a temporary directory in " +
                std::filesystem::temp_directory_path().string() + ": " + std::strerror(errno));
  }
  path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace faqsearch::cli
