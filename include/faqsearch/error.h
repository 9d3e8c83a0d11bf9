// faqsearch: error hierarchy.
//
// Every exception the library throws derives from faqsearch::Error, which derives from
// std::runtime_error, so `catch (const std::exception&)` sees them all. Errors from Xapian and
// ICU never escape: they are translated at the library boundary into one of these types, with a
// message that names the operation and the input (file, line, field) it concerns.
#pragma once

#include <stdexcept>
#include <string>

namespace faqsearch {

/// Base class of every faqsearch exception. Thread-safety: plain value, safe to copy.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A caller-supplied value is invalid (empty id, malformed language tag, limit out of range...).
/// The message names the field.
class InvalidArgument : public Error {
 public:
  using Error::Error;
};

/// A language tag is well-formed but the operation needs a language faqsearch cannot analyze.
/// Analysis itself never throws this: an unknown language falls back to the generic row.
class UnsupportedLanguage : public Error {
 public:
  using Error::Error;
};

/// The index could not be opened, read or written (missing directory, I/O error...).
class IndexError : public Error {
 public:
  using Error::Error;
};

/// Another writer holds the index's write lock. Recovery: wait for it to finish and retry.
class IndexLocked : public IndexError {
 public:
  using IndexError::IndexError;
};

/// The on-disk index is damaged. Recovery: rebuild it from the source articles.
class IndexCorrupt : public IndexError {
 public:
  using IndexError::IndexError;
};

/// The index was built with another schema or other analysis settings than this build of
/// faqsearch uses. The message says what differs. Recovery: rebuild the index (`faqsearch index
/// --db NEW ...`), or open it with the settings it records.
class IndexMismatch : public IndexError {
 public:
  using IndexError::IndexError;
};

/// Input to an importer is malformed and the caller asked for strict handling. The message names
/// the file, the line and the field.
class ImportError : public Error {
 public:
  using Error::Error;
};

}  // namespace faqsearch
