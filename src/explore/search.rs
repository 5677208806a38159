//! Finding entities by part of a name in any language, an alias, or the label the map
//! shows when it labels entities by an attribute (View ▸ Label by).
//!
//! Matching ignores case (Unicode lowercase) and everything that is not a letter or a
//! digit, so spaces and hyphens never get in the way: "올트먼", "샘올트먼" and "샘 올트먼"
//! all find 샘 올트먼, and "jae-yong" finds Lee Jae-yong.

use rayon::prelude::*;

use crate::network::index::{EntityIx, NetworkIndex};
use crate::network::model::Network;

/// How well a text matched; better ranks order first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchRank {
    /// The whole text is the query.
    Exact,
    /// The text starts with the query.
    Prefix,
    /// A word of the text (after a space or a sign such as `-` or `(`) starts with the query.
    WordPrefix,
    /// The query is somewhere inside the text.
    Contains,
}

/// Which of an entity's texts matched.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchedField {
    /// The name in this language (`"ko"`, `"en"`, …).
    Name { language: String },
    /// One of the entity's aliases.
    Alias,
    /// The attribute the map labels entities by (the network's `shown_by.label`).
    Label,
}

/// One entity found by a search, with the text that matched, so a list can say
/// "Lee Jae-yong — matched alias '이 회장'".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMatch {
    /// The entity found.
    pub entity: EntityIx,
    /// How well it matched.
    pub rank: MatchRank,
    /// Whether a name (in which language) or an alias matched.
    pub field: MatchedField,
    /// The name or alias that matched, as written in the file.
    pub matched_text: String,
}

/// A text reduced for matching: lowercase letters and digits only, and where its words
/// start (byte offsets into `letters`).
struct SearchableText {
    letters: String,
    word_starts: Vec<usize>,
}

impl SearchableText {
    fn new(text: &str) -> Self {
        let mut letters = String::with_capacity(text.len());
        let mut word_starts = Vec::new();
        let mut in_word = false;
        for character in text.chars() {
            if character.is_alphanumeric() {
                if !in_word {
                    word_starts.push(letters.len());
                }
                letters.extend(character.to_lowercase());
                in_word = true;
            } else {
                in_word = false;
            }
        }
        Self {
            letters,
            word_starts,
        }
    }

    /// How well `query` (already reduced) matches this text, if at all.
    fn rank(&self, query: &str) -> Option<MatchRank> {
        if self.letters == query {
            Some(MatchRank::Exact)
        } else if self.letters.starts_with(query) {
            Some(MatchRank::Prefix)
        } else if self
            .word_starts
            .iter()
            .any(|&start| self.letters[start..].starts_with(query))
        {
            Some(MatchRank::WordPrefix)
        } else if self.letters.contains(query) {
            Some(MatchRank::Contains)
        } else {
            None
        }
    }
}

/// The entities whose names (in any language), aliases or shown labels match `query`,
/// best first, at most `limit` of them.
///
/// Each entity appears once, with its best-matching text (names before aliases when they
/// rank alike). Matches order by rank (exact, prefix, word prefix, contains), then by the
/// matched text, case-insensitively, then by entity index. A query with no letters or
/// digits matches nothing.
pub fn search_entities(
    network: &Network,
    index: &NetworkIndex,
    query: &str,
    limit: usize,
) -> Vec<EntityMatch> {
    let query = SearchableText::new(query).letters;
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    // Every entity is read (on rayon's threads: a million take a moment), and only those
    // that match are given their field and text.
    let mut matches: Vec<(EntityMatch, String)> = (0..index.entity_count())
        .into_par_iter()
        .filter_map(|position| index.entity_ix_at(position))
        .filter_map(|ix| {
            let entity = &network[ix];
            let names = (entity.name.iter()).map(|(language, name)| (Field::Name(language), name));
            let aliases = (entity.aliases.iter()).map(|alias| (Field::Alias, alias.as_str()));
            let label = (network.shown_by.label.as_ref())
                .and_then(|label_by| entity.attributes.get(label_by))
                .map(|label| (Field::Label, label));
            let (rank, field, text) = names
                .chain(aliases)
                .chain(label)
                .filter_map(|(field, text)| {
                    Some((SearchableText::new(text).rank(&query)?, field, text))
                })
                .min_by_key(|(rank, _, _)| *rank)?;
            let found = EntityMatch {
                entity: ix,
                rank,
                field: field.owned(),
                matched_text: text.to_owned(),
            };
            Some((found, text.to_lowercase()))
        })
        .collect();
    let order = |(a, a_text): &(EntityMatch, String), (b, b_text): &(EntityMatch, String)| {
        (a.rank, a_text, a.entity).cmp(&(b.rank, b_text, b.entity))
    };
    // The best `limit` first (a short query may match nearly every entity), then in order.
    if matches.len() > limit {
        matches.select_nth_unstable_by(limit, order);
        matches.truncate(limit);
    }
    matches.sort_by(order);
    matches.into_iter().map(|(found, _)| found).collect()
}

/// Which of an entity's texts matched, borrowed until it is kept.
#[derive(Clone, Copy)]
enum Field<'a> {
    Name(&'a str),
    Alias,
    Label,
}

