// faqsearch_peerbench: faqsearch side by side with raw Xapian, SQLite FTS5 and Lucene++ on the
// same generated help center and the same queries (issue #4). See README.md for every figure.
//
//   faqsearch_peerbench [--size N] [--out FILE] [--engines faqsearch,xapian,fts5,lucenepp]
//                       [--queries Q] [--passes P] [--rounds R] [--updates U] [--batch B]
//                       [--hunspell-dir DIR] [--dict-words W] [--work DIR]
//   faqsearch_peerbench --validate FILE      checks a result file's shape (exit 1 if wrong)
//
// The parent generates the corpus once (articles.jsonl, queries.jsonl in a work directory), then
// runs every engine phase in a child process of its own (fork + exec of this binary with
// --engine E --phase index|query|update), so that peak RSS (VmHWM) is the engine's alone and no
// engine warms another's caches inside the process. Children stream the articles from the file,
// so the corpus is never held in the indexer's memory. Results go to FILE as JSON and to stdout
// as a Markdown table with ratios to faqsearch.
//
// This file is the command line and the parent; the child phases are in peer_phases.cpp, the
// result file's shape, medians and table in peer_results.cpp.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "corpus_generator.h"
#include "peer_options.h"
#include "peer_phases.h"
#include "peer_results.h"
#include "peers/engine.h"

namespace {

using faqsearch::bench::check_shape;
using Options = faqsearch::bench::PeerBenchOptions;
using faqsearch::bench::median_of_rounds;
using faqsearch::bench::print_table;
using faqsearch::bench::run_child;
using faqsearch::bench::split;

namespace fs = std::filesystem;
using faqsearch::Article;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

[[noreturn]] void usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--size N] [--out FILE] [--engines a,b,...] [--queries Q] [--passes P] [--rounds R]\n"
               "          [--updates U] [--batch B] [--hunspell-dir DIR] [--dict-words W] [--work DIR]\n"
               "       %s --validate FILE\n",
               argv0, argv0);
  std::exit(2);
}

Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(argv[0]);
      return argv[++i];
    };
    auto number = [&]() -> std::size_t {
      const std::string v = value();
      char* end = nullptr;
      const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0') usage(argv[0]);
      return static_cast<std::size_t>(n);
    };
    if (arg == "--size") o.size = number();
    else if (arg == "--queries") o.queries = number();
    else if (arg == "--passes") o.passes = std::max<std::size_t>(1, number());
    else if (arg == "--rounds") o.rounds = std::max<std::size_t>(1, number());
    else if (arg == "--updates") o.updates = number();
    else if (arg == "--batch") o.batch = std::max<std::size_t>(1, number());
    else if (arg == "--dict-words") o.dict_words = number();
    else if (arg == "--hunspell-dir") o.hunspell_dir = value();
    else if (arg == "--engines") o.engines = split(value(), ',');
    else if (arg == "--out") o.out = value();
    else if (arg == "--work") o.work = value();
    else if (arg == "--engine") o.engine = value();
    else if (arg == "--phase") o.phase = value();
    else if (arg == "--result") o.result = value();
    else if (arg == "--validate") o.validate = value();
    else usage(argv[0]);
  }
  for (const auto& e : o.engines) {
    if (!faqsearch::bench::peers::make_engine(e)) {
      std::fprintf(stderr, "unknown engine %s\n", e.c_str());
      std::exit(2);
    }
  }
  return o;
}

void generate(const Options& o) {
  using namespace faqsearch::bench;
  const auto start = Clock::now();
  Vocabulary base = collect_vocabulary(fs::path(FAQSEARCH_SOURCE_DIR) / "corpus" / "articles", default_languages());
  HunspellOptions h;
  h.directory = o.hunspell_dir;
  h.max_words_per_language = o.dict_words;
  Vocabulary vocab = with_hunspell_words(base, h);
  // Every article public: one partition per language in faqsearch, no audience filter anywhere.
  vocab.audiences = {{faqsearch::kPublicAudience, 1}};
  for (const auto& lv : vocab.languages) {
    std::fprintf(stderr, "[generate] %-8s %7zu words (%zu from the sample help center)\n", lv.lang.c_str(),
                 lv.words.size(), base.find(lv.lang)->words.size());
  }
  GeneratorOptions g;
  g.vocabulary = std::make_shared<const Vocabulary>(std::move(vocab));
  g.articles = o.size;
  g.queries = o.queries;
  const std::vector<Article> articles = generate_articles(g);
  std::set<std::string> langs;
  std::map<std::string, std::size_t> per_lang;
  std::uint64_t text_bytes = 0;
  for (const auto& a : articles) {
    langs.insert(a.lang);
    ++per_lang[a.lang];
    text_bytes += a.title.size() + a.body.size();
  }
  std::vector<GeneratedQuery> queries;
  for (auto& q : generate_queries(g)) {
    if (langs.count(q.lang)) queries.push_back(std::move(q));
  }
  {
    std::ofstream out(o.work / "articles.jsonl", std::ios::binary);
    write_jsonl(out, articles);
    if (!out) throw std::runtime_error("cannot write articles.jsonl");
  }
  {
    std::ofstream out(o.work / "queries.jsonl", std::ios::binary);
    write_jsonl(out, queries);
    if (!out) throw std::runtime_error("cannot write queries.jsonl");
  }
  std::string mix;
  for (const auto& [lang, n] : per_lang) mix += " " + lang + "=" + std::to_string(n);
  std::fprintf(stderr, "[generate] %zu articles (%.1f MB of text;%s), %zu queries in %.1f s\n", articles.size(),
               static_cast<double>(text_bytes) / 1e6, mix.c_str(), queries.size(),
               std::chrono::duration<double>(Clock::now() - start).count());
}

