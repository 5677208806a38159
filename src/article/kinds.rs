//! Which kind of tie a sentence speaks of, told by its words: 의향서 / LOI, 계약 / contract,
//! 공급 / supply, 만나 / met, 방문 / visited, 계열사 / affiliate, 협력 / partnership, and a
//! title (회장, CEO) for a role. The most specific wins: a meeting at which a letter of
//! intent was signed suggests the letter of intent.

use crate::article::particles::TITLES;
use crate::article::script::{find_word, fold, is_hangul, occurrences};
use crate::network::model::TieKind;

/// The words of one kind: Korean ones anywhere in a word (Korean glues endings on:
/// 만났다, 방문해), Latin ones as whole words in any case (written as they usually are,
/// for the "because" text: "LOI").
struct KindWords {
    kind: TieKind,
    korean: &'static [&'static str],
    english: &'static [&'static str],
}

/// The kinds in the order they win, most specific first.
const KIND_WORDS: [KindWords; 7] = [
    KindWords {
        kind: TieKind::LetterOfIntent,
        korean: &["의향서", "양해각서"],
        english: &[
            "letter of intent",
            "letters of intent",
            "memorandum of understanding",
            "LOI",
            "MOU",
        ],
    },
    KindWords {
        kind: TieKind::Contract,
        korean: &["계약", "수주"],
        english: &["contract", "contracts", "deal", "deals", "agreement"],
    },
    KindWords {
        kind: TieKind::Supply,
        korean: &["공급", "납품"],
        english: &["supply", "supplies", "supplied", "supplier", "supplying"],
    },
    KindWords {
        kind: TieKind::Meeting,
        korean: &[
            "만나", "만났", "만난", "만남", "만날", "회동", "면담", "미팅", "회담", "접견",
        ],
        english: &["met", "meet", "meets", "meeting", "meetings", "talks"],
    },
    KindWords {
        kind: TieKind::Visit,
        korean: &["방문", "찾아", "찾았", "찾은"],
        english: &["visit", "visits", "visited", "visiting"],
    },
    KindWords {
        kind: TieKind::Affiliate,
        korean: &["계열사", "자회사", "계열"],
        english: &["affiliate", "affiliates", "subsidiary", "subsidiaries"],
    },
    KindWords {
        kind: TieKind::Partnership,
        korean: &["협력", "제휴", "협업", "파트너십", "파트너"],
        english: &[
            "partnership",
            "partner",
            "partners",
            "cooperation",
            "collaboration",
            "alliance",
        ],
    },
];

/// English words for a role, beside the titles.
const ROLE_WORDS: [&str; 5] = [
    "chairman",
    "chief executive",
    "president",
    "founder",
    "head of",
];

/// Words that hold a kind word but mean something else: 대표적 (typical, not 대표 the
/// representative), 공급망 (a supply chain), 회의장 (a conference hall, not 의장).
const NOT_KIND_WORDS: [&str; 3] = ["대표적", "공급망", "회의장"];

/// The kind of tie `sentence` suggests, with the word that suggests it; a sentence that
/// names only titles suggests a role.
pub fn suggest_kind(sentence: &str) -> Option<(TieKind, &'static str)> {
    KIND_WORDS
        .iter()
        .map(|words| words.kind)
        .chain([TieKind::Role])
        .find_map(|kind| kind_word(sentence, kind).map(|(_, word)| (kind, word)))
}

