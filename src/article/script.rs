//! Which script a character is in, and where words begin and end, for the matchers of
//! this module: Korean runs words together with their particles, English does not.

/// A precomposed Hangul syllable (가–힣), the letters Korean words are written in.
pub(super) fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}')
}

/// A Chinese character (Hanja in Korean text), such as the 李 of a headline.
pub(super) fn is_hanja(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// The language an article is written in, by its letters: `"ko"` when Hangul syllables
/// are at least as many as Latin letters, else `"en"`.
pub fn guess_language(text: &str) -> &'static str {
    let hangul = text.chars().filter(|&c| is_hangul(c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if hangul > 0 && hangul >= latin {
        "ko"
    } else {
        "en"
    }
}

/// The character before byte `at` of `text`.
pub(super) fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// The character at byte `at` of `text`.
pub(super) fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Whether `a` and `b`, side by side, are letters of one word: two Hangul syllables, two
/// Latin letters or digits, or two Hanja.
pub(super) fn same_word(a: char, b: char) -> bool {
    (is_hangul(a) && is_hangul(b))
        || (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric())
        || (is_hanja(a) && is_hanja(b))
}

/// Whether `needle`, found at byte `start` of `text`, starts a word: the character before
/// it does not continue the word its first character begins.
pub(super) fn starts_word(text: &str, start: usize, needle: &str) -> bool {
    match (char_before(text, start), needle.chars().next()) {
        (Some(before), Some(first)) => !same_word(before, first),
        _ => true,
    }
}

/// The text with ASCII letters lowercased, byte for byte, so that offsets into it are
/// offsets into `text`: English names match in any case ("SAMSUNG", "samsung").
pub(super) fn fold(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// Every byte offset where `needle` occurs in `haystack` (both already [`fold`]ed),
/// overlapping occurrences included.
pub(super) fn occurrences<'a>(
    haystack: &'a str,
    needle: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        if needle.is_empty() {
            return None;
        }
        let found = haystack.get(from..)?.find(needle)? + from;
        from = found + needle.chars().next().map_or(1, char::len_utf8);
        Some(found)
    })
}

/// Whether a Latin word `word` (lowercase) occurs in `folded` on word boundaries, and where.
pub(super) fn find_word(folded: &str, word: &str) -> Option<usize> {
    occurrences(folded, word).find(|&at| {
        let end = at + word.len();
        let before = char_before(folded, at).is_none_or(|c| !c.is_ascii_alphanumeric());
        let after = char_at(folded, end).is_none_or(|c| !c.is_ascii_alphanumeric());
        before && after
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_begin_where_the_script_changes() {
        let text = "삼성전자와 오픈AI의 이정배";
        assert!(starts_word(text, 0, "삼성"));
        assert!(!starts_word(text, "삼성".len(), "전자"));
        let ai = text.find("AI").expect("AI");
        assert!(
            starts_word(text, ai, "AI"),
            "Latin after Hangul starts a word"
        );
        let name = text.find("이정배").expect("name");
        assert!(starts_word(text, name, "이정배"));
        assert!(!starts_word("메모리사업부장", "메모리".len(), "사업부장"));
    }

    #[test]
    fn the_language_is_the_script_most_letters_are_in() {
        assert_eq!(
            guess_language("이재용 삼성전자 회장이 샘 올트먼 OpenAI CEO를 만났다."),
            "ko"
        );
        assert_eq!(guess_language("Lee Jae-yong met 샘 올트먼 in Seoul."), "en");
        assert_eq!(guess_language(""), "en");
    }

    #[test]
    fn occurrences_overlap_and_words_need_boundaries() {
        assert_eq!(occurrences("aaa", "aa").collect::<Vec<_>>(), [0, 1]);
        assert_eq!(find_word(&fold("Metaverse and Meta's"), "meta"), Some(14));
        assert_eq!(find_word("metaverse", "meta"), None);
    }
}
