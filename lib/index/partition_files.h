// Replacing a partition's directory in one step, and what interrupted replacements leave behind.
#pragma once

#include <filesystem>

namespace faqsearch::detail {

/// Puts the complete database `replacement` in the place of the partition `target` in one atomic
/// step (renameat2 RENAME_EXCHANGE), so that `target` is always a whole database, the old one or
/// the new one. Returns the path now holding the old database, for the caller to remove. Where the
/// file system cannot exchange, falls back to two renames through ".old-<name>", which
/// restore_interrupted_swaps() undoes if the process dies between them. Throws IndexError.
std::filesystem::path swap_in(const std::filesystem::path& replacement, const std::filesystem::path& target);

/// Cleans what interrupted partition creations, compactions and merges left in `dir`'s
/// partitions (".tmp-*", ".compact-*", ".merge-*", ".old-*" directories), putting back a partition
/// that was moved aside and not replaced. Run by a writer holding the index's lock. Throws
/// IndexError if a partition cannot be put back.
void restore_interrupted_swaps(const std::filesystem::path& dir);

}  // namespace faqsearch::detail
