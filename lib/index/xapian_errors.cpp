#include "index/xapian_errors.h"

#include "faqsearch/error.h"

namespace faqsearch::detail {

void throw_translated(const Xapian::Error& e, std::string_view what) {
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
