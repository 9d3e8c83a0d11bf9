#include "analysis/hunspell_stemmer.h"

#include <hunspell/hunspell.hxx>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "analysis/utf8.h"

namespace faqsearch::detail {
namespace {

// Restoring folded letters tries combinations, fewest first; these bounds keep an unknown word (a
// name, a typo, an English word) to ~0.2 ms of lookups on a cache miss. Shoppers drop one to three
// marks per word: on the sample help center's Polish queries and articles every restoration took
// at most 9 lookups except "platnosc" → "płatność" (three marks, 31 lookups).
constexpr std::size_t kMaxRestoredLetters = 3;
constexpr std::size_t kMaxRestoreLookups = 32;
// The cache is dropped whole when it grows past this: simple, and a help center's vocabulary
// per language fits well under it.
constexpr std::size_t kMaxCacheEntries = 1 << 16;

// Hunspell's UTF-8 dictionaries share one case table, global to the library, that each
// constructor counts in and each destructor counts out (csutil.cxx: initialize_utf_tbl,
// free_utf_tbl) without a lock: two dictionaries made or destroyed at once leak the table, free
// it twice, or free it under the other. This mutex is that table's missing lock, which is why it
// is process-wide: the state it guards already is. Lookups only read the table.
std::mutex& hunspell_table_lock() {
  static std::mutex lock;
  return lock;
}

struct DestroyHunspell {
  void operator()(Hunspell* hunspell) const {
    const std::lock_guard<std::mutex> guard(hunspell_table_lock());
    delete hunspell;
  }
};
using HunspellPtr = std::unique_ptr<Hunspell, DestroyHunspell>;

HunspellPtr make_hunspell(const std::string& aff, const std::string& dic) {
  const std::lock_guard<std::mutex> guard(hunspell_table_lock());
  return HunspellPtr(new Hunspell(aff.c_str(), dic.c_str()));
}

std::string case_fold(std::string utf8) {
  // Most lemmas are lower case already: skip ICU for them.
  bool upper = false;
  for (std::size_t pos = 0; pos < utf8.size() && !upper;) {
    std::size_t length = 0;
    upper = u_isupper(static_cast<UChar32>(decode_utf8(utf8, pos, length))) != 0;
    pos += length;
  }
  if (!upper) return utf8;
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(utf8);
  s.foldCase();
  std::string out;
  s.toUTF8String(out);
  return out;
}

// The argument of the first `directive` line of an .aff ("SET UTF-8" → "UTF-8"), or nullopt.
std::optional<std::string> aff_directive(std::istream& aff, std::string_view directive) {
  std::string line;
  while (std::getline(aff, line)) {
    if (line.rfind(directive, 0) != 0 || line.size() <= directive.size() ||
        (line[directive.size()] != ' ' && line[directive.size()] != '\t')) {
      continue;
    }
    const std::size_t start = line.find_first_not_of(" \t", directive.size());
    if (start == std::string::npos) return std::nullopt;
    const std::size_t end = line.find_first_of(" \t\r", start);
    return line.substr(start, end == std::string::npos ? std::string::npos : end - start);
  }
  return std::nullopt;
}

// The dictionary's encoding as its .aff declares it (SET; Hunspell's default otherwise).
std::string declared_encoding(const std::string& aff) {
  std::ifstream in(aff, std::ios::binary);
  return aff_directive(in, "SET").value_or("ISO8859-1");
}

// The lines of `dic` whose headword (UTF-8, case-folded) `keep` accepts, after the entry count
// Hunspell sizes its table by. nullopt when `dic` cannot be read.
std::optional<std::string> reduced_dic(const std::string& dic, const std::string& encoding,
                                       const HunspellStemmer::KeepFunction& keep) {
  std::ifstream in(dic, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;  // the entry count
  const bool utf8 = encoding == "UTF-8" || encoding == "utf-8";
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = utf8 ? nullptr : ucnv_open(encoding.c_str(), &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string kept;
  std::size_t count = 0;
  std::string headword;
  while (std::getline(in, line)) {
    // "word/FLAGS<tab>morphology": the headword ends at the first unescaped '/' or blank.
    std::size_t end = 0;
    while (end < line.size() && line[end] != '/' && line[end] != '\t' && line[end] != ' ' && line[end] != '\r') {
      end += line[end] == '\\' && end + 1 < line.size() ? 2 : 1;
    }
    if (end == 0) continue;
    if (utf8) {
      headword.assign(line, 0, end);
    } else {
      status = U_ZERO_ERROR;  // a line ICU cannot convert must not fail the ones after it
      const icu::UnicodeString text(line.data(), static_cast<int32_t>(end), converter, status);
      headword.clear();
      text.toUTF8String(headword);
    }
    if (!keep(case_fold(headword))) continue;
    kept += line;
    kept += '\n';
    ++count;
  }
  if (converter) ucnv_close(converter);
  return std::to_string(count) + '\n' + kept;
}

// A file Hunspell can open by name holding `contents`: an anonymous in-memory file (memfd), named
// through /proc/self/fd, so loading a reduced dictionary needs no writable temporary directory
// (a read-only or full /tmp used to leave Polish silently unstemmed). Closed by the destructor.
class InMemoryFile {
 public:
  explicit InMemoryFile(const std::string& contents) {
    fd_ = ::memfd_create("faqsearch-reduced-dic", MFD_CLOEXEC);
    if (fd_ < 0) return;
    for (std::size_t done = 0; done < contents.size();) {
      const ssize_t n = ::write(fd_, contents.data() + done, contents.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ::close(fd_);
        fd_ = -1;
        return;
      }
      done += static_cast<std::size_t>(n);
    }
  }
  ~InMemoryFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  InMemoryFile(const InMemoryFile&) = delete;
  InMemoryFile& operator=(const InMemoryFile&) = delete;
  [[nodiscard]] bool ok() const { return fd_ >= 0; }
  [[nodiscard]] std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_ = -1;
};

}  // namespace

struct HunspellStemmer::Impl {
  HunspellPtr hunspell;
  // Hunspell wants words in the dictionary's own encoding: UTF-8, or one byte per letter
  // (ISO8859-2 for Polish, ISO8859-7 for Greek). For the latter, both directions of the code page.
  bool utf8 = false;
  std::array<char32_t, 256> code_point_of{};
  std::unordered_map<char32_t, char> byte_of;
  // Letters that fold to an ASCII letter, by that letter ('l' → "ł", 'z' → "żź"), in the order of
  // the dictionary's TRY line (its letters by frequency).
  std::unordered_map<char32_t, std::u32string> restorations;
  std::u32string alphabet;  // HunspellStemmer::letters()
  std::unordered_map<std::string, std::string> cache;

  // False when `word` has a letter the dictionary's encoding cannot spell.
  bool to_dictionary(std::u32string_view word, std::string& out) const {
    out.clear();
    if (utf8) {
      out = encode_utf8(word);
      return true;
    }
    for (char32_t cp : word) {
      if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
        continue;
      }
      const auto it = byte_of.find(cp);
      if (it == byte_of.end()) return false;
      out.push_back(it->second);
    }
    return true;
  }

  std::string from_dictionary(const std::string& word) const {
    if (utf8) return word;
    std::string out;
    for (char c : word) append_utf8(out, code_point_of[static_cast<unsigned char>(c)]);
    return out;
  }

  // The shortest lemma (in code points; Hunspell's order breaks ties), case-folded, or "".
  // Shortest, because Hunspell lists a form's own entry first and the word it derives from
  // after ("zamówienia" → "zamówienie", "zamówić"): the base word joins more forms of one
  // meaning. Measured on poquad and the sample corpus against first and last: within noise.
  std::string pick(const std::vector<std::string>& stems) const {
    const std::string* best = nullptr;
    std::size_t best_length = 0;
    for (const std::string& stem : stems) {
      const std::size_t length =
          utf8 ? static_cast<std::size_t>(std::count_if(stem.begin(), stem.end(),
                                                        [](char c) { return (c & 0xC0) != 0x80; }))
               : stem.size();
      if (length > 0 && (!best || length < best_length)) {
        best = &stem;
        best_length = length;
      }
    }
    return best ? case_fold(from_dictionary(*best)) : std::string();
  }

  // A spelling of `word` with up to kMaxRestoredLetters folded letters restored that the
  // dictionary knows, fewest restorations first, or "".
  std::string restore(const std::u32string& word) {
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (restorations.count(word[i])) positions.push_back(i);
    }
    std::size_t lookups = 0;
    std::u32string candidate = word;
    std::string encoded;
    std::string found;
    // Restores exactly `left` more letters at positions[from...]; true when found or out of
    // lookups.
    auto search = [&](auto& self, std::size_t from, std::size_t left) -> bool {
      if (left == 0) {
        if (++lookups > kMaxRestoreLookups) return true;
        if (to_dictionary(candidate, encoded) && hunspell->spell(encoded)) {
          found = encoded;
          return true;
        }
        return false;
      }
      for (std::size_t p = from; p + left <= positions.size(); ++p) {
        const std::size_t at = positions[p];
        for (char32_t letter : restorations.at(word[at])) {
          candidate[at] = letter;
          if (self(self, p + 1, left - 1)) return true;
        }
        candidate[at] = word[at];
      }
      return false;
    };
    for (std::size_t k = 1; k <= std::min(kMaxRestoredLetters, positions.size()); ++k) {
      if (search(search, 0, k)) break;
    }
    return found;
  }

