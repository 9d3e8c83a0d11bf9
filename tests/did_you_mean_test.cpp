// Did-you-mean (issue #20) on indexes made for one rule each: when a typo's fix is offered
// though the query's other words find as much, what the language's dictionary decides, and the
// slips it recognises where no word of the articles is near.
#include <gtest/gtest.h>

#include "faqsearch/faqsearch.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::expect_did_you_mean;
using Row = testing::DidYouMeanRow;
using testing::expect_did_you_mean_rows;
using testing::ScratchDir;

TEST(DidYouMean, ATypoOfACommonWordIsFixedWhateverTheOtherWordsFind) {
  // The query's other words find one article that lacks the word meant: the fix finds no more
  // than they do, and is offered when the word is in enough articles to be common, or when the
  // language's dictionary says the word typed is none (English has one, Italian none here).
  ScratchDir dir;
  std::vector<Article> articles = {
      testing::article("video", "en", "Download a youtube video", "Save the video to watch it offline."),
      testing::article("salt", "en", "Sodium in our snacks", "Each bag lists its salt."),
      testing::article("video-it", "it", "Scaricare un video di youtube", "Salva il video per guardarlo."),
      testing::article("sale-it", "it", "Il sodio nei nostri snack", "Ogni sacchetto indica il sale."),
  };
  for (int i = 0; i < 5; ++i) {
    const std::string n = std::to_string(i);
    articles.push_back(testing::article("p" + n, "en", "Question " + n, "It is possible to change plan " + n + "."));
    articles.push_back(testing::article("p" + n + "-it", "it", "Domanda " + n, "È possibile cambiare piano " + n + "."));
  }
  testing::index_articles(dir.path(), articles);
  const std::vector<Row> rows = {
      {"en", "is it possble to download a youtube video", "is it possible to download a youtube video"},  // in 5 articles
      {"it", "possbile scaricare video youtube", "possibile scaricare video youtube"},
      // A word of one article: as likely a word it lacks, unless a dictionary says it is none.
      {"it", "sachetto scaricare video youtube", ""},
      {"en", "sosium download youtube video", "sodium download youtube video"},
      // The last letters: another inflection as often, unless a dictionary says it is none.
      {"it", "possibiel scaricare video youtube", ""},
      {"en", "possibel download youtube video", "possible download youtube video"},
      // Five letters: a typo of a common word when the dictionary says it is none; of a rare
      // one, as likely a name the articles lack ("Salmy" is no "Sally").
      {"en", "chnge download youtube video", "change download youtube video"},
      {"en", "sallt download youtube video", ""},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, AWordTheLanguagesDictionaryAcceptsIsNoTypo) {
  // Without the dictionaries, each first row was "corrected" to the article's neighbour: a word
  // alone finds nothing, and its one-edit neighbour finds an article.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("bottle", "en", "Return a bottle", "Empty bottles go back."),
                                          testing::article("casos", "es", "Casos de devolución", "Todos los casos."),
                                          testing::article("adresse", "de", "Adresse geleistet", "Zahlung geleistet."),
                                      });
  const std::vector<Row> rows = {
      {"en", "battle", ""},        {"en", "botle", "bottle"},
      {"es", "cascos", ""},        {"es", "cassos", "casos"},
      {"de", "gelistet", ""},      {"de", "geleisstet", "geleistet"},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
  // Resources that load no spelling dictionary correct as before them.
  ResourceOptions without;
  without.spelling_dictionaries = false;
  Searcher lean(dir.path(), SharedResources(without));
  expect_did_you_mean(lean, "en", "battle", "bottle");
  expect_did_you_mean(lean, "es", "cascos", "casos");
}

