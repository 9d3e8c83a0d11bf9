#include "cli/serve/socket_server.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

namespace faqsearch::cli::serve {

namespace {

/// How often a connection waiting for its next request looks whether the server is stopping.
constexpr int kStopCheckMs = 100;
/// Answers are collected up to this size before being sent (a larger one goes out in parts).
constexpr std::size_t kMaxPendingWrite = 256 * 1024;

void set_timeout(int sock, int option, time_t seconds, time_t microseconds) {
  timeval tv{};
  tv.tv_sec = seconds;
  tv.tv_usec = static_cast<suseconds_t>(microseconds);
  setsockopt(sock, SOL_SOCKET, option, &tv, sizeof(tv));
}

/// "ip", port of a socket address.
void address_of(const sockaddr_storage& address, socklen_t length, std::string& ip, int& port) {
  std::array<char, NI_MAXHOST> host{};
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host.data(), host.size(), nullptr, 0,
                  NI_NUMERICHOST) == 0) {
    ip = host.data();
  }
  if (address.ss_family == AF_INET) port = ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  if (address.ss_family == AF_INET6) port = ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
}

/// One connection's socket: reads through a buffer kept across its requests, writes collected
/// and sent at once (flush()), the peer's and own addresses looked up once. Timeouts are the
/// socket's (SO_RCVTIMEO, SO_SNDTIMEO).
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int sock, int read_timeout_ms) : sock_(sock), read_timeout_ms_(read_timeout_ms) {}

  bool is_readable() const override { return buffered() > 0 || wait_readable(read_timeout_ms_); }
  bool is_writable() const override { return !broken_; }

  ssize_t read(char* out, size_t size) override {
    if (buffered() == 0) {
      // What was written must be out before waiting for the peer (e.g. "100 Continue").
      if (!flush()) return -1;
      ssize_t n = 0;
      do {
        n = ::recv(sock_, in_.data(), in_.size(), 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n < 0 ? -1 : 0;
      in_begin_ = 0;
      in_end_ = static_cast<std::size_t>(n);
    }
    const std::size_t n = std::min(size, buffered());
    std::memcpy(out, in_.data() + in_begin_, n);
    in_begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* data, size_t size) override {
    if (broken_) return -1;
    out_.append(data, size);
    if (out_.size() >= kMaxPendingWrite && !flush()) return -1;
    return static_cast<ssize_t>(size);
  }

  /// Sends what was written. False if the peer is gone or too slow (the connection is done).
  bool flush() {
    std::size_t sent = 0;
    while (!broken_ && sent < out_.size()) {
      const ssize_t n = ::send(sock_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) broken_ = true;
      else sent += static_cast<std::size_t>(n);
    }
    out_.clear();
    return !broken_;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    if (remote_port_ < 0) lookup(getpeername, remote_ip_, remote_port_);
    ip = remote_ip_;
    port = remote_port_;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    if (local_port_ < 0) lookup(getsockname, local_ip_, local_port_);
    ip = local_ip_;
    port = local_port_;
  }
  socket_t socket() const override { return sock_; }

  [[nodiscard]] std::size_t buffered() const { return in_end_ - in_begin_; }

  /// Whether the peer sent something (or closed) within `timeout_ms` (-1: no limit).
  bool wait_readable(int timeout_ms) const {
    pollfd p{sock_, POLLIN, 0};
    int n = 0;
    do {
      n = ::poll(&p, 1, timeout_ms);
    } while (n < 0 && errno == EINTR);
    return n > 0;
  }

 private:
  template <typename Lookup>
  void lookup(Lookup get_name, std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    port = 0;
    if (get_name(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) address_of(address, length, ip, port);
  }

  int sock_;
  int read_timeout_ms_;
  std::array<char, 16 * 1024> in_{};
  std::size_t in_begin_ = 0;
  std::size_t in_end_ = 0;
  std::string out_;
  bool broken_ = false;
  mutable std::string remote_ip_, local_ip_;
  mutable int remote_port_ = -1, local_port_ = -1;
};

}  // namespace

bool SocketServer::process_and_close_socket(socket_t sock) {
  set_timeout(sock, SO_RCVTIMEO, read_timeout_sec_, read_timeout_usec_);
  set_timeout(sock, SO_SNDTIMEO, write_timeout_sec_, write_timeout_usec_);
  const int on = 1;
  setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
  ConnectionStream stream(sock, static_cast<int>(read_timeout_sec_ * 1000 + read_timeout_usec_ / 1000));
  const auto next_request = [&] {
    // Waits in slices only to notice stop(): data wakes the poll at once.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
    while (svr_sock_ != INVALID_SOCKET) {
      if (stream.buffered() > 0 || stream.wait_readable(kStopCheckMs)) return true;
      if (std::chrono::steady_clock::now() >= deadline) return false;
    }
    return false;
  };
  bool ok = false;
  for (std::size_t left = keep_alive_max_count_; left > 0 && next_request(); --left) {
    bool closed = false;
    ok = process_request(stream, left == 1, closed, nullptr);
    ok = stream.flush() && ok;
    if (!ok || closed) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace faqsearch::cli::serve
