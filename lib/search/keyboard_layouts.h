// Text typed with the wrong keyboard layout active: a Russian shopper who types "ljcnfdrf" meant
// "доставка", the same keys on ЙЦУКЕН. The standard layouts of the scripts shoppers switch
// between and Latin: US QWERTY against Russian ЙЦУКЕН, Greek (with its tonos dead key) and
// Arabic (PC, 101 keys).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace faqsearch::detail {

/// A keyboard layout paired with US QWERTY, key by key.
enum class KeyboardLayout : unsigned char { kRussian, kGreek, kArabic };

/// What `text` would have been had the shopper's other layout been active: each rendering of
/// `text` on a layout paired with QWERTY, in the order Russian, Greek, Arabic. Text with Latin
/// letters is read as keys of QWERTY and rendered on each paired layout; text in Cyrillic, Greek
/// or Arabic as keys of that layout and rendered on QWERTY. Characters on no key of the source
/// layout (digits, spaces, punctuation such as "¿" or "؟", Latin letters such as "á" or "ş" that
/// a shopper's own keyboard types) are kept and decide nothing. Text mixing two of these scripts,
/// holding a letter of another script, or with no letter at all, has no rendering.
std::vector<std::string> other_layout_renderings(std::string_view text);

/// `text` (keys of QWERTY) as typed with `layout` active; characters on no QWERTY key kept.
std::string qwerty_to_layout(std::string_view text, KeyboardLayout layout);

/// `text` (keys of `layout`) as typed with QWERTY active; characters on no key of it kept.
std::string layout_to_qwerty(std::string_view text, KeyboardLayout layout);

}  // namespace faqsearch::detail
