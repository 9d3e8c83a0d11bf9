// A xapian-tcpsrv (Debian's xapian-tools: Xapian's remote-backend server) serving databases to a
// test on loopback, for the remote-shard tests (docs/cluster.md). Started on a free port, waited
// for until it listens, and killed with every process it forked when the object goes.
#pragma once

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "loopback_server.h"

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
      : server_("xapian-tcpsrv", [&](unsigned port) { return command_line(port, databases, options); }) {}

  [[nodiscard]] unsigned port() const { return server_.port(); }

  /// The served databases as a remote Xapian::Database (timeouts in ms, as Xapian takes them).
  [[nodiscard]] Xapian::Database open(unsigned timeout_ms = 10000) const { return open_at(port(), timeout_ms); }

  /// A remote database at 127.0.0.1:`port` (whether a server listens there or not).
  static Xapian::Database open_at(unsigned port, unsigned timeout_ms = 10000) {
    return Xapian::Remote::open("127.0.0.1", port, timeout_ms, timeout_ms);
  }

  /// Whether the server process has exited (a --one-shot server after its connection), waiting
  /// for that up to `patience`.
  bool exited_within(std::chrono::milliseconds patience) { return server_.exited_within(patience); }

  /// Kills the server and every connection process it forked (its process group), and reaps
  /// them all.
  void stop() { server_.stop(); }

  /// Starts the server again on the same port after stop(): a machine that came back.
  void restart() { server_.restart(); }

  /// Stops (SIGSTOP) or continues (SIGCONT) the server and its connection processes: a server
  /// that accepted a connection and does not answer, as a stalled machine.
  void pause() const { server_.pause(); }
  void resume() const { server_.resume(); }

  /// What the server wrote (stdout and stderr), for failure messages.
  [[nodiscard]] std::string output() const { return server_.output(); }

 private:
  static std::vector<std::string> command_line(unsigned port, const std::vector<std::filesystem::path>& databases,
                                               const RemoteServerOptions& options) {
    std::vector<std::string> args = {FAQSEARCH_XAPIAN_TCPSRV, "--port", std::to_string(port), "--interface", "127.0.0.1"};
    if (options.one_shot) args.emplace_back("--one-shot");
    if (options.timeout_ms != 0) {
      args.emplace_back("--timeout");
      args.push_back(std::to_string(options.timeout_ms));
    }
    for (const auto& db : databases) args.push_back(db.string());
    return args;
  }

  LoopbackServer server_;
};

}  // namespace faqsearch::testing
