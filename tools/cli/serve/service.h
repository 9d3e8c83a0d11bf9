// `faqsearch serve`: search over HTTP/JSON and the instant-search page.
#pragma once

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "cli/serve/access.h"
#include "cli/serve/searcher_pool.h"
#include "cli/serve/socket_server.h"
#include "faqsearch/query_log.h"

namespace faqsearch::cli::serve {

/// How the service runs. Plain data.
struct ServeOptions {
  std::filesystem::path db;
  std::string host = "127.0.0.1";
  int port = 7700;  ///< 0: any free port (the one chosen is printed)
  /// Searchers, so searches at once; connections are served by more threads that wait for one.
  std::size_t threads = 2;
  std::filesystem::path admin_key_file;
  std::filesystem::path search_key_file;
  std::string cors_origin;  ///< empty: no CORS headers
  std::size_t max_body_bytes = std::size_t{1} << 20;
  /// Largest POST /sync body: an export of a whole help center, so apart from the other bodies.
  std::size_t max_sync_body_bytes = std::size_t{64} << 20;
  /// Longest a client may take to send a request or read an answer, and how long an idle
  /// keep-alive connection holds a worker.
  std::chrono::milliseconds io_timeout{5000};
  /// Where every search answered is logged (--log), or null: no log. Shared by the threads.
  std::shared_ptr<QueryLog> query_log;
  /// What the Searchers may load (--no-spelling-dictionaries), shared by them.
  ResourceOptions resources;
};

/// The HTTP service. Thread-safety: run() on one thread; stop() from any thread.
class Service {
 public:
  /// Opens the index (a Searcher per thread) and reads the key files. Throws as Searcher and
  /// AccessPolicy do.
  explicit Service(ServeOptions options);

  /// Binds and answers requests until stop(). Returns the port bound via `on_listening` before
  /// the first request. Throws Error if it cannot bind.
  void run(const std::function<void(int port)>& on_listening);

  /// Stops accepting connections; requests in flight finish, then run() returns.
  void stop() { server_.stop(); }

 private:
  void add_routes();
  void add_page_routes();
  void handle_search(const httplib::Request& request, httplib::Response& response, const Grant& grant);
  void handle_get_article(const httplib::Request& request, httplib::Response& response, const Grant& grant);
  void handle_put_article(const httplib::Request& request, httplib::Response& response);
  void handle_delete_article(const httplib::Request& request, httplib::Response& response);
  void handle_sync(const httplib::Request& request, httplib::Response& response);
  /// Refuses (413) a body longer than its route allows before it is read, from its Content-Length.
  httplib::Server::HandlerResponse refuse_long_body(const httplib::Request& request, httplib::Response& response) const;
  /// The same for a body already read (chunked: no length to refuse it by); true if refused.
  bool refuse_read_body(const httplib::Request& request, httplib::Response& response) const;
  [[nodiscard]] std::size_t body_limit(const httplib::Request& request) const;
  void handle_stats(httplib::Response& response, const Grant& grant);
  void handle_suggest(const httplib::Request& request, httplib::Response& response, const Grant& grant);
  void handle_related(const httplib::Request& request, httplib::Response& response, const Grant& grant);
  /// Runs `body` for a read, after checking the key: 401/403 otherwise; errors become JSON.
  void read_route(const httplib::Request& request, httplib::Response& response,
                  const std::function<void(const Grant&)>& body);
  /// Runs `body` for a write (PUT/DELETE /articles, POST /sync: one at a time, on one writer), after
  /// checking the admin key.
  void write_route(const httplib::Request& request, httplib::Response& response, const std::function<void()>& body);

  ServeOptions options_;
  AccessPolicy access_;
  SearcherPool searchers_;
  std::mutex writer_mutex_;  // one IndexWriter at a time (the index allows one anyway)
  SocketServer server_;
};

}  // namespace faqsearch::cli::serve
