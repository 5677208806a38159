//! Evidence quotes checked against their source's stored article text: a quote is found
//! only as an exact substring, so a quote that drifted from its article by one character
//! is caught.

use std::ops::Range;

use crate::network::model::Source;

/// What a quote's check against its source's text found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteCheck {
    /// The quote is in the text, at these bytes (its first occurrence).
    Found(Range<usize>),
    /// The text is stored but does not hold the quote; the text holds the quote's first
    /// `agrees_for` characters, and the one after them is where they part.
    NotFound { agrees_for: usize },
    /// The source stores no text to check against (or is not listed).
    NoText,
}

impl QuoteCheck {
    /// A few words for the panels: "found in the article" and so on.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Found(_) => "found in the article",
            Self::NotFound { .. } => "not found in the stored text",
            Self::NoText => "no text stored",
        }
    }
}

/// Checks `quote` against the text `source` stores.
pub fn check_quote(source: Option<&Source>, quote: &str) -> QuoteCheck {
    let Some(text) = source.and_then(|source| source.text.as_deref()) else {
        return QuoteCheck::NoText;
    };
    if let Some(start) = text.find(quote) {
        return QuoteCheck::Found(start..start + quote.len());
    }
    // Every prefix of a prefix the text holds is held too, so the longest one the text
    // holds is found by halving.
    let ends: Vec<usize> = quote
        .char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .collect();
    let (mut held, mut not_held) = (0, ends.len());
    while held < not_held {
        let middle = (held + not_held).div_ceil(2);
        if text.contains(&quote[..ends[middle - 1]]) {
            held = middle;
        } else {
            not_held = middle - 1;
        }
    }
    QuoteCheck::NotFound { agrees_for: held }
}

/// Why a quote was not found, for `powermap validate` and the panels.
pub fn not_found_reason(source_id: &str, quote: &str, agrees_for: usize) -> String {
    let parted_at: String = quote.chars().skip(agrees_for).take(12).collect();
    if agrees_for == 0 {
        format!("the quote is not in the text stored for source {source_id:?}")
    } else {
        format!(
            "the quote is not in the text stored for source {source_id:?}: the text holds its \
             first {agrees_for} characters, then parts from it at {parted_at:?}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::model::LocalizedText;

    fn source(text: Option<&str>) -> Source {
        Source {
            id: "a".to_owned(),
            outlet: LocalizedText::from([("ko".to_owned(), "아이뉴스24".to_owned())]),
            title: "t".to_owned(),
            author: None,
            published: None,
            url: None,
            language: Some("ko".to_owned()),
            text: text.map(str::to_owned),
        }
    }

    const TEXT: &str =
        "제목\n\n이 회장은 지난 10월 샘 올트먼 오픈AI 최고경영자(CEO)와 만났다. 다음 문장.";

    #[test]
    fn a_verbatim_quote_is_found_where_it_is() {
        let quote = "이 회장은 지난 10월 샘 올트먼 오픈AI 최고경영자(CEO)와 만났다.";
        let QuoteCheck::Found(range) = check_quote(Some(&source(Some(TEXT))), quote) else {
            panic!("not found");
        };
        assert_eq!(&TEXT[range], quote);
    }

    #[test]
    fn one_changed_character_is_not_found_and_says_where_it_parts() {
        let quote = "이 회장은 지난 11월 샘 올트먼 오픈AI 최고경영자(CEO)와 만났다.";
        let check = check_quote(Some(&source(Some(TEXT))), quote);
        assert_eq!(check, QuoteCheck::NotFound { agrees_for: 10 });
        let reason = not_found_reason("a", quote, 10);
        assert!(reason.contains("first 10 characters"), "{reason}");
        assert!(reason.contains("at \"1월 샘 올트먼 오픈A\""), "{reason}");
    }

    #[test]
    fn without_text_or_source_there_is_nothing_to_check() {
        assert_eq!(check_quote(Some(&source(None)), "x"), QuoteCheck::NoText);
        assert_eq!(check_quote(None, "x"), QuoteCheck::NoText);
        assert_eq!(
            check_quote(Some(&source(Some(TEXT))), "없는 문장"),
            QuoteCheck::NotFound { agrees_for: 0 }
        );
    }
}
