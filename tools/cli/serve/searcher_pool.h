// One Searcher per worker thread of `faqsearch serve`.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "faqsearch/search.h"

namespace faqsearch::cli::serve {

/// A fixed set of Searchers over one index, lent to one request at a time. A Searcher is not
/// thread-safe, and opening one per request would reopen every partition; with as many Searchers
/// as worker threads a request never waits for one. Each Searcher notices commits by itself.
/// Thread-safety: thread-safe.
class SearcherPool {
 public:
  /// Opens `count` Searchers on `dir`, sharing one SharedResources made with `resources`. Throws
  /// as Searcher does.
  SearcherPool(const std::filesystem::path& dir, std::size_t count, const ResourceOptions& resources = {})
      : resources_(resources) {
    for (std::size_t i = 0; i < count; ++i) idle_.push_back(std::make_unique<Searcher>(dir, resources_));
  }

  /// A Searcher lent until the Lease is destroyed.
  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher) : pool_(pool), searcher_(std::move(searcher)) {}
    ~Lease() { pool_.give_back(std::move(searcher_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Searcher& operator*() const { return *searcher_; }
    Searcher* operator->() const { return searcher_.get(); }

   private:
    SearcherPool& pool_;
    std::unique_ptr<Searcher> searcher_;
  };

  /// Waits for an idle Searcher (never, while requests do not outnumber the Searchers).
  [[nodiscard]] Lease lease() {
    std::unique_lock lock(mutex_);
    idle_changed_.wait(lock, [this] { return !idle_.empty(); });
    std::unique_ptr<Searcher> searcher = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(searcher));
  }

 private:
  void give_back(std::unique_ptr<Searcher> searcher) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(std::move(searcher));
    }
    idle_changed_.notify_one();
  }

  SharedResources resources_;
  std::mutex mutex_;
  std::condition_variable idle_changed_;
  std::vector<std::unique_ptr<Searcher>> idle_;
};

}  // namespace faqsearch::cli::serve
