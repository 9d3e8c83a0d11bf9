// The peer benchmark's options (faqsearch_peerbench's command line): the parent's, and what it
// passes to each child phase it runs (peer_phases.h).
#pragma once

#include <cstddef>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "peers/engine.h"

namespace faqsearch::bench {

/// What faqsearch_peerbench was asked for; parse_args in peer_bench_main.cpp fills it.
struct PeerBenchOptions {
  std::size_t size = 10000;
  std::size_t queries = 1000;
  std::size_t passes = 3;
  std::size_t rounds = 3;
  std::size_t updates = 50;
  std::size_t batch = 1500;  // the CLI's default (tools/cli/index_command.cpp says why)
  std::size_t dict_words = 0;
  std::string hunspell_dir = "/usr/share/hunspell";
  std::vector<std::string> engines = faqsearch::bench::peers::engine_names();
  std::filesystem::path out;
  std::filesystem::path work;
  // Child mode.
  std::string engine;
  std::string phase;
  std::filesystem::path result;
  // Validation mode.
  std::filesystem::path validate;
};

/// The non-empty parts of `s` between `sep`s: the command line's engine list, a query's words.
inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace faqsearch::bench
