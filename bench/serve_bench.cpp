// What HTTP adds to a search: the same generated queries run in process (a Searcher per thread)
// and through `faqsearch serve` over loopback (a keep-alive client per thread), in the same run,
// at 1 and 2 concurrent clients. Goal (issue #23): HTTP adds at most 150 µs at p50. Measured two
// ways: whole runs of each, alternating (p50 against p50, which a shared machine's swings in load
// blur by more than the goal), and pairs (each query in process and over HTTP back to back, the
// median of the differences).
//
// Usage: faqsearch_serve_bench [--size N] [--db DIR] [--seconds S] [--rounds R] [--client C]
//   --size N     generated articles (default 100000; the peer benchmark's generator and words)
//   --db DIR     where the index is built, or reused if it is there already (default: a
//                temporary directory, removed afterwards)
//   --seconds S  per measurement (default 5); --rounds R: every measurement R times, medians
//                reported (default 3): the machine is shared, single runs are noisy.
//   --client C   "lean" (default: bench/keepalive_client.h, one send and blocking recvs per
//                request) or "httplib" (cpp-httplib's client, whose own system calls count too)
#include <httplib.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "corpus_generator.h"
#include "keepalive_client.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using faqsearch::bench::GeneratedQuery;

struct Options {
  std::size_t size = 100000;
  fs::path db;
  double seconds = 5;
  int rounds = 3;
  std::string client = "lean";
};

struct Figures {
  double qps = 0;
  double p50_us = 0;
  double p99_us = 0;
  double cpu_us = 0;  // CPU time of whoever answers (this process, or the server), per query
};

/// CPU seconds (user + system) this process has used.
double own_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// CPU seconds (user + system) process `pid` has used, from /proc/PID/stat (clock ticks).
double process_cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));  // after "pid (comm) "
  std::string field;
  double ticks = 0;
  for (int i = 3; fields >> field && i <= 15; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double percentile(std::vector<double>& sorted, double p) {
  return sorted.empty() ? 0 : sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(p * sorted.size()))];
}

/// Runs `threads` loops of `one(thread, i)` over the queries for `seconds`; latencies of each call.
Figures measure(std::size_t threads, double seconds, std::size_t queries,
                const std::function<void(std::size_t thread, std::size_t query)>& one,
                const std::function<double()>& cpu_seconds) {
  const double cpu_before = cpu_seconds();
  std::vector<std::vector<double>> latencies(threads);
  std::vector<std::thread> workers;
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  for (std::size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (std::size_t i = t * queries / threads; Clock::now() < end; ++i) {
        const auto start = Clock::now();
        one(t, i % queries);
        latencies[t].push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
      }
    });
  }
  for (auto& w : workers) w.join();
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  const double cpu_us = (cpu_seconds() - cpu_before) * 1e6 / static_cast<double>(std::max<std::size_t>(1, all.size()));
  return {static_cast<double>(all.size()) / seconds, percentile(all, 0.50), percentile(all, 0.99), cpu_us};
}

/// What the paired measurement found: per query, the HTTP answer's latency minus the in-process
/// one's, the two timed back to back on the same query.
struct Paired {
  double median_added_us = 0;  // median over the pairs
  double in_process_p50_us = 0;
  double http_p50_us = 0;
  double handler_p50_us = 0;  // the server's own took_ms: parsing, search and JSON, no sockets
  std::size_t pairs = 0;
};

/// Queries timed in process and then over HTTP (or the other way round) as one block. Blocks, not
/// single queries: a server left idle while one in-process query runs would pay for waking from
/// a longer sleep than a client that keeps it busy lets it take.
constexpr std::size_t kPairBlock = 16;

