// A minimal HTTP/1.1 keep-alive client for timing `faqsearch serve`: one connection, each
// request written with one send(), each answer read with blocking recv()s until its
// Content-Length is in. httplib's client (0.11) polls before every read and reads the headers
// in small pieces, which puts the client's own system calls into what is meant to be the
// server's share of a request; a store backend's HTTP client pooling connections does what this
// one does.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace faqsearch::bench {

/// Not thread-safe: one client per thread.
class KeepAliveClient {
 public:
  /// Connects to 127.0.0.1:`port` (TCP_NODELAY), and again when the server has closed an idle
  /// connection. Throws std::runtime_error if it cannot.
  explicit KeepAliveClient(int port);
  ~KeepAliveClient();
  KeepAliveClient(const KeepAliveClient&) = delete;
  KeepAliveClient& operator=(const KeepAliveClient&) = delete;

  /// GET `target` (path and query, already URL-encoded); the answer's status code. Its body is
  /// body() until the next request. Throws std::runtime_error if the connection fails or the
  /// answer is not HTTP/1.1 with a Content-Length (faqsearch serve always sends one).
  int get(std::string_view target);
  [[nodiscard]] std::string_view body() const { return body_; }

 private:
  /// (Re)opens the connection.
  void connect();
  /// Sends request_ and reads the answer; false if the connection was closed before any of it.
  bool exchange();
  /// Reads more bytes into buffer_; false when the server closed the connection.
  bool receive();

  int port_;
  int socket_ = -1;
  int status_ = 0;
  std::string request_;
  std::string buffer_;  // bytes received: the answer being read, then the next one's start
  std::string_view body_;
  std::size_t answer_end_ = 0;  // where in buffer_ the last answer ends
};

}  // namespace faqsearch::bench
