// The index directory: its manifest and its partitions.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/index.h"

namespace faqsearch::detail {

struct Manifest {
  int schema_version = kSchemaVersion;
  int analysis_version = kAnalysisVersion;
  IndexSettings settings;
};

/// Whether `dir` holds an index (its manifest exists).
bool has_manifest(const std::filesystem::path& dir);

/// Reads the manifest. Throws IndexError when there is none, IndexCorrupt when it is unreadable.
Manifest read_manifest(const std::filesystem::path& dir);

/// The manifest file's text as it is on disk (what a commit stamps into every partition:
/// index/partition_stamp.h). Throws IndexError when there is none.
std::string read_manifest_text(const std::filesystem::path& dir);

/// The manifest in `text`, read from `origin` (a file, or a partition's user metadata) of the
/// index at `dir`. Throws IndexCorrupt, naming `origin`, when it is unreadable.
Manifest parse_manifest(std::string_view text, const std::string& origin, const std::filesystem::path& dir);

/// The manifest file's text for `manifest`.
std::string manifest_text(const Manifest& manifest);

/// Writes the manifest atomically (temporary file, fsync, rename).
void write_manifest(const std::filesystem::path& dir, const Manifest& manifest);

/// Throws IndexMismatch if an index with `found` cannot be used by this build with `wanted`
/// settings; the message names what differs and how to rebuild.
void check_compatible(const std::filesystem::path& dir, const Manifest& found,
                      const IndexSettings* wanted);

struct Partition {
  std::string audience;
  std::string lang;
  std::filesystem::path path;
};

/// Partitions present on disk, sorted by (audience, lang).
std::vector<Partition> list_partitions(const std::filesystem::path& dir);

std::filesystem::path partition_path(const std::filesystem::path& dir, std::string_view audience,
                                     std::string_view lang);

/// Bytes of all regular files below `dir`.
std::uint64_t directory_size(const std::filesystem::path& dir);

/// Writes `contents` to `file` atomically and durably (temporary file, fsync, rename, fsync dir).
void write_file_durably(const std::filesystem::path& file, std::string_view contents);

}  // namespace faqsearch::detail
