// A server process (xapian-tcpsrv, xapian-replicate-server) listening for a test on a free
// loopback port, and a command run to its end: the process handling of the remote-shard and
// replica tests (docs/cluster.md). A server is waited for until it listens and is killed with
// every process it forked; nothing is left running or unreaped.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

namespace faqsearch::testing {

/// A loopback port nobody listens on now (the kernel's pick).
inline unsigned free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // the kernel picks a free one
  socklen_t len = sizeof addr;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("no free loopback port");
  return ntohs(addr.sin_port);
}

/// Whether something listens on 127.0.0.1:`port` (state 0A in /proc/net/tcp), read without
/// connecting: a probe connection would be the one connection of a --one-shot server.
inline bool listening_on_loopback(unsigned port) {
  std::ifstream tcp("/proc/net/tcp");
  // The kernel prints the address as the hex of its network-order bytes read as a native int.
  char wanted[32];
  std::snprintf(wanted, sizeof wanted, "%08X:%04X", static_cast<unsigned>(htonl(INADDR_LOOPBACK)), port);
  std::string line;
  std::getline(tcp, line);  // the header
  while (std::getline(tcp, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state;
    fields >> slot >> local >> remote >> state;
    if (local == wanted && state == "0A") return true;
  }
  return false;
}

/// Starts `args` (argv[0] a path) in a process group of its own, stdout and stderr appended to
/// `log`. Returns its pid.
inline pid_t spawn_in_own_group(std::vector<std::string> args, const std::filesystem::path& log) {
  const std::string log_path = log.string();
  std::vector<char*> argv;  // made before the fork: the child only makes system calls
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // Processes orphaned below the child (a server's connection processes) come back to this
  // process rather than to PID 1, which in a container may never reap them.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork() failed");
  if (pid == 0) {
    ::setpgid(0, 0);  // its own group: killing the group kills what it forked too
    // Plain system calls between fork and exec: another thread of the test may have held a
    // stdio lock at the fork (and stdio would write this process's buffered output again).
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0 || ::dup2(fd, STDOUT_FILENO) < 0 || ::dup2(fd, STDERR_FILENO) < 0) ::_exit(126);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here, so that the group exists whoever runs first
  return pid;
}

/// Kills the process group `pid` leads and reaps the leader and every member left.
inline void kill_group_and_reap(pid_t pid) {
  ::kill(-pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  // Members killed with their leader are orphans: as a subreaper this process inherited them.
  while (::waitpid(-pid, nullptr, 0) > 0) {
  }
}

/// The whole text of `file` ("" if missing).
inline std::string text_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// One server process listening on 127.0.0.1: `command(port)` is its command line for a port.
/// Not thread-safe.
class LoopbackServer {
 public:
  using CommandLine = std::function<std::vector<std::string>(unsigned port)>;

  LoopbackServer(const std::string& name, const CommandLine& command) {
    // A free port found now can be taken by another process before the server binds it: the
    // server then exits at once, and another port is tried.
    constexpr int kAttempts = 5;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
      port_ = free_loopback_port();
      command_line_ = command(port_);
      pid_ = spawn_in_own_group(command_line_, log_.path() / "server.log");
      if (wait_until_listening()) return;
      stop();
    }
    throw std::runtime_error(name + " did not start listening; its output:\n" + output());
  }
  ~LoopbackServer() { stop(); }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  [[nodiscard]] unsigned port() const { return port_; }

  /// Whether the server process has exited (a --one-shot server after its connection), waiting
  /// for that up to `patience`.
  bool exited_within(std::chrono::milliseconds patience) {
    const auto give_up = std::chrono::steady_clock::now() + patience;
    while (pid_ > 0) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      if (std::chrono::steady_clock::now() >= give_up) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }

  /// Kills the server and every process it forked (its process group), and reaps them all.
  void stop() {
    if (pid_ <= 0) return;
    kill_group_and_reap(pid_);
    pid_ = -1;
  }

  /// Starts the server again, with the same command line and port, after stop(): a machine that
  /// came back.
  void restart() {
    stop();
    pid_ = spawn_in_own_group(command_line_, log_.path() / "server.log");
    if (!wait_until_listening()) throw std::runtime_error("the server did not listen again; its output:\n" + output());
  }

  /// Stops (SIGSTOP) or continues (SIGCONT) the server and the processes it forked: a server
  /// that accepted a connection and does not answer, as a stalled machine.
  void pause() const { ::kill(-pid_, SIGSTOP); }
  void resume() const { ::kill(-pid_, SIGCONT); }

  /// What the server wrote (stdout and stderr), for failure messages.
  [[nodiscard]] std::string output() const { return text_of(log_.path() / "server.log"); }

 private:
  /// Whether the server listens on its port. False if it exited.
  bool wait_until_listening() {
    // A bound, not a timing: the server listens within milliseconds unless something is wrong.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < give_up) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      if (listening_on_loopback(port_)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }

  ScratchDir log_;
  unsigned port_ = 0;
  std::vector<std::string> command_line_;
  pid_t pid_ = -1;
};

/// How a command run to its end ended.
struct CommandResult {
  int exit_code = -1;  ///< its exit status, or -1 if a signal ended it
  std::string output;  ///< stdout and stderr
};

/// Runs `args` (argv[0] a path) to its end, in a process group of its own. A command still
/// running after `patience` is killed with its group and reported as a runtime_error: a bound
/// against hanging the test, not a timing.
inline CommandResult run_to_end(const std::vector<std::string>& args, std::chrono::seconds patience = std::chrono::seconds(120)) {
  const ScratchDir log;
  const pid_t pid = spawn_in_own_group(args, log.path() / "command.log");
  const auto give_up = std::chrono::steady_clock::now() + patience;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) != pid) {
    if (std::chrono::steady_clock::now() >= give_up) {
      kill_group_and_reap(pid);
      throw std::runtime_error(args.front() + " still ran after " + std::to_string(patience.count()) + " s; its output:\n" +
                               text_of(log.path() / "command.log"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  while (::waitpid(-pid, nullptr, WNOHANG) > 0) {  // anything it forked and left, now ours
  }
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text_of(log.path() / "command.log")};
}

}  // namespace faqsearch::testing
