// faqsearch: a help center's synonyms — words and phrases its shoppers use for the same thing.
//
// Shoppers do not write the words the articles use: "uk" for "United Kingdom", "money back" for
// "refund", "earbuds" for "headphones". No analysis bridges these; the support team that knows its
// shoppers does. Synonyms are part of an index (IndexWriter::set_synonyms, IndexBuilder::
// set_synonyms), can be replaced at any time without reindexing, and apply to searches only: a
// query word or phrase of a group also looks for the group's other entries, analyzed like the
// articles (so "returns" matches the entry "return", and "uk" finds "United Kingdom" as a phrase),
// ranked a little below what was typed.
//
// Thread-safety: SynonymGroup is plain data; the functions below are pure (safe from any thread).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace faqsearch {

/// Entries of one language that mean the same to shoppers. Plain data.
struct SynonymGroup {
  /// BCP 47 tag of the language the entries are written in; the group applies to searches of
  /// that language only.
  std::string lang;
  /// Words or phrases, as shoppers write them ("uk", "united kingdom"). At least two. A phrase
  /// is found in a query where its words come in order with at most one other word between them
  /// ("send back" in "send it back").
  std::vector<std::string> entries;
  /// One-way: only the first entry, typed, brings in the others ("phone" → "smartphone"), not
  /// the reverse. Otherwise every entry brings in every other one.
  bool one_way = false;

  friend bool operator==(const SynonymGroup&, const SynonymGroup&) = default;
};

/// Reads synonym groups in the synonyms file format:
///
///     # a comment; blank lines are ignored
///     [en]                                  the language of the groups below it
///     uk, united kingdom, great britain     entries meaning the same, comma-separated
///     phone => smartphone, mobile phone     one-way: the left entry brings in the right ones
///
/// `source` names the input in error messages (a file name). Throws InvalidArgument naming
/// source and line for a group before any [language] line, a malformed or unknown-script language
/// tag, a group of fewer than two entries, an empty entry or invalid UTF-8.
[[nodiscard]] std::vector<SynonymGroup> parse_synonyms(std::string_view text, std::string_view source);

/// `groups` in the format parse_synonyms reads (one [language] line per run of groups of one
/// language). Entries must not hold commas, line breaks or "=>": check_synonyms rejects those.
[[nodiscard]] std::string format_synonyms(const std::vector<SynonymGroup>& groups);

/// Checks `groups` as IndexWriter::set_synonyms does and returns them canonicalized (language tags
/// canonical, entries trimmed). Throws InvalidArgument naming the group (its index and first
/// entry) and the field.
[[nodiscard]] std::vector<SynonymGroup> check_synonyms(std::vector<SynonymGroup> groups);

}  // namespace faqsearch
