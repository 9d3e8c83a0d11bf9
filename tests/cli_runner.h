// Running the faqsearch binary from tests.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "test_support.h"

namespace faqsearch::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Runs `faqsearch ARGS...` (each argument quoted), capturing exit code, stdout and stderr.
inline CliResult run_cli(const std::vector<std::string>& args) {
  ScratchDir io;
  // A hang is a failure, not a stuck suite: coreutils' timeout ends it (exit code 124).
  std::string command = "timeout -k 5 300 " + shell_quote(FAQSEARCH_CLI);
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " </dev/null >" + shell_quote((io.path() / "out").string()) + " 2>" + shell_quote((io.path() / "err").string());
  const int status = std::system(command.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(io.path() / "out");
  r.err = slurp(io.path() / "err");
  return r;
}

}  // namespace faqsearch::testing
