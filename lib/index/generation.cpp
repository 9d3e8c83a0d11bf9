#include "index/generation.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "faqsearch/error.h"
#include "index/schema.h"

namespace faqsearch::detail {

namespace fs = std::filesystem;
using nlohmann::json;

const PublishedPartition* Generation::find(std::string_view audience, std::string_view lang) const {
  for (const auto& p : partitions) {
    if (p.audience == audience && p.lang == lang) return &p;
  }
  return nullptr;
}

std::optional<Generation> read_generation(const fs::path& dir) {
  std::ifstream in(dir / kGenerationFile, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  try {
    const json j = json::parse(text.str());
    Generation g;
    g.number = j.at("generation").get<std::uint64_t>();
    for (const json& p : j.at("partitions")) {
      g.partitions.push_back({p.at("audience").get<std::string>(), p.at("lang").get<std::string>(),
                              p.at("uuid").get<std::string>(), p.at("revision").get<std::uint64_t>()});
    }
    return g;
  } catch (const std::exception&) {
    return std::nullopt;  // a generation number alone (before schema 9's records) or a torn file
  }
}

void write_generation(const fs::path& dir, const Generation& generation) {
  json partitions = json::array();
  for (const auto& p : generation.partitions) {
    partitions.push_back({{"audience", p.audience}, {"lang", p.lang}, {"uuid", p.uuid}, {"revision", p.revision}});
  }
  const std::string text = json{{"generation", generation.number}, {"partitions", partitions}}.dump() + "\n";
  const fs::path file = dir / kGenerationFile;
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw IndexError("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) throw IndexError("cannot rename " + tmp.string() + " to " + file.string() + ": " + ec.message());
}

bool matches(const Xapian::Database& db, const PublishedPartition& published) {
  return db.get_revision() == published.revision && db.get_uuid() == published.uuid;
}

PublishedPartition describe(const Xapian::Database& db, std::string audience, std::string lang) {
  return {std::move(audience), std::move(lang), db.get_uuid(), db.get_revision()};
}

namespace {

int lock_file(const fs::path& file, int open_flags, int operation) {
  const int fd = ::open(file.c_str(), open_flags | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  while (::flock(fd, operation) != 0) {
    if (errno == EINTR) continue;
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

PublishLock PublishLock::exclusive(const fs::path& dir) {
  const fs::path file = dir / kPublishLockFile;
  const int fd = lock_file(file, O_RDWR | O_CREAT, LOCK_EX);
  if (fd < 0) throw IndexError("cannot lock " + file.string() + ": " + std::strerror(errno));
  return PublishLock(fd);
}

PublishLock PublishLock::shared(const fs::path& dir) {
  return PublishLock(lock_file(dir / kPublishLockFile, O_RDONLY, LOCK_SH));
}

PublishLock::PublishLock(PublishLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

PublishLock::~PublishLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

bool writer_alive(const fs::path& dir) {
  const int fd = ::open((dir / kLockFile).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;  // no writer ever opened the index
  const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return held;
}

}  // namespace faqsearch::detail
