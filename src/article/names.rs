//! Entities' names, aliases and name variants found in a text, where a word may begin and
//! end, the longest match winning and no two overlapping.

use std::cmp::Reverse;
use std::ops::Range;

use crate::article::mentions::MentionRule;
use crate::article::particles::{Particle, particle_after, word_end};
use crate::article::script::{occurrences, starts_word};
use crate::network::model::Entity;

/// A mention as the matchers find it: the entity by its index in the list searched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub range: Range<usize>,
    pub entity: usize,
    pub rule: MentionRule,
    pub particle: Option<Particle>,
}

/// A text to look for and the entity it names.
pub(super) struct Pattern {
    /// The text, [`fold`](crate::article::script::fold)ed.
    folded: String,
    entity: usize,
    rule: MentionRule,
}

/// Every name (in every language) and alias of `entities`, and with `variants` the other
/// spellings of romanised Korean names ("Chung Eui-sun": "Euisun Chung", "Chung Eui Sun"…).
pub(super) fn name_patterns(entities: &[Entity], variants: bool) -> Vec<Pattern> {
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut add = |text: &str, entity: usize, rule: MentionRule| {
        let folded = text.trim().to_ascii_lowercase();
        let known = patterns
            .iter()
            .any(|p| p.entity == entity && p.folded == folded);
        if !folded.is_empty() && !known {
            patterns.push(Pattern {
                folded,
                entity,
                rule,
            });
        }
    };
    for (ix, entity) in entities.iter().enumerate() {
        for name in entity.name.values() {
            add(name, ix, MentionRule::Name);
        }
        for alias in &entity.aliases {
            add(alias, ix, MentionRule::Alias);
        }
        if variants {
            let spellings = (entity.name.values()).chain(entity.aliases.iter().map(String::as_str));
            for variant in spellings.flat_map(romanised_variants) {
                add(&variant, ix, MentionRule::NameVariant);
            }
            for name in entity.name.values() {
                if let Some(short) = without_group(name) {
                    add(short, ix, MentionRule::NameVariant);
                }
            }
        }
    }
    patterns
}

/// A conglomerate's name without its "Group" or "그룹", as articles mostly write it
/// ("Samsung" for "Samsung Group", "소프트뱅크" for "소프트뱅크그룹").
pub(super) fn without_group(name: &str) -> Option<&str> {
    name.strip_suffix(" Group")
        .or_else(|| name.strip_suffix("그룹"))
        .map(str::trim_end)
        .filter(|short| !short.is_empty())
}

/// The other ways a romanised Korean name is written: family name first or last, the
/// given name hyphenated, joined or spaced ("Chung Eui-sun", "Chung Euisun", "Chung Eui
/// Sun", "Eui-sun Chung", "Euisun Chung", "Eui Sun Chung"). Names of another shape (no
/// hyphenated given name) have none.
fn romanised_variants(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let [first, second] = words[..] else {
        return Vec::new();
    };
    if !name.is_ascii() {
        return Vec::new();
    }
    let (family, given) = match (first.contains('-'), second.contains('-')) {
        (false, true) => (first, second),
        (true, false) => (second, first),
        _ => return Vec::new(),
    };
    let joined = given.replace('-', "");
    let spaced = given.replace('-', " ");
    [
        format!("{family} {given}"),
        format!("{family} {joined}"),
        format!("{family} {spaced}"),
        format!("{given} {family}"),
        format!("{joined} {family}"),
        format!("{spaced} {family}"),
    ]
    .into_iter()
    .filter(|variant| variant != name)
    .collect()
}

/// Where `patterns` occur in `text` (`folded` is `text` [`fold`](crate::article::script::fold)ed)
/// as whole words: not starting inside a word, and ending where the word ends or where
/// Korean particles and endings follow. Overlapping finds are all kept; see [`select`].
pub(super) fn find_patterns(text: &str, folded: &str, patterns: &[Pattern]) -> Vec<Found> {
    let mut found = Vec::new();
    for pattern in patterns {
        let Some(last) = pattern.folded.chars().next_back() else {
            continue;
        };
        for start in occurrences(folded, &pattern.folded) {
            let end = start + pattern.folded.len();
            if starts_word(text, start, &text[start..end]) && word_end(text, end, last).is_some() {
                found.push(Found {
                    range: start..end,
                    entity: pattern.entity,
                    rule: pattern.rule,
                    particle: None,
                });
            }
        }
    }
    found
}

/// Keeps, left to right, the longest find at each place and drops those that overlap it
/// ("삼성전자" wins over the "삼성" inside it); between finds of the same span, the rule
/// that says most (a name before an alias). Each kept find gets the particle after it.
pub(super) fn select(text: &str, mut found: Vec<Found>) -> Vec<Found> {
    found.sort_by_key(|f| (f.range.start, Reverse(f.range.end), f.rule));
    let mut kept: Vec<Found> = Vec::new();
    for mut f in found {
        if kept
            .last()
            .is_some_and(|last| f.range.start < last.range.end)
        {
            continue;
        }
        f.particle = particle_after(text, f.range.end);
        kept.push(f);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanised_korean_names_have_their_variants() {
        let variants = romanised_variants("Chung Eui-sun");
        for expected in [
            "Chung Euisun",
            "Chung Eui sun",
            "Eui-sun Chung",
            "Euisun Chung",
            "Eui sun Chung",
        ] {
            assert!(
                variants.iter().any(|v| v == expected),
                "{expected} in {variants:?}"
            );
        }
        assert!(!variants.iter().any(|v| v == "Chung Eui-sun"));
        assert_eq!(
            romanised_variants("Eui-sun Chung")[0],
            "Chung Eui-sun",
            "family name last is read too"
        );
        assert!(romanised_variants("Sam Altman").is_empty());
        assert!(romanised_variants("정의선").is_empty());
    }

    #[test]
    fn groups_go_by_their_short_names() {
        assert_eq!(without_group("Samsung Group"), Some("Samsung"));
        assert_eq!(without_group("소프트뱅크그룹"), Some("소프트뱅크"));
        assert_eq!(without_group("Samsung Electronics"), None);
        assert_eq!(without_group("그룹"), None);
    }
}
