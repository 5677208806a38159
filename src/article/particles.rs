//! What may follow a name in Korean: the particles that say its part in the sentence
//! (이재용**은**, 삼성전자**와**, 오픈AI**의**), other endings (삼성**답게**, 왕족**들**과), and the
//! titles people are named with (회장, CEO, 사업부장…).

use std::cmp::Reverse;

use crate::article::script::{char_at, is_hangul, same_word};

/// The part a Korean particle gives the name before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Particle {
    /// 이, 가, 께서: the sentence's subject.
    Subject,
    /// 은, 는: its topic, most often the subject too.
    Topic,
    /// 을, 를: the object.
    Object,
    /// 와, 과, 하고, 랑: together with.
    With,
    /// 의: of.
    Of,
    /// 에, 에서, 에게 (and the contractions 서, 엔): where, or to whom.
    Place,
}

impl Particle {
    /// Whether the name before it is what the sentence is about: its subject or topic.
    pub fn marks_subject(self) -> bool {
        matches!(self, Self::Subject | Self::Topic)
    }
}

/// Endings that may follow a Korean noun, with the part the particles among them give it.
const SUFFIXES: [(&str, Option<Particle>); 52] = [
    ("께서", Some(Particle::Subject)),
    ("이", Some(Particle::Subject)),
    ("가", Some(Particle::Subject)),
    ("은", Some(Particle::Topic)),
    ("는", Some(Particle::Topic)),
    ("을", Some(Particle::Object)),
    ("를", Some(Particle::Object)),
    ("와", Some(Particle::With)),
    ("과", Some(Particle::With)),
    ("하고", Some(Particle::With)),
    ("이랑", Some(Particle::With)),
    ("랑", Some(Particle::With)),
    ("의", Some(Particle::Of)),
    ("에서", Some(Particle::Place)),
    ("에게", Some(Particle::Place)),
    ("에", Some(Particle::Place)),
    ("한테", Some(Particle::Place)),
    ("께", Some(Particle::Place)),
    ("서", Some(Particle::Place)),
    ("엔", Some(Particle::Place)),
    ("에선", Some(Particle::Place)),
    ("선", Some(Particle::Place)),
    ("도", None),
    ("만", None),
    ("들", None),
    ("측", None),
    ("으로", None),
    ("로", None),
    ("부터", None),
    ("까지", None),
    ("처럼", None),
    ("보다", None),
    ("답게", None),
    ("조차", None),
    ("마저", None),
    ("이나", None),
    ("나", None),
    ("이며", None),
    ("이고", None),
    ("인", None),
    ("이다", None),
    ("다", None),
    ("였다", None),
    ("이었다", None),
    ("라고", None),
    ("이라고", None),
    ("라는", None),
    ("이라는", None),
    ("라며", None),
    ("이라며", None),
    ("씨", None),
    ("님", None),
];

/// Titles a person is named with, Korean and English abbreviations.
pub(super) const TITLES: [&str; 32] = [
    "회장",
    "부회장",
    "사장",
    "부사장",
    "대표",
    "대표이사",
    "최고경영자",
    "부문장",
    "사업부장",
    "본부장",
    "총괄",
    "의장",
    "이사장",
    "이사",
    "전무",
    "상무",
    "대통령",
    "총리",
    "장관",
    "위원장",
    "창업자",
    "창업주",
    "CEO",
    "CTO",
    "CFO",
    "COO",
    "CPO",
    "CSO",
    "CIO",
    "CSCOO",
    "의원",
    "부장",
];

/// The longest title starting at byte `at` of `text`.
pub(super) fn title_at(text: &str, at: usize) -> Option<&'static str> {
    TITLES
        .iter()
        .filter(|title| text[at..].starts_with(*title))
        .max_by_key(|title| title.len())
        .copied()
}

/// The titles in `text`, read left to right, longest first ("부회장" is one title, not
/// "회장" inside it; "메모리사업부장" holds "사업부장").
pub(super) fn titles_in(text: &str) -> Vec<&'static str> {
    let mut titles = Vec::new();
    let mut at = 0;
    while at < text.len() {
        match title_at(text, at) {
            Some(title) => {
                titles.push(title);
                at += title.len();
            }
            None => at += char_at(text, at).map_or(1, char::len_utf8),
        }
    }
    titles
}

/// Whether a word may end at byte `at` of `text`, right after a name whose last
/// character is `last`: the text ends, a character of another script follows, or the
/// Korean endings that follow it end the word. `Some` holds the particle among those
/// endings, if any.
pub(super) fn word_end(text: &str, at: usize, last: char) -> Option<Option<Particle>> {
    match char_at(text, at) {
        None => Some(None),
        Some(next) if is_hangul(next) => endings(text, at, 4),
        Some(next) => (!same_word(last, next)).then_some(None),
    }
}

