#include "cli/serve/service.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/serve/http_json.h"
#include "cli/serve/page_assets.h"
#include "faqsearch/error.h"

namespace faqsearch::cli::serve {

namespace {

/// The key a request carries: "Authorization: Bearer KEY" or "X-Faqsearch-Key: KEY" (never a
/// URL parameter, which would end up in access logs and browser history).
std::string request_key(const httplib::Request& request) {
  const std::string authorization = request.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.compare(0, kBearer.size(), kBearer) == 0) return authorization.substr(kBearer.size());
  return request.get_header_value("X-Faqsearch-Key");
}

/// The page may only run its own script and style: a highlight or title that slipped through
/// unescaped still could not run code or load anything.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Threads serving connections per Searcher (see Service::Service).
constexpr std::size_t kConnectionThreadsPerSearcher = 4;
/// Requests a keep-alive connection may carry before it is closed (httplib's default, 5, makes a
/// busy client reconnect every fifth request).
constexpr std::size_t kMaxRequestsPerConnection = 1000;

}  // namespace

Service::Service(ServeOptions options)
    : options_(std::move(options)),
      access_(options_.admin_key_file, options_.search_key_file),
      searchers_(options_.db, options_.threads, options_.resources) {
  if (options_.threads == 0) throw InvalidArgument("serve: --threads must be at least 1");
  // A connection holds its thread for as long as it is kept alive, idle or not, so connections
  // get more threads than there are Searchers: a browser's idle connections must not keep a
  // search waiting. Searches still run at most `threads` at a time (one per Searcher).
  const std::size_t connection_threads = kConnectionThreadsPerSearcher * options_.threads;
  server_.new_task_queue = [connection_threads] { return new httplib::ThreadPool(connection_threads); };
  server_.set_keep_alive_max_count(kMaxRequestsPerConnection);
  // httplib has one limit for every route: the larger one, and refuse_long_body() holds the
  // other routes to theirs.
  server_.set_payload_max_length(std::max(options_.max_body_bytes, options_.max_sync_body_bytes));
  server_.set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) { return refuse_long_body(request, response); });
  // An answer goes out in two writes (headers, then body): with Nagle's algorithm the body waits
  // for the client's delayed ACK, 40 ms on Linux, for every keep-alive request.
  server_.set_tcp_nodelay(true);
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options_.io_timeout);
  server_.set_read_timeout(options_.io_timeout);
  server_.set_write_timeout(options_.io_timeout);
  server_.set_keep_alive_timeout(std::max<time_t>(1, static_cast<time_t>(seconds.count())));
  if (!options_.cors_origin.empty()) {
    server_.set_default_headers({{"Access-Control-Allow-Origin", options_.cors_origin}, {"Vary", "Origin"}});
  }
  // What httplib answers by itself (404 no route, 413 body too large, 414 line too long...)
  // becomes a JSON error like the service's own.
  server_.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (response.body.empty()) reply_error(response, response.status, status_message(response.status));
  });
  server_.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    reply_error(response, kInternalError, "internal error");
  });
  add_routes();
  add_page_routes();
}

void Service::run(const std::function<void(int port)>& on_listening) {
  int port = options_.port;
  if (port == 0) {
    port = server_.bind_to_any_port(options_.host);
    if (port < 0) throw Error(fmt::format("serve: cannot listen on {}", options_.host));
  } else if (!server_.bind_to_port(options_.host, port)) {
    throw Error(fmt::format("serve: cannot listen on {}:{}", options_.host, port));
  }
  on_listening(port);
  server_.listen_after_bind();
}

