// Opening input files without trusting what the path names, and the URL schemes articles may
// link to.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <string>
#include <system_error>

#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "import/import_internal.h"

namespace faqsearch {
namespace fs = std::filesystem;

namespace {

std::string_view kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISDIR(mode)) return "a directory";
  return "not a regular file";
}

[[noreturn]] void refuse(const fs::path& path, mode_t mode) {
  throw ImportError("cannot read " + path.string() + ": it is " + std::string(kind_of(mode)) +
                    ", not a regular file (reading it could block forever)");
}

[[noreturn]] void fail(const fs::path& path, int error) {
  throw ImportError("cannot read " + path.string() + ": " + std::strerror(error));
}

}  // namespace

namespace detail {

InputFile::InputFile(const fs::path& path) : path_(path) {
  // The file the links lead to, opened without following one more: what was checked is what is
  // read. Checked before opening, since opening a FIFO blocks until a writer comes; opened
  // non-blocking and checked again, in case the path changed in between.
  std::error_code ec;
  const fs::path real = fs::canonical(path, ec);
  if (ec) fail(path, ec.value());
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) fail(path, errno);
  if (!S_ISREG(st.st_mode)) refuse(path, st.st_mode);
  fd_ = ::open(real.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
  if (fd_ < 0) fail(path, errno);
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (S_ISREG(st.st_mode)) fail(path, error);
    refuse(path, st.st_mode);
  }
  size_ = static_cast<std::size_t>(st.st_size);
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool InputFile::fill() {
  constexpr std::size_t kChunk = 1 << 16;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kChunk);
  ssize_t n = 0;
  do {
    n = ::read(fd_, buffer_.data() + old_size, kChunk);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    const int error = errno;
    buffer_.resize(old_size);
    fail(path_, error);
  }
  buffer_.resize(old_size + static_cast<std::size_t>(n));
  return n > 0;
}

bool InputFile::read_line(std::string& line) {
  std::size_t searched = pos_;
  while (true) {
    const std::size_t newline = buffer_.find('\n', searched);
    if (newline != std::string::npos) {
      line.assign(buffer_, pos_, newline - pos_);
      pos_ = newline + 1;
      return true;
    }
    searched = buffer_.size() - pos_;  // fill() moves the unread bytes to the front
    if (!fill()) break;
  }
  if (pos_ >= buffer_.size()) return false;
  line.assign(buffer_, pos_);
  pos_ = buffer_.size();
  return true;
}

std::string InputFile::read_all() {
  std::string out;
  out.reserve(size_);
  out.append(buffer_, pos_);
  buffer_.clear();
  pos_ = 0;
  while (fill()) {
    out += buffer_;
    buffer_.clear();
  }
  return out;
}

}  // namespace detail

std::string read_input_file(const fs::path& path) { return detail::InputFile(path).read_all(); }

bool is_safe_article_url(std::string_view url) noexcept {
  // As a browser reads an href: leading spaces and controls are dropped, tabs and line breaks
  // anywhere ignored ("java\tscript:" runs), the scheme matched in any case.
  char scheme[6] = {};  // "https" and its terminator; longer schemes are neither
  std::size_t length = 0;
  bool started = false;
  for (const char c : url) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (!started && static_cast<unsigned char>(c) <= 0x20) continue;
    started = true;
    if (c == ':') {
      if (length == 0) return true;  // ":x" is a relative path
      const std::string_view name(scheme, std::min(length, sizeof scheme - 1));
      return length < sizeof scheme && (name == "http" || name == "https");
    }
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool scheme_char = letter || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!scheme_char || (length == 0 && !letter)) return true;  // no scheme: a relative URL
    if (length < sizeof scheme - 1) scheme[length] = static_cast<char>(c | 0x20);  // ASCII lower case
    ++length;
  }
  return true;  // no colon: relative
}

}  // namespace faqsearch
