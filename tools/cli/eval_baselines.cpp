#include "cli/eval_baselines.h"

#include <regex>
#include <sstream>
#include <string_view>
#include <vector>

#include "cli/cli_common.h"
#include "faqsearch/error.h"
#include "faqsearch/language.h"

namespace faqsearch::cli {

namespace fs = std::filesystem;

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> table_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string t = trim(line);
  if (t.size() < 2 || t.front() != '|') return cells;
  t = t.substr(1);
  if (!t.empty() && t.back() == '|') t.pop_back();
  std::size_t start = 0;
  for (;;) {
    const auto bar = t.find('|', start);
    cells.push_back(trim(std::string_view(t).substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return cells;
}

}  // namespace

// The best baseline of every cell: the column with the highest MRR (the first on a tie). Only the
// table whose header starts "set | lang" is read; a cell that is neither empty nor a figure is an
// error, so a change of the README's format is noticed rather than silently dropped.
std::map<CellKey, Baseline> read_baselines(const fs::path& file) {
  std::istringstream in(read_input_text(file));
  static const std::regex figure(R"(^(\d*\.\d+)\s*(?:/\s*(\d*\.\d+)|\(\s*S@10\s+(\d*\.\d+)\s*\))?$)");
  std::map<CellKey, Baseline> best;
  std::vector<std::string> systems;  // non-empty while inside the baselines table
  bool separator_seen = false;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    const auto cells = table_cells(line);
    if (cells.empty()) {
      systems.clear();
      continue;
    }
    if (systems.empty()) {
      if (cells.size() > 2 && cells[0] == "set" && cells[1] == "lang") {
        systems.assign(cells.begin() + 2, cells.end());
        separator_seen = false;
      }
      continue;
    }
    if (!separator_seen) {  // |---|---|
      separator_seen = true;
      continue;
    }
    if (cells.size() < 2) throw Error(fmt::format("{}:{}: expected | set | lang | ...", file.string(), n));
    const CellKey key{cells[0], canonical_language_tag(cells[1])};
    for (std::size_t c = 2; c < cells.size() && c - 2 < systems.size(); ++c) {
      if (cells[c].empty()) continue;
      std::smatch m;
      if (!std::regex_match(cells[c], m, figure)) {
        throw Error(fmt::format("{}:{}: baseline '{}' is not like .764/.682 or .858 (S@10 .971)", file.string(), n, cells[c]));
      }
      Baseline b{systems[c - 2], std::stod(m[1].str()), std::nullopt, std::nullopt};
      if (m[2].matched) b.recall = std::stod(m[2].str());
      if (m[3].matched) b.success = std::stod(m[3].str());
      const auto it = best.find(key);
      if (it == best.end() || b.mrr > it->second.mrr) best[key] = b;
    }
  }
  return best;
}

}  // namespace faqsearch::cli
