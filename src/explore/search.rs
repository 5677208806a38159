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
}

/// The entities whose names (in any language), aliases or shown labels match `query`,
/// best first, at most `limit` of them.
///
/// Each entity appears once, with its best-matching text (names before aliases when they
/// rank alike). Matches order by rank (exact, prefix, word prefix, contains), then by the
/// matched text, case-insensitively, then by entity index. A query with no letters or
/// digits matches nothing.
///
/// This reduces every text for this one query; the window keeps a [`SearchIndex`] of
/// them instead, which answers the same.
pub fn search_entities(
    network: &Network,
    index: &NetworkIndex,
    query: &str,
    limit: usize,
) -> Vec<EntityMatch> {
    SearchIndex::new(network, index).search(network, query, limit)
}

/// Entities indexed per part: each part is reduced and searched on its own rayon task.
const ENTITIES_PER_PART: usize = 16_384;

/// Every entity's names, aliases and shown label, reduced for matching once, so that a
/// query reads compact text instead of reducing a million names again: what
/// [`search_entities`] finds, found faster. Built for one network as it is; the window
/// builds it again whenever the network changes.
#[derive(Default)]
pub struct SearchIndex {
    parts: Vec<SearchPart>,
}

/// The texts of a run of entities, one after another, in entity order and, within an
/// entity, names (in their map order), aliases, then the shown label, the order in
/// which an entity's texts win a tie of ranks.
#[derive(Default)]
struct SearchPart {
    /// Every text reduced ([`SearchableText::letters`]), one after another.
    letters: String,
    /// One bit per byte of `letters`: where a word starts.
    word_starts: Vec<u64>,
    /// Every text in lowercase, one after another, by which matches of a rank order.
    lowercase: String,
    texts: Vec<IndexedText>,
}

/// One text of an entity: where its reduced letters and its lowercase end in the part's
/// buffers (each starts where the text before it ends).
#[derive(Clone, Copy)]
struct IndexedText {
    letters_end: u32,
    lowercase_end: u32,
    entity: EntityIx,
    field: TextAt,
}

/// Which of its entity's texts a text is, by position, so that the match can name it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TextAt {
    /// The `n`th name of `entity.name`'s iteration order.
    Name(u32),
    /// `entity.aliases[n]`.
    Alias(u32),
    Label,
}

/// One entity found in a part: its best rank and the text that has it.
struct PartMatch {
    rank: MatchRank,
    entity: EntityIx,
    part: u32,
    text: u32,
}

impl SearchIndex {
    /// Reduces the texts of every entity of `network`, on rayon's threads.
    pub fn new(network: &Network, index: &NetworkIndex) -> Self {
        let count = index.entity_count();
        let parts = (0..count.div_ceil(ENTITIES_PER_PART))
            .into_par_iter()
            .map(|part| {
                let first = part * ENTITIES_PER_PART;
                let positions = first..(first + ENTITIES_PER_PART).min(count);
                SearchPart::new(network, positions.filter_map(|at| index.entity_ix_at(at)))
            })
            .collect();
        Self { parts }
    }

    /// As [`search_entities`] for the network this index was built from.
    pub fn search(&self, network: &Network, query: &str, limit: usize) -> Vec<EntityMatch> {
        let query = SearchableText::new(query).letters;
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut matches: Vec<PartMatch> = (self.parts.par_iter().enumerate())
            .flat_map_iter(|(at, part)| part.search(&query, position_u32(at)))
            .collect();
        let lowercase = |found: &PartMatch| self.parts[found.part as usize].lowercase(found.text);
        let order = |a: &PartMatch, b: &PartMatch| {
            (a.rank, lowercase(a), a.entity).cmp(&(b.rank, lowercase(b), b.entity))
        };
        // The best `limit` first (a short query may match nearly every entity), then in order.
        if matches.len() > limit {
            matches.select_nth_unstable_by(limit, order);
            matches.truncate(limit);
        }
        matches.sort_by(order);
        matches
            .into_iter()
            .filter_map(|found| {
                let text = self.parts[found.part as usize].texts[found.text as usize];
                let (field, matched_text) = text.field.of(network, found.entity)?;
                Some(EntityMatch {
                    entity: found.entity,
                    rank: found.rank,
                    field: field.owned(),
                    matched_text: matched_text.to_owned(),
                })
            })
            .collect()
    }
}

impl SearchPart {
    fn new(network: &Network, entities: impl Iterator<Item = EntityIx>) -> Self {
        let mut part = Self::default();
        let label_by = network.shown_by.label.as_deref();
        for ix in entities {
            let entity = &network[ix];
            for (n, (_, name)) in entity.name.iter().enumerate() {
                part.push(ix, TextAt::Name(position_u32(n)), name);
            }
            for (n, alias) in entity.aliases.iter().enumerate() {
                part.push(ix, TextAt::Alias(position_u32(n)), alias);
            }
            if let Some(label) = label_by.and_then(|label_by| entity.attributes.get(label_by)) {
                part.push(ix, TextAt::Label, label);
            }
        }
        part.letters.shrink_to_fit();
        part.lowercase.shrink_to_fit();
        part.texts.shrink_to_fit();
        part
    }

