// Who may do what on `faqsearch serve`: the keys and the audiences each one reads.
//
// The library keeps each audience in its own partitions and a SearchRequest names the audiences
// it opens. The service never lets a caller name them freely: an anonymous caller reads the
// public audience only; a search key reads the audiences its line in the key file grants; the
// admin key may write and read every audience. A request may narrow its audiences to a subset of
// what it is granted ("audiences" in POST /search) but asking for more is refused (403).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faqsearch::cli::serve {

/// What a request is allowed. Plain data.
struct Grant {
  bool admin = false;
  /// Audiences it may read (for the admin key: every audience it asks for; this is its default).
  std::vector<std::string> audiences;
};

/// Outcome of checking a request's key.
enum class KeyCheck { kGranted, kMissing, kUnknown };

/// The keys of a service. Thread-safety: immutable after construction; share freely.
class AccessPolicy {
 public:
  /// `admin_key_file`: one line, the admin key (empty path: no writes at all).
  /// `search_key_file`: one key a line, "KEY" or "KEY audience,audience" (default: public); blank
  /// lines and lines starting with '#' are skipped. Empty path: reads are open to anyone, as the
  /// public audience. Throws InvalidArgument naming file and line when a file is malformed, Error
  /// when it cannot be read.
  AccessPolicy(const std::filesystem::path& admin_key_file, const std::filesystem::path& search_key_file);

  /// What `key` (empty: none given) may do when reading. kMissing/kUnknown: refuse (401/403).
  [[nodiscard]] KeyCheck check_read(std::string_view key, Grant& grant) const;

  /// Whether `key` is the admin key (never true without an admin key file).
  [[nodiscard]] bool is_admin(std::string_view key) const;

  /// Whether reads need a key.
  [[nodiscard]] bool reads_keyed() const { return !search_keys_.empty(); }

 private:
  struct SearchKey {
    std::string key;
    std::vector<std::string> audiences;
  };
  std::optional<std::string> admin_key_;
  std::vector<SearchKey> search_keys_;
};

/// Whether two keys are equal, in a time that depends on their lengths only (no early exit on
/// the first differing byte that would let a caller guess a key byte by byte from the timing).
bool same_key(std::string_view a, std::string_view b);

}  // namespace faqsearch::cli::serve
