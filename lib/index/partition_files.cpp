#include "index/partition_files.h"

#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <cstring>

#include "faqsearch/error.h"
#include "index/schema.h"

namespace faqsearch::detail {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kAsidePrefix = ".old-";

fs::path aside_path(const fs::path& target) {
  return target.parent_path() / (std::string(kAsidePrefix) + target.filename().string());
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) throw IndexError("cannot move " + from.string() + " to " + to.string() + ": " + ec.message());
}

}  // namespace

fs::path swap_in(const fs::path& replacement, const fs::path& target) {
  if (::renameat2(AT_FDCWD, replacement.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
    return replacement;
  }
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
    throw IndexError("cannot exchange " + replacement.string() + " and " + target.string() + ": " +
                     std::strerror(errno));
  }
  const fs::path aside = aside_path(target);
  std::error_code ec;
  fs::remove_all(aside, ec);
  rename_or_throw(target, aside);
  rename_or_throw(replacement, target);
  return aside;
}

void restore_interrupted_swaps(const fs::path& dir) {
  std::error_code ec;
  for (const auto& audience : fs::directory_iterator(dir / kPartitionsDir, ec)) {
    if (!audience.is_directory()) continue;
    std::vector<fs::path> leftovers;
    for (const auto& entry : fs::directory_iterator(audience.path(), ec)) {
      if (entry.path().filename().string().starts_with('.')) leftovers.push_back(entry.path());
    }
    for (const fs::path& leftover : leftovers) {
      const std::string name = leftover.filename().string();
      if (name.starts_with(kAsidePrefix)) {
        const fs::path target = leftover.parent_path() / name.substr(kAsidePrefix.size());
        if (!fs::exists(target, ec)) {
          rename_or_throw(leftover, target);  // moved aside, never replaced: it is the partition
          continue;
        }
      }
      fs::remove_all(leftover, ec);
    }
  }
  fs::remove(dir / (std::string(kGenerationFile) + ".tmp"), ec);
}

}  // namespace faqsearch::detail
