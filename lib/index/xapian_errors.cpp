#include "index/xapian_errors.h"

#include <cerrno>
#include <cstring>

#include "faqsearch/error.h"

namespace faqsearch::detail {

namespace {

/// "disk full" and the like for a Xapian error caused by a failed system call, or "". Xapian
/// keeps the errno's text apart, or, when a failed commit also failed to reopen the old revision
/// ("Modifications failed (DatabaseError: Error writing block 1 (No space left on device))..."),
/// inside its message.
std::string_view system_problem(const Xapian::Error& e) {
  const char* error_string = e.get_error_string();
  const std::string text = error_string != nullptr ? std::string(error_string) : e.get_msg();
  for (const auto& [code, problem] : {std::pair{ENOSPC, "disk full"}, std::pair{EDQUOT, "disk quota exceeded"},
                                      std::pair{EIO, "I/O error"}, std::pair{EACCES, "permission denied"},
                                      std::pair{EPERM, "permission denied"}, std::pair{EROFS, "read-only file system"}}) {
    if (text.find(std::strerror(code)) != std::string::npos) return problem;
  }
  return {};
}

}  // namespace

void throw_translated(const Xapian::Error& e, std::string_view what) {
  if (const std::string_view problem = system_problem(e); !problem.empty()) {
    std::string message(problem);
    message += " while ";
    message += what;
    message += ": ";
    message += e.get_msg();
    if (e.get_error_string() != nullptr) {
      message += " (";
      message += e.get_error_string();
      message += ")";
    }
    throw IndexError(message);
  }
  std::string message(what);
  message += ": ";
  message += e.get_msg();
  if (!e.get_context().empty()) message += " (" + e.get_context() + ")";
  // Xapian::Error has no virtual functions (no dynamic_cast): its type name tells the class.
  const std::string_view type = e.get_type();
  if (type == "DatabaseLockError") {
    throw IndexLocked(message + "; another writer has the index open");
  }
  if (type == "DatabaseCorruptError") {
    throw IndexCorrupt(message + "; rebuild the index from the source articles");
  }
  if (type == "DatabaseVersionError") {
    throw IndexMismatch(message + "; rebuild the index with this version of faqsearch");
  }
  if (type == "InvalidArgumentError" || type == "QueryParserError") {
    throw InvalidArgument(message);
  }
  throw IndexError(message);
}

}  // namespace faqsearch::detail
