// CSV files as Windows tools write them: windows-1252 from Excel's "CSV (semicolon)", UTF-16
// with a byte order mark from "Unicode text", and columns named by the caller (--map). Text that
// cannot be read faithfully is refused with the encoding found, never turned into U+FFFD.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "test_support.h"

namespace faqsearch {
namespace {

struct Imported {
  std::vector<Article> articles;
  std::vector<ImportProblem> problems;
};

Imported import_csv(const std::string& bytes, const ImportOptions& options = {}) {
  testing::ScratchDir dir;
  const auto file = dir.path() / "faq.csv";
  std::ofstream(file, std::ios::binary) << bytes;
  Imported out;
  read_articles(
      file, options, [&](Article&& a, const SourceLocation&) { out.articles.push_back(std::move(a)); },
      [&](const ImportProblem& p) { out.problems.push_back(p); });
  return out;
}

/// `text` (ASCII and Latin-1 only) as UTF-16 with a byte order mark.
std::string utf16_with_bom(std::u16string_view text, bool little_endian) {
  std::string out = little_endian ? std::string("\xFF\xFE") : std::string("\xFE\xFF");
  for (const char16_t unit : text) {
    const char low = static_cast<char>(unit & 0xFF), high = static_cast<char>(unit >> 8);
    out += little_endian ? low : high;
    out += little_endian ? high : low;
  }
  return out;
}

// Excel's "CSV (semicolon)" on a German Windows: windows-1252 bytes (ü = 0xFC, ß = 0xDF, € = 0x80,
// „ “ = 0x84 0x93).
const std::string kCp1252Csv =
    "id;lang;title;body\r\n"
    "r1;de;R\xFC"
    "cksendung;Die R\xFC"
    "cksendung ist kostenlos, Gr\xFC\xDF"
    "e. Porto 4,95 \x80 f\xFC"
    "r \x84" "Express\x93.\r\n"
    "r2;de;Adresse \xE4ndern;Eine \xC4nderung ist m\xF6glich, solange nichts versandt ist.\r\n";

TEST(ImportCsvEncoding, ConvertsWhatItDetectsOrWhatTheMarkSays) {
  const struct {
    const char* what;
    std::string bytes;
    const char* title;
    const char* body;
  } rows[] = {
      {"windows-1252, semicolons", kCp1252Csv, "Rücksendung",
       "Die Rücksendung ist kostenlos, Grüße. Porto 4,95 € für „Express“."},
      {"UTF-16LE with BOM, tabs", utf16_with_bom(u"id\tlang\ttitle\tbody\r\nr1\tde\tR\u00FCcksendung\tGr\u00FC\u00DFe\r\n", true),
       "Rücksendung", "Grüße"},
      {"UTF-16BE with BOM", utf16_with_bom(u"id,lang,title,body\nr1,fr,Cr\u00E8me,Br\u00FBl\u00E9e\n", false), "Crème",
       "Brûlée"},
      {"UTF-8 with BOM", "\xEF\xBB\xBFid,lang,title,body\nr1,de,R\xC3\xBC" "cksendung,Gr\xC3\xBC\xC3\x9F" "e\n",
       "Rücksendung", "Grüße"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    const Imported run = import_csv(row.bytes);
    ASSERT_TRUE(run.problems.empty()) << run.problems.front().to_string();
    ASSERT_GE(run.articles.size(), 1u);
    EXPECT_EQ(run.articles[0].title, row.title);
    EXPECT_EQ(run.articles[0].body, row.body);
  }
  const Imported cp1252 = import_csv(kCp1252Csv);
  ASSERT_EQ(cp1252.articles.size(), 2u);
  EXPECT_EQ(cp1252.articles[1].title, "Adresse ändern");
}

TEST(ImportCsvEncoding, RefusesWhatItCannotReadFaithfully) {
  std::string binary = "id,title\n";
  for (int i = 0; i < 200; ++i) binary += static_cast<char>((i * 37 + 11) % 256);
  const struct {
    const char* what;
    std::string bytes;
    std::size_t line;
    const char* message_part;
  } rows[] = {
      {"binary data", binary, 2, "binary data"},
      {"UTF-8 with one windows-1252 line", "id,lang,title\nr1,de,Gr\xC3\xBC\xC3\x9F" "e und \xE2\x82\xAC\nr2,de,R\xFC" "ckgabe\n", 3,
       "holds UTF-8"},
      {"UTF-16LE mark, odd byte count", std::string("\xFF\xFEi\0d\0\n\0x", 9), 2, "UTF-16LE"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    const Imported run = import_csv(row.bytes);
    EXPECT_TRUE(run.articles.empty());
    ASSERT_EQ(run.problems.size(), 1u);
    const ImportProblem& p = run.problems[0];
    EXPECT_EQ(p.where.field, "encoding");
    EXPECT_EQ(p.where.line, row.line) << p.to_string();
    EXPECT_NE(p.message.find(row.message_part), std::string::npos) << p.to_string();
    EXPECT_EQ(p.to_string().find("\xEF\xBF\xBD"), std::string::npos);
  }
}

TEST(ImportCsvEncoding, DeclaredEncodingWinsOverDetection) {
  // windows-1250 (Polish): ł = 0xB3, ś = 0x9C, ż = 0xBF; detection could take it for another.
  ImportOptions options;
  options.encoding = "windows-1250";
  const Imported run = import_csv("id;lang;title;body\nr1;pl;Zwrot przesy\xB3ki;Mo\xBF" "esz to zrobi\xE6 w ci\xB9gu 14 dni.\n", options);
  ASSERT_TRUE(run.problems.empty()) << run.problems.front().to_string();
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles[0].title, "Zwrot przesyłki");
  EXPECT_EQ(run.articles[0].body, "Możesz to zrobić w ciągu 14 dni.");
  options.encoding = "no-such-encoding";
  EXPECT_THROW(import_csv("id\n", options), InvalidArgument);
}

TEST(ImportCsvEncoding, ExplicitColumnMapping) {
  const struct {
    const char* what;
    std::vector<std::pair<std::string, std::string>> map;
    const char* csv;
    const char* title;
    const char* body;
    std::vector<std::string> problem_fields;
  } rows[] = {
      {"unknown headers named", {{"Frage", "title"}, {"ANTWORT", "body"}, {"Nr", "id"}},
       "Nr;Sprache;Frage;Antwort\n7;de;Wo ist mein Paket?;Im Kundenkonto.\n", "Wo ist mein Paket?", "Im Kundenkonto.",
       {"Sprache"}},
      {"mapping wins over an alias", {{"question", "body"}, {"summary", "title"}},
       "id,lang,summary,question\n1,en,Returns,How do I return an item?\n", "Returns", "How do I return an item?", {}},
      {"'-' ignores a column", {{"notes", "-"}}, "id,lang,title,notes\n1,en,Returns,internal\n", "Returns", "", {}},
      {"a mapped column the header lacks", {{"Titel", "title"}}, "id,lang,title\n1,en,Returns\n", "Returns", "", {"Titel"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    ImportOptions options;
    options.csv_columns = row.map;
    options.default_lang = "de";
    const Imported run = import_csv(row.csv, options);
    ASSERT_EQ(run.articles.size(), 1u);
    EXPECT_EQ(run.articles[0].title, row.title);
    EXPECT_EQ(run.articles[0].body, row.body);
    std::vector<std::string> fields;
    for (const ImportProblem& p : run.problems) {
      EXPECT_EQ(p.where.line, 1u);
      fields.push_back(p.where.field);
    }
    EXPECT_EQ(fields, row.problem_fields);
  }
  ImportOptions bad;
  bad.csv_columns = {{"Frage", "question"}};
  EXPECT_THROW(import_csv("id\n", bad), InvalidArgument);
}

}  // namespace
}  // namespace faqsearch
