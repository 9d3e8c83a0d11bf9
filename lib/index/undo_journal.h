// The undo journal: what a batch spanning several partitions replaces, written before any of its
// partitions commits, removed once the batch is published (index/generation.h).
//
// Partitions commit one by one, so a writer that stops midway (killed, or a commit failing with a
// full disk) leaves some partitions with the batch and some without. The journal holds every
// article the batch touches as it was before (or that it did not exist), so that the batch can be
// undone everywhere: restoring a before-image is the same whether or not its partition had
// committed the batch, which makes the undo safe to repeat after a crash during the undo itself.
// Undo rather than redo: a failed commit (disk full) must leave the index at the previous batch,
// and a batch whose commit() did not return was never promised to anyone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "faqsearch/article.h"

namespace faqsearch::detail {

/// An article of a batch as it was before the batch: `article` is empty where (id, lang) did not
/// exist.
struct BeforeImage {
  std::string id;
  std::string lang;
  std::optional<Article> article;
  std::string source;  ///< the article's source (empty: none, or it did not exist)
};

/// A batch's journal: the generation number the batch publishes as (once the generation file
/// has it, the batch is whole everywhere and must not be undone), and its before-images.
struct UndoJournal {
  std::uint64_t generation = 0;
  std::vector<BeforeImage> images;
};

/// Writes the journal of `dir` durably (fsync of file and directory). Throws IndexError.
void write_undo_journal(const std::filesystem::path& dir, const UndoJournal& journal);

/// The journal of `dir`: nullopt if there is none; no images if it is incomplete (its writer
/// stopped while writing it, so no partition had committed the batch yet).
std::optional<UndoJournal> read_undo_journal(const std::filesystem::path& dir);

/// Removes the journal of `dir`, if any.
void remove_undo_journal(const std::filesystem::path& dir) noexcept;

}  // namespace faqsearch::detail
