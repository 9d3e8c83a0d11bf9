// The cluster file with toml++ (Debian libtomlplusplus-dev), which gives every node its source
// line: each problem is reported as "file:line: field: message", the field spelt as a path
// (shard[1].partition[0].address), and the first one found stops the reading.
#include "cluster/cluster_file.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>

#include "faqsearch/error.h"
#include "index/schema.h"

namespace faqsearch::detail {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kScheme = "tcp://";
constexpr std::int64_t kFormatVersion = 1;
constexpr std::int64_t kMaxPort = 65535;

/// Reports the problems of one file.
class Problems {
 public:
  explicit Problems(const fs::path& file) : file_(file.string()) {}

  [[nodiscard]] InvalidArgument error(std::size_t line, const std::string& field, const std::string& message) const {
    return InvalidArgument(file_ + ":" + std::to_string(line) + ": " + field + ": " + message);
  }
  [[noreturn]] void fail(std::size_t line, const std::string& field, const std::string& message) const {
    throw error(line, field, message);
  }
  [[noreturn]] void fail_syntax(std::size_t line, std::string_view description) const {
    throw InvalidArgument(file_ + ":" + std::to_string(line) + ": invalid TOML: " + std::string(description));
  }

 private:
  std::string file_;
};

std::size_t line_of(const toml::node& node) { return node.source().begin.line; }

/// Refuses a key of `table` not in `allowed`: a misspelt key must not be silently ignored.
void only_keys(const Problems& problems, const toml::table& table, const std::string& prefix,
               std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, node] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
    std::string known;
    for (const std::string_view k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
    problems.fail(line_of(node), prefix + std::string(key.str()), "unknown field (known: " + known + ")");
  }
}

/// The string at `key` of `table`, or nullopt when absent.
std::optional<std::string> optional_string(const Problems& problems, const toml::table& table, std::string_view key,
                                           const std::string& field) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  const auto* text = node->as_string();
  if (text == nullptr) problems.fail(line_of(*node), field, "must be a string");
  return text->get();
}

std::string required_string(const Problems& problems, const toml::table& table, std::string_view key,
                            const std::string& field, std::size_t table_line) {
  std::optional<std::string> text = optional_string(problems, table, key, field);
  if (!text) problems.fail(table_line, field, "missing");
  if (text->empty()) problems.fail(line_of(*table.get(key)), field, "must not be empty");
  return std::move(*text);
}

std::optional<std::int64_t> optional_integer(const Problems& problems, const toml::table& table, std::string_view key,
                                             std::int64_t low, std::int64_t high) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  const auto* number = node->as_integer();
  const std::string field(key);
  if (number == nullptr) problems.fail(line_of(*node), field, "must be an integer");
  if (number->get() < low || number->get() > high) {
    problems.fail(line_of(*node), field,
                  "must be between " + std::to_string(low) + " and " + std::to_string(high) + ", got " + std::to_string(number->get()));
  }
  return number->get();
}

/// "tcp://HOST:PORT", HOST a name or an address, an IPv6 address in brackets.
ServerAddress parse_address(const Problems& problems, const toml::node& node, const std::string& field) {
  const auto* text = node.as_string();
  if (text == nullptr) problems.fail(line_of(node), field, "must be a string \"tcp://HOST:PORT\"");
  const std::string_view value = text->get();
  const auto refused = [&](const std::string& why) {
    return problems.error(line_of(node), field, why + " (\"tcp://HOST:PORT\"), got \"" + std::string(value) + "\"");
  };
  if (!value.starts_with(kScheme)) throw refused("must start with tcp://");
  const std::string_view rest = value.substr(kScheme.size());
  ServerAddress out;
  const std::size_t colon = rest.rfind(':');
  const bool bracketed = rest.starts_with('[');
  if (colon == std::string_view::npos) throw refused("has no port");
  if (bracketed) {
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos || close + 1 != colon) throw refused("an IPv6 host must be in brackets before the port");
    out.host = std::string(rest.substr(1, close - 1));
  } else {
    out.host = std::string(rest.substr(0, colon));
  }
  // An IPv6 address without brackets would leave its port ambiguous.
  const auto bad = [&](char c) { return c == '/' || c == ' ' || c == '\t' || c == '@' || c == '[' || c == ']' || (c == ':' && !bracketed); };
  if (out.host.empty() || std::any_of(out.host.begin(), out.host.end(), bad)) throw refused("has no valid host");
  const std::string_view port = rest.substr(colon + 1);
  if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    throw refused("has no valid port");
  }
  const long number = std::stol(std::string(port));
  if (number < 1 || number > kMaxPort) throw refused("port must be between 1 and 65535");
  out.port = static_cast<unsigned>(number);
  return out;
}

RemotePartition parse_partition(const Problems& problems, const toml::table& table, const std::string& prefix) {
  const std::size_t line = line_of(table);
  only_keys(problems, table, prefix, {"audience", "lang", "address", "replicas"});
  RemotePartition out;
  out.line = line;
  for (auto [key, value] : {std::pair{"audience", &out.audience}, std::pair{"lang", &out.lang}}) {
    *value = required_string(problems, table, key, prefix + key, line);
    if (!is_safe_partition_name(*value)) {
      problems.fail(line_of(*table.get(key)), prefix + key,
                    "must be 1-64 characters of letters, digits, '-', '_' or '.', got \"" + *value + "\"");
    }
  }
  const toml::node* address = table.get("address");
  if (address == nullptr) problems.fail(line, prefix + "address", "missing");
  out.address = parse_address(problems, *address, prefix + "address");
  if (const toml::node* replicas = table.get("replicas")) {
    const auto* list = replicas->as_array();
    if (list == nullptr) problems.fail(line_of(*replicas), prefix + "replicas", "must be an array of \"tcp://HOST:PORT\"");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string field = prefix + "replicas[" + std::to_string(i) + "]";
      out.replicas.push_back(parse_address(problems, *list->get(i), field));
      if (out.replicas.back() == out.address) problems.fail(line_of(*list->get(i)), field, "is the partition's own address");
    }
  }
  return out;
}

