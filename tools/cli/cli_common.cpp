#include "cli/cli_common.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "faqsearch/error.h"

namespace faqsearch::cli {

nlohmann::json hit_to_json(const Hit& hit) {
  nlohmann::json highlights = nlohmann::json::array();
  for (const auto& h : hit.snippet.highlights) highlights.push_back({h.begin, h.end});
  return {{"id", hit.id},
          {"lang", hit.lang},
          {"rank", hit.rank},
          {"score", hit.score},
          {"title", hit.title},
          {"url", hit.url},
          {"category", hit.category},
          {"tags", hit.tags},
          {"snippet", hit.snippet.text},
          {"highlights", highlights},
          {"snippet_html", hit.snippet.to_html()},
          {"title_html", hit.title_snippet.to_html()}};
}

std::vector<SynonymGroup> read_synonyms_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot read synonyms file " + file.string() + ": " + std::strerror(errno));
  std::stringstream text;
  text << in.rdbuf();
  return parse_synonyms(text.str(), file.string());
}

std::string render_for_terminal(const Snippet& snippet, bool color) {
  const std::string_view open = color ? "\033[1;33m" : "[";
  const std::string_view close = color ? "\033[0m" : "]";
  std::string out;
  if (snippet.starts_mid_text) out += "\u2026";
  std::size_t pos = 0;
  for (const auto& h : snippet.highlights) {
    out.append(snippet.text, pos, h.begin - pos);
    out += open;
    out.append(snippet.text, h.begin, h.end - h.begin);
    out += close;
    pos = h.end;
  }
  out.append(snippet.text, pos);
  if (snippet.ends_mid_text) out += "\u2026";
  return out;
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

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
