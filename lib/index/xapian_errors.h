// Translating Xapian errors at the library boundary. Xapian::Error does not derive from
// std::exception, so every call into Xapian that can throw goes through xapian_call().
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>

namespace faqsearch::detail {

/// Throws the faqsearch::Error that matches `e`, with `what` (the operation and its input) first.
[[noreturn]] void throw_translated(const Xapian::Error& e, std::string_view what);

/// Runs `f`, translating any Xapian::Error into a faqsearch::Error described by `what`.
template <typename F>
decltype(auto) xapian_call(std::string_view what, F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const Xapian::Error& e) {
    throw_translated(e, what);
  }
}

}  // namespace faqsearch::detail
