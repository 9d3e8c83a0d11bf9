// Giving freed heap back to the operating system after a phase that frees a lot at once.
#pragma once

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace faqsearch::detail {

/// Returns the free pages of every malloc arena to the OS (glibc's malloc_trim). A thread's
/// arena otherwise keeps what a phase freed (a dictionary load's parse buffers; a commit's
/// Xapian change buffers) and the process's RSS stays at its peak. Costs a walk of the heap:
/// once per such phase, never per query or per document.
inline void release_freed_memory() {
#ifdef __GLIBC__
  ::malloc_trim(0);
#endif
}

}  // namespace faqsearch::detail
