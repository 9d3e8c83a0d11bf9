// Related-articles evaluation (issue #20 §3). An article's related list should hold the articles
// judged relevant to the same query as it (stackfaq: other answers of the same thread; banking77:
// other utterances of the same intent). For a deterministic sample of the judged articles:
// MRR@10 and Recall@10 of Searcher::related against two naive baselines, the article's title as
// a query and its first 30 body words as a query (the article itself dropped from each list), and
// the median time of a related() call.
//
//   faqsearch_related_eval [--max-articles N] DATASET_DIR...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "faqsearch/faqsearch.h"

namespace fs = std::filesystem;
using namespace faqsearch;

namespace {

struct Doc {
  std::string title, text, lang;
};

struct Score {
  double rr = 0, recall = 0;
  std::size_t n = 0;
  void add(const std::vector<std::string>& ids, const std::string& self, const std::set<std::string>& relevant) {
    ++n;
    std::size_t rank = 0, found = 0;
    bool first = true;
    for (const auto& id : ids) {
      if (id == self) continue;
      if (++rank > 10) break;
      if (!relevant.count(id)) continue;
      ++found;
      if (first) rr += 1.0 / static_cast<double>(rank);
      first = false;
    }
    recall += static_cast<double>(found) / static_cast<double>(relevant.size());
  }
  [[nodiscard]] std::string text() const {
    if (n == 0) return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f / %.3f", rr / static_cast<double>(n), recall / static_cast<double>(n));
    return buf;
  }
};

std::string first_words(const std::string& text, std::size_t n) {
  std::istringstream in(text);
  std::string word, out;
  for (std::size_t i = 0; i < n && in >> word; ++i) out += (out.empty() ? "" : " ") + word;
  return out;
}

std::vector<std::string> ids_of(const std::vector<Hit>& hits) {
  std::vector<std::string> out;
  for (const Hit& h : hits) out.push_back(h.id);
  return out;
}

void evaluate(const fs::path& dataset, std::size_t max_articles) {
  std::map<std::string, Doc> docs;
  {
    std::ifstream in(dataset / "corpus.jsonl");
    for (std::string line; std::getline(in, line);) {
      if (line.find('{') == std::string::npos) continue;
      const auto j = nlohmann::json::parse(line);
      docs[j.at("_id").get<std::string>()] = {j.value("title", ""), j.value("text", ""), j.value("lang", "en")};
    }
  }
  // Articles judged relevant to the same query belong together.
  std::map<std::string, std::set<std::string>> by_query;
  {
    std::ifstream in(dataset / "qrels" / "test.tsv");
    for (std::string line; std::getline(in, line);) {
      std::istringstream fields(line);
      std::string query, doc, score;
      if (!(fields >> query >> doc >> score) || query == "query-id" || std::atof(score.c_str()) <= 0) continue;
      by_query[query].insert(doc);
    }
  }
  std::map<std::string, std::set<std::string>> related_to;
  for (const auto& [query, group] : by_query) {
    for (const auto& d : group) {
      for (const auto& other : group) {
        if (other != d) related_to[d].insert(other);
      }
    }
  }
  const fs::path db = fs::temp_directory_path() / ("faqsearch-related-eval-" + std::to_string(::getpid()));
  fs::remove_all(db);
  {
    IndexWriter writer = IndexWriter::open(db, OpenMode::kCreate, IndexSettings());
    for (const auto& [id, d] : docs) {
      Article a;
      a.id = id;
      a.title = d.title;
      a.body = d.text;
      a.lang = d.lang;
      writer.upsert(std::move(a));
      if (writer.pending() >= 5000) writer.commit();
    }
    writer.commit();
  }
  Searcher searcher(db);
  Score related, by_title, by_body;
  std::vector<double> related_micros;  // each related() call, the first included
  const std::size_t step = std::max<std::size_t>(1, related_to.size() / max_articles);
  std::size_t i = 0;
  for (const auto& [id, relevant] : related_to) {
    if (i++ % step != 0 || !docs.count(id)) continue;
    const Doc& d = docs.at(id);
    SearchRequest request;
    request.languages = {d.lang};
    request.snippets = false;
    request.limit = 11;  // the article itself may be among a baseline's top 10
    request.corrections = false;
    request.diagnose = false;
    const auto started = std::chrono::steady_clock::now();
    const RelatedArticles found = searcher.related(id, request);
    related_micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started).count());
    related.add(ids_of(found.hits), id, relevant);
    if (!d.title.empty()) {
      request.query = d.title;
      by_title.add(ids_of(searcher.search(request).hits), id, relevant);
    }
    request.query = first_words(d.text, 30);
    by_body.add(ids_of(searcher.search(request).hits), id, relevant);
  }
  fs::remove_all(db);
  std::sort(related_micros.begin(), related_micros.end());
  const double median = related_micros.empty() ? 0 : related_micros[related_micros.size() / 2];
  std::printf("| %s | %zu | %s | %.0f | %s | %s |\n", dataset.filename().c_str(), related.n, related.text().c_str(), median,
              by_title.text().c_str(), by_body.text().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t max_articles = 1000;
  std::vector<fs::path> datasets;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--max-articles" && i + 1 < argc) max_articles = std::stoul(argv[++i]);
    else datasets.emplace_back(a);
  }
  if (datasets.empty()) {
    std::cerr << "usage: faqsearch_related_eval [--max-articles N] DATASET_DIR...\n";
    return 1;
  }
  std::printf("| set | articles | related MRR@10 / Recall@10 | related p50 µs | title as query | first 30 words as query |\n");
  std::printf("|---|---|---|---|---|---|\n");
  try {
    for (const auto& d : datasets) evaluate(d, max_articles);
  } catch (const std::exception& e) {
    std::cerr << "faqsearch_related_eval: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
