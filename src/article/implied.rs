//! Mentions a sentence implies without naming: the article's subject where a meeting or
//! visit has no subject of its own (Korean drops it: "지난 12일에는 … 앤디 재시 CEO를
//! 만났다"), and a conglomerate where a sentence lists its affiliates ("삼성전자·삼성SDS…
//! 등 4개 계열사").

use std::ops::Range;

use crate::article::kinds::kind_word;
use crate::article::mentions::MentionRule;
use crate::article::names::{Found, without_group};
use crate::article::script::is_hangul;
use crate::network::model::{Entity, EntityKind, TieKind};

/// The mentions each of `sentences` implies, given what was `found` in them and the
/// article's `subject`.
pub(super) fn implied(
    text: &str,
    sentences: &[Range<usize>],
    found: &[Found],
    entities: &[Entity],
    subject: Option<usize>,
) -> Vec<Found> {
    let mut implied = Vec::new();
    for sentence in sentences {
        let inside: Vec<&Found> = found
            .iter()
            .filter(|f| sentence.start <= f.range.start && f.range.end <= sentence.end)
            .collect();
        implied.extend(group_of_affiliates(text, sentence, &inside, entities));
        if let Some(subject) = subject {
            implied.extend(dropped_subject(text, sentence, &inside, subject));
        }
    }
    implied
}

/// The subject of a sentence that meets or visits with no subject named: no mention in
/// it is marked as subject or topic (Korean), or none comes before the verb (English,
/// where word order marks the subject), and the article's subject is not named in it.
/// The mention is empty, at the start of the sentence, as the subject it stands for.
fn dropped_subject(
    text: &str,
    sentence: &Range<usize>,
    inside: &[&Found],
    subject: usize,
) -> Option<Found> {
    if inside.is_empty() || inside.iter().any(|f| f.entity == subject) {
        return None;
    }
    let words = &text[sentence.clone()];
    let verb = [TieKind::Meeting, TieKind::Visit]
        .into_iter()
        .filter_map(|kind| kind_word(words, kind))
        .map(|(at, _)| sentence.start + at)
        .min()?;
    let has_subject = if words.chars().any(is_hangul) {
        inside
            .iter()
            .any(|f| f.particle.is_some_and(|p| p.marks_subject()))
    } else {
        inside.iter().any(|f| f.range.start < verb)
    };
    (!has_subject).then_some(Found {
        range: sentence.start..sentence.start,
        entity: subject,
        rule: MentionRule::DroppedSubject,
        particle: None,
    })
}

/// The conglomerate of the affiliates a sentence names, when it calls them affiliates
/// (계열사, affiliates) without naming the group: its mention is the word "affiliates".
fn group_of_affiliates(
    text: &str,
    sentence: &Range<usize>,
    inside: &[&Found],
    entities: &[Entity],
) -> Vec<Found> {
    let Some((at, word)) = kind_word(&text[sentence.clone()], TieKind::Affiliate) else {
        return Vec::new();
    };
    let range = sentence.start + at..sentence.start + at + word.len();
    let mut groups: Vec<usize> = Vec::new();
    for f in inside {
        if let Some(parent) = parent_of(f.entity, entities)
            && !groups.contains(&parent)
            && !inside.iter().any(|other| other.entity == parent)
        {
            groups.push(parent);
        }
    }
    groups
        .into_iter()
        .map(|entity| Found {
            range: range.clone(),
            entity,
            rule: MentionRule::Affiliates,
            particle: None,
        })
        .collect()
}

/// The company an affiliate belongs to: the company of the same group whose name (less
/// "Group" or "그룹") begins the affiliate's name in the same language, the shortest such
/// (삼성 for 삼성전자, "Samsung Group" for "Samsung SDS").
fn parent_of(child: usize, entities: &[Entity]) -> Option<usize> {
    let affiliate = &entities[child];
    let group = affiliate.group.as_ref()?;
    if affiliate.kind != EntityKind::Company {
        return None;
    }
    entities
        .iter()
        .enumerate()
        .filter(|&(ix, e)| {
            ix != child && e.kind == EntityKind::Company && e.group.as_ref() == Some(group)
        })
        .filter_map(|(ix, parent)| {
            parent
                .name
                .iter()
                .filter_map(|(language, name)| {
                    let stem = without_group(name).unwrap_or(name);
                    let own = affiliate.name.get(language)?;
                    (!stem.is_empty() && own.len() > stem.len() && own.starts_with(stem))
                        .then_some(stem.len())
                })
                .min()
                .map(|length| (ix, length))
        })
        .min_by_key(|&(_, length)| length)
        .map(|(ix, _)| ix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::model::LocalizedText;

    fn company(id: &str, ko: &str, en: &str, group: Option<&str>) -> Entity {
        let name = LocalizedText::from([("ko", ko), ("en", en)]);
        let mut entity = Entity::new(id, EntityKind::Company, name);
        entity.group = group.map(str::to_owned);
        entity
    }

    #[test]
    fn an_affiliate_belongs_to_the_company_its_name_begins_with() {
        let entities = [
            company("samsung-group", "삼성", "Samsung Group", Some("samsung")),
            company(
                "samsung-electronics",
                "삼성전자",
                "Samsung Electronics",
                Some("samsung"),
            ),
            company("samsung-sds", "삼성SDS", "Samsung SDS", Some("samsung")),
            company("samsung-like", "삼성맛집", "Samsung Diner", None),
        ];
        assert_eq!(parent_of(1, &entities), Some(0));
        assert_eq!(parent_of(2, &entities), Some(0));
        assert_eq!(parent_of(0, &entities), None, "the group itself has none");
        assert_eq!(parent_of(3, &entities), None, "outside the group");
    }
}