// --- Parent ------------------------------------------------------------------------------------

/// Runs this binary as `--engine engine --phase phase` and returns its result.
json run_phase(const Options& o, const std::string& engine, const std::string& phase) {
  const fs::path result = o.work / (engine + "-" + phase + ".json");
  fs::remove(result);
  std::vector<std::string> args = {"/proc/self/exe",  "--engine", engine, "--phase", phase,
                                   "--work",          o.work.string(),  "--result", result.string(),
                                   "--size",          std::to_string(o.size),
                                   "--passes",        std::to_string(o.passes),
                                   "--updates",       std::to_string(o.updates),
                                   "--batch",         std::to_string(o.batch)};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::execv("/proc/self/exe", argv.data());
    std::perror("execv");
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(engine + " " + phase + " phase failed (status " + std::to_string(status) + ")");
  }
  std::ifstream in(result);
  return json::parse(in);
}

fs::path make_work_dir() {
  std::string pattern = (fs::temp_directory_path() / "faqsearch-peerbench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
  return pattern;
}

int run_parent(Options o) {
  const bool own_work = o.work.empty();
  if (own_work) o.work = make_work_dir();
  fs::create_directories(o.work);
  if (o.out.empty()) o.out = "bench-" + std::to_string(o.size) + ".json";
  int rc = 0;
  try {
    generate(o);
    json results = {{"size", o.size}, {"engines", json::object()}};
    std::size_t queries = 0;
    const auto timed_phase = [&](const std::string& engine, const char* phase) {
      std::fprintf(stderr, "[%s] %s phase...\n", engine.c_str(), phase);
      const auto start = Clock::now();
      json r = run_phase(o, engine, phase);
      std::fprintf(stderr, "[%s] %s phase done in %.1f s\n", engine.c_str(), phase,
                   std::chrono::duration<double>(Clock::now() - start).count());
      return r;
    };
    // Every index first; then the query phases in rounds, the engines in turn (each round starting
    // one engine later), and each query figure the median of its rounds. A shared machine's slow
    // minutes then fall on every engine alike rather than on whichever ran during them: one
    // 100k run measured faqsearch's p50 at 533 µs in its slot and 342-373 µs minutes later.
    std::map<std::string, json> figures;
    for (const auto& engine : o.engines) figures[engine] = timed_phase(engine, "index");
    std::map<std::string, std::vector<json>> query_rounds;
    for (std::size_t round = 0; round < o.rounds; ++round) {
      for (std::size_t k = 0; k < o.engines.size(); ++k) {
        const std::string& engine = o.engines[(round + k) % o.engines.size()];
        query_rounds[engine].push_back(timed_phase(engine, "query"));
      }
    }
    for (const auto& engine : o.engines) {
      json& e = figures[engine];
      e.update(median_of_rounds(query_rounds[engine]));
      e.update(timed_phase(engine, "update"));
      queries = e.value("queries", std::size_t{0});
      e.erase("queries");
      results["engines"][engine] = e;
      fs::remove_all(o.work / ("index-" + engine));
    }
    results["queries"] = queries;
    results["passes"] = o.passes;
    results["rounds"] = o.rounds;
    results["batch"] = o.batch;
    {
      std::ofstream out(o.out, std::ios::binary);
      out << results.dump(2) << '\n';
      if (!out) throw std::runtime_error("cannot write " + o.out.string());
    }
    print_table(results, std::cout);
    const std::string problem = check_shape(results);
    if (!problem.empty()) {
      std::fprintf(stderr, "result has the wrong shape: %s\n", problem.c_str());
      rc = 1;
    }
    std::fprintf(stderr, "results written to %s\n", o.out.c_str());
  } catch (...) {
    if (own_work) fs::remove_all(o.work);
    throw;
  }
  if (own_work) fs::remove_all(o.work);
  return rc;
}

int run_validate(const fs::path& file) {
  std::ifstream in(file);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    return 1;
  }
  const json results = json::parse(in, nullptr, /*allow_exceptions=*/false);
  std::string problem = results.is_discarded() ? "not JSON" : check_shape(results);
  if (problem.empty()) {
    for (const auto& n : faqsearch::bench::peers::engine_names()) {
      if (!results["engines"].contains(n)) problem = "no engine " + n;
    }
  }
  if (!problem.empty()) {
    std::fprintf(stderr, "%s: %s\n", file.c_str(), problem.c_str());
    return 1;
  }
  std::printf("%s: valid (%zu engines)\n", file.c_str(), results["engines"].size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse_args(argc, argv);
    if (!o.validate.empty()) return run_validate(o.validate);
    if (!o.engine.empty()) return run_child(o);
    return run_parent(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "faqsearch_peerbench: %s\n", e.what());
    return 1;
  }
}
