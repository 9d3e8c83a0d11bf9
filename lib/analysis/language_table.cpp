#include "analysis/language_table.h"

#include <unicode/locid.h>

#include <algorithm>
#include <array>
#include <string>

#include "faqsearch/error.h"
#include "faqsearch/language.h"

namespace faqsearch::detail {
namespace {

// Stop words are our own short lists of the most frequent function words: enough to keep them
// from dominating queries, short enough that a shopper's query word is never lost. Question words
// ("how much", "which", "why") are function words too: a question's "how much" says little about
// which article answers it (measured per row, xquad/xquad_r +0.001 to +0.007, banking77 +0.006;
// see tests/analyzer_test.cpp StopWords). So is "can" (en, de, nb; pl "można" and "móc", whose
// inflected forms the Polish lemmas bring in; ru, es): "czy można płacić blikiem" asks about
// paying (corpus pl 0.896 → 0.912, poquad +0.0003, no cell down). Lists are compared after
// normalization (case folding, Arabic normalization), as the words are; a Hunspell row's lemmas
// too.
constexpr std::string_view kEnglishStop =
    "a an and are as at be but by can do does for from has have how i if in into is it its me my "
    "no not of on or our so that the their there this to was we what when where which who why "
    "will with you your am been did had were whom whose would could should "
    // Contractions of the words above, as the analyzer leaves them (apostrophe dropped); not
    // "id", "ill", "well", which are words too.
    "arent cant cannot couldnt didnt doesnt dont hadnt hasnt havent isnt shouldnt wasnt werent wont "
    "wouldnt im ive youre youve thats whats wheres hows";
constexpr std::string_view kGermanStop =
    "aber als am an auch auf aus bei bin bis da das dass dem den der des die du ein eine einem "
    "einen einer eines er es für hat ich ihr im in ist ja kann mein mich mit nach nicht noch oder "
    "sie sind so um und uns von war was wie wir wo zu zum zur welche welcher welches welchen wer "
    "wann warum";
constexpr std::string_view kFrenchStop =
    "à au aux avec ce ces comment dans de des du elle en est et il je la le les leur ma mais me "
    "mes mon ne nous on ou où par pas pour qu que qui sa se ses son sur ta te tu un une vos votre "
    "vous y";
constexpr std::string_view kSpanishStop =
    "a al como con cuando de del donde el en es esta este la las lo los mi mis no o para pero por "
    "qué que se si su sus te tu un una y ya yo cuál cuáles cuánto cuánta cuántos cuántas quién "
    "quiénes dónde cuándo cómo puedo puede pueden";
constexpr std::string_view kItalianStop =
    "a al alla che chi come con da del della di dove e è gli ha i il in la le lo ma mi mio non o "
    "per perché più se si sono su tu un una";
constexpr std::string_view kPortugueseStop =
    "a ao as com como da das de do dos e é em eu isso mas meu minha na no nos não o os ou para "
    "pelo por que se sem seu sua um uma";
constexpr std::string_view kDutchStop =
    "aan al bij dat de die dit een en er het hoe ik in is je met mijn niet of om op te van voor "
    "wat we wij ze zijn";
constexpr std::string_view kSwedishStop =
    "att av de den det du en ett för har hur i jag kan med min mitt och om på som till var vi";
constexpr std::string_view kDanishStop =
    "af at de den det du en er et for har hvad hvor hvordan i jeg kan med min mit og om på som "
    "til vi";
constexpr std::string_view kNorwegianStop =
    "av at de den det du en er et for fra har hva hvor hvordan i jeg kan med meg min mitt og om "
    "på som til vi å hvem hvilken hvilket hvilke hvorfor når";
constexpr std::string_view kFinnishStop =
    "ei ja jos kuin mikä miten minä minun mitä on ovat se sekä tai että";
constexpr std::string_view kPolishStop =
    "a aby ale bo by być czy do dla i ich im jak jest jeśli już ja jej ma mi mnie moje mój na nie "
    "o od oraz po przez się są ta tak te to w we z za że co kto który która które "
    "gdzie kiedy ile dlaczego można móc";
constexpr std::string_view kRussianStop =
    "а в во да для до если же за и из или к как когда мне мой на не но о от по с так то у что "
    "это я кто какой какая какое какие сколько где почему можно может могу";
constexpr std::string_view kArabicStop =
    "في من على الى إلى عن مع هذا هذه ذلك التي الذي ما لا هل او أو و ثم كيف متى اين أين كم ماذا "
    "لماذا لم لن قد كان";
constexpr std::string_view kTurkishStop =
    "ama bir bu da de için ile mi mı mu mü ne neden nasıl nerede ve veya ya hangi kim kaç";
constexpr std::string_view kRomanianStop =
    "a al ale cu cum de din este în la mai nu o pe pentru sau se și un unde care ce cine când câte "
    "câți";
constexpr std::string_view kGreekStop =
    "και να το τα της την του των με σε για από που πώς ένα μια είναι δεν θα ο η οι "
    "τι ποιος ποια ποιο ποιοι ποιες πόσο πόση πόσα πόσοι πόσες πότε πού γιατί";
constexpr std::string_view kVietnameseStop =
    "các của có cho được là không một này những và với gì nào ai đâu bao nhiêu mấy sao";
constexpr std::string_view kThaiStop =
    "กับ การ ก็ กี่ ของ ความ คือ จาก ซึ่ง ที่ ทำไม นั้น นี้ โดย ใน แต่ ว่า และ แล้ว หรือ อะไร อย่างไร "
    "เท่าไร ใคร ไหน ใด บ้าง เมื่อ";
// Chinese: particles, pronouns and question words, in each script.
constexpr std::string_view kChineseSimplifiedStop =
    "的 了 是 在 和 与 或 吗 呢 吧 啊 什么 哪 哪里 哪个 谁 几 多少 怎么 怎样 如何 为什么 这 那 这个 "
    "那个 我 你 他 她 它 我们 也 都 被 把";
constexpr std::string_view kChineseTraditionalStop =
    "的 了 是 在 和 與 或 嗎 呢 吧 啊 什麼 哪 哪裡 哪個 誰 幾 多少 怎麼 怎樣 如何 為什麼 這 那 這個 "
    "那個 我 你 他 她 它 我們 也 都 被 把";
constexpr std::string_view kChineseStop =
    "的 了 是 在 和 与 與 或 吗 嗎 呢 吧 啊 什么 什麼 哪 哪里 哪裡 哪个 哪個 谁 誰 几 幾 多少 怎么 怎麼 "
    "怎样 怎樣 如何 为什么 為什麼 这 這 那 这个 這個 那个 那個 我 你 他 她 它 我们 我們 也 都 被 把";
// Japanese: particles, copulas and auxiliaries, question words (as ICU segments them).
constexpr std::string_view kJapaneseStop =
    "の は が を に で と も か へ や から まで より な だ です ます でし ました ない て た "
    "こと もの これ それ あれ この その あの どこ なに 何 いつ だれ 誰 どう どの どれ いくら いくつ なぜ";
// Hindi: postpositions, auxiliaries, conjunctions and question words.
constexpr std::string_view kHindiStop =
    "का के की को में से पर ने लिए है हैं था थे थी और या भी तो ही कि यह वह ये वे एक क्या कौन कब "
    "कहाँ कहां कैसे क्यों किस किसने किसे कितना कितने कितनी";
constexpr std::string_view kIndonesianStop =
    "ada apa bagaimana dan dari di dengan ini itu ke saya untuk yang";

constexpr std::array<LanguageRow, 36> kRows{{
    // tag, name, icu_locale, stemmer, hunspell, fold, kept, bigrams, arabic, elisions, stop words,
    // word pairs, pinyin typos, joined compounds, split compounds
    {"und", "Generic (unknown language)", "", "", "", true, "", true, false, "", "", true},
    {"en", "English", "en", "english", "", true, "", false, false, "", kEnglishStop, true},
    // Split compounds help German (xquad de +0.0048, xquad_r de +0.0034), not Norwegian, whose
    // compounds are as solid: norquad −0.0011, corpus nb unchanged.
    {"de", "German", "de", "german", "", true, "", false, false, "", kGermanStop, true, false, false, true},
    {"fr", "French", "fr", "french", "", true, "", false, false, "l d j m n s t c qu jusqu lorsqu puisqu",
     kFrenchStop, true},
    {"es", "Spanish", "es", "spanish", "", true, "", false, false, "", kSpanishStop, true},
    {"it", "Italian", "it", "italian", "", true, "", false, false,
     "l dell all dall nell sull un d c", kItalianStop, true},
    {"ca", "Catalan", "ca", "catalan", "", true, "", false, false, "l d n s m t", "", true},
    {"pt", "Portuguese", "pt", "portuguese", "", true, "", false, false, "", kPortugueseStop, true},
    {"nl", "Dutch", "nl", "dutch", "", true, "", false, false, "", kDutchStop, true},
    {"sv", "Swedish", "sv", "swedish", "", true, "åäö", false, false, "", kSwedishStop, true},
    {"da", "Danish", "da", "danish", "", true, "æøå", false, false, "", kDanishStop, true},
    {"nb", "Norwegian Bokmål", "nb", "norwegian", "", true, "æøå", false, false, "", kNorwegianStop, true},
    {"nn", "Norwegian Nynorsk", "nn", "norwegian", "", true, "æøå", false, false, "", kNorwegianStop, true},
    {"no", "Norwegian", "nb", "norwegian", "", true, "æøå", false, false, "", kNorwegianStop, true},
    {"fi", "Finnish", "fi", "finnish", "", true, "åäö", false, false, "", kFinnishStop, true},
    {"pl", "Polish", "pl", "", "pl_PL", true, "", false, false, "", kPolishStop, true},
    {"ru", "Russian", "ru", "russian", "", true, "й", false, false, "", kRussianStop, true},
    {"ro", "Romanian", "ro", "romanian", "", true, "", false, false, "", kRomanianStop, true},
    {"tr", "Turkish", "tr", "turkish", "", true, "", false, false, "", kTurkishStop, true},
    {"hu", "Hungarian", "hu", "hungarian", "", true, "", false, false, "", "", true},
    {"el", "Greek", "el", "", "", true, "", false, false, "", kGreekStop, true},
    {"vi", "Vietnamese", "vi", "", "", true, "", false, false, "", kVietnameseStop, true},
    {"id", "Indonesian", "id", "indonesian", "", true, "", false, false, "", kIndonesianStop, true},
    {"ar", "Arabic", "ar", "arabic", "", true, "", false, true, "", kArabicStop, true},
    // No word pairs in Hindi (yet): postpositions are separate words ("के लिए"); pairs measured
    // xquad hi 0.935 → 0.929 without a stop list, 0.940 → 0.937 with it.
    {"hi", "Hindi", "hi", "", "", true, "", false, false, "", kHindiStop, false},
    {"ne", "Nepali", "ne", "nepali", "", true, "", false, false, "", "", true},
    {"ta", "Tamil", "ta", "tamil", "", true, "", false, false, "", "", true},
    {"th", "Thai", "th", "", "", true, "", false, false, "", kThaiStop, true, false, true},
    {"lo", "Lao", "lo", "", "", true, "", false, false, "", "", true, false, true},
    {"km", "Khmer", "km", "", "", true, "", false, false, "", "", true, false, true},
    {"my", "Burmese", "my", "", "", true, "", false, false, "", "", true, false, true},
    {"zh-Hans", "Chinese (Simplified)", "zh_Hans", "", "", true, "", true, false, "", kChineseSimplifiedStop, true, true},
    {"zh-Hant", "Chinese (Traditional)", "zh_Hant", "", "", true, "", true, false, "", kChineseTraditionalStop, true, true},
    {"zh", "Chinese", "zh", "", "", true, "", true, false, "", kChineseStop, true, true},
    {"ja", "Japanese", "ja", "", "", true, "", true, false, "", kJapaneseStop, true},
    {"ko", "Korean", "ko", "", "", true, "", true, false, "", "", true},
}};

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

const LanguageRow* row_with_tag(std::string_view tag) {
  for (const LanguageRow& row : kRows) {
    if (iequals(row.tag, tag)) return &row;
  }
  return nullptr;
}

std::string segmentation_of(const LanguageRow& row) {
  // Dictionary segmentation is what ICU does for these scripts whatever the locale; the label
  // documents which rows rely on it.
  static constexpr std::array<std::string_view, 9> kDictionaryLanguages{
      "th", "lo", "km", "my", "zh-Hans", "zh-Hant", "zh", "ja", "und"};
  std::string seg = std::find(kDictionaryLanguages.begin(), kDictionaryLanguages.end(), row.tag) !=
                            kDictionaryLanguages.end()
                        ? "icu-dictionary"
                        : "icu-words";
  if (row.cjk_ngrams) seg += "+ngrams";
  return seg;
}

std::size_t count_words(std::string_view list) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : list) {
    const bool space = c == ' ';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

}  // namespace

std::span<const LanguageRow> language_rows() noexcept { return kRows; }

const LanguageRow& find_language_row(std::string_view tag) {
  if (const LanguageRow* exact = row_with_tag(tag)) return *exact;
  UErrorCode status = U_ZERO_ERROR;
  std::string cleaned(tag);
  std::replace(cleaned.begin(), cleaned.end(), '_', '-');
  icu::Locale locale = icu::Locale::forLanguageTag(cleaned, status);
  if (U_FAILURE(status) || locale.isBogus()) return kRows[0];
  const std::string language = locale.getLanguage();
  if (const LanguageRow* exact = row_with_tag(cleaned)) return *exact;
  // Language + script: "zh-TW" → likely script Hant → "zh-Hant".
  icu::Locale maximized = locale;
  maximized.addLikelySubtags(status);
  if (U_SUCCESS(status) && maximized.getScript()[0] != '\0') {
    const std::string with_script = language + "-" + maximized.getScript();
    if (const LanguageRow* row = row_with_tag(with_script)) return *row;
  }
  if (const LanguageRow* row = row_with_tag(language)) return *row;
  return kRows[0];
}

}  // namespace faqsearch::detail

