// The baselines `faqsearch eval --all` compares with: the Markdown table of the eval sets'
// README (../shared/data/eval/README.md), parsed at run time so that no copy drifts.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace faqsearch::cli {

// One baseline figure: MRR@10 and, after it, Recall@10 (".764/.682") or Success@10
// (".858 (S@10 .971)", banking77, whose recall@10 is meaningless with ~130 relevant documents).
struct Baseline {
  std::string system;  // the column header: FTS5, Xapian-OR...
  double mrr = 0;
  std::optional<double> recall;
  std::optional<double> success;
  [[nodiscard]] std::string figure() const {
    auto bare = [](double v) {  // ".764", as the README writes it
      std::string s = fmt::format("{:.3f}", v);
      return s.rfind("0.", 0) == 0 ? s.substr(1) : s;
    };
    std::string out = fmt::format("{} {}", system, bare(mrr));
    if (recall) out += "/" + bare(*recall);
    if (success) out += " S@10 " + bare(*success);
    return out;
  }
};

/// A cell of the table.
using CellKey = std::pair<std::string, std::string>;  // (set, canonical language tag)

/// The best baseline of every cell of `file`'s "| set | lang | SYSTEM... |" table. Throws Error
/// naming the file and line for a cell that is neither empty nor a figure.
std::map<CellKey, Baseline> read_baselines(const std::filesystem::path& file);

}  // namespace faqsearch::cli
