#include "index/manifest.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "faqsearch/error.h"
#include "index/schema.h"

namespace faqsearch::detail {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string rebuild_hint(const fs::path& dir) {
  return "rebuild it: `faqsearch index --db NEW_DIR ARTICLES...` (or delete " + dir.string() +
         " and index again)";
}

void fsync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool has_manifest(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / kManifestFile, ec);
}

std::string read_manifest_text(const fs::path& dir) {
  const fs::path file = dir / kManifestFile;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw IndexError("no faqsearch index at " + dir.string() + " (" + std::string(kManifestFile) +
                     " not found); create one with `faqsearch index --db " + dir.string() + " ...`");
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Manifest read_manifest(const fs::path& dir) {
  return parse_manifest(read_manifest_text(dir), (dir / kManifestFile).string(), dir);
}

Manifest parse_manifest(std::string_view text, const std::string& origin, const fs::path& dir) {
  try {
    const json j = json::parse(text);
    if (j.value("format", "") != "faqsearch-index") throw std::runtime_error("not a faqsearch manifest");
    Manifest m;
    m.schema_version = j.at("schema_version").get<int>();
    m.analysis_version = j.at("analysis_version").get<int>();
    const json& s = j.at("settings");
    m.settings.analysis.max_term_bytes = s.at("max_term_bytes").get<std::size_t>();
    m.settings.analysis.word_pairs = s.value("word_pairs", true);  // recorded since schema 5
    m.settings.title_boost = s.at("title_boost").get<unsigned>();
    // Recorded since schema 10; an older index is refused on its schema version anyway.
    m.settings.tags_weight = s.value("tags_weight", m.settings.tags_weight);
    m.settings.section_weight = s.value("section_weight", m.settings.section_weight);
    m.settings.category_weight = s.value("category_weight", m.settings.category_weight);
    m.settings.default_language = s.value("default_language", "");
    return m;
  } catch (const std::exception& e) {
    throw IndexCorrupt("index manifest " + origin + " is unreadable (" + e.what() + "); " + rebuild_hint(dir));
  }
}

void write_file_durably(const fs::path& file, std::string_view contents) {
  const fs::path tmp = file.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw IndexError("cannot write " + tmp.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      throw IndexError("cannot write " + tmp.string() + ": " + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    throw IndexError("cannot flush " + tmp.string() + ": " + std::strerror(errno));
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) throw IndexError("cannot rename " + tmp.string() + " to " + file.string() + ": " + ec.message());
  fsync_path(file.parent_path(), O_RDONLY | O_DIRECTORY);
}

std::string manifest_text(const Manifest& m) {
  json j;
  j["format"] = "faqsearch-index";
  j["schema_version"] = m.schema_version;
  j["analysis_version"] = m.analysis_version;
  j["settings"] = {{"max_term_bytes", m.settings.analysis.max_term_bytes},
                   {"word_pairs", m.settings.analysis.word_pairs},
                   {"title_boost", m.settings.title_boost},
                   {"tags_weight", m.settings.tags_weight},
                   {"section_weight", m.settings.section_weight},
                   {"category_weight", m.settings.category_weight}};
  if (!m.settings.default_language.empty()) j["settings"]["default_language"] = m.settings.default_language;
  return j.dump(2) + "\n";
}

void write_manifest(const fs::path& dir, const Manifest& m) { write_file_durably(dir / kManifestFile, manifest_text(m)); }

void check_compatible(const fs::path& dir, const Manifest& found, const IndexSettings* wanted) {
  std::vector<std::string> differences;
  if (found.schema_version != kSchemaVersion) {
    differences.push_back("schema version " + std::to_string(found.schema_version) +
                          " (this faqsearch uses " + std::to_string(kSchemaVersion) + ")");
  }
  if (found.analysis_version != kAnalysisVersion) {
    differences.push_back("analysis version " + std::to_string(found.analysis_version) +
                          " (this faqsearch uses " + std::to_string(kAnalysisVersion) + ")");
  }
  if (wanted && found.settings.analysis.max_term_bytes != wanted->analysis.max_term_bytes) {
    differences.push_back("max_term_bytes " + std::to_string(found.settings.analysis.max_term_bytes) +
                          " (requested " + std::to_string(wanted->analysis.max_term_bytes) + ")");
  }
  if (wanted && found.settings.analysis.word_pairs != wanted->analysis.word_pairs) {
    const auto on_off = [](bool on) { return std::string(on ? "on" : "off"); };
    differences.push_back("word_pairs " + on_off(found.settings.analysis.word_pairs) + " (requested " +
                          on_off(wanted->analysis.word_pairs) + ")");
  }
  if (wanted) {
    const std::pair<const char*, unsigned IndexSettings::*> weights[] = {
        {"title_boost", &IndexSettings::title_boost},
        {"tags_weight", &IndexSettings::tags_weight},
        {"section_weight", &IndexSettings::section_weight},
        {"category_weight", &IndexSettings::category_weight}};
    for (const auto& [name, weight] : weights) {
      if (found.settings.*weight == wanted->*weight) continue;
      differences.push_back(std::string(name) + " " + std::to_string(found.settings.*weight) + " (requested " +
                            std::to_string(wanted->*weight) + ")");
    }
  }
  if (differences.empty()) return;
  std::string message = "index at " + dir.string() + " was built with ";
  for (std::size_t i = 0; i < differences.size(); ++i) {
    if (i) message += ", ";
    message += differences[i];
  }
  throw IndexMismatch(message + "; " + rebuild_hint(dir));
}

fs::path partition_path(const fs::path& dir, std::string_view audience, std::string_view lang) {
  return dir / kPartitionsDir / std::string(audience) / std::string(lang);
}

std::vector<Partition> list_partitions(const fs::path& dir) {
  std::vector<Partition> out;
  std::error_code ec;
  const fs::path root = dir / kPartitionsDir;
  if (!fs::is_directory(root, ec)) return out;
  for (const auto& audience : fs::directory_iterator(root, ec)) {
    if (!audience.is_directory()) continue;
    const std::string aud = audience.path().filename().string();
    if (!is_safe_partition_name(aud)) continue;
    for (const auto& lang : fs::directory_iterator(audience.path(), ec)) {
      const std::string name = lang.path().filename().string();
      if (!lang.is_directory() || !is_safe_partition_name(name)) continue;  // skips .tmp-* dirs
      out.push_back({aud, name, lang.path()});
    }
  }
  std::sort(out.begin(), out.end(), [](const Partition& a, const Partition& b) {
    return std::tie(a.audience, a.lang) < std::tie(b.audience, b.lang);
  });
  return out;
}

std::uint64_t directory_size(const fs::path& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

}  // namespace faqsearch::detail