/// The first word of `kind` in `sentence`: its byte offset and the word.
pub(super) fn kind_word(sentence: &str, kind: TieKind) -> Option<(usize, &'static str)> {
    let folded = fold(sentence);
    let (korean, english): (Vec<&'static str>, Vec<&'static str>) = if kind == TieKind::Role {
        let (korean, latin) = TITLES
            .iter()
            .partition(|title| title.starts_with(is_hangul));
        (korean, latin.into_iter().chain(ROLE_WORDS).collect())
    } else {
        let words = KIND_WORDS.iter().find(|words| words.kind == kind)?;
        (words.korean.to_vec(), words.english.to_vec())
    };
    let excluded: Vec<(usize, usize)> = NOT_KIND_WORDS
        .iter()
        .flat_map(|word| occurrences(sentence, word).map(|at| (at, at + word.len())))
        .collect();
    let korean_hits = korean.into_iter().flat_map(|word| {
        occurrences(sentence, word)
            .filter(|&at| {
                !excluded
                    .iter()
                    .any(|&(start, end)| start <= at && at + word.len() <= end)
            })
            .map(move |at| (at, word))
            .collect::<Vec<_>>()
    });
    let english_hits = english
        .into_iter()
        .filter_map(|word| find_word(&folded, &word.to_ascii_lowercase()).map(|at| (at, word)));
    korean_hits.chain(english_hits).min_by_key(|&(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(sentence: &str) -> Option<(TieKind, &'static str)> {
        suggest_kind(sentence)
    }

    #[test]
    fn korean_words_suggest_their_kinds() {
        assert_eq!(
            kind(
                "이후 이 회장은 지난 10월 1일 서초사옥에서 올트먼 CEO와 다시 만나 논의를 진전시키고 전방위 협력 의향서(LOI)를 체결했다."
            ),
            Some((TieKind::LetterOfIntent, "의향서")),
            "the most specific word wins over 만나 and 협력"
        );
        assert_eq!(
            kind(
                "삼성전자가 지난 7월 테슬라와 체결한 165억달러 규모 반도체 공급 계약도 비슷한 과정을 거쳤다."
            ),
            Some((TieKind::Contract, "계약"))
        );
        assert_eq!(
            kind(
                "이후 지난 4월 삼성전기는 BYD 전기차에 대해 적층세라믹커패시터(MLCC) 대규모 공급을 시작하며 논의가 실제 사업으로 이어졌다."
            ),
            Some((TieKind::Supply, "공급"))
        );
        assert_eq!(
            kind("지난 12일에는 시애틀 아마존 본사를 찾아 앤디 재시 CEO를 만났다."),
            Some((TieKind::Meeting, "만났"))
        );
        assert_eq!(
            kind(
                "이 회장은 지난 3월 중국 출장 당시 베이징에서 레이쥔 샤오미 회장을, 선전에서는 BYD 본사를 각각 방문해 전기차 협업 가능성을 모색했다."
            ),
            Some((TieKind::Visit, "방문"))
        );
        assert_eq!(
            kind(
                "당시 삼성전자·삼성SDS·삼성물산·삼성중공업 등 4개 계열사는 반도체, 데이터센터, 클라우드, 해양 기술 전반에서 협력 체계를 구축하기로 합의했다."
            ),
            Some((TieKind::Affiliate, "계열사"))
        );
        assert_eq!(
            kind(
                "퀄컴은 삼성 모바일 제품에 최첨단 스냅드래곤 플랫폼을 탑재했으며, 최근에는 AI PC와 모바일 플랫폼으로 협력을 강화하고 있다."
            ),
            Some((TieKind::Partnership, "협력"))
        );
        assert_eq!(
            kind("이재용 삼성전자 회장과 레이쥔 샤오미 회장. [사진=연합뉴스]"),
            Some((TieKind::Role, "회장")),
            "a caption that only gives titles"
        );
    }

    #[test]
    fn words_inside_other_words_do_not_count() {
        assert_eq!(
            kind("반도체 분야에서는 테슬라 협력이 대표적인 사례다."),
            Some((TieKind::Partnership, "협력"))
        );
        assert_eq!(kind("반도체 공급망과 대표적인 회의장"), None);
        assert_eq!(kind("국내 기업 가운데 첫 사례다."), None);
    }

    #[test]
    fn english_words_are_whole_words_in_any_case() {
        assert_eq!(
            kind("Lee met Altman and they signed a Letter of Intent."),
            Some((TieKind::LetterOfIntent, "letter of intent"))
        );
        assert_eq!(
            kind("Samsung won a $16.5 billion chip deal from Tesla."),
            Some((TieKind::Contract, "deal"))
        );
        assert_eq!(
            kind("Lee visited BYD's headquarters."),
            Some((TieKind::Visit, "visited"))
        );
        assert_eq!(kind("Lee met Sam Altman."), Some((TieKind::Meeting, "met")));
        assert_eq!(kind("A metallic dealer's meetup."), None);
        assert_eq!(
            kind("Jensen Huang, the chief executive of Nvidia."),
            Some((TieKind::Role, "chief executive"))
        );
    }
}
