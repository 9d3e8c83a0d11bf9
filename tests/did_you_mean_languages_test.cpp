// Did-you-mean (issue #20), the rules of one script or language, on indexes made for one rule
// each: Arabic's article and clitics, Turkish suffixes after an apostrophe, German compounds,
// vowels a language drops, English words typed in another language.
#include <gtest/gtest.h>

#include "faqsearch/faqsearch.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::expect_did_you_mean;
using Row = testing::DidYouMeanRow;
using testing::expect_did_you_mean_rows;
using testing::ScratchDir;

TEST(DidYouMean, ASlipInTheFirstLetterAfterAnArticleIsFixed) {
  // The stemmer takes the article ال off, so the stem begins with a letter typed mid-word, which
  // the typo scan keeps: the script's letters are tried in its place.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("region", "ar", "المستوى الإقليمي", "التقسيم الإقليمي في البلاد."),
                                          testing::article("match", "ar", "نتيجة المباراة", "انتهت المباراة بالتعادل."),
                                          testing::article("cold", "ar", "الطقس", "الماء البارد والشتاء."),
                                          testing::article("team", "ar", "فريق البانثرز", "لعب فريق البانثرز أمس."),
                                      });
  const std::vector<Row> rows = {
      {"ar", "التقسيم الققليمي", "التقسيم الإقليمي"},  // replaced
      {"ar", "فريق الانثرز", "فريق البانثرز"},  // dropped, and the stem left begins with ا as the article does
      {"ar", "نتيجة الباراة", "نتيجة المباراة"},        // dropped
      {"ar", "التقسيم الإقليمي", ""},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, ANameWithItsSuffixIsNotJoinedToTheNextWord) {
  // "Tesla'nın" is analyzed as "Tesla" (LanguageRow::apostrophe_suffixes): joined to the next
  // word it would analyze as "Tesla" again, a known word, and was offered as one word.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("tesla", "tr", "Tesla", "Tesla'nın şirketi Tesla Electric."),
                                          testing::article("sirket", "tr", "Şirket", "Tesla'nın şirketinde lamba üretildi."),
                                          testing::article("bobin", "tr", "Tesla bobini", "Nikola Tesla."),
                                          testing::article("edison", "tr", "Tesla ve Edison", "Tesla'ya göre."),
                                          testing::article("nikola", "tr", "Nikola Tesla", "Mucit."),
                                      });
  Searcher s(dir.path());
  for (const char* query : {"Tesla'nın şirketinde ne üretilmiştir?", "Tesla'nın şirketi", "Tesla’nın şirketi"}) {
    expect_did_you_mean(s, "tr", query, "");
  }
}

