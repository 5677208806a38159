//! The language a name is written in, told by its script: names from other tools come
//! without one.

use crate::network::model::LocalizedText;

/// `"ko"` for text with Hangul in it, else `"en"`.
pub(crate) fn language_of(text: &str) -> &'static str {
    let hangul = |c: char| matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}');
    if text.chars().any(hangul) { "ko" } else { "en" }
}

/// Text in the language it is written in.
pub(super) fn localized_from(text: &str) -> LocalizedText {
    LocalizedText::from([(language_of(text).to_owned(), text.to_owned())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_follow_the_script() {
        assert_eq!(language_of("이재용"), "ko");
        assert_eq!(language_of("Samsung 삼성"), "ko");
        assert_eq!(language_of("Lee Jae-yong"), "en");
    }
}