    fn push(&mut self, entity: EntityIx, field: TextAt, text: &str) {
        let reduced = SearchableText::new(text);
        let start = self.letters.len();
        self.letters.push_str(&reduced.letters);
        self.word_starts.resize(self.letters.len().div_ceil(64), 0);
        for word_start in reduced.word_starts {
            let at = start + word_start;
            self.word_starts[at / 64] |= 1 << (at % 64);
        }
        self.lowercase.push_str(&text.to_lowercase());
        self.texts.push(IndexedText {
            letters_end: position_u32(self.letters.len()),
            lowercase_end: position_u32(self.lowercase.len()),
            entity,
            field,
        });
    }

    /// Where text `text`'s reduced letters are in `letters`.
    fn letters_range(&self, text: usize) -> std::ops::Range<usize> {
        let start = text
            .checked_sub(1)
            .map_or(0, |before| self.texts[before].letters_end as usize);
        start..self.texts[text].letters_end as usize
    }

    fn lowercase(&self, text: u32) -> &str {
        let text = text as usize;
        let start = text
            .checked_sub(1)
            .map_or(0, |before| self.texts[before].lowercase_end as usize);
        &self.lowercase[start..self.texts[text].lowercase_end as usize]
    }

    fn is_word_start(&self, at: usize) -> bool {
        self.word_starts[at / 64] & (1 << (at % 64)) != 0
    }

    /// The entities of this part that `query` (reduced, not empty) matches, each with its
    /// best text. The part's letters are searched as one string: each occurrence found is
    /// placed in its text, ranked, and the search goes on after that text.
    fn search(&self, query: &str, part: u32) -> Vec<PartMatch> {
        let mut found: Vec<PartMatch> = Vec::new();
        let (mut from, mut text) = (0, 0);
        while let Some(offset) = self.letters[from..].find(query) {
            let at = from + offset;
            while self.texts[text].letters_end as usize <= at {
                text += 1;
            }
            let range = self.letters_range(text);
            (from, text) = (range.end, text + 1);
            if at + query.len() > range.end {
                // Across the end of its text: the text holds no match from here on.
                continue;
            }
            let rank = if at == range.start {
                if range.len() == query.len() {
                    MatchRank::Exact
                } else {
                    MatchRank::Prefix
                }
            } else if (at..=range.end - query.len())
                .any(|start| self.is_word_start(start) && self.letters[start..].starts_with(query))
            {
                MatchRank::WordPrefix
            } else {
                MatchRank::Contains
            };
            let entity = self.texts[text - 1].entity;
            match found.last_mut() {
                // An entity's texts are together: a later one replaces only a better rank.
                Some(best) if best.entity == entity => {
                    if rank < best.rank {
                        (best.rank, best.text) = (rank, position_u32(text - 1));
                    }
                }
                _ => found.push(PartMatch {
                    rank,
                    entity,
                    part,
                    text: position_u32(text - 1),
                }),
            }
        }
        found
    }
}

impl TextAt {
    /// The field and the text, as the entity has them now.
    fn of(self, network: &Network, entity: EntityIx) -> Option<(Field<'_>, &str)> {
        let entity_ref = &network[entity];
        match self {
            Self::Name(n) => {
                let (language, name) = entity_ref.name.iter().nth(n as usize)?;
                let name: &str = name;
                Some((Field::Name(language), name))
            }
            Self::Alias(n) => Some((Field::Alias, entity_ref.aliases.get(n as usize)?.as_str())),
            Self::Label => {
                let label_by = network.shown_by.label.as_ref()?;
                Some((Field::Label, entity_ref.attributes.get(label_by)?))
            }
        }
    }
}

/// A position as a `u32`: a part holds far fewer than 2³² bytes of text.
fn position_u32(position: usize) -> u32 {
    u32::try_from(position).expect("a search part holds fewer than 2^32 texts and bytes")
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
    fn a_match_lies_within_one_text_and_may_be_a_later_word() {
        // The index holds every text one after another: "ab", "cd", "ef", "xsamsam".
        let network = NetworkBuilder::new()
            .named(
                "abcd",
                EntityKind::Person,
                &[("en", "Ab"), ("ko", "Cd")],
                &[],
            )
            .named("later", EntityKind::Person, &[("en", "Ef")], &["Xsam Sam"])
            .build();
        assert!(found(&network, "bc").is_empty(), "across two names");
        assert!(found(&network, "de").is_empty(), "across two entities");
        assert!(
            found(&network, "fx").is_empty(),
            "across a name and an alias"
        );
        assert_eq!(
            found(&network, "sam"),
            [(
                "later".to_owned(),
                MatchRank::WordPrefix,
                "Xsam Sam".to_owned()
            )],
            "found inside a word first, then at the start of the next"
        );
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
