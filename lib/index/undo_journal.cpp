#include "index/undo_journal.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "index/manifest.h"
#include "index/schema.h"

namespace faqsearch::detail {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json article_to_json(const Article& a) {
  return {{"id", a.id},       {"lang", a.lang},         {"title", a.title},   {"body", a.body},
          {"url", a.url},     {"category", a.category}, {"tags", a.tags},     {"audience", a.audience},
          {"updated_at", a.updated_at}, {"section", a.section}, {"promoted", a.promoted},
          {"outdated", a.outdated}, {"vote_sum", a.vote_sum}, {"vote_count", a.vote_count},
          {"position", a.position}};
}

Article article_from_json(const json& j) {
  Article a;
  a.id = j.at("id").get<std::string>();
  a.lang = j.at("lang").get<std::string>();
  a.title = j.at("title").get<std::string>();
  a.body = j.at("body").get<std::string>();
  a.url = j.at("url").get<std::string>();
  a.category = j.at("category").get<std::string>();
  a.tags = j.at("tags").get<std::vector<std::string>>();
  a.audience = j.at("audience").get<std::string>();
  a.updated_at = j.at("updated_at").get<std::string>();
  a.section = j.value("section", "");
  a.promoted = j.value("promoted", false);
  a.outdated = j.value("outdated", false);
  a.vote_sum = j.value("vote_sum", std::int64_t{0});
  a.vote_count = j.value("vote_count", std::int64_t{0});
  a.position = j.value("position", std::int64_t{0});
  return a;
}

}  // namespace

void write_undo_journal(const fs::path& dir, const UndoJournal& journal) {
  std::string text;
  for (const BeforeImage& image : journal.images) {
    json line = {{"op", "before"}, {"id", image.id}, {"lang", image.lang}, {"article", nullptr}};
    if (image.article) line["article"] = article_to_json(*image.article);
    if (!image.source.empty()) line["source"] = image.source;
    text += line.dump() + "\n";
  }
  text += json{{"op", "end"}, {"count", journal.images.size()}, {"generation", journal.generation}}.dump() + "\n";
  write_file_durably(dir / kJournalFile, text);
}

std::optional<UndoJournal> read_undo_journal(const fs::path& dir) {
  std::ifstream in(dir / kJournalFile, std::ios::binary);
  if (!in) return std::nullopt;
  UndoJournal journal;
  std::vector<BeforeImage>& images = journal.images;
  bool complete = false;
  try {
    for (std::string line; std::getline(in, line);) {
      const json j = json::parse(line);
      if (j.at("op") == "end") {
        complete = j.at("count").get<std::size_t>() == images.size();
        journal.generation = j.at("generation").get<std::uint64_t>();
        break;
      }
      BeforeImage image{j.at("id").get<std::string>(), j.at("lang").get<std::string>(), std::nullopt, {}};
      if (!j.at("article").is_null()) image.article = article_from_json(j.at("article"));
      image.source = j.value("source", "");
      images.push_back(std::move(image));
    }
  } catch (const std::exception&) {
    complete = false;  // torn while being written
  }
  if (!complete) images.clear();
  return journal;
}

void remove_undo_journal(const fs::path& dir) noexcept {
  std::error_code ec;
  fs::remove(dir / kJournalFile, ec);
}

}  // namespace faqsearch::detail
