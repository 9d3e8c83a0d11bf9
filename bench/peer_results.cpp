#include "peer_results.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include "peers/engine.h"

namespace faqsearch::bench {
namespace {

using nlohmann::json;

// Fields every engine reports (snippets may be null where the engine has none).
const std::vector<std::string> kRequiredFields = {"p50_us",           "p99_us",      "qps_1t",       "qps_2t",
                                                  "index_docs_per_s", "index_bytes", "query_rss_kb", "index_rss_kb",
                                                  "snippets_top10_p50_us"};
const std::vector<std::string> kNullableFields = {"snippets_top10_p50_us", "snippets_only_p50_us", "suggest_p50_us",
                                                  "suggest_p99_us"};

std::string format_value(double v) {
  char buf[64];
  if (v >= 100) std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (v >= 10) std::snprintf(buf, sizeof buf, "%.1f", v);
  else std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

std::string check_shape(const json& results) {
  if (!results.is_object() || !results.contains("size") || !results["size"].is_number_unsigned()) return "no size";
  if (!results.contains("engines") || !results["engines"].is_object() || results["engines"].empty()) return "no engines";
  for (const auto& [name, e] : results["engines"].items()) {
    for (const auto& f : kRequiredFields) {
      if (!e.contains(f)) return name + ": no " + f;
      const bool nullable = std::find(kNullableFields.begin(), kNullableFields.end(), f) != kNullableFields.end();
      if (e[f].is_null() && nullable) continue;
      if (!e[f].is_number() || !(e[f].get<double>() > 0)) return name + ": " + f + " is not a positive number";
    }
    if (!e.contains("mean_hits") || !(e["mean_hits"].get<double>() > 0)) return name + ": no query found anything";
  }
  return {};
}

void print_table(const json& results, std::ostream& out) {
  struct Row {
    const char* label;
    const char* field;
    double scale;  // value shown = field / scale
  };
  const Row rows[] = {
      {"query p50 (µs)", "p50_us", 1},
      {"query p99 (µs)", "p99_us", 1},
      {"qps, 1 thread", "qps_1t", 1},
      {"qps, 2 threads", "qps_2t", 1},
      {"search + snippets, top 10, p50 (µs)", "snippets_top10_p50_us", 1},
      {"snippets alone, top 10, p50 (µs)", "snippets_only_p50_us", 1},
      {"suggest (5 completions + 5 titles) p50 (µs)", "suggest_p50_us", 1},
      {"suggest p99 (µs)", "suggest_p99_us", 1},
      {"query RSS beyond start (MB)", "query_rss_kb", 1024},
      {"query anonymous RSS beyond start (MB)", "query_rss_anon_kb", 1024},
      {"indexing (docs/s)", "index_docs_per_s", 1},
      {"index size (MB)", "index_bytes", 1024.0 * 1024.0},
      {"indexer peak RSS (MB)", "index_rss_kb", 1024},
      {"update upsert+commit p50 (µs)", "update_p50_us", 1},
      {"mean hits per query", "mean_hits", 1},
  };
  const json& engines = results["engines"];
  std::vector<std::string> names;
  for (const auto& n : faqsearch::bench::peers::engine_names()) {
    if (engines.contains(n)) names.push_back(n);
  }
  for (const auto& [n, e] : engines.items()) {  // variants run by name (faqsearch-lean, ...)
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  out << "Size " << results["size"].get<std::size_t>() << " articles, " << results.value("queries", 0)
      << " queries; cells: value (engine / faqsearch)\n\n| |";
  for (const auto& n : names) out << ' ' << n << " |";
  out << "\n|---|";
  for (std::size_t i = 0; i < names.size(); ++i) out << "---:|";
  out << '\n';
  auto get = [&](const std::string& engine, const char* field) -> std::optional<double> {
    const json& e = engines[engine];
    if (!e.contains(field) || !e[field].is_number()) return std::nullopt;
    return e[field].get<double>();
  };
  for (const Row& row : rows) {
    out << "| " << row.label << " |";
    // 0: no faqsearch figure to divide by.
    const double base = engines.contains("faqsearch") ? get("faqsearch", row.field).value_or(0.0) : 0.0;
    for (const auto& n : names) {
      const auto v = get(n, row.field);
      if (!v) {
        out << " – |";
        continue;
      }
      out << ' ' << format_value(*v / row.scale);
      if (n != "faqsearch" && base > 0) out << " (" << format_value(*v / base) << "×)";
      out << " |";
    }
    out << '\n';
  }
  // Per-shape p50 and p99: where the tail comes from. Prefix queries are not like for like: each
  // engine completes the last word its own way (Xapian FLAG_PARTIAL, FTS5 and Lucene++ prefix
  // queries, faqsearch only when the word is not a whole indexed word).
  for (const char* key : {"p50_us_by_shape", "p99_us_by_shape"}) {
    const std::string label = std::string(key).substr(0, 3);
    std::set<std::string> shapes;
    for (const auto& n : names) {
      if (engines[n].contains(key)) {
        for (const auto& [s, v] : engines[n][key].items()) shapes.insert(s);
      }
    }
    for (const auto& s : shapes) {
      out << "| " << label << ' ' << s << " (µs) |";
      double base = 0;  // none
      if (engines.contains("faqsearch") && engines["faqsearch"].value(key, json::object()).contains(s)) {
        base = engines["faqsearch"][key][s].get<double>();
      }
      for (const auto& n : names) {
        const json& by = engines[n].value(key, json::object());
        if (!by.contains(s)) {
          out << " – |";
          continue;
        }
        const double v = by[s].get<double>();
        out << ' ' << format_value(v);
        if (n != "faqsearch" && base > 0) out << " (" << format_value(v / base) << "×)";
        out << " |";
      }
      out << '\n';
    }
  }
}

json median_of_rounds(const std::vector<json>& rounds) {
  if (rounds.empty()) return json::object();
  json out = rounds.front();
  for (auto& [key, value] : out.items()) {
    if (value.is_number()) {
      std::vector<json> v;  // json values: counts stay integers
      for (const json& r : rounds) {
        if (r.contains(key) && r[key].is_number()) v.push_back(r[key]);
      }
      std::sort(v.begin(), v.end(), [](const json& a, const json& b) { return a.get<double>() < b.get<double>(); });
      value = v[(v.size() - 1) / 2];
    } else if (value.is_object()) {
      std::vector<json> nested;
      for (const json& r : rounds) {
        if (r.contains(key) && r[key].is_object()) nested.push_back(r[key]);
      }
      value = median_of_rounds(nested);
    }
  }
  return out;
}

}  // namespace faqsearch::bench
