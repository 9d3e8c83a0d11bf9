// httplib's server with a leaner connection loop (see SocketServer).
#pragma once

#include <httplib.h>

namespace faqsearch::cli::serve {

/// httplib::Server whose kept-alive connections cost fewer system calls and packets per request.
/// httplib 0.11 polls before every read and every write, asks the socket for both addresses on
/// every request, sends an answer's headers and body as two packets (the client wakes twice),
/// and waits for a connection's next request in 10 ms polls separated by 1 ms sleeps (a request
/// arriving during a sleep waits for it). Here a connection waits in one poll, reads with the
/// socket's own timeout, learns its addresses once, and sends each answer in one write.
/// Routing, parsing and limits are httplib's. Thread-safety: as httplib::Server.
class SocketServer : public httplib::Server {
 private:
  bool process_and_close_socket(socket_t sock) override;
};

}  // namespace faqsearch::cli::serve