TEST(DidYouMean, ASlipInAFormTheArticlesDoNotWriteIsFixedByTheDictionary) {
  // The articles write "cancel" only: "cancellaitons" is far from every term, and with two
  // letters swapped back it is a word of the dictionary whose term the articles have.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("cancel", "en", "Cancel an order", "Cancel it before it ships."),
                                          testing::article("kuechly", "en", "Luke Kuechly", "A linebacker."),
                                      });
  const std::vector<Row> rows = {
      {"en", "cancellaitons", "cancellations"},  // two letters swapped
      {"en", "cancelllations", "cancellations"},  // a letter doubled
      {"en", "kuechlly", "kuechly"},              // the scan's fix, as before
      {"en", "cancellationz", "cancellation"},    // a letter too many
      {"en", "cancellatiobs", "cancellations"},   // a letter mistyped
      {"en", "cancellatons", "cancellations"},    // a letter lost
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, ALetterLostInASuffixChainIsPutBackByTheDictionary) {
  // Turkish's stemmer takes "-mıştır" off "yapmıştır" but not off "yapmışır", which is then far
  // from every term; the dictionary's letters put back after the stem make a word it knows.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("anthem", "tr", "Ulusal marş", "Marşı Lady Gaga yaptı."),
                                          testing::article("sing", "tr", "Şarkı", "Şarkıyı kim söyledi, kim çaldı."),
                                          testing::article("warranty", "es", "Garantía", "Si tus auriculares fallan después de un año, los reparamos."),
                                      });
  const std::vector<Row> rows = {
      {"tr", "kim yapmışır", "kim yapmıştır"},  // a letter lost in the suffixes
      {"tr", "kim yapmışşır", "kim yapmıştır"},  // a letter mistyped there
      {"tr", "yaptı", ""},                      // known as it is written
      // Marks left off are how shoppers write: "ú" for "u" is no fix.
      {"es", "auriculares rotos despues de un año", ""},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, ATypoInAnInflectionTheArticlesDoNotWriteKeepsTheInflection) {
  // Polish terms are lemmas, and the articles write each word in one form: the typo scan finds
  // the lemma, and the fix is the form typed, read with the dictionary, not the articles' form.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("human", "pl", "Człowiek w sklepie", "Rozmowa z konsultantem."),
                                          testing::article("rival", "pl", "Mecz", "Drużyna grała z przeciwnikiem."),
                                          testing::article("store", "pl", "Nasz magazyn", "Paczki czekają w magazynie."),
                                      });
  const std::vector<Row> rows = {
      {"pl", "człowwiekiem", "człowiekiem"},  // a letter doubled, the ending of another case
      {"pl", "przeiwnik", "przeciwnik"},      // a letter lost where the articles write "przeciwnikiem"
      {"pl", "magazyynu", "magazynu"},        // the articles write "magazyn" and "magazynie"
      {"pl", "rozmowa", ""},                  // known as it is written
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, ANameTheStemmerKeepsWholeIsNotCorrectedToAnotherOfItsInflections) {
  // A name the stemmer and dictionary do not know keeps its ending in its term: "Geralt" and the
  // articles' "Geralta" are two terms one letter apart, and the shopper typed the name, not a
  // typo of its genitive. Found on poquad ("Czy Geralt ocalił…" → "Geralta") and xquad es
  // ("Grammys" → "Grammy").
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("witcher", "pl", "Wiedźmin", "Ciri odnalazła Geralta w lesie."),
                                          testing::article("gaga", "es", "Lady Gaga", "Ganó seis premios Grammy."),
                                      });
  const std::vector<Row> rows = {
      {"pl", "geralt ciri", ""},
      {"es", "grammys gaga", ""},
      // A typo in the name is still fixed, and one at its end where the dictionary rejects it.
      {"pl", "gerlata ciri", "geralta ciri"},
      {"es", "grammmy gaga", "grammy gaga"},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, OfFixesAsNearTheOneBesideTheOtherWordsIsOffered) {
  // "bittle" is one edit from "bottle" and from "battle": the query's other words choose.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("bottle", "en", "Return a bottle", "Empty bottles go back to the store."),
                                          testing::article("battle", "en", "Battle of the bands", "A music night."),
                                      });
  const std::vector<Row> rows = {
      {"en", "bittle return", "bottle return"},
      {"en", "bittle music", "battle music"},
      {"en", "music bittle", "music battle"},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, OfFixesBesideTheSameWordsTheOneWrittenNextToTheWordTypedBesideItIsOffered) {
  // "vergesen" is one edit from "vergessen" and from "vergeben", and each article with the one
  // has "Passwort" too; the articles write "Passwort vergessen" side by side, "vergeben" apart.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("reset", "de", "Passwort vergessen?", "Ihr neues Passwort ist in wenigen Minuten vergeben."),
                                          testing::article("new", "de", "Neues Konto", "Das Passwort wird bei der Anmeldung vergeben."),
                                      });
  const std::vector<Row> rows = {
      {"de", "passwort vergesen?", "passwort vergessen?"},
      {"de", "vergesen passwort?", "vergeben passwort?"},  // no article writes either before it: the more frequent
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, ALastWordIsUnfinishedOnlyIfWhatWasTypedBeginsAKnownWord) {
  // As-you-type, a last word that begins a known word is being typed. Its stem may begin one
  // that the letters typed after the stem do not ("vergesen", stem "verges", is no start of
  // "vergessen"), and a word may be known by the written form kept beside its stem.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("reset", "de", "Passwort vergessen", "Setzen Sie Ihr Passwort zurück."),
                                          testing::article("refund", "es", "Reembolso pendiente", "Todavía no ha llegado."),
                                      });
  const std::vector<Row> rows = {
      {"de", "passwort vergesen", "passwort vergessen"},
      {"de", "passwort vergesse", ""},  // on the way to "vergessen"
      {"es", "reembolso todavia", ""},  // stem "todavi"; the articles' "todavía" has "todav"
      {"es", "todavia reembolso", ""},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, TheCorrectionShowsNoMarkTheAnalyzerIgnoresUnlessTyped) {
  // The article writes a kasra, which the analyzer ignores and shoppers rarely type: the
  // correction shows the word without it.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("us", "ar", "الولايات المتحدة", "الولايات المتحدة الأمرِيكية دولة كبيرة."),
                                          testing::article("cold", "ar", "الطقس", "الماء البارد والشتاء."),
                                      });
  const std::vector<Row> rows = {
      {"ar", "الولايات المتحدة الأمرييكية", "الولايات المتحدة الأمريكية"},  // a letter doubled
      {"ar", "الولايات المتحدة الأأمريكية", "الولايات المتحدة الأمريكية"},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, AWordTheStemmerCutsOffAsAnEndingIsNotJoinedToTheOneBefore) {
  // "ünü nedir" joined is "ününedir", which Turkish's stemmer reads as "ün" (the term of "ünü"):
  // a known word, written so in more articles than hold both words, but no word of any of them.
  ScratchDir dir;
  std::vector<Article> articles = {testing::article("q", "tr", "Soru", "Tesla'nın ünü nedir?")};
  for (int i = 0; i < 4; ++i) {
    articles.push_back(testing::article("un" + std::to_string(i), "tr", "Ünü " + std::to_string(i), "Bilim insanının ünü."));
  }
  testing::index_articles(dir.path(), articles);
  Searcher s(dir.path());
  expect_did_you_mean(s, "tr", "Tesla'nın ünü nedir?", "");
}

