// The version compiled into the library (see include/faqsearch/version.h): built here, so that a
// program can compare it with the headers it was compiled with.
#include "faqsearch/version.h"

namespace faqsearch {

const char* version() noexcept { return FAQSEARCH_VERSION_STRING; }

}  // namespace faqsearch