impl Field<'_> {
    fn owned(self) -> MatchedField {
        match self {
            Self::Name(language) => MatchedField::Name {
                language: language.to_owned(),
            },
            Self::Alias => MatchedField::Alias,
            Self::Label => MatchedField::Label,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::NetworkBuilder;
    use crate::network::model::EntityKind;

    fn people() -> Network {
        NetworkBuilder::new()
            .named(
                "lee",
                EntityKind::Person,
                &[("en", "Lee Jae-yong"), ("ko", "이재용")],
                &["이 회장", "李"],
            )
            .named(
                "altman",
                EntityKind::Person,
                &[("en", "Sam Altman"), ("ko", "샘 올트먼")],
                &["올트먼 CEO"],
            )
            .named(
                "samsung",
                EntityKind::Company,
                &[("en", "Samsung Electronics"), ("ko", "삼성전자")],
                &[],
            )
            .named("sam", EntityKind::Person, &[("en", "Sam")], &[])
            .named(
                "samuel",
                EntityKind::Person,
                &[("en", "Samuel Park")],
                &["Sam P."],
            )
            .named("park", EntityKind::Person, &[("en", "Ada Park-Sam")], &[])
            .named("flotsam", EntityKind::Other, &[("en", "Flotsam")], &[])
            .build()
    }

    fn found(network: &Network, query: &str) -> Vec<(String, MatchRank, String)> {
        search_entities(network, &NetworkIndex::new(network), query, 20)
            .into_iter()
            .map(|m| (network[m.entity].id.clone(), m.rank, m.matched_text))
            .collect()
    }

    #[test]
    fn ranks_exact_then_prefix_then_word_prefix_then_contains() {
        let network = people();
        let ids: Vec<(String, MatchRank)> = found(&network, "sam")
            .into_iter()
            .map(|(id, rank, _)| (id, rank))
            .collect();
        assert_eq!(
            ids,
            [
                ("sam".to_owned(), MatchRank::Exact),
                ("altman".to_owned(), MatchRank::Prefix),
                ("samsung".to_owned(), MatchRank::Prefix),
                ("samuel".to_owned(), MatchRank::Prefix),
                ("park".to_owned(), MatchRank::WordPrefix),
                ("flotsam".to_owned(), MatchRank::Contains),
            ]
        );
    }

    #[test]
    fn korean_matches_ignore_spaces() {
        let network = people();
        for query in ["올트먼", "샘올트먼", "샘 올트먼", " 샘  올트먼 "] {
            let results = found(&network, query);
            assert_eq!(results.len(), 1, "{query:?}: {results:?}");
            assert_eq!(results[0].0, "altman", "{query:?}");
        }
        assert_eq!(
            found(&network, "샘올트먼")[0].1,
            MatchRank::Exact,
            "the spaced name matches exactly without its space"
        );
        assert_eq!(found(&network, "트먼")[0].1, MatchRank::Contains);
    }

    #[test]
    fn reports_the_alias_that_matched() {
        let network = people();
        let matches = search_entities(&network, &NetworkIndex::new(&network), "회장", 5);
        assert_eq!(matches.len(), 1);
        assert_eq!(matches[0].entity.index(), 0);
        assert_eq!(matches[0].field, MatchedField::Alias);
        assert_eq!(matches[0].matched_text, "이 회장");
        assert_eq!(matches[0].rank, MatchRank::WordPrefix);
        let by_hanja = search_entities(&network, &NetworkIndex::new(&network), "李", 5);
        assert_eq!(by_hanja[0].matched_text, "李");
        assert_eq!(by_hanja[0].rank, MatchRank::Exact);
    }

    #[test]
    fn keeps_the_best_text_of_each_entity() {
        let network = people();
        // "올트먼" is inside the Korean name but is the whole of no text; the alias
        // "올트먼 CEO" starts with it, which beats the name's word prefix.
        let matches = search_entities(&network, &NetworkIndex::new(&network), "올트먼", 5);
        assert_eq!(matches.len(), 1);
        assert_eq!(matches[0].field, MatchedField::Alias);
        assert_eq!(matches[0].rank, MatchRank::Prefix);
        let by_name = search_entities(&network, &NetworkIndex::new(&network), "이재용", 5);
        assert_eq!(
            by_name[0].field,
            MatchedField::Name {
                language: "ko".to_owned()
            }
        );
    }

    #[test]
    fn is_case_insensitive_in_any_script() {
        let network = people();
        assert_eq!(found(&network, "LEE JAE")[0].0, "lee");
        assert_eq!(found(&network, "jaeyong")[0].1, MatchRank::WordPrefix);
        assert_eq!(found(&network, "jae-yong")[0].1, MatchRank::WordPrefix);
        let greek = NetworkBuilder::new()
            .named("odysseus", EntityKind::Person, &[("el", "ΟΔΥΣΣΕΑΣ")], &[])
            .build();
        assert_eq!(found(&greek, "οδυσ")[0].1, MatchRank::Prefix);
    }

    #[test]
    fn empty_queries_and_limits() {
        let network = people();
        assert!(search_entities(&network, &NetworkIndex::new(&network), "", 10).is_empty());
        assert!(search_entities(&network, &NetworkIndex::new(&network), "   ", 10).is_empty());
        assert!(search_entities(&network, &NetworkIndex::new(&network), "-", 10).is_empty());
        assert!(search_entities(&network, &NetworkIndex::new(&network), "sam", 0).is_empty());
        let two = search_entities(&network, &NetworkIndex::new(&network), "sam", 2);
        assert_eq!(two.len(), 2);
        assert_eq!(two[0].rank, MatchRank::Exact);
        assert!(search_entities(&network, &NetworkIndex::new(&network), "zzz", 10).is_empty());
    }

    #[test]
    fn finds_the_label_the_map_shows_only_while_it_shows_it() {
        let mut network = people();
        network.entities[0].attributes.insert("nickname", "JY");
        assert!(found(&network, "jy").is_empty());
        network.shown_by.label = Some("nickname".to_owned());
        let matches = search_entities(&network, &NetworkIndex::new(&network), "jy", 10);
        assert_eq!(matches.len(), 1);
        assert_eq!(matches[0].field, MatchedField::Label);
        assert_eq!(matches[0].matched_text, "JY");
    }
}
