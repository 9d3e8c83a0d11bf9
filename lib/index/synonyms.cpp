// The synonyms file format (faqsearch/synonyms.h) and the index's copy of the synonyms.
#include "index/synonyms_file.h"

#include <fstream>
#include <sstream>

#include "faqsearch/analyzer.h"
#include "faqsearch/error.h"
#include "faqsearch/language.h"
#include "index/manifest.h"
#include "index/schema.h"

namespace faqsearch {
namespace {

constexpr std::string_view kOneWayArrow = "=>";

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

void split_entries(std::string_view list, std::vector<std::string>& out) {
  std::size_t pos = 0;
  for (;;) {
    const std::size_t comma = list.find(',', pos);
    out.emplace_back(trim(list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos)));
    if (comma == std::string_view::npos) return;
    pos = comma + 1;
  }
}

std::string describe(std::size_t index, const SynonymGroup& group) {
  std::string out = "synonym group " + std::to_string(index + 1);
  if (!group.entries.empty()) out += " (\"" + repair_utf8(group.entries.front().substr(0, 40)) + "\")";
  return out;
}

// Canonicalizes `g` in place; returns what is wrong with it ("field entries: ..."), or "".
std::string group_problem(SynonymGroup& g) {
  try {
    g.lang = canonical_language_tag(g.lang);
  } catch (const InvalidArgument& e) {
    return std::string("field lang: ") + e.what();
  }
  if (g.entries.size() < 2 || g.entries.size() > detail::kMaxSynonymEntries) {
    return "field entries: needs 2 to " + std::to_string(detail::kMaxSynonymEntries) + " entries, has " +
           std::to_string(g.entries.size());
  }
  for (std::string& entry : g.entries) {
    entry = std::string(trim(entry));
    if (entry.empty()) return "field entries: an entry is empty";
    if (!is_valid_utf8(entry)) return "field entries: an entry is not valid UTF-8";
    if (entry.size() > detail::kMaxSynonymEntryBytes) {
      return "field entries: an entry is longer than " + std::to_string(detail::kMaxSynonymEntryBytes) + " bytes";
    }
    if (entry.find_first_of(",\n[") != std::string::npos || entry.find(kOneWayArrow) != std::string::npos) {
      return "field entries: an entry holds ',', '[', a line break or '=>' (\"" + entry + "\")";
    }
  }
  return {};
}

}  // namespace

std::vector<SynonymGroup> check_synonyms(std::vector<SynonymGroup> groups) {
  if (groups.size() > detail::kMaxSynonymGroups) {
    throw InvalidArgument("synonyms: " + std::to_string(groups.size()) + " groups, more than the " +
                          std::to_string(detail::kMaxSynonymGroups) + " an index holds");
  }
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::string name = describe(i, groups[i]);
    if (const std::string problem = group_problem(groups[i]); !problem.empty()) {
      throw InvalidArgument(name + ": " + problem);
    }
  }
  return groups;
}

std::vector<SynonymGroup> parse_synonyms(std::string_view text, std::string_view source) {
  std::vector<SynonymGroup> groups;
  std::string lang;
  std::size_t line_number = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    const auto fail = [&](const std::string& why) {
      throw InvalidArgument(std::string(source) + ":" + std::to_string(line_number) + ": " + why);
    };
    if (line.empty() || line.front() == '#') continue;
    if (!is_valid_utf8(line)) fail("not valid UTF-8");
    if (line.front() == '[') {
      if (line.back() != ']') fail("a language line is written [tag], as in [en]");
      try {
        lang = canonical_language_tag(trim(line.substr(1, line.size() - 2)));
      } catch (const InvalidArgument& e) {
        fail(e.what());
      }
      continue;
    }
    if (lang.empty()) fail("a synonym group before any [language] line");
    SynonymGroup group;
    group.lang = lang;
    if (const std::size_t arrow = line.find(kOneWayArrow); arrow != std::string_view::npos) {
      group.one_way = true;
      const std::string_view left = trim(line.substr(0, arrow));
      if (left.find(',') != std::string_view::npos) fail("a one-way group has one entry left of '=>'");
      group.entries.emplace_back(left);
      split_entries(line.substr(arrow + kOneWayArrow.size()), group.entries);
    } else {
      split_entries(line, group.entries);
    }
    if (const std::string problem = group_problem(group); !problem.empty()) fail(problem);
    if (groups.size() == detail::kMaxSynonymGroups) {
      fail("more than " + std::to_string(detail::kMaxSynonymGroups) + " synonym groups");
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

std::string format_synonyms(const std::vector<SynonymGroup>& groups) {
  std::string out;
  const std::string* lang = nullptr;
  for (const SynonymGroup& g : groups) {
    if (lang == nullptr || *lang != g.lang) {
      out += "[" + g.lang + "]\n";
      lang = &g.lang;
    }
    for (std::size_t i = 0; i < g.entries.size(); ++i) {
      if (i > 0) out += (i == 1 && g.one_way) ? " => " : ", ";
      out += g.entries[i];
    }
    out += '\n';
  }
  return out;
}

}  // namespace faqsearch

namespace faqsearch::detail {

namespace fs = std::filesystem;

std::vector<SynonymGroup> read_synonyms(const fs::path& dir) {
  const fs::path file = dir / kSynonymsFile;
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};  // none set
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_index_synonyms(buffer.str(), dir);
}

std::vector<SynonymGroup> parse_index_synonyms(std::string_view text, const fs::path& index) {
  try {
    return parse_synonyms(text, (index / kSynonymsFile).string());
  } catch (const InvalidArgument& e) {
    throw IndexCorrupt(std::string("index synonyms are unreadable: ") + e.what() +
                       "; set them again (`faqsearch index --db " + index.string() + " --synonyms FILE`)");
  }
}

void write_synonyms(const fs::path& dir, const std::vector<SynonymGroup>& groups) {
  write_file_durably(dir / kSynonymsFile, format_synonyms(groups));
}

}  // namespace faqsearch::detail
