// faqsearch serve: the HTTP service, its options, and shutting it down on SIGTERM/SIGINT.
#include <signal.h>

#include <fmt/format.h>

#include <atomic>
#include <ctime>
#include <iostream>
#include <thread>

#include "cli/cli_common.h"
#include "cli/serve/service.h"
#include "faqsearch/error.h"

namespace faqsearch::cli {
namespace {

/// "HOST:PORT" (or "[v6]:PORT") into the options.
void parse_listen(const std::string& listen, serve::ServeOptions& o) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size()) {
    throw InvalidArgument(fmt::format("serve: --listen: expected HOST:PORT, got {}", listen));
  }
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) port = -1;
  } catch (const std::exception&) {
  }
  if (host.empty() || port < 0 || port > 65535) {
    throw InvalidArgument(fmt::format("serve: --listen: expected HOST:PORT (port 0-65535), got {}", listen));
  }
  o.host = host;
  o.port = port;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

/// Waits for SIGTERM or SIGINT on its own thread (they are blocked everywhere else, so no
/// handler runs at an arbitrary point) and stops the service: it stops accepting, lets the
/// requests in flight finish, and run() returns. Asking again until run() returned covers a
/// signal that came before the service was listening.
class ShutdownOnSignal {
 public:
  explicit ShutdownOnSignal(serve::Service& service) : thread_([this, &service] { wait(service); }) {}
  ~ShutdownOnSignal() {
    finished_ = true;
    thread_.join();
  }
  ShutdownOnSignal(const ShutdownOnSignal&) = delete;
  ShutdownOnSignal& operator=(const ShutdownOnSignal&) = delete;

  /// Blocks the signals in the calling thread and the threads it starts afterwards.
  static void block_signals() {
    sigset_t set = signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
  }

 private:
  static sigset_t signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
  }

  void wait(serve::Service& service) {
    const sigset_t set = signals();
    const timespec poll{0, 100'000'000};
    bool stopping = false;
    while (!finished_) {
      if (!stopping && sigtimedwait(&set, nullptr, &poll) > 0) {
        stopping = true;
        std::cerr << "faqsearch serve: stopping (requests in flight finish)\n";
      }
      if (stopping) {
        service.stop();
        nanosleep(&poll, nullptr);
      }
    }
  }

  std::atomic<bool> finished_{false};
  std::thread thread_;
};

void run_serve(serve::ServeOptions options, const std::string& listen) {
  parse_listen(listen, options);
  ShutdownOnSignal::block_signals();
  serve::Service service(options);
  ShutdownOnSignal shutdown(service);
  const bool open_reads = options.search_key_file.empty();
  service.run([&](int port) {
    // The first line says where: a script starting the service on port 0 reads it.
    std::cout << fmt::format("faqsearch serve: listening on http://{}:{}/", printable(options.host), port) << std::endl;
    if (!is_loopback(options.host) && open_reads) {
      std::cerr << "faqsearch serve: warning: reachable from the network with no --search-key-file: anyone may "
                   "search the public articles\n";
    }
  });
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto options = std::make_shared<serve::ServeOptions>();
  auto log_file = std::make_shared<std::string>();
  auto listen = std::make_shared<std::string>("127.0.0.1:7700");
  auto timeout_ms = std::make_shared<std::size_t>(5000);
  auto no_spelling = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("serve", "Serve search over HTTP/JSON and an instant-search page at /");
  cmd->add_option("--db", options->db, "Index directory, or cluster file (docs/cluster.md)")->required()->check(CLI::ExistingPath);
  cmd->add_option("--listen", *listen, "HOST:PORT to listen on (port 0: any free port)")->capture_default_str();
  cmd->add_option("--threads", options->threads, "Searches at once, each on its own searcher (connections get 4 threads per searcher)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--admin-key-file", options->admin_key_file,
                  "File holding the admin key: PUT/DELETE /articles and POST /sync need it (without it: no writes)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--search-key-file", options->search_key_file,
                  "File of search keys, one a line: KEY [audience,audience] (default audience: public); "
                  "with it reads need a key, without it anyone reads the public audience")
      ->check(CLI::ExistingFile);
  cmd->add_option("--cors", options->cors_origin, "Origin allowed to call the service from a browser (or *)");
  cmd->add_option("--max-body-bytes", options->max_body_bytes, "Largest request body (413 above)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
      ->capture_default_str();
  cmd->add_option("--max-sync-body-bytes", options->max_sync_body_bytes, "Largest POST /sync body, an export (413 above)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 34))
      ->capture_default_str();
  cmd->add_option("--timeout-ms", *timeout_ms,
                  "Longest a client may take to send a request or read the answer; idle keep-alive connections "
                  "close after it")
      ->check(CLI::Range(100, 600000))
      ->capture_default_str();
  cmd->add_option("--log", *log_file, kQueryLogHelp);
  cmd->add_flag("--no-spelling-dictionaries", *no_spelling,
                "Do not load the Hunspell dictionaries did-you-mean checks unknown words with (1.5-60 MB a language)");
  cmd->callback([options, listen, timeout_ms, log_file, no_spelling] {
    options->io_timeout = std::chrono::milliseconds(*timeout_ms);
    options->resources.spelling_dictionaries = !*no_spelling;
    if (!log_file->empty()) options->query_log = open_query_log(*log_file);
    run_serve(*options, *listen);
  });
}

}  // namespace faqsearch::cli
