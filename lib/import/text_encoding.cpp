// Text files in other encodings than UTF-8: byte order marks, detection (uchardet), conversion
// (ICU's converters), and refusal with the reason when the text cannot be read faithfully.
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "analysis/utf8.h"
#include "import/import_internal.h"

namespace faqsearch::detail {
namespace {

struct ByteOrderMark {
  std::string_view bytes;
  std::string_view encoding;
};

// Longest first: UTF-32LE's mark begins with UTF-16LE's.
constexpr std::array<ByteOrderMark, 5> kByteOrderMarks{{
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {"\xEF\xBB\xBF", "UTF-8"},
    {"\xFF\xFE", "UTF-16LE"},
    {"\xFE\xFF", "UTF-16BE"},
}};

std::size_t line_at(std::string_view text, std::size_t offset) noexcept {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string hex_byte(char c) {
  static constexpr std::string_view kDigits = "0123456789ABCDEF";
  const auto b = static_cast<unsigned char>(c);
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 15];
}

/// Where `text` stops being well-formed UTF-8, and how many multi-byte characters come before.
struct Utf8Scan {
  std::size_t first_invalid = 0;  // text.size() when all of it is UTF-8
  std::size_t multibyte = 0;      // well-formed characters of two bytes or more, in all the text
};

Utf8Scan scan_utf8(std::string_view text) noexcept {
  Utf8Scan scan{text.size(), 0};
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t length = 0;
    const char32_t cp = decode_utf8(text, pos, length);
    // U+FFFD written as such is three bytes; a decoding error is less.
    if (cp == kReplacementChar && length < 3) {
      scan.first_invalid = std::min(scan.first_invalid, pos);
    } else if (length > 1) {
      ++scan.multibyte;
    }
    pos += length == 0 ? 1 : length;
  }
  return scan;
}

/// Whether bytes read as ASCII controls make this data rather than text: a NUL (no text
/// encoding but UTF-16/32, whose marks were handled before, writes one), or more than one byte
/// in fifty a control other than tab, line feed, form feed, carriage return. `where` is the
/// first of them.
bool looks_binary(std::string_view bytes, std::size_t& where) noexcept {
  std::size_t controls = 0;
  bool nul = false;
  where = bytes.size();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b >= 0x20 || b == '\t' || b == '\n' || b == '\r' || b == '\f') continue;
    if (where == bytes.size()) where = i;
    nul = nul || b == 0;
    ++controls;
  }
  return nul || controls * 50 > bytes.size();
}

std::string detect_charset(std::string_view bytes) {
  const std::unique_ptr<std::remove_pointer_t<uchardet_t>, void (*)(uchardet_t)> detector(uchardet_new(),
                                                                                          &uchardet_delete);
  if (!detector || uchardet_handle_data(detector.get(), bytes.data(), bytes.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* name = uchardet_get_charset(detector.get());
  return name == nullptr ? std::string() : std::string(name);
}

std::string ascii_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

/// Converts `bytes` from `encoding` to UTF-8 with ICU, stopping at the first byte sequence the
/// encoding does not define instead of substituting U+FFFD.
TextDecoding convert(std::string_view bytes, const std::string& encoding, std::string_view detected_as) {
  TextDecoding result;
  result.encoding = encoding;
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<UConverter, void (*)(UConverter*)> converter(ucnv_open(encoding.c_str(), &status),
                                                                     &ucnv_close);
  if (U_FAILURE(status)) {
    result.error = std::string(detected_as) + " \"" + encoding + "\", which this build cannot convert; convert the file to UTF-8";
    return result;
  }
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::array<UChar, 16384> buffer{};
  const char* source = bytes.data();
  const char* const limit = bytes.data() + bytes.size();
  do {
    status = U_ZERO_ERROR;
    UChar* target = buffer.data();
    ucnv_toUnicode(converter.get(), &target, buffer.data() + buffer.size(), &source, limit, nullptr, true, &status);
    icu::UnicodeString(false, buffer.data(), static_cast<int32_t>(target - buffer.data())).toUTF8String(result.text);
  } while (status == U_BUFFER_OVERFLOW_ERROR);
  if (U_FAILURE(status)) {
    result.error_line = line_at(result.text, result.text.size());
    result.error = std::string(detected_as) + " \"" + encoding + "\", but line " + std::to_string(result.error_line) +
                   " holds bytes that are not " + encoding + "; convert the file to UTF-8";
    result.text.clear();
  }
  return result;
}

}  // namespace

TextDecoding decode_text(std::string_view bytes, std::string_view declared_encoding) {
  if (!declared_encoding.empty()) return convert(bytes, std::string(declared_encoding), "declared as");
  for (const ByteOrderMark& mark : kByteOrderMarks) {
    if (!bytes.starts_with(mark.bytes)) continue;
    bytes.remove_prefix(mark.bytes.size());
    if (mark.encoding != "UTF-8") return convert(bytes, std::string(mark.encoding), "marked (byte order mark) as");
    break;
  }
  TextDecoding result;
  result.encoding = "UTF-8";
  const Utf8Scan scan = scan_utf8(bytes);
  if (scan.first_invalid == bytes.size()) {
    result.text = bytes;
    return result;
  }
  const std::size_t invalid = scan.first_invalid;
  std::size_t control = 0;
  if (looks_binary(bytes, control)) {
    result.encoding.clear();
    result.error_line = line_at(bytes, control);
    result.error = "not text in any encoding that could be detected (binary data? byte " + hex_byte(bytes[control]) +
                   " on line " + std::to_string(result.error_line) + ")";
    return result;
  }
  result.error_line = line_at(bytes, invalid);
  if (scan.multibyte > 0) {
    // Well-formed UTF-8 characters beside bytes that are not: a file pasted together from two
    // encodings (a single-byte encoding almost never forms valid UTF-8 sequences by chance). No
    // one conversion reads both parts right, and a detector would pick one and garble the other.
    result.error = "holds UTF-8 (" + std::to_string(scan.multibyte) + " characters), but line " +
                   std::to_string(result.error_line) + " holds byte " + hex_byte(bytes[invalid]) +
                   ", which is not UTF-8 (a part in another encoding?); convert that part to UTF-8";
    return result;
  }
  const std::string detected = ascii_upper(detect_charset(bytes));
  if (detected.empty() || detected == "UTF-8" || detected == "ASCII") {
    result.encoding.clear();
    result.error = "not UTF-8 (byte " + hex_byte(bytes[invalid]) + " on line " + std::to_string(result.error_line) +
                   "), and its encoding could not be detected" +
                   (detected.empty() ? std::string() : " (the detector said " + detected + ")") +
                   "; convert the file to UTF-8 or name its encoding";
    return result;
  }
  // Windows tools write windows-1252 where uchardet says ISO-8859-1; the two differ only in
  // 0x80-0x9F, which are unused controls in ISO-8859-1 and "€", "„", "’"... in windows-1252 (the
  // WHATWG Encoding Standard reads the label iso-8859-1 as windows-1252 for the same reason).
  const std::string encoding = detected == "ISO-8859-1" ? "windows-1252" : detected;
  return convert(bytes, encoding, "detected as");
}

}  // namespace faqsearch::detail
