//! The short forms an article calls a person by once it has named them: surname and
//! title (이 회장, 황 CEO, 올트먼 CEO, Mr. Lee, Chairman Lee) and the one-character Hanja
//! surnames of headlines (李), each resolved to one of the people the article names.

use std::ops::Range;

use crate::article::mentions::MentionRule;
use crate::article::names::Found;
use crate::article::particles::{title_at, titles_in, word_end};
use crate::article::script::{char_at, fold, is_hangul, occurrences, starts_word};
use crate::network::model::{Entity, EntityKind};

/// Hanja surnames as headlines write them, with their Hangul reading.
const HANJA_SURNAMES: [(char, &str); 30] = [
    ('李', "이"),
    ('朴', "박"),
    ('金', "김"),
    ('崔', "최"),
    ('鄭', "정"),
    ('孫', "손"),
    ('韓', "한"),
    ('全', "전"),
    ('黃', "황"),
    ('尹', "윤"),
    ('趙', "조"),
    ('姜', "강"),
    ('張', "장"),
    ('林', "임"),
    ('吳', "오"),
    ('申', "신"),
    ('洪', "홍"),
    ('柳', "유"),
    ('安', "안"),
    ('宋', "송"),
    ('徐', "서"),
    ('權', "권"),
    ('高', "고"),
    ('文', "문"),
    ('梁', "양"),
    ('裵', "배"),
    ('白', "백"),
    ('許', "허"),
    ('南', "남"),
    ('盧', "노"),
];

/// English titles written before a surname.
const ENGLISH_TITLES: [&str; 12] = [
    "mr.",
    "mr",
    "ms.",
    "ms",
    "mrs.",
    "mrs",
    "dr.",
    "chairman",
    "vice chairman",
    "president",
    "ceo",
    "chief executive",
];

/// The surname of a Korean name: its first syllable for a Korean name written as one word
/// (이재용 → 이, 손정의 → 손), its last word for a transliterated foreign one (젠슨 황 → 황,
/// 샘 올트먼 → 올트먼, 앤디 재시 → 재시).
pub(super) fn korean_surname(name: &str) -> Option<&str> {
    let name = name.trim();
    if name.contains(' ') {
        return name
            .rsplit(' ')
            .next()
            .filter(|word| word.chars().all(is_hangul));
    }
    let syllables = name.chars().count();
    (name.chars().all(is_hangul) && (2..=4).contains(&syllables))
        .then(|| &name[..name.chars().next().map_or(0, char::len_utf8)])
}

/// The surname of a name in Latin letters: the word beside a hyphenated given name for a
/// romanised Korean one ("Lee Jae-yong" → "Lee"), else the last word ("Sam Altman" → "Altman").
pub(super) fn english_surname(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if !name.is_ascii() || words.len() < 2 {
        return None;
    }
    match words[..] {
        [family, given] if given.contains('-') => Some(family),
        [given, family] if given.contains('-') => Some(family),
        _ => words.last().copied(),
    }
}

/// The Korean or English surnames of an entity's names (aliases such as "이 회장" are
/// short forms already, not names to take a surname from).
fn surnames_of(entity: &Entity, korean: bool) -> impl Iterator<Item = &str> {
    entity.name.values().filter_map(move |name| {
        if korean {
            korean_surname(name)
        } else {
            english_surname(name)
        }
    })
}

/// CEO and 최고경영자 are one title.
fn same_title(a: &str, b: &str) -> bool {
    let is_ceo = |title: &str| matches!(title, "CEO" | "최고경영자");
    a == b || (is_ceo(a) && is_ceo(b))
}

/// What the article says of each person it names, for telling apart people who share a
/// surname.
pub(super) struct Named<'a> {
    entities: &'a [Entity],
    /// Mentions of each entity by name or alias.
    counts: Vec<usize>,
    /// Where each entity is first named.
    first: Vec<usize>,
    /// The titles the article gives each entity right after its name (이재용 삼성전자
    /// **회장**), or in the alias it is named by (올트먼 **CEO**).
    titles: Vec<Vec<&'static str>>,
    /// The article's subject.
    subject: Option<usize>,
}

impl<'a> Named<'a> {
    /// What `found` (mentions by name and alias) says of the people in `entities`.
    pub fn new(
        text: &str,
        sentences: &[Range<usize>],
        found: &[Found],
        entities: &'a [Entity],
        subject: Option<usize>,
    ) -> Self {
        let mut named = Self {
            entities,
            counts: vec![0; entities.len()],
            first: vec![usize::MAX; entities.len()],
            titles: vec![Vec::new(); entities.len()],
            subject,
        };
        for f in found {
            named.counts[f.entity] += 1;
            named.first[f.entity] = named.first[f.entity].min(f.range.start);
            let sentence_end = sentences
                .iter()
                .find(|s| s.contains(&f.range.start))
                .map_or(text.len(), |s| s.end);
            let mut titles = titles_in(&text[f.range.clone()]);
            titles.extend(titles_following(&text[f.range.end..sentence_end]));
            named.titles[f.entity].extend(titles);
        }
        named
    }

    fn is_named_person(&self, ix: usize) -> bool {
        self.counts[ix] > 0 && self.entities[ix].kind == EntityKind::Person
    }