TEST(DidYouMean, ASuffixAfterAnApostropheIsNoTypoOfTheWordWrittenJoined) {
  // "Marş'ı" is analyzed as "marş", the articles' "Marşı" as "marşı": two terms one apostrophe
  // apart, and the articles' spelling was offered for a word typed right.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("mars", "tr", "Ulusal Marşı", "Ulusal Marşı kim söyledi? Lady Gaga söyledi."),
                                          testing::article("havza", "tr", "Fırat Havzasına giriş", "Franklar Fırat Havzasına girdi."),
                                      });
  const std::vector<Row> rows = {
      {"tr", "Ulusal Marş'ı kim söyledi?", ""},
      {"tr", "Ulusal Marş’ı kim söyledi?", ""},
      {"tr", "Franklar Fırat Havzası'na girdi", ""},
      {"tr", "Franklar Fırat Havzası'na girrdi", "Franklar Fırat Havzası'na girdi"},  // a typo beside it is fixed, the word kept
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, AWordWhoseOtherFormsDropAVowelIsNoTypoOfThem) {
  // The articles write "Суперкубка" only (`суперкубк`); "Суперкубок" (`суперкубок`) is one
  // letter from it and was "corrected" to a form one swap away with that stem ("Суперкубко").
  ScratchDir dir;
  std::vector<Article> articles;
  testing::add_copies(articles, 5, testing::article("cup", "ru", "Финал Суперкубка", "Победитель Суперкубка получил штрафной удар."));
  testing::index_articles(dir.path(), articles);
  const std::vector<Row> rows = {
      {"ru", "Кто выиграл Суперкубок?", ""},
      {"ru", "Кто выиграл Суперкубоок?", "Кто выиграл Суперкубка?"},  // a letter doubled before the last
      {"ru", "штрафонй удар", "штрафной удар"},  // the stemmer took an ending off: a typo
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, AShortArabicWordWhoseArticleTheStemmerKeptIsScannedWithoutIt) {
  // "الدلة" (الدولة, a letter dropped) is too short for the stemmer to take ال off: its term
  // `الدل` is far from the articles' `دول`; its folded variant `دله` is one edit from `دوله`.
  ScratchDir dir;
  std::vector<Article> articles;
  testing::add_copies(articles, 3, testing::article("state", "ar", "الدولة", "تحد الدولة سوريا من الجنوب."));
  articles.push_back(testing::article("all", "ar", "الكل", "الكلية والدم."));
  testing::index_articles(dir.path(), articles);
  const std::vector<Row> rows = {
      {"ar", "ما الدلة التي تحد سوريا؟", "ما الدولة التي تحد سوريا؟"},
      {"ar", "ما الدولة التي تحد سوريا؟", ""},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, AnEnglishWordInAnotherLanguageIsNoTypo) {
  // The German dictionary rejects "Quarter", one edit from the articles' "Quartär": an English
  // word typed in a German query is a loanword the articles lack, not a typo.
  ScratchDir dir;
  std::vector<Article> articles;
  testing::add_copies(articles, 5, testing::article("geo", "de", "Das Quartär", "Im Quartär und im Super Bowl XXXIII."));
  testing::index_articles(dir.path(), articles);
  const std::vector<Row> rows = {
      {"de", "Ball im vierten Quarter", ""},
      {"de", "Ball im vierten Quartärr", "Ball im vierten Quartär"},
      {"de", "Super Bowl XXIII", "Super Bowl XXXIII"},  // a Roman numeral, which the English dictionary spells too
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, ATypoInOnePartOfACompoundTheArticlesLackIsFixed) {
  // German writes compounds as one word; the search finds one the articles lack by its parts
  // ("Versandkosten": "Versand", "Kosten"), so a typo in one part is a typo of the compound.
  ScratchDir dir;
  std::vector<Article> articles;
  testing::add_copies(articles, 3, testing::article("cost", "de", "Kosten für den Versand", "Die Kosten für den Versand trägt der Shop."));
  testing::add_copies(articles, 3, testing::article("bill", "de", "Rechnung", "Die Rechnung geht an Ihre Adresse."));
  testing::index_articles(dir.path(), articles);
  const std::vector<Row> rows = {
      {"de", "Versandkoten", "Versandkosten"},
      {"de", "Wer trägt die Verrsandkosten?", "Wer trägt die Versandkosten?"},
      {"de", "Rechnungsadrese ändern", "Rechnungsadresse ändern"},  // the linking "s" on the known part
      {"de", "Rechnugsadresse ändern", "Rechnungsadresse ändern"},  // and on the mistyped one
      {"de", "Versandkosten", ""},
      {"de", "Rechnungsadresse ändern", ""},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, AnArabicWordIsShownWithoutTheCliticsTheArticlesWriteOntoIt) {
  // The articles write "واستقرار" ("and stability"), two edits from the typed "استقار"; the word
  // alone is one edit away, as near as "استقال", which no article holds beside "البلقان".
  ScratchDir dir;
  std::vector<Article> articles;
  testing::add_copies(articles, 3, testing::article("balkans", "ar", "منطقة البلقان", "أمن واستقرار منطقة البلقان."));
  testing::add_copies(articles, 3, testing::article("minister", "ar", "الوزير", "استقال الوزير من منصبه."));
  testing::index_articles(dir.path(), articles);
  const std::vector<Row> rows = {
      {"ar", "متى زعزع استقار منطقة البلقان؟", "متى زعزع استقرار منطقة البلقان؟"},
      {"ar", "متى زعزع استقرار منطقة البلقان؟", ""},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, AnArabicArticleRepairedCompetesWithATypoFixAsNear) {
  // "اعالم" is one letter swapped from "اعلام" and the article ال mistyped in "العالم": the one
  // the articles write beside "كأس" is meant.
  ScratchDir dir;
  std::vector<Article> articles;
  testing::add_copies(articles, 3, testing::article("cup", "ar", "كأس العالم", "أقيمت بطولة كأس العالم في روسيا."));
  testing::add_copies(articles, 3, testing::article("media", "ar", "وسائل الاعلام", "تحدثت وسائل الاعلام عن البطولة."));
  testing::index_articles(dir.path(), articles);
  const std::vector<Row> rows = {
      {"ar", "أين أقيم كأس اعالم 2018؟", "أين أقيم كأس العالم 2018؟"},
      {"ar", "ماذا قالت وسائل اعالم", "ماذا قالت وسائل اعلام"},  // the swap, beside "وسائل"
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, AnArabicFixIsWrittenWithTheShoppersAlefs) {
  // The articles write "الإنفاق"; the search reads it as "الانفاق", so it is one edit from the
  // typed "الاناق", as near as the more frequent "الاناث", which no article holds beside
  // "العسكري". It is shown with the alef as the shopper types it.
  ScratchDir dir;
  std::vector<Article> articles = {
      testing::article("spending", "ar", "الإنفاق العسكري", "ترتيب الهند في الإنفاق العسكري."),
  };
  testing::add_copies(articles, 3, testing::article("women", "ar", "صحة الاناث", "صحة الاناث والرجال."));
  testing::index_articles(dir.path(), articles);
  const std::vector<Row> rows = {
      {"ar", "ترتيب الهند في الاناق العسكري", "ترتيب الهند في الانفاق العسكري"},
      {"ar", "ترتيب الهند في الإناق العسكري", "ترتيب الهند في الإنفاق العسكري"},  // typed with the hamza
      {"ar", "ترتيب الهند في الانفاق العسكري", ""},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, ADictionaryRepairHeldWithMoreWordsBeatsAnArticlesWordAsNear) {
  // "اعلراق" is one letter from the articles' "اعراق" (races) and two swapped from "العراق",
  // which the dictionary spells and an article holds with every other word typed.
  ScratchDir dir;
  std::vector<Article> articles = {
      testing::article("iraq", "ar", "العراق", "يقدر عدد سكان العراق بأربعين مليون نسمة."),
  };
  testing::add_copies(articles, 3, testing::article("races", "ar", "اعراق البشر", "اعراق مختلفة في العالم."));
  testing::index_articles(dir.path(), articles);
  const std::vector<Row> rows = {
      {"ar", "بكم يقدر عدد سكان اعلراق", "بكم يقدر عدد سكان العراق"},
      {"ar", "اعلراق مختلفة", "اعراق مختلفة"},  // held with no more words: the articles' word
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

}  // namespace
}  // namespace faqsearch
