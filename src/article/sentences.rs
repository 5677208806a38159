//! Splitting an article into sentences, Korean and English alike, as byte ranges of its text.
//!
//! A line break always ends a sentence: headlines, decks, photo captions and subheads are
//! lines of their own. Within a line, a Korean sentence ends in 다. / 요. / 까? / 죠. (also
//! with no space after, as in "만났다.이 자리에는"), possibly followed by a closing quote;
//! any sentence ends at . ! or ? followed by a space and a capital, an opening quote or a
//! Hangul syllable (a Korean sentence may end in a noun: "…할 계획. 삼성전자는"), or by
//! the end of the line. Nothing splits inside quotation marks that close on the same line
//! (“…다.”라고 말했다 is one sentence), at a decimal point (1.5) or after an abbreviation
//! or initial (Oct., Mr., U.S., Jay Y. Lee).

use std::ops::Range;

use crate::article::script::{char_before, is_hangul};

/// The sentences of `text`, in order, as byte ranges trimmed of white space; empty lines
/// give none.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line, &mut sentences);
        line_start += line.len();
    }
    sentences
}

/// Syllables a Korean sentence ends in before its full stop or question mark: the plain
/// (했다), polite (해요), question (습니까) and familiar (해야죠) endings.
const KOREAN_ENDINGS: [char; 4] = ['다', '요', '까', '죠'];

/// Words after which a full stop is part of the word, not the sentence's end.
const ABBREVIATIONS: [&str; 41] = [
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "vs", "etc", "Inc", "Ltd", "Co",
    "Corp", "Gen", "Gov", "Sen", "Rep", "Rev", "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "est", "Dept", "Ave", "Fig", "Vol",
    "cf",
];

fn split_line(text: &str, line_start: usize, line: &str, sentences: &mut Vec<Range<usize>>) {
    let quoted = quoted_spans(line);
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let is_inside_quote = quoted.iter().any(|span| span.start < at && at < span.end);
        if !matches!(c, '.' | '?' | '!') || is_inside_quote {
            continue;
        }
        if let Some(end) = sentence_end(line, at) {
            push_trimmed(text, line_start + start..line_start + end, sentences);
            start = end;
            while chars.next_if(|&(next, _)| next < end).is_some() {}
        }
    }
    push_trimmed(text, line_start + start..line_start + line.len(), sentences);
}

/// Where the sentence whose terminator (. ? !) is at `at` ends, or `None` if it does not
/// end there.
fn sentence_end(line: &str, at: usize) -> Option<usize> {
    // "?!", "..." and closing quotes or brackets belong to the sentence they end.
    let rest = &line[at..];
    let tail = rest
        .char_indices()
        .find(|&(_, c)| !matches!(c, '.' | '?' | '!' | '”' | '"' | '’' | '\'' | ')'))
        .map_or(rest.len(), |(i, _)| i);
    let end = at + tail;
    if char_before(line, at).is_some_and(|c| KOREAN_ENDINGS.contains(&c)) {
        return Some(end);
    }
    let after = &line[end..];
    let next = after.trim_start().chars().next();
    let spaced = after.starts_with(char::is_whitespace);
    let english_end = match next {
        None => true,
        Some(next) => {
            let starts_sentence = next.is_ascii_uppercase() || matches!(next, '“' | '‘' | '"');
            spaced && (starts_sentence || is_hangul(next))
        }
    };
    (english_end && !(line[at..].starts_with('.') && ends_abbreviation(&line[..at]))).then_some(end)
}

/// Whether the word just before a full stop is an abbreviation or an initial ("Oct",
/// "Mr", "U.S", "Y"), after which the stop does not end the sentence.
fn ends_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let is_dotted = word.contains('.') && word.chars().all(|c| c == '.' || c.is_alphabetic());
    is_initial || is_dotted || ABBREVIATIONS.contains(&word)
}