    /// The person a short form with this surname (and title, if any) stands for: the
    /// one the article names with that title, else the one whose role has it, else the
    /// article's subject, else the most mentioned, else the first named.
    fn resolve(&self, surname: &str, title: Option<&str>, korean: bool) -> Option<usize> {
        let has_title = |titles: &[&str]| {
            title.is_some_and(|title| titles.iter().any(|t| same_title(t, title)))
        };
        (0..self.entities.len())
            .filter(|&ix| self.is_named_person(ix))
            .filter(|&ix| {
                surnames_of(&self.entities[ix], korean).any(|s| s.eq_ignore_ascii_case(surname))
            })
            .max_by_key(|&ix| {
                let role_titles: Vec<&str> = self.entities[ix]
                    .role
                    .iter()
                    .flat_map(|role| role.values())
                    .flat_map(|role| titles_in(role))
                    .collect();
                (
                    has_title(&self.titles[ix]),
                    has_title(&role_titles),
                    self.subject == Some(ix),
                    self.counts[ix],
                    std::cmp::Reverse(self.first[ix]),
                )
            })
    }

    /// The Korean surnames of the people named (with `korean` false, the English ones),
    /// each once.
    fn surnames(&self, korean: bool) -> Vec<String> {
        let mut surnames: Vec<String> = Vec::new();
        for (ix, entity) in self.entities.iter().enumerate() {
            if !self.is_named_person(ix) {
                continue;
            }
            for surname in surnames_of(entity, korean).map(fold) {
                if !surnames.contains(&surname) {
                    surnames.push(surname);
                }
            }
        }
        surnames
    }
}

/// The titles in the first few words after a name, up to a comma or the end of the
/// sentence: "삼성전자 **회장**이", "오픈AI **최고경영자(CEO)**와". The first word that holds a
/// title is the last read, so that the next person's title is not taken.
fn titles_following(after: &str) -> Vec<&'static str> {
    let clause = after
        .split([',', '·', ';', '、', '/'])
        .next()
        .unwrap_or_default();
    clause
        .split_whitespace()
        .take(4)
        .map(titles_in)
        .find(|titles| !titles.is_empty())
        .unwrap_or_default()
}

/// Every surname-and-title and Hanja short form in `text` (`folded` is its folded form)
/// that stands for a person `named` names.
pub(super) fn short_forms(text: &str, folded: &str, named: &Named) -> Vec<Found> {
    let mut found = Vec::new();
    for surname in named.surnames(true) {
        for start in occurrences(folded, &surname) {
            if !starts_word(text, start, &surname) {
                continue;
            }
            // The space is required: "이사장" is a title of its own, not 이 + 사장.
            let title_start = start + surname.len() + 1;
            if !text[start + surname.len()..].starts_with(' ') {
                continue;
            }
            let Some(title) = title_at(text, title_start) else {
                continue;
            };
            let end = title_start + title.len();
            let last = title.chars().next_back().unwrap_or(' ');
            if word_end(text, end, last).is_some()
                && let Some(entity) = named.resolve(&surname, Some(title), true)
            {
                found.push(short_form(start..end, entity, MentionRule::SurnameTitle));
            }
        }
    }
    for surname in named.surnames(false) {
        for title in ENGLISH_TITLES {
            let form = format!("{title} {surname}");
            for start in occurrences(folded, &form) {
                let end = start + form.len();
                let before = text[..start].chars().next_back();
                let after = char_at(text, end);
                if before.is_none_or(|c| !c.is_ascii_alphanumeric())
                    && after.is_none_or(|c| !c.is_ascii_alphanumeric())
                    && let Some(entity) = named.resolve(&surname, None, false)
                {
                    found.push(short_form(start..end, entity, MentionRule::SurnameTitle));
                }
            }
        }
    }
    for (start, c) in text.char_indices() {
        let Some(surname) = HANJA_SURNAMES
            .iter()
            .find(|(hanja, _)| *hanja == c)
            .map(|(_, surname)| *surname)
        else {
            continue;
        };
        let end = start + c.len_utf8();
        let spaced = end + usize::from(text[end..].starts_with(' '));
        let title = title_at(text, spaced);
        if starts_word(text, start, &text[start..end])
            && word_end(text, end, c).is_some()
            && let Some(entity) = named.resolve(surname, title, true)
        {
            found.push(short_form(start..end, entity, MentionRule::Hanja));
        }
    }
    found
}

fn short_form(range: Range<usize>, entity: usize, rule: MentionRule) -> Found {
    Found {
        range,
        entity,
        rule,
        particle: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_of_korean_and_foreign_names() {
        assert_eq!(korean_surname("이재용"), Some("이"));
        assert_eq!(korean_surname("손정의"), Some("손"));
        assert_eq!(korean_surname("젠슨 황"), Some("황"));
        assert_eq!(korean_surname("샘 올트먼"), Some("올트먼"));
        assert_eq!(korean_surname("앤디 재시"), Some("재시"));
        assert_eq!(korean_surname("OpenAI"), None);
        assert_eq!(english_surname("Lee Jae-yong"), Some("Lee"));
        assert_eq!(english_surname("Eui-sun Chung"), Some("Chung"));
        assert_eq!(english_surname("Sam Altman"), Some("Altman"));
        assert_eq!(english_surname("Nvidia"), None);
        assert!(same_title("최고경영자", "CEO") && !same_title("회장", "부회장"));
    }

    #[test]
    fn the_title_after_a_name_is_its_own() {
        assert_eq!(titles_following(" 삼성전자 회장이 테슬라"), ["회장"]);
        assert_eq!(
            titles_following(" 오픈AI 최고경영자(CEO)와 전방위"),
            ["최고경영자", "CEO"]
        );
        assert_eq!(
            titles_following(" 메모리사업부장, 한진만 부사장"),
            ["사업부장"]
        );
        assert_eq!(
            titles_following(" 엔비디아 최고경영자와 이재용 삼성전자 회장"),
            ["최고경영자"]
        );
        assert!(titles_following(", 손정의 회장").is_empty());
    }
}