  std::string stem(std::string_view word) {
    const std::u32string letters = decode_utf8(word);
    std::string encoded;
    if (!to_dictionary(letters, encoded)) return std::string(word);
    std::string lemma = pick(hunspell->stem(encoded));
    if (lemma.empty() && !letters.empty()) {
      // Proper nouns are capitalized in the dictionary and the analyzer has case-folded them
      // ("warszawy" → "Warszawy" → "warszawa").
      std::u32string title = letters;
      title[0] = static_cast<char32_t>(u_toupper(static_cast<UChar32>(title[0])));
      if (to_dictionary(title, encoded)) lemma = pick(hunspell->stem(encoded));
    }
    // Only words typed entirely without marks: a word that has some was typed with care, and
    // unknown words with marks (names, typos) would only cost lookups.
    const bool ascii = std::all_of(letters.begin(), letters.end(), [](char32_t cp) { return cp < 0x80; });
    if (lemma.empty() && ascii && !restorations.empty()) {
      const std::string restored = restore(letters);
      if (!restored.empty()) lemma = pick(hunspell->stem(restored));
    }
    return lemma.empty() ? std::string(word) : lemma;
  }
};

bool HunspellStemmer::spells(std::string_view word) {
  constexpr std::size_t kLongestWord = 100;  // Hunspell's MAXWORDLEN: longer words are never known
  const std::u32string letters = decode_utf8(word);
  std::string encoded;
  if (letters.empty() || letters.size() > kLongestWord || !impl_->to_dictionary(letters, encoded)) return false;
  return impl_->hunspell->spell(encoded);
}

const std::u32string& HunspellStemmer::letters() const { return impl_->alphabet; }

HunspellStemmer::HunspellStemmer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HunspellStemmer::~HunspellStemmer() = default;

bool HunspellStemmer::available(std::string_view name, std::string_view directory) {
  const std::string base = (std::filesystem::path(directory) / std::string(name)).string();
  return std::ifstream(base + ".aff", std::ios::binary) && std::ifstream(base + ".dic", std::ios::binary);
}

std::unique_ptr<HunspellStemmer> HunspellStemmer::open(std::string_view name, std::string_view directory,
                                                       const FoldFunction& fold, KeepFunction keep) {
  namespace fs = std::filesystem;
  const fs::path base = fs::path(directory) / std::string(name);
  const std::string aff = base.string() + ".aff";
  const std::string dic = base.string() + ".dic";
  // Hunspell itself only prints to stderr when a file is missing: check first, so a missing
  // optional dictionary package means "no stemming", quietly and visibly through the analyzer.
  std::ifstream aff_in(aff, std::ios::binary);
  if (!aff_in || !std::ifstream(dic, std::ios::binary)) return nullptr;

  auto impl = std::make_unique<Impl>();
  if (keep) {
    // Hunspell reads the whole file while constructing: the reduced copy can go right after.
    std::optional<std::string> contents = reduced_dic(dic, declared_encoding(aff), keep);
    keep = nullptr;  // frees what it holds (a lemma set: megabytes) before Hunspell's own peak
    if (!contents) return nullptr;
    const InMemoryFile reduced(*contents);
    contents.reset();
    if (!reduced.ok()) return nullptr;
    impl->hunspell = make_hunspell(aff, reduced.path());
  } else {
    impl->hunspell = make_hunspell(aff, dic);
  }
  const std::string encoding = impl->hunspell->get_dict_encoding();
  if (encoding == "UTF-8" || encoding == "utf-8") {
    impl->utf8 = true;
  } else {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open(encoding.c_str(), &status);
    const bool single_byte = U_SUCCESS(status) && ucnv_getMaxCharSize(converter) == 1;
    if (single_byte) {
      for (int b = 0; b < 256; ++b) {
        const char byte = static_cast<char>(b);
        UChar out[4];
        status = U_ZERO_ERROR;
        const int32_t n = ucnv_toUChars(converter, out, 4, &byte, 1, &status);
        char32_t cp = kReplacementChar;
        if (U_SUCCESS(status) && n >= 1) cp = out[0];
        impl->code_point_of[static_cast<std::size_t>(b)] = cp;
        if (b >= 0x80 && cp != kReplacementChar) impl->byte_of.emplace(cp, byte);
      }
    }
    if (converter) ucnv_close(converter);
    if (!single_byte) return nullptr;  // Hunspell dictionaries are UTF-8 or 8-bit in practice
  }

  // Letters to restore: the dictionary's TRY letters that the language row folds to ASCII.
  if (const std::optional<std::string> try_line = aff_directive(aff_in, "TRY")) {
    const std::string try_letters = impl->from_dictionary(*try_line);
    for (char32_t cp : decode_utf8(try_letters)) {
      const auto lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
      // Letters and marks (Hindi's vowel signs, Arabic's hamza above), not '-' or '.'.
      const bool is_letter = (U_GET_GC_MASK(static_cast<UChar32>(lower)) & (U_GC_L_MASK | U_GC_M_MASK)) != 0;
      if (is_letter && impl->alphabet.find(lower) == std::u32string::npos) impl->alphabet.push_back(lower);
      if (lower < 0x80) continue;
      const std::string letter = encode_utf8(std::u32string(1, lower));
      const std::string folded = fold(letter);
      if (folded.size() != 1 || folded == letter || !std::isalpha(static_cast<unsigned char>(folded[0]))) continue;
      std::u32string& list = impl->restorations[static_cast<char32_t>(folded[0])];
      if (list.find(lower) == std::u32string::npos) list.push_back(lower);
    }
  }
  return std::unique_ptr<HunspellStemmer>(new HunspellStemmer(std::move(impl)));
}

std::string HunspellStemmer::stem(std::string_view word) {
  if (auto it = impl_->cache.find(std::string(word)); it != impl_->cache.end()) return it->second;
  if (impl_->cache.size() >= kMaxCacheEntries) impl_->cache.clear();
  std::string lemma = impl_->stem(word);
  impl_->cache.emplace(std::string(word), lemma);
  return lemma;
}

}  // namespace faqsearch::detail