namespace faqsearch {

namespace {
LanguageInfo info_of(const detail::LanguageRow& row) {
  LanguageInfo info;
  info.tag = row.tag;
  info.name = row.name;
  info.stemmer = row.hunspell.empty() ? std::string(row.stemmer) : "hunspell:" + std::string(row.hunspell);
  info.segmentation = detail::segmentation_of(row);
  info.folds_diacritics = row.fold_diacritics;
  info.stop_word_count = detail::count_words(row.stop_words);
  return info;
}
}  // namespace

std::vector<LanguageInfo> supported_languages() {
  std::vector<LanguageInfo> out;
  for (const auto& row : detail::language_rows()) out.push_back(info_of(row));
  return out;
}

std::string canonical_language_tag(std::string_view tag) {
  std::string cleaned(tag);
  std::replace(cleaned.begin(), cleaned.end(), '_', '-');
  const bool plausible =
      !cleaned.empty() && cleaned.size() <= 64 &&
      std::all_of(cleaned.begin(), cleaned.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      });
  if (!plausible) {
    throw InvalidArgument("invalid language tag '" + std::string(tag) +
                          "': expected a BCP 47 tag such as 'en', 'nb' or 'zh-Hant'");
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(cleaned, status);
  if (U_FAILURE(status) || locale.isBogus() || locale.getLanguage()[0] == '\0') {
    throw InvalidArgument("invalid language tag '" + std::string(tag) +
                          "': expected a BCP 47 tag such as 'en', 'nb' or 'zh-Hant'");
  }
  status = U_ZERO_ERROR;
  std::string canonical = locale.toLanguageTag<std::string>(status);
  if (U_FAILURE(status) || canonical.empty()) {
    throw InvalidArgument("invalid language tag '" + std::string(tag) + "'");
  }
  return canonical;
}

LanguageInfo language_for(std::string_view tag) { return info_of(detail::find_language_row(tag)); }

}  // namespace faqsearch
