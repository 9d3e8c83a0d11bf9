/* faqsearch: the library's version.
 *
 * The one place the version number is written: CMakeLists.txt reads the three numbers below for
 * project(), the shared library's soname, the CMake package's version file, faqsearch.pc and the
 * Debian package, and the CLI's --version prints version(). Valid C as well as C++, so that
 * faqsearch_c.h can offer the same macros to C programs.
 */
#ifndef FAQSEARCH_VERSION_H
#define FAQSEARCH_VERSION_H

/* Semantic versioning. While MAJOR is 0, a MINOR release may break the ABI (the soname carries
 * MAJOR.MINOR); from 1.0 on, only a MAJOR release may. */
#define FAQSEARCH_VERSION_MAJOR 0
#define FAQSEARCH_VERSION_MINOR 1
#define FAQSEARCH_VERSION_PATCH 0

/* The version as one number, MAJOR * 10000 + MINOR * 100 + PATCH, for `#if FAQSEARCH_VERSION >= ...`. */
#define FAQSEARCH_VERSION \
  (FAQSEARCH_VERSION_MAJOR * 10000 + FAQSEARCH_VERSION_MINOR * 100 + FAQSEARCH_VERSION_PATCH)

/* The version as text, "MAJOR.MINOR.PATCH", made from the numbers above. */
#define FAQSEARCH_VERSION_STRINGIFY_(x) #x
#define FAQSEARCH_VERSION_STRINGIFY(x) FAQSEARCH_VERSION_STRINGIFY_(x)
#define FAQSEARCH_VERSION_STRING                                             \
  FAQSEARCH_VERSION_STRINGIFY(FAQSEARCH_VERSION_MAJOR) "." FAQSEARCH_VERSION_STRINGIFY( \
      FAQSEARCH_VERSION_MINOR) "." FAQSEARCH_VERSION_STRINGIFY(FAQSEARCH_VERSION_PATCH)

#ifdef __cplusplus
namespace faqsearch {

/// The version of the library a program runs with, "MAJOR.MINOR.PATCH". It differs from
/// FAQSEARCH_VERSION_STRING (the headers the program was compiled with) when the shared library
/// was replaced by another release. Thread-safe; the string is static.
[[nodiscard]] const char* version() noexcept;

}  // namespace faqsearch
#endif

#endif /* FAQSEARCH_VERSION_H */
