// The sample help center split into two shards, one a local directory and one served partition
// by partition by xapian-tcpsrv, and the same articles whole in one local index: the fixture of
// the tests that search the two as one (cluster_search_test.cpp, cluster_hit_languages_test.cpp).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "faqsearch/synonyms.h"
#include "index/manifest.h"
#include "remote_server.h"
#include "test_support.h"

namespace faqsearch::testing {

struct Query {
  std::string text;
  std::string lang;
};

/// A stable split of articles into two shards: every translation of an article on one.
inline bool on_second_shard(const std::string& id) {
  std::uint32_t hash = 2166136261u;  // FNV-1a
  for (const unsigned char c : id) hash = (hash ^ c) * 16777619u;
  return hash % 2 == 1;
}

inline std::string counts(const std::map<std::string, std::size_t>& m) {
  std::string out;
  for (const auto& [value, n] : m) out += value + "=" + std::to_string(n) + " ";
  return out;
}

/// Everything a caller sees of a search, as text, but for what EveryQueryGivesWhatOneLocalIndexGives
/// compares apart: the total, the scores and the did-you-mean.
inline std::string rendered(const SearchResults& r) {
  std::string out = "languages=";
  for (const std::string& lang : r.languages) out += lang + " ";
  if (r.diagnosis) {
    out += "\ndiagnosis=" + std::to_string(static_cast<int>(r.diagnosis->reason)) + " " +
           counts(r.diagnosis->other_languages);
  }
  out += "\nfacets: " + counts(r.facets.category) + "| " + counts(r.facets.section) + "| " + counts(r.facets.tag) +
         "| " + counts(r.facets.lang) + (r.facets.exhaustive ? "" : " (not exhaustive)");
  for (const Hit& h : r.hits) {
    out += "\n" + std::to_string(h.rank) + " " + h.id + " " + h.lang +
           (h.fallback ? " fallback" : "") + " [" + h.title_snippet.to_html() + "] " + h.snippet.to_html() +
           " translations=";
    for (const std::string& t : h.translations) out += t + " ";
  }
  return out;
}

inline std::vector<std::string> ids_of(const std::vector<Hit>& hits) {
  std::vector<std::string> out;
  for (const Hit& h : hits) out.push_back(h.id);
  return out;
}

inline void write_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

/// The sample corpus indexed three times: whole in `single`, split in `local` and `served`
/// (served by one xapian-tcpsrv per partition), and the cluster file naming the two shards.
class ClusterSearch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    queries_ = new std::vector<Query>;
    servers_ = new std::vector<std::unique_ptr<RemoteServer>>;
    std::ifstream synonyms_file(testing::source_dir() / "corpus" / "synonyms.txt", std::ios::binary);
    std::stringstream synonyms_text;
    synonyms_text << synonyms_file.rdbuf();
    const std::vector<SynonymGroup> synonyms = parse_synonyms(synonyms_text.str(), "corpus/synonyms.txt");
    IndexWriter single = IndexWriter::open(dir_->path() / "single", OpenMode::kCreate);
    IndexWriter local = IndexWriter::open(dir_->path() / "local", OpenMode::kCreate);
    IndexWriter served = IndexWriter::open(dir_->path() / "served", OpenMode::kCreate);
    read_articles(
        testing::source_dir() / "corpus" / "articles", {},
        [&](Article&& a, const SourceLocation&) {
          single.upsert(a);
          (on_second_shard(a.id) ? served : local).upsert(a);
          queries_->push_back({a.title, a.lang});
        },
        [](const ImportProblem& p) { ADD_FAILURE() << p.to_string(); });
    for (IndexWriter* w : {&single, &local, &served}) {
      w->set_synonyms(synonyms);
      w->commit();
    }
    std::ifstream in(testing::source_dir() / "corpus" / "queries.jsonl");
    for (std::string line; std::getline(in, line);) {
      const auto j = nlohmann::json::parse(line);
      queries_->push_back({j.at("text").get<std::string>(), j.at("lang").get<std::string>()});
    }
    std::string cluster = "version = 1\n\n[[shard]]\nname = \"local\"\npath = \"local\"\n\n[[shard]]\nname = \"served\"\n";
    for (const detail::Partition& p : detail::list_partitions(dir_->path() / "served")) {
      servers_->push_back(std::make_unique<RemoteServer>(std::vector<std::filesystem::path>{p.path}));
      cluster += "  [[shard.partition]]\n  audience = \"" + p.audience + "\"\n  lang = \"" + p.lang +
                 "\"\n  address = \"tcp://127.0.0.1:" + std::to_string(servers_->back()->port()) + "\"\n";
    }
    write_file(cluster_file(), cluster);
  }
  static void TearDownTestSuite() {
    delete servers_;
    delete queries_;
    delete dir_;
  }
  static std::filesystem::path cluster_file() { return dir_->path() / "cluster.toml"; }

  static inline ScratchDir* dir_ = nullptr;
  static inline std::vector<Query>* queries_ = nullptr;
  static inline std::vector<std::unique_ptr<RemoteServer>>* servers_ = nullptr;
};

}  // namespace faqsearch::testing
