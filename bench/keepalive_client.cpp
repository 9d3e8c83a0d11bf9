#include "keepalive_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace faqsearch::bench {

namespace {

/// The value of header `name` (lower case) in `headers`, or "" if absent.
std::string_view header_value(std::string_view headers, std::string_view name) {
  for (std::size_t line = headers.find("\r\n"); line != std::string_view::npos; line = headers.find("\r\n", line + 2)) {
    const std::string_view rest = headers.substr(line + 2);
    if (rest.size() <= name.size() || rest[name.size()] != ':') continue;
    if (!std::equal(name.begin(), name.end(), rest.begin(),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
      continue;
    }
    std::string_view value = rest.substr(name.size() + 1, rest.find("\r\n") - name.size() - 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    return value;
  }
  return {};
}

}  // namespace

KeepAliveClient::KeepAliveClient(int port) : port_(port) { connect(); }

void KeepAliveClient::connect() {
  if (socket_ >= 0) ::close(socket_);
  buffer_.clear();
  answer_end_ = 0;
  socket_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port_));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int on = 1;
  if (socket_ < 0 || setsockopt(socket_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0 ||
      ::connect(socket_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port_));
  }
}

KeepAliveClient::~KeepAliveClient() {
  if (socket_ >= 0) ::close(socket_);
}

bool KeepAliveClient::receive() {
  char chunk[64 * 1024];
  ssize_t n = 0;
  do {
    n = ::recv(socket_, chunk, sizeof chunk, 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

int KeepAliveClient::get(std::string_view target) {
  request_.assign("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  if (exchange()) return status_;
  // The server closes a connection left idle past its keep-alive timeout, as servers do: once
  // more on a new one, as a pooling client would.
  connect();
  if (exchange()) return status_;
  throw std::runtime_error("the server closed a new connection without answering");
}

bool KeepAliveClient::exchange() {
  buffer_.erase(0, answer_end_);  // the last answer (a server never sends one unasked)
  body_ = {};
  answer_end_ = 0;
  for (std::size_t sent = 0; sent < request_.size();) {
    const ssize_t n = ::send(socket_, request_.data() + sent, request_.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  std::size_t headers_end = 0;
  while ((headers_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!receive()) {
      if (buffer_.empty()) return false;
      throw std::runtime_error("the server closed the connection within an answer");
    }
  }
  const std::string_view headers(buffer_.data(), headers_end + 2);
  const std::string_view length = header_value(headers, "content-length");
  if (headers.substr(0, 9) != "HTTP/1.1 " || length.empty()) throw std::runtime_error("not an HTTP/1.1 answer with a length");
  const std::size_t body_size = std::strtoul(std::string(length).c_str(), nullptr, 10);
  while (buffer_.size() < headers_end + 4 + body_size) {
    if (!receive()) throw std::runtime_error("the server closed the connection within an answer");
  }
  status_ = std::atoi(buffer_.c_str() + 9);
  body_ = std::string_view(buffer_).substr(headers_end + 4, body_size);
  answer_end_ = headers_end + 4 + body_size;
  return true;
}

}  // namespace faqsearch::bench
