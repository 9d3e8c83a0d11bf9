// A xapian-tcpsrv (Debian's xapian-tools: Xapian's remote-backend server) serving databases to a
// test on loopback, for the remote-shard tests (docs/cluster.md). Started on a free port, waited
// for until it listens, and killed with every process it forked when the object goes.
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

namespace faqsearch::testing {

/// How a RemoteServer serves.
struct RemoteServerOptions {
  /// --one-shot: serve one connection, then exit.
  bool one_shot = false;
  /// --timeout (ms) for idle and active connections; 0 keeps xapian-tcpsrv's defaults.
  unsigned timeout_ms = 0;
};

/// One xapian-tcpsrv process over `databases` (served combined as one database, as Xapian
/// combines several directories), listening on 127.0.0.1 only. Not thread-safe.
class RemoteServer {
 public:
  explicit RemoteServer(std::vector<std::filesystem::path> databases, RemoteServerOptions options = {})
      : databases_(std::move(databases)), options_(options) {
    // A free port found now can be taken by another process before the server binds it: the
    // server then exits at once, and another port is tried.
    constexpr int kAttempts = 5;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
      port_ = free_loopback_port();
      start();
      if (wait_until_listening()) return;
      stop();
    }
    throw std::runtime_error("xapian-tcpsrv did not start listening; its output:\n" + output());
  }
  ~RemoteServer() { stop(); }
  RemoteServer(const RemoteServer&) = delete;
  RemoteServer& operator=(const RemoteServer&) = delete;

  [[nodiscard]] unsigned port() const { return port_; }

  /// The served databases as a remote Xapian::Database (timeouts in ms, as Xapian takes them).
  [[nodiscard]] Xapian::Database open(unsigned timeout_ms = 10000) const { return open_at(port_, timeout_ms); }

  /// A remote database at 127.0.0.1:`port` (whether a server listens there or not).
  static Xapian::Database open_at(unsigned port, unsigned timeout_ms = 10000) {
    return Xapian::Remote::open("127.0.0.1", port, timeout_ms, timeout_ms);
  }

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

  /// Kills the server and every connection process it forked (its process group), and reaps
  /// them all.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    // Connection processes killed with their server are orphans: as a subreaper (start()) this
    // process inherits them, and reaps them here, so that none is left a zombie.
    while (::waitpid(-pid_, nullptr, 0) > 0) {
    }
    pid_ = -1;
  }

  /// Starts the server again on the same port after stop(): a machine that came back.
  void restart() {
    stop();
    start();
    if (!wait_until_listening()) throw std::runtime_error("xapian-tcpsrv did not listen again; its output:\n" + output());
  }

  /// Stops (SIGSTOP) or continues (SIGCONT) the server and its connection processes: a server
  /// that accepted a connection and does not answer, as a stalled machine.
  void pause() const { ::kill(-pid_, SIGSTOP); }
  void resume() const { ::kill(-pid_, SIGCONT); }

  /// What the server wrote (stdout and stderr), for failure messages.
  [[nodiscard]] std::string output() const {
    std::ifstream in(log_.path() / "tcpsrv.log");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  static unsigned free_loopback_port() {
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

  void start() {
    std::vector<std::string> args = {FAQSEARCH_XAPIAN_TCPSRV, "--port", std::to_string(port_), "--interface", "127.0.0.1"};
    if (options_.one_shot) args.emplace_back("--one-shot");
    if (options_.timeout_ms != 0) {
      args.emplace_back("--timeout");
      args.push_back(std::to_string(options_.timeout_ms));
    }
    for (const auto& db : databases_) args.push_back(db.string());
    const std::string log = (log_.path() / "tcpsrv.log").string();
    // Orphaned connection processes come back to this process rather than to PID 1, which in a
    // container may never reap them (stop()).
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork() failed");
    if (pid_ == 0) {
      ::setpgid(0, 0);  // its own group: stop() kills the connection processes it forks too
      if (std::freopen(log.c_str(), "a", stdout) == nullptr) ::_exit(126);
      ::dup2(STDOUT_FILENO, STDERR_FILENO);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::setpgid(pid_, pid_);  // also here, so that stop() finds the group whoever runs first
  }

  /// Whether the server listens on its port (read from /proc/net/tcp rather than by connecting:
  /// a probe connection would be the one connection of a --one-shot server). False if it exited.
  bool wait_until_listening() {
    // A bound, not a timing: the server listens within milliseconds unless something is wrong.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < give_up) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      if (listening(port_)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }

  /// Whether something listens on 127.0.0.1:`port` (state 0A in /proc/net/tcp).
  static bool listening(unsigned port) {
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

  std::vector<std::filesystem::path> databases_;
  RemoteServerOptions options_;
  ScratchDir log_;
  unsigned port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace faqsearch::testing