/// Runs `threads` loops for `seconds`, each timing a block of queries in process and the same
/// block over HTTP (in turn the other way round: whichever runs first warms the page cache for
/// the other). A machine's load changes over seconds, not within the tens of milliseconds
/// between a query's two runs, so the difference within a pair is what HTTP adds, with the
/// load's swings cancelled.
Paired measure_pairs(std::size_t threads, double seconds, std::size_t queries,
                     const std::function<void(std::size_t thread, std::size_t query)>& in_process,
                     const std::function<double(std::size_t thread, std::size_t query)>& over_http) {
  struct Pair {
    double in_process_us, http_us, handler_us;
  };
  std::vector<std::vector<Pair>> pairs(threads);
  std::vector<std::thread> workers;
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  const auto timed = [](const std::function<void(std::size_t, std::size_t)>& one, std::size_t t, std::size_t q) {
    const auto start = Clock::now();
    one(t, q);
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  };
  const auto timed_http = [&](std::size_t t, std::size_t q, Pair& pair) {
    const auto start = Clock::now();
    pair.handler_us = over_http(t, q);
    pair.http_us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  };
  for (std::size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (std::size_t block = 0; Clock::now() < end; ++block) {
        const std::size_t first = (t * queries / threads + block * kPairBlock) % queries;
        std::vector<Pair> timed_block(kPairBlock);
        const auto run_in_process = [&] {
          for (std::size_t k = 0; k < kPairBlock; ++k) timed_block[k].in_process_us = timed(in_process, t, (first + k) % queries);
        };
        const auto run_http = [&] {
          for (std::size_t k = 0; k < kPairBlock; ++k) timed_http(t, (first + k) % queries, timed_block[k]);
        };
        if (block % 2 == 0) {
          run_in_process();
          run_http();
        } else {
          run_http();
          run_in_process();
        }
        pairs[t].insert(pairs[t].end(), timed_block.begin(), timed_block.end());
      }
    });
  }
  for (auto& w : workers) w.join();
  std::vector<double> added, local, http, handler;
  for (const auto& list : pairs) {
    for (const Pair& p : list) {
      added.push_back(p.http_us - p.in_process_us);
      local.push_back(p.in_process_us);
      http.push_back(p.http_us);
      handler.push_back(p.handler_us);
    }
  }
  for (auto* v : {&added, &local, &http, &handler}) std::sort(v->begin(), v->end());
  return {percentile(added, 0.5), percentile(local, 0.5), percentile(http, 0.5), percentile(handler, 0.5),
          added.size()};
}

std::string url_encoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// `faqsearch serve --threads 2` on a free loopback port, stopped (SIGTERM) on destruction.
class ServeProcess {
 public:
  explicit ServeProcess(const fs::path& db) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> args = {FAQSEARCH_CLI, "serve", "--db", db.string(), "--listen", "127.0.0.1:0",
                                     "--threads", "2"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, FAQSEARCH_CLI, &actions, nullptr, argv.data(), environ) != 0) {
      throw std::runtime_error("cannot start " FAQSEARCH_CLI);
    }
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    std::string line;
    char c = 0;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    const std::size_t colon = line.rfind(':');
    if (line.find("listening on") == std::string::npos || colon == std::string::npos) {
      throw std::runtime_error("faqsearch serve did not start: " + line);
    }
    port_ = std::stoi(line.substr(colon + 1));
  }
  ~ServeProcess() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
};

