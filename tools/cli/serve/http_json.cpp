#include "cli/serve/http_json.h"

#include <fmt/format.h>

#include "cli/results_json.h"
#include "faqsearch/error.h"

namespace faqsearch::cli::serve {

void reply_json(httplib::Response& response, const nlohmann::json& body, int status) {
  reply_json_text(response, to_json_line(body), status);
}

void reply_json_text(httplib::Response& response, std::string body, int status) {
  response.status = status;
  response.set_content(std::move(body), "application/json; charset=utf-8");
}

void reply_error(httplib::Response& response, int status, std::string_view message) {
  reply_json(response, {{"error", {{"status", status}, {"message", std::string(message)}}}}, status);
}

void answer_errors_as_json(httplib::Response& response, const std::function<void()>& body) {
  try {
    body();
  } catch (const InvalidArgument& e) {
    reply_error(response, kBadRequest, e.what());
  } catch (const UnsupportedLanguage& e) {
    reply_error(response, kBadRequest, e.what());
  } catch (const IndexLocked& e) {
    reply_error(response, kConflict, e.what());
  } catch (const IndexError& e) {
    response.set_header("Retry-After", "1");
    reply_error(response, kUnavailable, e.what());
  } catch (const std::exception& e) {
    reply_error(response, kInternalError, e.what());
  }
}

bool flag_param(std::string_view endpoint, std::string_view name, std::string_view text) {
  if (text == "1" || text == "true") return true;
  if (text == "0" || text == "false") return false;
  throw InvalidArgument(fmt::format("{}: parameter {}: expected 1, 0, true or false", endpoint, name));
}

std::string_view status_message(int status) {
  switch (status) {
    case kBadRequest: return "bad request";
    case kNotFound: return "no such endpoint";
    case 405: return "method not allowed";
    case kPayloadTooLarge: return "request body too large";
    case kUriTooLong: return "request line too long";
    case 408: return "request timed out";
    default: return "error";
  }
}

}  // namespace faqsearch::cli::serve
