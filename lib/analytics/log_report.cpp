// report_query_log: the support team's view of a query log. Reads the log a line at a time
// (logs grow large); a line it cannot read is counted and listed, never the end of the report.
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analytics/log_fields.h"
#include "faqsearch/error.h"
#include "faqsearch/query_log.h"

namespace faqsearch {
namespace {

using Json = nlohmann::json;

/// A log line nests two levels at most (top → hit, did_you_mean → pairs → pair): deeper JSON is
/// not built, so a damaged line cannot make the parser or the value's destructor recurse deeply.
constexpr int kMaxLineDepth = 4;

/// One malformed line: why.
struct LineError {
  std::string message;
};

bool is_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// "YYYY-MM-DDTHH:MM:SSZ", digits checked (not the calendar: the report compares text).
bool is_log_time(std::string_view t) {
  return t.size() == 20 && is_digits(t.substr(0, 4)) && t[4] == '-' && is_digits(t.substr(5, 2)) && t[7] == '-' &&
         is_digits(t.substr(8, 2)) && t[10] == 'T' && is_digits(t.substr(11, 2)) && t[13] == ':' &&
         is_digits(t.substr(14, 2)) && t[16] == ':' && is_digits(t.substr(17, 2)) && t[19] == 'Z';
}

/// `since` as a log time to compare with, or InvalidArgument.
std::string since_time(const std::string& since) {
  if (since.empty()) return since;
  if (since.size() == 10 && is_log_time(since + "T00:00:00Z")) return since + "T00:00:00Z";
  if (is_log_time(since)) return since;
  throw InvalidArgument(fmt::format("since: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC), got \"{}\"", since));
}

/// The field `name` of `line`, of the type `valid` checks; LineError when missing or another type.
template <typename Check>
const Json& field(const Json& line, const char* name, Check valid, const char* expected) {
  const auto it = line.find(name);
  if (it == line.end()) throw LineError{fmt::format("{}: missing", name)};
  if (!valid(*it)) throw LineError{fmt::format("{}: expected {}", name, expected)};
  return *it;
}

bool is_string_array(const Json& j) {
  return j.is_array() && std::all_of(j.begin(), j.end(), [](const Json& v) { return v.is_string(); });
}

/// A search as the report reads it.
struct LoggedSearch {
  std::string time;
  std::string query;
  std::string language;  // the group's: first requested, else the one searched, else "any"
  std::size_t total = 0;
  std::size_t hits = 0;
  bool best_is_fallback = false;
  std::vector<std::pair<std::string, std::string>> fallback_hits;  // id, served language
  std::optional<std::string> reason;
  bool fallback_only = false;  // the diagnosis says so
  std::vector<std::pair<std::string, std::string>> corrections;
};

std::string group_language(const Json& line, const Json& languages) {
  if (const auto requested = line.find("requested"); requested != line.end()) {
    if (!is_string_array(*requested)) throw LineError{"requested: expected an array of strings"};
    if (!requested->empty()) return requested->front().get<std::string>();
  }
  return languages.size() == 1 ? languages.front().get<std::string>() : "any";
}

void read_hits(const Json& top, LoggedSearch& out) {
  out.hits = top.size();
  for (const Json& hit : top) {
    if (!hit.is_object() || !hit.contains("id") || !hit["id"].is_string() || !hit.contains("lang") ||
        !hit["lang"].is_string()) {
      throw LineError{"top: expected objects with a string id and lang"};
    }
    const auto fallback = hit.find("fallback");
    if (fallback != hit.end() && fallback->is_boolean() && fallback->get<bool>()) {
      if (&hit == &top.front()) out.best_is_fallback = true;
      out.fallback_hits.emplace_back(hit["id"].get<std::string>(), hit["lang"].get<std::string>());
    }
  }
}

void read_discovery(const Json& line, LoggedSearch& out) {
  if (const auto d = line.find("diagnosis"); d != line.end()) {
    if (!d->is_object() || !d->contains("reason") || !(*d)["reason"].is_string()) {
      throw LineError{"diagnosis: expected an object with a string reason"};
    }
    out.reason = (*d)["reason"].get<std::string>();
    const auto fallback_only = d->find("fallback_only");
    out.fallback_only = fallback_only != d->end() && fallback_only->is_boolean() && fallback_only->get<bool>();
  }
  if (const auto c = line.find("did_you_mean"); c != line.end()) {
    const auto pairs = c->is_object() ? c->find("pairs") : c->end();
    if (pairs == c->end() || !pairs->is_array()) throw LineError{"did_you_mean: expected an object with pairs"};
    for (const Json& pair : *pairs) {
      if (!is_string_array(pair) || pair.size() != 2) throw LineError{"did_you_mean.pairs: expected [typed, corrected]"};
      out.corrections.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
  }
}

LoggedSearch read_line(std::string_view text) {
  const Json line = Json::parse(
      text, [](int depth, Json::parse_event_t, Json&) { return depth <= kMaxLineDepth; }, false);
  if (line.is_discarded()) throw LineError{"not JSON"};
  if (!line.is_object()) throw LineError{"expected a JSON object"};
  LoggedSearch out;
  out.time = field(line, "time", [](const Json& j) { return j.is_string() && is_log_time(j.get<std::string>()); },
                   "a UTC time YYYY-MM-DDTHH:MM:SSZ")
                 .get<std::string>();
  out.query = field(line, "query", [](const Json& j) { return j.is_string(); }, "a string").get<std::string>();
  const Json& languages = field(line, "languages", is_string_array, "an array of strings");
  out.language = group_language(line, languages);
  out.total = field(line, "total", [](const Json& j) { return j.is_number_unsigned(); }, "a count").get<std::size_t>();
  read_hits(field(line, "top", [](const Json& j) { return j.is_array(); }, "an array"), out);
  read_discovery(line, out);
  return out;
}

/// Case folded (full Unicode case folding), white space runs made one space, trimmed.
std::string normalized(std::string_view text) {
  icu::UnicodeString folded = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  folded.foldCase();
  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
    const UChar32 c = folded.char32At(i);
    if (u_isUWhiteSpace(c)) {
      space = !out.isEmpty();
      continue;
    }
    if (space) out.append(static_cast<UChar>(' '));
    space = false;
    out.append(c);
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

/// Counts by key while the log is read; sorted and cut to size at the end.
struct Tally {
  std::map<std::string, QueryCount> queries;
  struct Group {
    std::size_t searches = 0;
    std::map<std::string, QueryCount> queries;
  };
  std::map<std::pair<std::string, std::string>, Group> zero;  // (reason, language)
  std::map<std::pair<std::string, std::string>, TranslationNeed> translations;  // (id, served)
  std::map<std::pair<std::string, std::string>, std::size_t> corrections;
};

void count_query(std::map<std::string, QueryCount>& counts, const std::string& query, bool zero) {
  QueryCount& c = counts[query];
  c.query = query;
  ++c.searches;
  if (zero) ++c.zero_results;
}

void add(const LoggedSearch& s, QueryLogReport& report, Tally& tally) {
  const std::string query = normalized(s.query);
  const bool zero = s.total == 0;
  ++report.searches;
  count_query(tally.queries, query, zero);
  if (zero) {
    ++report.zero_results;
    Tally::Group& group = tally.zero[{s.reason.value_or("unknown"), s.language}];
    ++group.searches;
    count_query(group.queries, query, true);
  }
  // Every hit a fallback: the diagnosis says so when the shopper's languages are in the index;
  // when they are not (nothing in "fr" at all), the hits alone do.
  const bool only_fallbacks = s.fallback_only || (s.hits > 0 && s.fallback_hits.size() == s.hits);
  if (!zero && (only_fallbacks || s.best_is_fallback)) {
    // The best answer exists only in another language: it alone, when other hits are in the
    // shopper's language.
    ++(only_fallbacks ? report.fallback_only : report.best_hit_fallback);
    const std::size_t listed = only_fallbacks ? s.fallback_hits.size() : 1;
    for (std::size_t i = 0; i < listed; ++i) {
      const auto& [id, served] = s.fallback_hits[i];
      TranslationNeed& need = tally.translations[{id, served}];
      need.id = id;
      need.served_lang = served;
      ++need.searches;
      ++need.wanted[s.language];
    }
  }
  if (!s.corrections.empty()) ++report.corrected;
  for (const auto& [typed, fixed] : s.corrections) ++tally.corrections[{normalized(typed), normalized(fixed)}];
}

/// The values of `counts`, most searches first (ties by `text`), at most `top`.
template <typename Map, typename Value = typename Map::mapped_type, typename Text>
std::vector<Value> ranked(const Map& counts, std::size_t top, Text text) {
  std::vector<Value> out;
  for (const auto& entry : counts) out.push_back(entry.second);
  std::stable_sort(out.begin(), out.end(), [&](const Value& a, const Value& b) {
    return a.searches != b.searches ? a.searches > b.searches : text(a) < text(b);
  });
  if (out.size() > top) out.resize(top);
  return out;
}

QueryLogReport finish(QueryLogReport report, const Tally& tally, std::size_t top) {
  const auto by_query = [](const QueryCount& c) { return c.query; };
  report.top_searches = ranked(tally.queries, top, by_query);
  for (const auto& [key, group] : tally.zero) {
    report.zero_result_groups.push_back({key.first, key.second, group.searches, ranked(group.queries, top, by_query)});
  }
  std::stable_sort(report.zero_result_groups.begin(), report.zero_result_groups.end(),
                   [](const ZeroResultGroup& a, const ZeroResultGroup& b) { return a.searches > b.searches; });
  report.to_translate = ranked(tally.translations, top, [](const TranslationNeed& n) { return n.id + '\n' + n.served_lang; });
  std::map<std::pair<std::string, std::string>, CorrectionCount> corrections;
  for (const auto& [pair, searches] : tally.corrections) corrections[pair] = {pair.first, pair.second, searches};
  report.corrections = ranked(corrections, top, [](const CorrectionCount& c) { return c.typed + '\n' + c.corrected; });
  return report;
}

QueryLogReport report_lines(std::istream& in, const QueryLogReportOptions& options) {
  const std::string since = since_time(options.since);
  QueryLogReport report;
  Tally tally;
  std::string text;
  for (std::size_t number = 1; std::getline(in, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      const LoggedSearch search = read_line(text);
      if (search.time < since) {
        ++report.before_since;
        continue;
      }
      add(search, report, tally);
    } catch (const LineError& e) {
      ++report.malformed;
      if (report.malformed_lines.size() < kMaxListedMalformedLines) report.malformed_lines.push_back({number, e.message});
    }
  }
  return finish(std::move(report), tally, options.top);
}

}  // namespace

QueryLogReport report_query_log(const std::filesystem::path& file, const QueryLogReportOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw Error(fmt::format("query log {}: not a regular file{}", file.string(), ec ? ": " + ec.message() : ""));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("query log {}: cannot open for reading", file.string()));
  QueryLogReport report = report_lines(in, options);
  if (in.bad()) throw Error(fmt::format("query log {}: read error", file.string()));
  return report;
}

QueryLogReport report_query_log_text(std::string_view text, const QueryLogReportOptions& options) {
  std::istringstream in{std::string(text)};
  return report_lines(in, options);
}

namespace {

Json counts_to_json(const std::vector<QueryCount>& counts) {
  Json out = Json::array();
  for (const QueryCount& c : counts) {
    out.push_back({{"query", c.query}, {"searches", c.searches}, {"zero_results", c.zero_results}});
  }
  return out;
}

Json lists_to_json(const QueryLogReport& r) {
  Json out = {{"top_searches", counts_to_json(r.top_searches)}, {"zero_result_groups", Json::array()},
              {"to_translate", Json::array()}, {"corrections", Json::array()}};
  for (const ZeroResultGroup& g : r.zero_result_groups) {
    out["zero_result_groups"].push_back(
        {{"reason", g.reason}, {"language", g.language}, {"searches", g.searches}, {"queries", counts_to_json(g.queries)}});
  }
  for (const TranslationNeed& n : r.to_translate) {
    out["to_translate"].push_back(
        {{"id", n.id}, {"served_lang", n.served_lang}, {"searches", n.searches}, {"wanted", n.wanted}});
  }
  for (const CorrectionCount& c : r.corrections) {
    out["corrections"].push_back({{"typed", c.typed}, {"corrected", c.corrected}, {"searches", c.searches}});
  }
  return out;
}

}  // namespace

std::string report_to_json(const QueryLogReport& r, int indent) {
  Json out = lists_to_json(r);
  for (const auto& [name, value] : {std::pair<const char*, std::size_t>{"searches", r.searches},
                                    {"zero_results", r.zero_results},
                                    {"corrected", r.corrected},
                                    {"fallback_only", r.fallback_only},
                                    {"best_hit_fallback", r.best_hit_fallback},
                                    {"before_since", r.before_since},
                                    {"malformed", r.malformed}}) {
    out[name] = value;
  }
  out["malformed_lines"] = Json::array();
  for (const MalformedLogLine& m : r.malformed_lines) {
    out["malformed_lines"].push_back({{"line", m.line}, {"message", m.message}});
  }
  return out.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace faqsearch