/// The [[shard.partition]] tables of a remote shard.
std::vector<RemotePartition> parse_partitions(const Problems& problems, const toml::node& node, const std::string& prefix) {
  const auto* tables = node.as_array();
  if (tables == nullptr || tables->empty() || !tables->is_array_of_tables()) {
    problems.fail(line_of(node), prefix + "partition", "must be one or more [[shard.partition]] tables");
  }
  std::vector<RemotePartition> out;
  for (std::size_t i = 0; i < tables->size(); ++i) {
    const std::string field = prefix + "partition[" + std::to_string(i) + "]";
    RemotePartition partition = parse_partition(problems, *tables->get(i)->as_table(), field + ".");
    for (const RemotePartition& earlier : out) {
      if (earlier.audience != partition.audience || earlier.lang != partition.lang) continue;
      problems.fail(partition.line, field, "partition " + partition.audience + "/" + partition.lang +
                                               " is already in this shard (line " + std::to_string(earlier.line) + ")");
    }
    out.push_back(std::move(partition));
  }
  return out;
}

ClusterShard parse_shard(const Problems& problems, const toml::table& table, const std::string& prefix, const fs::path& file) {
  const std::size_t line = line_of(table);
  only_keys(problems, table, prefix, {"name", "path", "partition"});
  ClusterShard out;
  out.line = line;
  out.name = required_string(problems, table, "name", prefix + "name", line);
  if (!is_safe_partition_name(out.name)) {
    problems.fail(line_of(*table.get("name")), prefix + "name",
                  "must be 1-64 characters of letters, digits, '-', '_' or '.', got \"" + out.name + "\"");
  }
  const toml::node* partitions = table.get("partition");
  const std::optional<std::string> path = optional_string(problems, table, "path", prefix + "path");
  if (path.has_value() == (partitions != nullptr)) {
    problems.fail(line, prefix.substr(0, prefix.size() - 1),
                  "needs exactly one of path (a local index) or [[shard.partition]] tables (remote partitions)");
  }
  if (path) {
    if (path->empty()) problems.fail(line_of(*table.get("path")), prefix + "path", "must not be empty");
    out.path = fs::path(*path).is_absolute() ? fs::path(*path) : file.parent_path() / *path;
  } else {
    out.partitions = parse_partitions(problems, *partitions, prefix);
  }
  return out;
}

ClusterDescription parse_top(const Problems& problems, const toml::table& root, const fs::path& file) {
  only_keys(problems, root, "", {"version", "timeout_ms", "on_shard_failure", "retry_ms", "shard"});
  if (!optional_integer(problems, root, "version", kFormatVersion, kFormatVersion)) {
    problems.fail(1, "version", "missing (the format's version: version = 1)");
  }
  ClusterDescription out;
  if (const auto timeout = optional_integer(problems, root, "timeout_ms", 1, ClusterDescription::kMaxTimeoutMs)) {
    out.timeout_ms = static_cast<unsigned>(*timeout);
  }
  if (const auto policy = optional_string(problems, root, "on_shard_failure", "on_shard_failure")) {
    if (*policy != "error" && *policy != "partial") {
      problems.fail(line_of(*root.get("on_shard_failure")), "on_shard_failure", "must be \"error\" or \"partial\", got \"" + *policy + "\"");
    }
    out.on_shard_failure = *policy == "partial" ? ShardFailurePolicy::kPartial : ShardFailurePolicy::kError;
  }
  if (const auto retry = optional_integer(problems, root, "retry_ms", 1, ClusterDescription::kMaxRetryMs)) {
    out.retry_ms = static_cast<unsigned>(*retry);
  }
  const toml::node* shards = root.get("shard");
  const auto* tables = shards == nullptr ? nullptr : shards->as_array();
  if (tables == nullptr || tables->empty() || !tables->is_array_of_tables()) {
    problems.fail(shards == nullptr ? 1 : line_of(*shards), "shard", "needs one or more [[shard]] tables");
  }
  for (std::size_t i = 0; i < tables->size(); ++i) {
    const std::string prefix = "shard[" + std::to_string(i) + "].";
    ClusterShard shard = parse_shard(problems, *tables->get(i)->as_table(), prefix, file);
    for (const ClusterShard& earlier : out.shards) {
      if (earlier.name != shard.name) continue;
      problems.fail(line_of(*tables->get(i)->as_table()->get("name")), prefix + "name",
                    "\"" + shard.name + "\" is already the name of the shard on line " + std::to_string(earlier.line));
    }
    out.shards.push_back(std::move(shard));
  }
  return out;
}

}  // namespace

ClusterDescription parse_cluster_description(std::string_view text, const fs::path& file) {
  const Problems problems(file);
  toml::table root;
  try {
    root = toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    problems.fail_syntax(e.source().begin.line, e.description());
  }
  return parse_top(problems, root, file);
}

ClusterDescription read_cluster_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IndexError("cannot read cluster file " + file.string() + ": " + std::strerror(errno));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw IndexError("cannot read cluster file " + file.string() + ": " + std::strerror(errno));
  return parse_cluster_description(text, file);
}

}  // namespace faqsearch::detail