httplib::Server::HandlerResponse Service::refuse_long_body(const httplib::Request& request,
                                                           httplib::Response& response) const {
  const std::size_t limit = body_limit(request);
  const std::string length = request.get_header_value("Content-Length");
  // A chunked body has no length: httplib reads it up to the larger limit, and the route checks.
  // A malformed length is httplib's to refuse.
  if (length.empty() || !std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      (length.size() < 19 && std::stoull(length) <= limit)) {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  // The body stays unread, so the connection cannot carry another request.
  reply_error(response, kPayloadTooLarge, fmt::format("request body too large: at most {} bytes", limit));
  response.set_header("Connection", "close");
  return httplib::Server::HandlerResponse::Handled;
}

std::size_t Service::body_limit(const httplib::Request& request) const {
  return request.path == "/sync" ? options_.max_sync_body_bytes : options_.max_body_bytes;
}

bool Service::refuse_read_body(const httplib::Request& request, httplib::Response& response) const {
  if (request.body.size() <= body_limit(request)) return false;
  reply_error(response, kPayloadTooLarge, fmt::format("request body too large: at most {} bytes", body_limit(request)));
  return true;
}

void Service::read_route(const httplib::Request& request, httplib::Response& response,
                         const std::function<void(const Grant&)>& body) {
  if (refuse_read_body(request, response)) return;
  Grant grant;
  switch (access_.check_read(request_key(request), grant)) {
    case KeyCheck::kMissing:
      response.set_header("WWW-Authenticate", "Bearer");
      reply_error(response, kUnauthorized, "this service needs a search key (Authorization: Bearer KEY)");
      return;
    case KeyCheck::kUnknown:
      reply_error(response, kForbidden, "unknown key");
      return;
    case KeyCheck::kGranted:
      break;
  }
  answer_errors_as_json(response, [&] { body(grant); });
}

void Service::write_route(const httplib::Request& request, httplib::Response& response,
                          const std::function<void()>& body) {
  if (refuse_read_body(request, response)) return;
  const std::string key = request_key(request);
  if (key.empty()) {
    response.set_header("WWW-Authenticate", "Bearer");
    reply_error(response, kUnauthorized, "writes need the admin key (Authorization: Bearer KEY)");
    return;
  }
  if (!access_.is_admin(key)) {
    reply_error(response, kForbidden, "writes need the admin key");
    return;
  }
  answer_errors_as_json(response, body);
}

void Service::add_routes() {
  using httplib::Request;
  using httplib::Response;
  server_.Get("/health", [](const Request&, Response& response) { reply_json(response, {{"status", "ok"}}); });
  server_.Get("/stats", [this](const Request& request, Response& response) {
    read_route(request, response, [&](const Grant& grant) { handle_stats(response, grant); });
  });
  const auto search = [this](const Request& request, Response& response) {
    read_route(request, response, [&](const Grant& grant) { handle_search(request, response, grant); });
  };
  server_.Get("/search", search);
  server_.Post("/search", search);
  server_.Get("/suggest", [this](const Request& request, Response& response) {
    read_route(request, response, [&](const Grant& grant) { handle_suggest(request, response, grant); });
  });
  server_.Get("/related", [this](const Request& request, Response& response) {
    read_route(request, response, [&](const Grant& grant) { handle_related(request, response, grant); });
  });
  const std::string article = "/articles/([^/]+)";
  server_.Get(article, [this](const Request& request, Response& response) {
    read_route(request, response, [&](const Grant& grant) { handle_get_article(request, response, grant); });
  });
  server_.Put(article, [this](const Request& request, Response& response) {
    write_route(request, response, [&] { handle_put_article(request, response); });
  });
  server_.Delete(article, [this](const Request& request, Response& response) {
    write_route(request, response, [&] { handle_delete_article(request, response); });
  });
  server_.Post("/sync", [this](const Request& request, Response& response) {
    write_route(request, response, [&] { handle_sync(request, response); });
  });
  server_.Options(".*", [this](const Request&, Response& response) {
    response.status = 204;
    if (options_.cors_origin.empty()) return;
    response.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
    response.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization, X-Faqsearch-Key");
    response.set_header("Access-Control-Max-Age", "600");
  });
}

void Service::add_page_routes() {
  const auto asset = [](std::string_view content, const char* type) {
    return [content, type](const httplib::Request&, httplib::Response& response) {
      response.set_header("Content-Security-Policy", kPagePolicy);
      response.set_header("X-Content-Type-Options", "nosniff");
      response.set_header("Cache-Control", "no-cache");
      response.set_content(content.data(), content.size(), type);
    };
  };
  server_.Get("/", asset(kPageHtml, "text/html; charset=utf-8"));
  server_.Get("/page.css", asset(kPageCss, "text/css; charset=utf-8"));
  server_.Get("/page.js", asset(kPageJs, "text/javascript; charset=utf-8"));
}

}  // namespace faqsearch::cli::serve