/// The spans of `line` between quotation marks that close on it, marks included. A
/// straight or curly single quote between letters ("Samsung's", "Samsung’s") is an
/// apostrophe, not a quote.
fn quoted_spans(line: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some((open, mark)) = line[from..]
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .find(|&(at, c)| opens_quote(line, at, c))
    {
        let after = open + mark.len_utf8();
        match closing_mark(line, after, mark) {
            Some(end) => {
                spans.push(open..end);
                from = end;
            }
            None => from = after,
        }
    }
    spans
}

fn opens_quote(line: &str, at: usize, c: char) -> bool {
    match c {
        '“' | '‘' | '"' => true,
        '\'' => char_before(line, at).is_none_or(|before| !before.is_alphanumeric()),
        _ => false,
    }
}

/// The end of the mark that closes the quote `open` from byte `from` on, if any.
fn closing_mark(line: &str, from: usize, open: char) -> Option<usize> {
    let close = match open {
        '“' => '”',
        '‘' => '’',
        other => other,
    };
    line[from..]
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .find(|&(at, c)| {
            let after = line[at + c.len_utf8()..].chars().next();
            let is_apostrophe =
                matches!(c, '\'' | '’') && after.is_some_and(|a| a.is_ascii_alphabetic());
            c == close && !is_apostrophe
        })
        .map(|(at, c)| at + c.len_utf8())
}

