// Stop-word lists of the language table (language_table.cpp reads them; nothing else should).
#pragma once

#include <string_view>

namespace faqsearch::detail::stop_word_lists {

// Stop words are our own short lists of the most frequent function words: enough to keep them
// from dominating queries, short enough that a shopper's query word is never lost. Question words
// ("how much", "which", "why") are function words too: a question's "how much" says little about
// which article answers it (tests/analyzer_test.cpp StopWords; figures in docs/tuning.md,
// "Measured where the code decides"). So is "can" (en, de, nb; pl "można" and "móc", whose
// inflected forms the Polish lemmas bring in; ru, es): "czy można płacić blikiem" asks about
// paying. Lists are compared after
// normalization (case folding, Arabic normalization), as the words are; a Hunspell row's lemmas
// too.
inline constexpr std::string_view kEnglishStop =
    "a an and are as at be but by can do does for from has have how i if in into is it its me my "
    "no not of on or our so that the their there this to was we what when where which who why "
    "will with you your am been did had were whom whose would could should "
    // Contractions of the words above, as the analyzer leaves them (apostrophe dropped); not
    // "id", "ill", "well", which are words too.
    "arent cant cannot couldnt didnt doesnt dont hadnt hasnt havent isnt shouldnt wasnt werent wont "
    "wouldnt im ive youre youve thats whats wheres hows";
inline constexpr std::string_view kGermanStop =
    "aber als am an auch auf aus bei bin bis da das dass dem den der des die du ein eine einem "
    "einen einer eines er es für hat ich ihr im in ist ja kann mein mich mit nach nicht noch oder "
    "sie sind so um und uns von war was wie wir wo zu zum zur welche welcher welches welchen wer "
    "wann warum";
inline constexpr std::string_view kFrenchStop =
    "à au aux avec ce ces comment dans de des du elle en est et il je la le les leur ma mais me "
    "mes mon ne nous on ou où par pas pour qu que qui sa se ses son sur ta te tu un une vos votre "
    "vous y";
inline constexpr std::string_view kSpanishStop =
    "a al como con cuando de del donde el en es esta este la las lo los mi mis no o para pero por "
    "qué que se si su sus te tu un una y ya yo cuál cuáles cuánto cuánta cuántos cuántas quién "
    "quiénes dónde cuándo cómo puedo puede pueden";
inline constexpr std::string_view kItalianStop =
    "a al alla che chi come con da del della di dove e è gli ha i il in la le lo ma mi mio non o "
    "per perché più se si sono su tu un una";
inline constexpr std::string_view kPortugueseStop =
    "a ao as com como da das de do dos e é em eu isso mas meu minha na no nos não o os ou para "
    "pelo por que se sem seu sua um uma";
inline constexpr std::string_view kDutchStop =
    "aan al bij dat de die dit een en er het hoe ik in is je met mijn niet of om op te van voor "
    "wat we wij ze zijn";
inline constexpr std::string_view kSwedishStop =
    "att av de den det du en ett för har hur i jag kan med min mitt och om på som till var vi";
inline constexpr std::string_view kDanishStop =
    "af at de den det du en er et for har hvad hvor hvordan i jeg kan med min mit og om på som "
    "til vi";
inline constexpr std::string_view kNorwegianStop =
    "av at de den det du en er et for fra har hva hvor hvordan i jeg kan med meg min mitt og om "
    "på som til vi å hvem hvilken hvilket hvilke hvorfor når";
inline constexpr std::string_view kFinnishStop =
    "ei ja jos kuin mikä miten minä minun mitä on ovat se sekä tai että";
inline constexpr std::string_view kPolishStop =
    "a aby ale bo by być czy do dla i ich im jak jest jeśli już ja jej ma mi mnie moje mój na nie "
    "o od oraz po przez się są ta tak te to w we z za że co kto który która które "
    "gdzie kiedy ile dlaczego można móc";
inline constexpr std::string_view kRussianStop =
    "а в во да для до если же за и из или к как когда мне мой на не но о от по с так то у что "
    "это я кто какой какая какое какие сколько где почему можно может могу";
inline constexpr std::string_view kArabicStop =
    "في من على الى إلى عن مع هذا هذه ذلك التي الذي ما لا هل او أو و ثم كيف متى اين أين كم ماذا "
    "لماذا لم لن قد كان";
inline constexpr std::string_view kTurkishStop =
    "ama bir bu da de için ile mi mı mu mü ne neden nasıl nerede ve veya ya hangi kim kaç";
inline constexpr std::string_view kRomanianStop =
    "a al ale cu cum de din este în la mai nu o pe pentru sau se și un unde care ce cine când câte "
    "câți";
inline constexpr std::string_view kGreekStop =
    "και να το τα της την του των με σε για από που πώς ένα μια είναι δεν θα ο η οι "
    "τι ποιος ποια ποιο ποιοι ποιες πόσο πόση πόσα πόσοι πόσες πότε πού γιατί";
inline constexpr std::string_view kVietnameseStop =
    "các của có cho được là không một này những và với gì nào ai đâu bao nhiêu mấy sao";
inline constexpr std::string_view kThaiStop =
    "กับ การ ก็ กี่ ของ ความ คือ จาก ซึ่ง ที่ ทำไม นั้น นี้ โดย ใน แต่ ว่า และ แล้ว หรือ อะไร อย่างไร "
    "เท่าไร ใคร ไหน ใด บ้าง เมื่อ";
// Chinese: particles, pronouns and question words, in each script.
inline constexpr std::string_view kChineseSimplifiedStop =
    "的 了 是 在 和 与 或 吗 呢 吧 啊 什么 哪 哪里 哪个 谁 几 多少 怎么 怎样 如何 为什么 这 那 这个 "
    "那个 我 你 他 她 它 我们 也 都 被 把";
inline constexpr std::string_view kChineseTraditionalStop =
    "的 了 是 在 和 與 或 嗎 呢 吧 啊 什麼 哪 哪裡 哪個 誰 幾 多少 怎麼 怎樣 如何 為什麼 這 那 這個 "
    "那個 我 你 他 她 它 我們 也 都 被 把";
inline constexpr std::string_view kChineseStop =
    "的 了 是 在 和 与 與 或 吗 嗎 呢 吧 啊 什么 什麼 哪 哪里 哪裡 哪个 哪個 谁 誰 几 幾 多少 怎么 怎麼 "
    "怎样 怎樣 如何 为什么 為什麼 这 這 那 这个 這個 那个 那個 我 你 他 她 它 我们 我們 也 都 被 把";
// Japanese: particles, copulas and auxiliaries, question words (as ICU segments them).
inline constexpr std::string_view kJapaneseStop =
    "の は が を に で と も か へ や から まで より な だ です ます でし ました ない て た "
    "こと もの これ それ あれ この その あの どこ なに 何 いつ だれ 誰 どう どの どれ いくら いくつ なぜ";
// Hindi: postpositions, auxiliaries, conjunctions and question words.
inline constexpr std::string_view kHindiStop =
    "का के की को में से पर ने लिए है हैं था थे थी और या भी तो ही कि यह वह ये वे एक क्या कौन कब "
    "कहाँ कहां कैसे क्यों किस किसने किसे कितना कितने कितनी";
inline constexpr std::string_view kIndonesianStop =
    "ada apa bagaimana dan dari di dengan ini itu ke saya untuk yang";

}  // namespace faqsearch::detail::stop_word_lists
