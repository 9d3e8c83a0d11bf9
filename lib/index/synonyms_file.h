// The index's synonyms (faqsearch/synonyms.h): one text file in the index directory, in the
// synonyms file format, replaced whole (atomically and durably) when a writer commits new ones.
// Synonyms are read by searchers only; no article term depends on them, so replacing them never
// means reindexing.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "faqsearch/synonyms.h"

namespace faqsearch::detail {

inline constexpr std::string_view kSynonymsFile = "synonyms.txt";

/// Bounds on what an index holds: a help center's list is hundreds of groups, and every search
/// of a language matches its query against that language's groups.
inline constexpr std::size_t kMaxSynonymGroups = 100000;
inline constexpr std::size_t kMaxSynonymEntries = 64;
inline constexpr std::size_t kMaxSynonymEntryBytes = 200;

/// The synonyms of the index in `dir`; none if it has never had any. Throws IndexCorrupt if the
/// file is unreadable.
std::vector<SynonymGroup> read_synonyms(const std::filesystem::path& dir);

/// The synonyms in `text`, an index's synonyms file (or its stamp) of the index at `index`.
/// Throws IndexCorrupt if it is unreadable.
std::vector<SynonymGroup> parse_index_synonyms(std::string_view text, const std::filesystem::path& index);

/// Replaces the synonyms of the index in `dir` (atomically and durably). `groups` must be
/// checked (check_synonyms).
void write_synonyms(const std::filesystem::path& dir, const std::vector<SynonymGroup>& groups);

}  // namespace faqsearch::detail
