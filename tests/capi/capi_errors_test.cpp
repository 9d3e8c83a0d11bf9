// The C API's one way of failing (lib/capi/capi_internal.h): every exception becomes its status
// and a message naming the C function, kept per thread; success clears it.
#include <gtest/gtest.h>

#include <functional>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>

#include "capi/capi_internal.h"

namespace {

using faqsearch::capi::guarded;

struct Case {
  std::function<void()> body;
  faqsearch_status status;
  std::string message;
};

TEST(CApiErrors, EachExceptionBecomesItsStatusWithTheFunctionsName) {
  const Case cases[] = {
      {[] { throw faqsearch::InvalidArgument("limit 0"); }, FAQSEARCH_INVALID_ARGUMENT, "f: limit 0"},
      {[] { throw faqsearch::UnsupportedLanguage("xx"); }, FAQSEARCH_UNSUPPORTED_LANGUAGE, "f: xx"},
      {[] { throw faqsearch::IndexError("io"); }, FAQSEARCH_INDEX_ERROR, "f: io"},
      {[] { throw faqsearch::IndexLocked("locked"); }, FAQSEARCH_INDEX_LOCKED, "f: locked"},
      {[] { throw faqsearch::IndexCorrupt("damaged"); }, FAQSEARCH_INDEX_CORRUPT, "f: damaged"},
      {[] { throw faqsearch::IndexMismatch("schema"); }, FAQSEARCH_INDEX_MISMATCH, "f: schema"},
      {[] { throw faqsearch::ImportError("line 3"); }, FAQSEARCH_IMPORT_ERROR, "f: line 3"},
      {[] { throw faqsearch::Error("other"); }, FAQSEARCH_INTERNAL_ERROR, "f: other"},
      {[] { throw std::bad_alloc(); }, FAQSEARCH_OUT_OF_MEMORY, "f: out of memory"},
      {[] { throw std::out_of_range("vector"); }, FAQSEARCH_INTERNAL_ERROR, "f: vector"},
      {[] { throw 42; }, FAQSEARCH_INTERNAL_ERROR, "f: unknown exception"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(guarded("f", c.body), c.status) << c.message;
    EXPECT_EQ(std::string(faqsearch_last_error()), c.message);
  }
  EXPECT_EQ(guarded("f", [] {}), FAQSEARCH_OK);
  EXPECT_EQ(std::string(faqsearch_last_error()), "");
}

TEST(CApiErrors, TheLastErrorIsPerThread) {
  ASSERT_EQ(guarded("here", [] { throw faqsearch::IndexError("mine"); }), FAQSEARCH_INDEX_ERROR);
  std::string seen_there;
  std::thread([&] {
    seen_there = faqsearch_last_error();
    (void)guarded("there", [] { throw faqsearch::InvalidArgument("theirs"); });
  }).join();
  EXPECT_EQ(seen_there, "");
  EXPECT_EQ(std::string(faqsearch_last_error()), "here: mine");
}

}  // namespace