TEST(DidYouMean, TheCorrectionIsInTheCaseTyped) {
  // The articles' spelling, in lower case in the vocabulary, takes the case of the word it
  // replaces: a capital typed at the start of a question or a name stays, by the language's rules.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("bottle", "en", "Return a bottle", "Empty bottles go back."),
                                          testing::article("track", "en", "Track an order", "Follow the parcel."),
                                          testing::article("where", "en", "Where is my order", "Track the order."),
                                          testing::article("indirim", "tr", "İndirim kodu", "Kodu sepette girin."),
                                      });
  const std::vector<Row> rows = {
      {"en", "botle", "bottle"},
      {"en", "Botle", "Bottle"},
      {"en", "BOTLE", "BOTTLE"},
      {"en", "BOtle", "BOttle"},  // letter by letter where the word is in mixed case
      {"en", "Return a Botle", "Return a Bottle"},
      {"en", "Trackorder", "Track order"},  // the first letter of a split
      {"en", "Track.order", "Track order"},  // a point typed for the space: one ICU word
      // Letters of another form (pasted from a styled text, a full-width keyboard) are read as
      // the plain ones, and the correction is written in plain letters, not half in each.
      {"en", "𝓫𝓸𝓽𝓵𝓮", "bottle"},
      {"en", "𝓑𝓸𝓽𝓵𝓮", "Bottle"},
      {"en", "ｂｏｔｌｅ ｒｅｔｕｒｎ", "bottle ｒｅｔｕｒｎ"},
      {"tr", "indirrim kodu", "indirim kodu"},
      {"tr", "İndirrim kodu", "İndirim kodu"},  // Turkish: the capital of "i" is "İ", not "I"
      {"tr", "İNDİRRİM kodu", "İNDİRİM kodu"},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, TheWordIsWrittenAsTheNextArticleWritesItWhenTheFirstHasAnotherInflection) {
  // No title has the word; the first article's body writes "Touchdowns", two edits from the
  // typed "Touchddown", and the next one's "Touchdown", one edit away.
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("many", "de", "Die Saison", "Drei Touchdowns im Spiel."),
                                          testing::article("one", "de", "Das Finale", "Ein Touchdown entschied das Spiel."),
                                      });
  const std::vector<Row> rows = {
      {"de", "Touchddown im Spiel?", "Touchdown im Spiel?"},
      {"de", "Touchdownns im Spiel?", "Touchdowns im Spiel?"},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, AWordTheArticlesWriteInAFormFartherFromTheTypoIsShownInTheFormTyped) {
  // "Nominierug" is two edits from the articles' "Nominierte" and three from their
  // "Nominierungen", which the shopper's own form "Nominierung" is one edit from.
  ScratchDir dir;
  std::vector<Article> articles;
  testing::add_copies(articles, 3, testing::article("many", "de", "Preise", "Drei Nominierungen für den Preis."));
  testing::add_copies(articles, 3, testing::article("won", "de", "Gewinner", "Die Nominierte gewann den Preis."));
  testing::index_articles(dir.path(), articles);
  const std::vector<Row> rows = {
      {"de", "Nominierug für den Preis", "Nominierung für den Preis"},
      {"de", "Nominiertte gewann", "Nominierte gewann"},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, ATypoTheArticlesMadeTooIsFixedWhereTheWordMeantIsManyTimesAsFrequent) {
  // One article has the typo "recived", twenty have "received": the dictionary rejects the first,
  // the articles holding it are few, and they hold fewer of the query's other words. A rare name
  // is left alone: written beside the word typed next to it ("Tracky Jones"), capitalized, or
  // held with as many of the query's words as the frequent word.
  ScratchDir dir;
  std::vector<Article> articles;
  testing::add_copies(articles, 20, testing::article("card", "en", "Card received", "Your new card is received and you can track it."));
  articles.push_back(testing::article("typo", "en", "Depot", "Parcel recived at the depot."));
  articles.push_back(testing::article("agent", "en", "Our team", "Ask Tracky Jones about your card."));
  testing::index_articles(dir.path(), articles);
  const std::vector<Row> rows = {
      {"en", "not recived my card", "not received my card"},
      {"en", "I have not recived my card yet", "I have not received my card yet"},
      {"en", "not received my card", ""},
      {"en", "parcel recived at the depot", ""},  // as the article writes it: held with as many words
      {"en", "ask tracky jones", ""},
      {"en", "where is tracky", ""},
      {"en", "Ask Tracky about it", ""},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

TEST(DidYouMean, AWordTheDictionaryAcceptsIsATypoWhereOneEditMakesAWordHeldWithEveryOtherWord) {
  // "froward" and "fitter" are words of the dictionary the articles lack; one edit makes a word
  // an article holds with each of the query's other words, two at least. Not with one other word
  // only, nor where no article holds them all, nor in the last three letters (another
  // inflection), nor in a word of four letters (one edit from many).
  ScratchDir dir;
  testing::index_articles(dir.path(), {
                                          testing::article("forward", "en", "Forward an email in gmail", "Open the email and forward it."),
                                          testing::article("filter", "en", "Filter mails in gmail", "Make a filter for the mails."),
                                          testing::article("filled", "en", "Forms in gmail", "A form filled in gmail is sent by email."),
                                          testing::article("invoice", "en", "Your invoice", "The invoice is in your account."),
                                          testing::article("form", "en", "Email forms", "Each form has a title in gmail."),
                                      });
  const std::vector<Row> rows = {
      {"en", "froward email gmail", "forward email gmail"},
      {"en", "how to fitter mails in gmail", "how to filter mails in gmail"},
      {"en", "froward email", ""},
      {"en", "froward email invoice", ""},
      {"en", "filler email gmail", ""},
      {"en", "fork email gmail", ""},
  };
  Searcher s(dir.path());
  expect_did_you_mean_rows(s, rows);
}

}  // namespace
}  // namespace faqsearch
