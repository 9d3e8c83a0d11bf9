#include "cli/serve/access.h"

#include <fmt/format.h>

#include <sstream>

#include "cli/cli_common.h"
#include "faqsearch/article.h"
#include "faqsearch/error.h"

namespace faqsearch::cli::serve {

namespace {

/// Keys are printable ASCII without spaces, so that they travel in an HTTP header unchanged.
bool valid_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

std::vector<std::string> split_audiences(std::string_view text) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in{std::string(text)};
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace

bool same_key(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || b.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

AccessPolicy::AccessPolicy(const std::filesystem::path& admin_key_file, const std::filesystem::path& search_key_file) {
  if (!admin_key_file.empty()) {
    std::string key = read_input_text(admin_key_file);
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' ')) key.pop_back();
    if (!valid_key(key)) {
      throw InvalidArgument(fmt::format("{}:1: the admin key must be one line of printable ASCII without spaces",
                                        admin_key_file.string()));
    }
    admin_key_ = key;
  }
  if (search_key_file.empty()) return;
  std::istringstream in(read_input_text(search_key_file));
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    std::istringstream words(line);
    std::string key, audiences, extra;
    words >> key >> audiences >> extra;
    if (!valid_key(key) || !extra.empty()) {
      throw InvalidArgument(fmt::format("{}:{}: expected KEY or KEY audience,audience", search_key_file.string(), number));
    }
    std::vector<std::string> granted = audiences.empty() ? std::vector<std::string>{kPublicAudience} : split_audiences(audiences);
    search_keys_.push_back({key, std::move(granted)});
  }
  if (search_keys_.empty()) throw InvalidArgument(fmt::format("{}: no key", search_key_file.string()));
}

KeyCheck AccessPolicy::check_read(std::string_view key, Grant& grant) const {
  grant = Grant{};
  if (is_admin(key)) {
    grant.admin = true;
    grant.audiences = {kPublicAudience};
    return KeyCheck::kGranted;
  }
  bool found = false;
  for (const SearchKey& k : search_keys_) {
    // Every key is compared, whichever matches, so the time says nothing about which one did.
    if (same_key(key, k.key) && !found) {
      grant.audiences = k.audiences;
      found = true;
    }
  }
  if (found) return KeyCheck::kGranted;
  if (!key.empty()) return KeyCheck::kUnknown;
  if (reads_keyed()) return KeyCheck::kMissing;
  grant.audiences = {kPublicAudience};
  return KeyCheck::kGranted;
}

bool AccessPolicy::is_admin(std::string_view key) const { return admin_key_ && same_key(key, *admin_key_); }

}  // namespace faqsearch::cli::serve