/// The particle after a name that ends at byte `at`: right after it (이재용**은**), or after
/// a title that follows it (재시 CEO**를**, 베스트베리 CEO**와**).
pub(super) fn particle_after(text: &str, at: usize) -> Option<Particle> {
    let direct = match char_at(text, at) {
        Some(next) if is_hangul(next) => endings(text, at, 4).flatten(),
        _ => None,
    };
    direct.or_else(|| {
        let rest = &text[at..];
        let spaced = rest.trim_start_matches(' ');
        if spaced.len() == rest.len() || spaced.len() + 1 < rest.len() {
            return None;
        }
        let title_start = at + rest.len() - spaced.len();
        let title = title_at(text, title_start)?;
        let end = title_start + title.len();
        let last = title.chars().next_back()?;
        word_end(text, end, last).flatten()
    })
}

/// Reads Korean endings from byte `at` of `text` up to the end of the word, at most
/// `depth` of them; `Some` holds the first particle among them, `None` means the word
/// goes on with something that is no ending (메타**버스**). Korean titles count as endings,
/// so that "이재용회장이" ends the name.
fn endings(text: &str, at: usize, depth: usize) -> Option<Option<Particle>> {
    match char_at(text, at) {
        Some(next) if is_hangul(next) => {}
        _ => return Some(None),
    }
    if depth == 0 {
        return None;
    }
    let rest = &text[at..];
    let titles = TITLES
        .iter()
        .filter(|title| title.starts_with(is_hangul))
        .map(|title| (*title, None));
    let mut fitting: Vec<(&str, Option<Particle>)> = SUFFIXES
        .into_iter()
        .chain(titles)
        .filter(|(suffix, _)| rest.starts_with(suffix))
        .collect();
    fitting.sort_by_key(|(suffix, _)| Reverse(suffix.len()));
    fitting.into_iter().find_map(|(suffix, particle)| {
        let after = endings(text, at + suffix.len(), depth - 1)?;
        Some(particle.or(after))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ending_of(text: &str, name: &str) -> Option<Option<Particle>> {
        let last = name.chars().next_back().expect("a name");
        word_end(text, name.len(), last)
    }

    #[test]
    fn particles_after_names_say_their_part() {
        assert_eq!(
            ending_of("이재용은 테슬라", "이재용"),
            Some(Some(Particle::Topic))
        );
        assert_eq!(
            ending_of("이재용이", "이재용"),
            Some(Some(Particle::Subject))
        );
        assert_eq!(
            ending_of("삼성전자와 메타는", "삼성전자"),
            Some(Some(Particle::With))
        );
        assert_eq!(
            ending_of("오픈AI의 기업용", "오픈AI"),
            Some(Some(Particle::Of))
        );
        assert_eq!(
            ending_of("테슬라와의 계약이", "테슬라"),
            Some(Some(Particle::With))
        );
        assert_eq!(
            ending_of("삼성전자에서는", "삼성전자"),
            Some(Some(Particle::Place))
        );
        assert_eq!(ending_of("BYD에 MLCC", "BYD"), Some(Some(Particle::Place)));
        assert_eq!(
            ending_of("앤디 재시 CEO를 만났다", "앤디 재시 CEO"),
            Some(Some(Particle::Object))
        );
        assert_eq!(
            ending_of("왕족들과 교류하며", "왕족"),
            Some(Some(Particle::With))
        );
        assert_eq!(ending_of("삼성답게 미래", "삼성"), Some(None));
        assert_eq!(
            ending_of("이재용회장이", "이재용"),
            Some(Some(Particle::Subject))
        );
        assert_eq!(ending_of("삼성 영빈관", "삼성"), Some(None));
    }

    #[test]
    fn a_name_inside_a_longer_word_does_not_end_there() {
        assert_eq!(ending_of("메타버스 시장", "메타"), None);
        assert_eq!(ending_of("Metaverse", "Meta"), None);
        assert_eq!(ending_of("Meta's glasses", "Meta"), Some(None));
    }

    #[test]
    fn the_particle_may_follow_a_title() {
        let text = "한스 베스트베리 CEO와 회동한";
        assert_eq!(
            particle_after(text, "한스 베스트베리".len()),
            Some(Particle::With)
        );
        let text = "이재용 삼성전자 회장이";
        assert_eq!(particle_after(text, "이재용".len()), None);
        assert_eq!(
            particle_after(text, "이재용 삼성전자".len()),
            Some(Particle::Subject)
        );
        assert!(Particle::Topic.marks_subject() && !Particle::Object.marks_subject());
    }

    #[test]
    fn titles_are_read_longest_first() {
        assert_eq!(titles_in("삼성전자 부회장"), ["부회장"]);
        assert_eq!(titles_in("메모리사업부장"), ["사업부장"]);
        assert_eq!(titles_in("최고경영자(CEO)와"), ["최고경영자", "CEO"]);
        assert_eq!(titles_in("퀄컴 사장 겸 CEO"), ["사장", "CEO"]);
    }
}
