// Xapian's replication (Debian's xapian-tools) for the replica tests (docs/cluster.md): a
// xapian-replicate-server over a master directory on a free loopback port, xapian-replicate run
// once to copy or update one of its databases into a replica directory, and a database written
// out whole, to compare a replica with its master.
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "loopback_server.h"

namespace faqsearch::testing {

/// What one `xapian-replicate --one-shot --verbose` run did, from its exit code and report.
struct ReplicationRun {
  int exit_code = -1;
  unsigned copies = 0;      ///< whole databases the master sent
  unsigned changesets = 0;  ///< changesets (one per master commit) the master sent
  bool changed = false;     ///< whether the replica's live database changed
  std::string output;
};

/// A xapian-replicate-server serving every database below `master_parent` (named by its path
/// relative to it, e.g. "public/en"), on 127.0.0.1 only. Not thread-safe.
class ReplicationServer {
 public:
  explicit ReplicationServer(const std::filesystem::path& master_parent)
      : server_("xapian-replicate-server", [&](unsigned port) {
          return std::vector<std::string>{FAQSEARCH_XAPIAN_REPLICATE_SERVER, "--interface", "127.0.0.1", "--port",
                                          std::to_string(port), master_parent.string()};
        }) {}

  [[nodiscard]] unsigned port() const { return server_.port(); }

  /// Runs xapian-replicate once: brings `replica` (a directory, created with its parents if missing) to the
  /// master database `name`'s latest revision. `-r 0`: changesets are applied one after the
  /// other without the pause (30 s by default) that lets readers of the replica reopen between
  /// them. Throws if the run does not end, or its report cannot be read.
  [[nodiscard]] ReplicationRun replicate(const std::string& name, const std::filesystem::path& replica) const {
    std::filesystem::create_directories(replica.parent_path());  // xapian-replicate makes only the last one
    const CommandResult r = run_to_end({FAQSEARCH_XAPIAN_REPLICATE, "--host", "127.0.0.1", "--port", std::to_string(port()),
                                        "--master", name, "--one-shot", "--verbose", "--reader-time", "0", "--timeout", "60",
                                        replica.string()});
    ReplicationRun run;
    run.exit_code = r.exit_code;
    run.output = r.output;
    static const std::regex kReport("Update complete: ([0-9]+) copies, ([0-9]+) changesets, (new live database|no changes to live database)");
    std::smatch m;
    if (!std::regex_search(r.output, m, kReport)) {
      if (r.exit_code == 0) throw std::runtime_error("xapian-replicate gave no report:\n" + r.output);
      return run;
    }
    run.copies = static_cast<unsigned>(std::stoul(m[1].str()));
    run.changesets = static_cast<unsigned>(std::stoul(m[2].str()));
    run.changed = m[3].str() == "new live database";
    return run;
  }

  /// What the server wrote, for failure messages.
  [[nodiscard]] std::string output() const { return server_.output(); }

 private:
  LoopbackServer server_;
};

/// Sets XAPIAN_MAX_CHANGESETS for this process while it lives (Xapian reads it at every commit:
/// a master keeps the changesets replicas are updated with only when its writer has it), and puts
/// back what was there. `count` nullopt: unset. Not thread-safe (setenv).
class ScopedMaxChangesets {
 public:
  explicit ScopedMaxChangesets(std::optional<unsigned> count) {
    if (const char* old = std::getenv(kName)) old_ = old;
    if (count) {
      ::setenv(kName, std::to_string(*count).c_str(), 1);
    } else {
      ::unsetenv(kName);
    }
  }
  ~ScopedMaxChangesets() {
    if (old_) {
      ::setenv(kName, old_->c_str(), 1);
    } else {
      ::unsetenv(kName);
    }
  }
  ScopedMaxChangesets(const ScopedMaxChangesets&) = delete;
  ScopedMaxChangesets& operator=(const ScopedMaxChangesets&) = delete;

 private:
  static constexpr const char* kName = "XAPIAN_MAX_CHANGESETS";
  std::optional<std::string> old_;
};

/// Everything a search can read of `db` as text: counts and lengths, every document's data,
/// values, terms (wdf) and positions, and all user metadata. Not the UUID or revision (compared
/// on their own). Two databases with equal texts answer every read the same.
inline std::string database_text(const Xapian::Database& db) {
  std::string out = "doccount " + std::to_string(db.get_doccount()) + " lastdocid " + std::to_string(db.get_lastdocid()) +
                    " total_length " + std::to_string(db.get_total_length()) + "\n";
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
    const Xapian::Document doc = db.get_document(*d);
    out += "doc " + std::to_string(*d) + " length " + std::to_string(d.get_doclength()) + " data " + doc.get_data() + "\n";
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) out += " value " + std::to_string(v.get_valueno()) + " " + *v + "\n";
    for (auto t = db.termlist_begin(*d); t != db.termlist_end(*d); ++t) {
      out += " term " + *t + " wdf " + std::to_string(t.get_wdf()) + " at";
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out += " " + std::to_string(*p);
      out += "\n";
    }
  }
  for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) out += "metadata " + *k + " = " + db.get_metadata(*k) + "\n";
  return out;
}

/// How many user-metadata keys of `db` start with `prefix`.
inline std::size_t metadata_keys_with(const Xapian::Database& db, const std::string& prefix) {
  std::size_t n = 0;
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) ++n;
  return n;
}

}  // namespace faqsearch::testing