fn push_trimmed(text: &str, range: Range<usize>, sentences: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.end - (piece.len() - piece.trim_end().len());
    if start < end {
        sentences.push(start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|range| &text[range])
            .collect()
    }

    #[test]
    fn korean_sentences_end_in_da_even_without_a_space() {
        let text = "지난 12일에는 시애틀 아마존 본사를 찾아 앤디 재시 CEO를 만났다.이 자리에는 \
                    전영현 삼성전자 디바이스솔루션(DS) 부문장, 이정배 메모리사업부장 등이 배석했다.";
        assert_eq!(
            sentences(text),
            [
                "지난 12일에는 시애틀 아마존 본사를 찾아 앤디 재시 CEO를 만났다.",
                "이 자리에는 전영현 삼성전자 디바이스솔루션(DS) 부문장, 이정배 메모리사업부장 등이 배석했다.",
            ]
        );
        let paragraph = "이 회장은 지난 10월 샘 올트먼 오픈AI 최고경영자(CEO)와 전방위 협력 \
                         의향서(LOI)를 교환했는데, 이 의향서가 23일 삼성SDS와 협업 계약으로 이어졌다. \
                         삼성전자가 지난 7월 테슬라와 체결한 165억달러 규모 반도체 공급 계약도 비슷한 \
                         과정을 거쳤다. 삼성전기와 중국 BYD의 적층세라믹커패시터(MLCC) 공급 계약도 마찬가지다.";
        assert_eq!(sentences(paragraph).len(), 3, "{:#?}", sentences(paragraph));
        assert_eq!(
            sentences("성과가 있었습니까? 답하지 않았다."),
            ["성과가 있었습니까?", "답하지 않았다."]
        );
    }

    #[test]
    fn quotes_hold_their_sentences_together() {
        for text in [
            "전자업계 한 관계자는 “계약 금액보다 최선단 공정인 2나노에서 테슬라 제품을 생산하며 쌓게 될 \
             노하우와 레퍼런스가 더욱 값질 것”이라고 말했다.",
            "이 회장은 출장 소감을 묻는 기자들의 질문에 미소를 띄며 \"열심히 해야죠.\"라고 답했다.",
            "삼성전자에 따르면 이 회장은 “삼성의 강점을 살려 삼성답게 미래를 개척하자.”고 말했다.",
            "이재용 삼성전자 회장이 지난 10월 1일 서울 강남구 삼성 서초사옥에서 샘 올트먼 OpenAI 대표와 \
             '글로벌 AI 핵심 인프라 구축을 위한 상호 협력 LOI(의향서) 체결식'에서 악수하는 모습.[사진=삼성전자]",
        ] {
            assert_eq!(sentences(text), [text]);
        }
        // A sentence that ends inside its closing quote ends after it.
        assert_eq!(
            sentences("그는 “열심히 하겠다.” 이후 떠났다."),
            ["그는 “열심히 하겠다.” 이후 떠났다."]
        );
        assert_eq!(
            sentences("“열심히 하겠다.” 그가 말했다. 그리고 떠났다."),
            ["“열심히 하겠다.” 그가 말했다.", "그리고 떠났다."]
        );
    }

    #[test]
    fn lines_are_sentences_of_their_own() {
        let text = "이재용은 테슬라·오픈AI·BYD 문 열고 계열사는 사업 따내고\n\n\
                    삼성SDS, 오픈AI와 기업용 모델 리셀러 계약\r\n  서초사옥 찾아온 샘 올트먼 만난 李  \n";
        assert_eq!(
            sentences(text),
            [
                "이재용은 테슬라·오픈AI·BYD 문 열고 계열사는 사업 따내고",
                "삼성SDS, 오픈AI와 기업용 모델 리셀러 계약",
                "서초사옥 찾아온 샘 올트먼 만난 李",
            ]
        );
        // A caption: the names end in a noun and a full stop, then the credit; the
        // bracketed credit after "모습." is the caption's own.
        let caption = "10일(현지시간) 미국 새너제이에 있는 삼성전자 DSA에서 기념 사진을 촬영하고 있다. \
                       좌측부터 한진만 DSA 부사장, 이정배 메모리사업부장. 삼성전자 제공";
        assert_eq!(
            sentences(caption),
            [
                "10일(현지시간) 미국 새너제이에 있는 삼성전자 DSA에서 기념 사진을 촬영하고 있다.",
                "좌측부터 한진만 DSA 부사장, 이정배 메모리사업부장.",
                "삼성전자 제공",
            ]
        );
        let caption = "이재용 삼성전자 회장과 레이쥔 샤오미 회장. [사진=연합뉴스]";
        assert_eq!(sentences(caption), [caption]);
        assert_eq!(
            sentences("삼성전자는 이달 말 전략회의를 열 계획. 이 회장은 귀국했다."),
            [
                "삼성전자는 이달 말 전략회의를 열 계획.",
                "이 회장은 귀국했다."
            ]
        );
        assert_eq!(
            sentences("그는 U.S. 시장을 봤다."),
            ["그는 U.S. 시장을 봤다."]
        );
    }

    #[test]
    fn english_sentences_skip_decimals_and_abbreviations() {
        let text = "Samsung Electronics Chairman Lee Jae-yong met Sam Altman on Oct. 1 in Seoul. \
                    Mr. Lee said chip sales grew 1.5 percent in the U.S. market, Jay Y. Lee's aides \
                    said! \"We will,\" Altman said. Samsung’s shares rose? They did.";
        assert_eq!(
            sentences(text),
            [
                "Samsung Electronics Chairman Lee Jae-yong met Sam Altman on Oct. 1 in Seoul.",
                "Mr. Lee said chip sales grew 1.5 percent in the U.S. market, Jay Y. Lee's aides said!",
                "\"We will,\" Altman said.",
                "Samsung’s shares rose?",
                "They did.",
            ]
        );
        assert_eq!(
            sentences("It closed at 3.5. Then Dr. Kim spoke."),
            ["It closed at 3.5.", "Then Dr. Kim spoke."]
        );
    }

    #[test]
    fn ranges_are_trimmed_byte_ranges() {
        let text = "  첫 문장이다.   둘째 문장이다.  ";
        let ranges = split_sentences(text);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[0].clone()], "첫 문장이다.");
        assert_eq!(ranges[1].end, text.trim_end().len());
        assert!(split_sentences("\n \n").is_empty());
    }
}