void build_index_if_missing(const Options& o, const faqsearch::bench::GeneratorOptions& generator) {
  if (faqsearch::index_state(o.db) == faqsearch::IndexState::kReady) {
    std::cerr << "reusing the index in " << o.db << "\n";
    return;
  }
  const auto start = Clock::now();
  faqsearch::IndexBuilder builder = faqsearch::IndexBuilder::create(o.db);
  for (auto& article : faqsearch::bench::generate_articles(generator)) builder.add(std::move(article));
  builder.finish();
  std::cerr << "indexed " << o.size << " articles in "
            << std::chrono::duration<double>(Clock::now() - start).count() << " s\n";
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i], value = argv[i + 1];
    if (name == "--size") o.size = std::stoul(value);
    else if (name == "--db") o.db = value;
    else if (name == "--seconds") o.seconds = std::stod(value);
    else if (name == "--rounds") o.rounds = std::stoi(value);
    else if (name == "--client" && (value == "lean" || value == "httplib")) o.client = value;
    else throw std::runtime_error("unknown option " + name);
  }
  return o;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) try {
  Options o = parse(argc, argv);
  std::unique_ptr<fs::path, void (*)(fs::path*)> scratch(nullptr, [](fs::path* p) {
    fs::remove_all(*p);
    delete p;
  });
  if (o.db.empty()) {
    scratch.reset(new fs::path(fs::temp_directory_path() / ("faqsearch-serve-bench-" + std::to_string(getpid()))));
    o.db = *scratch;
  }
  faqsearch::bench::Vocabulary vocabulary = faqsearch::bench::with_hunspell_words(faqsearch::bench::collect_vocabulary(
      std::string(FAQSEARCH_SOURCE_DIR) + "/corpus/articles", faqsearch::bench::default_languages()));
  vocabulary.audiences = {{faqsearch::kPublicAudience, 1}};  // as faqsearch_peerbench does
  faqsearch::bench::GeneratorOptions generator;
  generator.articles = o.size;
  generator.vocabulary = std::make_shared<const faqsearch::bench::Vocabulary>(std::move(vocabulary));
  build_index_if_missing(o, generator);
  const std::vector<GeneratedQuery> queries = faqsearch::bench::generate_queries(generator);
  std::vector<std::string> paths;
  for (const auto& q : queries) paths.push_back("/search?q=" + url_encoded(q.text) + "&lang=" + q.lang);

  faqsearch::SharedResources shared;
  std::vector<faqsearch::Searcher> searchers;
  for (int t = 0; t < 2; ++t) searchers.emplace_back(o.db, shared);
  ServeProcess server(o.db);
  // GET `paths[i]` as client `t`: the answer's body, or a throw for anything but 200.
  std::function<std::string_view(std::size_t t, std::size_t i)> get;
  std::vector<std::unique_ptr<httplib::Client>> httplib_clients;
  std::vector<std::string> httplib_bodies(2);
  std::vector<std::unique_ptr<faqsearch::bench::KeepAliveClient>> lean_clients;
  for (int t = 0; t < 2; ++t) {
    if (o.client == "lean") {
      lean_clients.push_back(std::make_unique<faqsearch::bench::KeepAliveClient>(server.port()));
      continue;
    }
    httplib_clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", server.port()));
    httplib_clients.back()->set_keep_alive(true);
    httplib_clients.back()->set_tcp_nodelay(true);
  }
  const auto failed = [&](std::size_t i) { return std::runtime_error("HTTP request failed: " + paths[i]); };
  if (o.client == "lean") {
    get = [&](std::size_t t, std::size_t i) {
      if (lean_clients[t]->get(paths[i]) != 200) throw failed(i);
      return lean_clients[t]->body();
    };
  } else {
    get = [&](std::size_t t, std::size_t i) {
      auto response = httplib_clients[t]->Get(paths[i]);
      if (!response || response->status != 200) throw failed(i);
      httplib_bodies[t] = std::move(response->body);
      return std::string_view(httplib_bodies[t]);
    };
  }
  const auto in_process = [&](std::size_t t, std::size_t i) {
    faqsearch::SearchRequest request;
    request.query = queries[i].text;
    request.languages = {queries[i].lang};
    if (searchers[t].search(request).total == static_cast<std::size_t>(-1)) std::abort();
  };
  const auto over_http = [&](std::size_t t, std::size_t i) { get(t, i); };
  // Over HTTP, returning the server's took_ms (in µs): the time inside its handler.
  const auto over_http_took = [&](std::size_t t, std::size_t i) {
    const std::string_view body = get(t, i);
    const std::size_t at = body.rfind("\"took_ms\":");
    return at == std::string_view::npos ? 0.0 : 1000 * std::strtod(std::string(body.substr(at + 10)).c_str(), nullptr);
  };
  const std::function<double()> cpu[2] = {own_cpu_seconds, [&server] { return process_cpu_seconds(server.pid()); }};
  const std::function<void(std::size_t, std::size_t)> modes[2] = {in_process, over_http};
  // Warm both (page cache, Searchers' open partitions, the server's Searchers).
  for (int mode = 0; mode < 2; ++mode) measure(2, 1, queries.size(), modes[mode], cpu[mode]);
  std::printf("| clients | mode | qps | p50 (µs) | p99 (µs) | CPU per query (µs) |\n|---:|---|---:|---:|---:|---:|\n");
  for (std::size_t threads : {1, 2}) {
    std::vector<double> qps[2], p50[2], p99[2], cpu_us[2];
    for (int round = 0; round < o.rounds; ++round) {
      for (int mode = 0; mode < 2; ++mode) {
        const Figures f = measure(threads, o.seconds, queries.size(), modes[mode], cpu[mode]);
        qps[mode].push_back(f.qps);
        p50[mode].push_back(f.p50_us);
        p99[mode].push_back(f.p99_us);
        cpu_us[mode].push_back(f.cpu_us);
      }
    }
    for (int mode = 0; mode < 2; ++mode) {
      std::printf("| %zu | %s | %.0f | %.0f | %.0f | %.0f |\n", threads, mode == 0 ? "in process" : "HTTP (server's CPU)",
                  median(qps[mode]), median(p50[mode]), median(p99[mode]), median(cpu_us[mode]));
    }
    std::printf("| %zu | HTTP adds | | %.0f | | %.0f |\n", threads, median(p50[1]) - median(p50[0]),
                median(cpu_us[1]) - median(cpu_us[0]));
  }
  // The same question asked query by query: each query in process and over HTTP back to back.
  std::printf("\n| clients | pairs | in process p50 (µs) | HTTP p50 (µs) | server's handler p50 (µs) | HTTP adds, median of the pairs (µs) |\n"
              "|---:|---:|---:|---:|---:|---:|\n");
  for (std::size_t threads : {1, 2}) {
    std::vector<double> added, local, http, handler;
    std::size_t pairs = 0;
    for (int round = 0; round < o.rounds; ++round) {
      const Paired p = measure_pairs(threads, 2 * o.seconds, queries.size(), in_process, over_http_took);
      added.push_back(p.median_added_us);
      local.push_back(p.in_process_p50_us);
      http.push_back(p.http_p50_us);
      handler.push_back(p.handler_p50_us);
      pairs += p.pairs;
    }
    std::printf("| %zu | %zu | %.0f | %.0f | %.0f | %.0f |\n", threads, pairs, median(local), median(http), median(handler),
                median(added));
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "faqsearch_serve_bench: %s\n", e.what());
  return 1;
}
