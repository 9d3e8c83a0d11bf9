// JSON answers and errors of `faqsearch serve`.
#pragma once

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

namespace faqsearch::cli::serve {

/// Status codes the service answers with besides 200.
enum Status : int {
  kBadRequest = 400,
  kUnauthorized = 401,
  kForbidden = 403,
  kNotFound = 404,
  kConflict = 409,
  kPayloadTooLarge = 413,
  kUriTooLong = 414,
  kUnsupportedMediaType = 415,
  kInternalError = 500,
  kUnavailable = 503,
};

/// `body` as the response, application/json.
void reply_json(httplib::Response& response, const nlohmann::json& body, int status = 200);

/// Answers with `body`, JSON text already written (json_text.h), and `status`.
void reply_json_text(httplib::Response& response, std::string body, int status = 200);

/// {"error": {"status": N, "message": "..."}} with status N.
void reply_error(httplib::Response& response, int status, std::string_view message);

/// Runs `body`, turning the exceptions it throws into JSON errors: InvalidArgument and
/// UnsupportedLanguage 400, IndexLocked 409 (another writer), other IndexError 503 (retry), any
/// other exception 500.
void answer_errors_as_json(httplib::Response& response, const std::function<void()>& body);

/// A flag parameter of `endpoint`: "1" or "true", "0" or "false"; InvalidArgument (400) otherwise.
bool flag_param(std::string_view endpoint, std::string_view name, std::string_view text);

/// The message of a status httplib answered by itself (no route matched, body too large...).
std::string_view status_message(int status);

}  // namespace faqsearch::cli::serve
