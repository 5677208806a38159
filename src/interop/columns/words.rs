//! The words a header or a sheet name is recognised by, in English, Korean and German,
//! compared without regard to case, spaces, hyphens and underscores.

/// What a column of a table of ties holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// One end of each tie (the first participant).
    Source,
    /// The other end.
    Target,
    /// The tie's kind (`meeting`, `contract`…), or what the table calls the relationship.
    Kind,
    /// When it happened.
    Date,
    /// What the tie is, in a few words: its summary.
    Label,
    /// Money: `5,000,000 USD`, `165억달러`.
    Amount,
    /// The address of the page that shows the tie: its evidence's source.
    Url,
}

impl Role {
    /// Every role, in the order the column-mapping dialog asks for them.
    pub const ALL: [Self; 7] = [
        Self::Source,
        Self::Target,
        Self::Kind,
        Self::Date,
        Self::Label,
        Self::Amount,
        Self::Url,
    ];

    /// What the role is called in the dialog and in messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Source => "Source (one end)",
            Self::Target => "Target (the other end)",
            Self::Kind => "Kind of tie",
            Self::Date => "Date",
            Self::Label => "Label",
            Self::Amount => "Amount",
            Self::Url => "Evidence URL",
        }
    }

    /// The command-line option that names its column.
    pub fn option(self) -> &'static str {
        match self {
            Self::Source => "--source-column",
            Self::Target => "--target-column",
            Self::Kind => "--kind-column",
            Self::Date => "--date-column",
            Self::Label => "--label-column",
            Self::Amount => "--amount-column",
            Self::Url => "--url-column",
        }
    }

    /// The header words that name it.
    pub(super) fn words(self) -> &'static [&'static str] {
        match self {
            Self::Source => &[
                "source",
                "from",
                "origin",
                "sender",
                "payer",
                "node1",
                "entity1",
                "출발",
                "출발지",
                "주체",
                "보낸 사람",
                "보낸이",
                "발신",
                "발신자",
                "von",
                "quelle",
                "gesellschafter",
                "absender",
            ],
            Self::Target => &[
                "target",
                "to",
                "destination",
                "recipient",
                "receiver",
                "payee",
                "node2",
                "entity2",
                "도착",
                "도착지",
                "대상",
                "받는 사람",
                "받는이",
                "수신",
                "수신자",
                "nach",
                "ziel",
                "beteiligung",
                "empfänger",
                "an",
            ],
            Self::Kind => &[
                "kind",
                "type",
                "relationship",
                "relation",
                "category",
                "relationship type",
                "tie type",
                "관계",
                "관계 유형",
                "유형",
                "종류",
                "구분",
                "art",
                "typ",
                "beziehung",
                "beziehungsart",
            ],
            Self::Date => &[
                "date",
                "day",
                "when",
                "날짜",
                "일자",
                "일시",
                "datum",
                "zeitpunkt",
            ],
            Self::Label => &[
                "description",
                "summary",
                "details",
                "설명",
                "내용",
                "요약",
                "비고",
                "beschreibung",
                "bezeichnung",
                "notiz",
                "anmerkung",
            ],
            Self::Amount => &[
                "amount",
                "sum",
                "money",
                "금액",
                "액수",
                "거래액",
                "투자액",
                "betrag",
                "summe",
            ],
            Self::Url => &[
                "url",
                "link",
                "evidence",
                "source url",
                "evidence url",
                "reference",
                "출처",
                "링크",
                "근거",
                "기사",
                "beleg",
                "nachweis",
                "fundstelle",
            ],
        }
    }
}

/// Header words of a currency column, read with the amount.
pub(super) const CURRENCY_WORDS: &[&str] = &["currency", "통화", "화폐", "währung"];

/// Header words of an ownership share (`25 %`): such a tie is an affiliate unless its kind
/// says otherwise.
pub(super) const SHARE_WORDS: &[&str] = &[
    "share",
    "stake",
    "percentage",
    "ownership",
    "지분",
    "지분율",
    "anteil",
    "beteiligungsquote",
];

/// Header words of an entities sheet's columns.
pub(super) const ID_WORDS: &[&str] = &["id", "key", "아이디", "식별자", "kennung"];
pub(super) const NAME_WORDS: &[&str] = &[
    "name",
    "label",
    "이름",
    "명칭",
    "성명",
    "기업명",
    "회사명",
    "bezeichnung",
];
pub(super) const ENTITY_KIND_WORDS: &[&str] = &[
    "kind", "type", "category", "유형", "종류", "구분", "art", "typ",
];

/// Words in the name of a sheet of ties.
pub(super) const TIE_SHEET_WORDS: &[&str] = &[
    "edge",
    "tie",
    "link",
    "relationship",
    "relation",
    "connection",
    "관계",
    "연결",
    "beziehung",
    "verbindung",
    "kante",
];

/// Words in the name of a sheet of entities.
pub(super) const ENTITY_SHEET_WORDS: &[&str] = &[
    "node",
    // Kumu's workbooks: "Elements" beside "Connections".
    "element",
    "entit",
    "people",
    "person",
    "compan",
    "organi",
    "actor",
    "인물",
    "기업",
    "개체",
    "노드",
    "사람",
    "회사",
    "단체",
    "personen",
    "unternehmen",
    "knoten",
    "akteur",
    "firmen",
];

/// A header or name as it is compared: lower case, without spaces, hyphens, underscores
/// and dots.
pub(super) fn normalise(text: &str) -> String {
    text.trim_start_matches('\u{FEFF}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.' | '\u{a0}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `header` is one of `words`.
pub(super) fn is_one_of(header: &str, words: &[&str]) -> bool {
    let header = normalise(header);
    !header.is_empty() && words.iter().any(|word| normalise(word) == header)
}

/// Whether `name` (a sheet's) contains one of `words`.
pub(super) fn mentions(name: &str, words: &[&str]) -> bool {
    let name = normalise(name);
    words.iter().any(|word| name.contains(&normalise(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_in_any_case_and_spacing() {
        assert!(is_one_of("Source", Role::Source.words()));
        assert!(is_one_of(" FROM ", Role::Source.words()));
        assert!(is_one_of("보낸사람", Role::Source.words()));
        assert!(is_one_of("보낸 사람", Role::Source.words()));
        assert!(is_one_of("Empfänger", Role::Target.words()));
        assert!(is_one_of("Source_URL", Role::Url.words()));
        assert!(!is_one_of("Source URL", Role::Source.words()));
        assert!(!is_one_of("", Role::Source.words()));
    }

    #[test]
    fn sheet_names_are_recognised_by_a_word_in_them() {
        assert!(mentions("Ties 2025", TIE_SHEET_WORDS));
        assert!(mentions("Relationships", TIE_SHEET_WORDS));
        assert!(mentions("인물 목록", ENTITY_SHEET_WORDS));
        assert!(mentions("Companies", ENTITY_SHEET_WORDS));
        assert!(!mentions("Sheet1", TIE_SHEET_WORDS));
    }
}
