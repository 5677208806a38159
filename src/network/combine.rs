//! Combining two maps into one: the entities, ties, sources and groups of another map are
//! matched to the base map's, combined into them where they are the same, and added where
//! they are new, with a [`CombineReport`] of what was matched, added and conflicted.
//!
//! Entities are matched by id, then by any name (in any language) or alias, compared
//! after [`name_key`] (Unicode lowercase, with spaces, hyphens and punctuation removed),
//! so that "Lee Jae-yong", "lee jaeyong" and "LEE JAE YONG" are one person. A same id is
//! only trusted when the two entities also share a name or alias: two maps numbering
//! their nodes `0, 1, 2…` (as GEXF files often do) have the same ids for different people.
//! A name shared by several base entities matches none of them: the entity is added, and
//! the report says why.
//!
//! Sources are matched by id, then by URL, then by outlet and title; groups by id, then
//! by name. Ties are the same when they have the same kind, the same participants (after
//! matching) and the same date; their evidence is then joined, each quote of a source
//! kept once.
//!
//! Where both maps give a field different values (a kind, a role, a name in the same
//! language, an attribute), the base map's value is kept and the difference is listed as
//! a [`Conflict`]. Added elements whose id the base map already uses for something else
//! get a fresh one (`id-2`, `id-3`…). The base map's title, description and label language
//! are kept; positions of added entities are not, as they belong to the other map's
//! layout.
//!
//! The base map's story is kept, and the other map's steps follow it, highlighting the
//! entities and ties they were matched or added as (one that was dropped is left out);
//! their views are left out, as they look at the other map's layout.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

use crate::network::date::PartialDate;
use crate::network::diagnostic::count_text;
use crate::network::model::{
    Attributes, Entity, Evidence, Group, LocalizedText, Network, Source, StoryStep, Tie, TieKind,
    distinct_participants,
};

/// How many plainly added elements of each kind the report lists by id; matches,
/// renamed or refused elements and conflicts are always listed in full.
pub const MAX_LISTED_ADDITIONS: usize = 10;

/// The combined network and how it came about.
#[derive(Clone, Debug, PartialEq)]
pub struct Combined {
    /// The base network with the other one combined into it; valid when both inputs are.
    pub network: Network,
    /// What was matched, added, merged and conflicted.
    pub report: CombineReport,
}

/// Combines `other` into `base`. Both are expected to be valid networks, as the loader
/// and the importers return them; the result then is too.
pub fn combine(base: &Network, other: &Network) -> Combined {
    let mut combiner = Combiner {
        network: base.clone(),
        report: CombineReport::default(),
        group_ids: HashMap::new(),
        source_ids: HashMap::new(),
        entity_ids: HashMap::new(),
        tie_ids: HashMap::new(),
    };
    combiner.groups(&other.groups);
    combiner.sources(&other.sources);
    combiner.entities(&other.entities);
    combiner.ties(&other.ties);
    combiner.story(&other.story);
    Combined {
        network: combiner.network,
        report: combiner.report,
    }
}

/// A name or alias as matching compares it: lowercase, letters and digits only.
///
/// `"Lee Jae-yong"`, `"lee jaeyong"` and `"LEE JAE YONG"` all give `"leejaeyong"`;
/// Hangul and other scripts are kept as they are letters.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why an element of the other map was taken to be one of the base map's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MatchReason {
    /// The same id (and, for entities and groups, a name in common).
    SameId,
    /// A name of each, in any language, equal after [`name_key`]: the base map's
    /// spelling, then the other's.
    SameName { base: String, other: String },
    /// A name or alias of one equal to an alias of the other, after [`name_key`].
    SameAlias { base: String, other: String },
    /// Sources at the same address.
    SameUrl(String),
    /// Sources with the same title from the same outlet.
    SameOutletAndTitle(String),
}

impl fmt::Display for MatchReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, base, other) = match self {
            Self::SameId => return f.write_str("same id"),
            Self::SameUrl(url) => return write!(f, "same URL {url}"),
            Self::SameOutletAndTitle(title) => {
                return write!(f, "same outlet and title {title:?}");
            }
            Self::SameName { base, other } => ("same name", base, other),
            Self::SameAlias { base, other } => ("alias", base, other),
        };
        write!(f, "{what} {base:?}")?;
        if base != other {
            write!(f, " (written {other:?})")?;
        }
        Ok(())
    }
}

/// An element of the other map found in the base map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matched {
    /// Its id in the other map.
    pub other_id: String,
    /// The id of the base map's element it was combined into.
    pub base_id: String,
    pub reason: MatchReason,
}

/// An element of the other map added to the combined one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    /// Its id in the other map.
    pub other_id: String,
    /// Its id in the combined map: a fresh one when the base map uses `other_id`.
    pub id: String,
    /// Why it was added under a fresh id, or not matched though it looked like it might be.
    pub note: Option<String>,
}

/// A tie of the other map that the base map already has (same kind, participants and
/// date), whose evidence was joined to the base map's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergedTie {
    pub other_id: String,
    pub base_id: String,
    /// Evidence items the base tie did not have.
    pub evidence_added: usize,
}

/// A tie of the other map left out of the combined one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DroppedTie {
    pub other_id: String,
    pub reason: String,
}

/// What kind of element a conflict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ElementKind {
    Group,
    Source,
    Entity,
    Tie,
}

impl fmt::Display for ElementKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Group => "group",
            Self::Source => "source",
            Self::Entity => "entity",
            Self::Tie => "tie",
        })
    }
}

/// A field both maps give, differently, for one element. The base map's value is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub element: ElementKind,
    /// The element's id in the combined (and base) map.
    pub id: String,
    /// The field, with its language or key where it has one: `role.en`, `attributes.ceo`.
    pub field: String,
    /// The base map's value, which is kept.
    pub base: String,
    /// The other map's value, which is not.
    pub other: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {:?}, {}: {:?} kept, {:?} in the other map",
            self.element, self.id, self.field, self.base, self.other
        )
    }
}

/// What became of one list of elements (groups, sources or entities) of the other map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// Found in the base map and combined into it, in the other map's order.
    pub matched: Vec<Matched>,
    /// Not found, and added, in the other map's order.
    pub added: Vec<Added>,
}

/// What became of the other map's ties.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TieOutcomes {
    /// Already in the base map: their evidence was joined.
    pub merged: Vec<MergedTie>,
    /// Added, in the other map's order.
    pub added: Vec<Added>,
    /// Left out.
    pub dropped: Vec<DroppedTie>,
}

/// What combining one map into another did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CombineReport {
    pub groups: Outcomes,
    pub sources: Outcomes,
    pub entities: Outcomes,
    pub ties: TieOutcomes,
    /// Fields the two maps give differently, in the order they were found.
    pub conflicts: Vec<Conflict>,
    /// Added entities whose position (in the other map's layout) was left out.
    pub positions_dropped: usize,
    /// The other map's story steps, added after the base map's.
    pub steps_added: usize,
    /// Added steps whose view (of the other map's layout) was left out.
    pub step_views_dropped: usize,
    /// The other map's steps that the base map's story already tells (the same caption,
    /// highlights and date), not added again.
    pub steps_already_told: usize,
}

impl CombineReport {
    /// The entity of the other map with this id was combined into the base entity with
    /// the returned id, if it was matched.
    pub fn entity_match(&self, other_id: &str) -> Option<&Matched> {
        self.entities
            .matched
            .iter()
            .find(|matched| matched.other_id == other_id)
    }
}

impl fmt::Display for CombineReport {
    /// A summary line of counts, then each matched, renamed, merged and dropped element
    /// and each conflict on a line of its own.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "  entities: {} matched, {} added",
            self.entities.matched.len(),
            self.entities.added.len()
        )?;
        outcomes_lines(f, &self.entities)?;
        if self.positions_dropped > 0 {
            writeln!(
                f,
                "    {} of added entities left out: they belong to the other map's layout",
                count_text(self.positions_dropped, "position", "positions")
            )?;
        }
        let ties = &self.ties;
        writeln!(
            f,
            "  ties: {} added, {} merged, {} dropped",
            ties.added.len(),
            ties.merged.len(),
            ties.dropped.len()
        )?;
        for merged in &ties.merged {
            writeln!(
                f,
                "    merged {:?} into {:?} (same kind, participants and date): {} added",
                merged.other_id,
                merged.base_id,
                count_text(merged.evidence_added, "evidence item", "evidence items")
            )?;
        }
        added_lines(f, &ties.added)?;
        for dropped in &ties.dropped {
            writeln!(f, "    dropped {:?}: {}", dropped.other_id, dropped.reason)?;
        }
        for (what, outcomes) in [("sources", &self.sources), ("groups", &self.groups)] {
            writeln!(
                f,
                "  {what}: {} matched, {} added",
                outcomes.matched.len(),
                outcomes.added.len()
            )?;
            outcomes_lines(f, outcomes)?;
        }
        if self.steps_added + self.steps_already_told > 0 {
            writeln!(
                f,
                "  story: {} added after this map's, {} already told",
                count_text(self.steps_added, "step", "steps"),
                self.steps_already_told
            )?;
            if self.step_views_dropped > 0 {
                writeln!(
                    f,
                    "    {} left out: they look at the other map's layout",
                    count_text(self.step_views_dropped, "view", "views")
                )?;
            }
        }
        if self.conflicts.is_empty() {
            writeln!(f, "  no conflicts")?;
        } else {
            writeln!(
                f,
                "  {}, the first map's values kept:",
                count_text(self.conflicts.len(), "conflict", "conflicts")
            )?;
            for conflict in &self.conflicts {
                writeln!(f, "    {conflict}")?;
            }
        }
        Ok(())
    }
}

fn outcomes_lines(f: &mut fmt::Formatter<'_>, outcomes: &Outcomes) -> fmt::Result {
    for matched in &outcomes.matched {
        writeln!(
            f,
            "    matched {:?} to {:?}: {}",
            matched.other_id, matched.base_id, matched.reason
        )?;
    }
    added_lines(f, &outcomes.added)
}

/// Additions with a note (a fresh id, a name that matched several) in full; plain ones up
/// to [`MAX_LISTED_ADDITIONS`].
fn added_lines(f: &mut fmt::Formatter<'_>, added: &[Added]) -> fmt::Result {
    let mut plain = 0;
    for addition in added {
        match &addition.note {
            Some(note) if addition.id != addition.other_id => writeln!(
                f,
                "    added {:?} as {:?}: {note}",
                addition.other_id, addition.id
            )?,
            Some(note) => writeln!(f, "    added {:?}: {note}", addition.other_id)?,
            None => {
                plain += 1;
                if plain <= MAX_LISTED_ADDITIONS {
                    writeln!(f, "    added {:?}", addition.other_id)?;
                }
            }
        }
    }
    if plain > MAX_LISTED_ADDITIONS {
        writeln!(f, "    … and {} more added", plain - MAX_LISTED_ADDITIONS)?;
    }
    Ok(())
}

/// A name or alias of an element, as matching sees it.
#[derive(Clone, Debug)]
struct Spelling {
    text: String,
    alias: bool,
}

/// Every non-empty [`name_key`] of the names (any language) and aliases, with the
/// spelling it came from; names first.
fn spellings<'a>(
    names: &'a LocalizedText,
    aliases: &'a [String],
) -> impl Iterator<Item = (String, Spelling)> + 'a {
    let names = names.values().map(|text| (text, false));
    let aliases = aliases.iter().map(|text| (text.as_str(), true));
    names.chain(aliases).filter_map(|(text, alias)| {
        let key = name_key(text);
        (!key.is_empty()).then(|| {
            (
                key,
                Spelling {
                    text: text.to_owned(),
                    alias,
                },
            )
        })
    })
}

fn keys(names: &LocalizedText, aliases: &[String]) -> HashSet<String> {
    spellings(names, aliases).map(|(key, _)| key).collect()
}

/// The base map's elements by name key: which elements have it, each with its spelling.
#[derive(Default)]
struct NameIndex {
    by_key: HashMap<String, Vec<(usize, Spelling)>>,
}

impl NameIndex {
    fn insert(&mut self, element: usize, names: &LocalizedText, aliases: &[String]) {
        for (key, spelling) in spellings(names, aliases) {
            let hits = self.by_key.entry(key).or_default();
            if !hits.iter().any(|(i, _)| *i == element) {
                hits.push((element, spelling));
            }
        }
    }

    /// The one element the names and aliases point to, with why; or the ids of all the
    /// elements they point to when there are several, for the report.
    ///
    /// Names matching names decide first, so that an alias shared by two people does not
    /// hide a full name only one of them has.
    fn find(&self, names: &LocalizedText, aliases: &[String]) -> Found {
        let spellings: Vec<(String, Spelling)> = spellings(names, aliases).collect();
        for names_only in [true, false] {
            let mut found: Vec<(usize, MatchReason)> = Vec::new();
            for (key, other) in &spellings {
                for (element, base) in self.by_key.get(key).into_iter().flatten() {
                    let by_name = !base.alias && !other.alias;
                    if names_only && !by_name {
                        continue;
                    }
                    if found.iter().any(|(i, _)| i == element) {
                        continue;
                    }
                    let (base, other) = (base.text.clone(), other.text.clone());
                    let reason = if by_name {
                        MatchReason::SameName { base, other }
                    } else {
                        MatchReason::SameAlias { base, other }
                    };
                    found.push((*element, reason));
                }
            }
            match found.len() {
                0 => {}
                1 => {
                    let (element, reason) = found.swap_remove(0);
                    return Found::One(element, reason);
                }
                _ => {
                    let several: BTreeSet<usize> = found.into_iter().map(|(i, _)| i).collect();
                    return Found::Several(several.into_iter().collect());
                }
            }
        }
        Found::None
    }
}

enum Found {
    None,
    One(usize, MatchReason),
    Several(Vec<usize>),
}

/// Ids in use in one list of the combined map, for choosing fresh ones.
struct Ids {
    /// Ids in the combined list so far.
    used: HashSet<String>,
    /// Ids of the other map's elements, not to be taken by a renamed one.
    reserved: HashSet<String>,
}

impl Ids {
    fn new<'a>(base: impl Iterator<Item = &'a str>, other: impl Iterator<Item = &'a str>) -> Self {
        Self {
            used: base.map(str::to_owned).collect(),
            reserved: other.map(str::to_owned).collect(),
        }
    }

    /// `id` itself if the combined list does not use it yet, else `id-2`, `id-3`… as the
    /// first that neither map uses. The id returned is marked used.
    fn claim(&mut self, id: &str) -> String {
        let fresh = if self.used.contains(id) {
            (2..)
                .map(|n| format!("{id}-{n}"))
                .find(|candidate| {
                    !self.used.contains(candidate) && !self.reserved.contains(candidate)
                })
                .unwrap_or_else(|| id.to_owned())
        } else {
            id.to_owned()
        };
        self.used.insert(fresh.clone());
        fresh
    }
}

/// What makes two ties the same: kind, participants and date.
type TieKey = (TieKind, BTreeSet<String>, Option<PartialDate>);

fn tie_key(tie: &Tie) -> TieKey {
    (
        tie.kind,
        tie.participants.iter().cloned().collect(),
        tie.date,
    )
}

/// The combined network as it is built, with the other map's ids mapped to its own.
struct Combiner {
    network: Network,
    report: CombineReport,
    group_ids: HashMap<String, String>,
    source_ids: HashMap<String, String>,
    entity_ids: HashMap<String, String>,
    /// The other map's tie ids, as the ties are called in the combined map (dropped ones
    /// are not in it).
    tie_ids: HashMap<String, String>,
}

/// Records conflicts for one element while combining another into it.
struct Fields<'a> {
    conflicts: &'a mut Vec<Conflict>,
    element: ElementKind,
    id: &'a str,
}

impl Fields<'_> {
    fn conflict(&mut self, field: impl Into<String>, base: &str, other: &str) {
        self.conflicts.push(Conflict {
            element: self.element,
            id: self.id.to_owned(),
            field: field.into(),
            base: base.to_owned(),
            other: other.to_owned(),
        });
    }

    /// Adds the languages `base` lacks; a language both have, differently, is a conflict.
    fn text(&mut self, field: &str, base: &mut LocalizedText, other: &LocalizedText) {
        self.text_by(field, base, other, |a, b| a.trim() == b.trim());
    }

    /// As [`Fields::text`] for names, which differ only when their [`name_key`]s do:
    /// "LEE JAE YONG" is no other name than "Lee Jae-yong". Returns the other's names
    /// that conflicted.
    fn names(&mut self, base: &mut LocalizedText, other: &LocalizedText) -> Vec<String> {
        self.text_by("name", base, other, |a, b| name_key(a) == name_key(b))
    }

    fn text_by(
        &mut self,
        field: &str,
        base: &mut LocalizedText,
        other: &LocalizedText,
        same: impl Fn(&str, &str) -> bool,
    ) -> Vec<String> {
        let mut differing = Vec::new();
        for (language, text) in other {
            match base.get(language) {
                None => {
                    base.insert(language, text);
                }
                Some(kept) if same(kept, text) => {}
                Some(kept) => {
                    self.conflict(format!("{field}.{language}"), kept, text);
                    differing.push(text.to_owned());
                }
            }
        }
        differing
    }

    fn optional_text(
        &mut self,
        field: &str,
        base: &mut Option<LocalizedText>,
        other: Option<&LocalizedText>,
    ) {
        match (base, other) {
            (_, None) => {}
            (base @ None, Some(other)) => *base = Some(other.clone()),
            (Some(base), Some(other)) => {
                self.text(field, base, other);
            }
        }
    }

    /// Takes the other's value where the base has none; differing values conflict.
    fn value<T: Clone + PartialEq + fmt::Display>(
        &mut self,
        field: &str,
        base: &mut Option<T>,
        other: Option<&T>,
    ) {
        match (base, other) {
            (_, None) => {}
            (base @ None, Some(other)) => *base = Some(other.clone()),
            (Some(kept), Some(other)) if kept == other => {}
            (Some(kept), Some(other)) => {
                self.conflict(field, &kept.to_string(), &other.to_string());
            }
        }
    }

    fn attributes(&mut self, base: &mut Attributes, other: &Attributes) {
        for (key, value) in other {
            match base.get(key) {
                None => {
                    base.insert(key, value);
                }
                Some(kept) if kept == value => {}
                Some(kept) => self.conflict(format!("attributes.{key}"), kept, value),
            }
        }
    }
}

impl Combiner {
    fn fields<'a>(
        conflicts: &'a mut Vec<Conflict>,
        element: ElementKind,
        id: &'a str,
    ) -> Fields<'a> {
        Fields {
            conflicts,
            element,
            id,
        }
    }

    fn groups(&mut self, groups: &[Group]) {
        let mut index = NameIndex::default();
        for (i, group) in self.network.groups.iter().enumerate() {
            index.insert(i, &group.name, &[]);
        }
        let mut ids = Ids::new(
            self.network.groups.iter().map(|g| g.id.as_str()),
            groups.iter().map(|g| g.id.as_str()),
        );
        let by_id: HashMap<String, usize> = self
            .network
            .groups
            .iter()
            .enumerate()
            .map(|(i, group)| (group.id.clone(), i))
            .collect();
        for group in groups {
            let same_id = by_id.get(&group.id).copied();
            let names_agree =
                |base: &Group| !keys(&base.name, &[]).is_disjoint(&keys(&group.name, &[]));
            let found = match same_id {
                Some(i) if names_agree(&self.network.groups[i]) => {
                    Found::One(i, MatchReason::SameId)
                }
                _ => index.find(&group.name, &[]),
            };
            match found {
                Found::One(i, reason) => {
                    let base = &mut self.network.groups[i];
                    Self::fields(&mut self.report.conflicts, ElementKind::Group, &base.id)
                        .names(&mut base.name, &group.name);
                    self.group_ids.insert(group.id.clone(), base.id.clone());
                    self.report.groups.matched.push(Matched {
                        other_id: group.id.clone(),
                        base_id: base.id.clone(),
                        reason,
                    });
                }
                found => {
                    let id = ids.claim(&group.id);
                    let note = unmatched_note(same_id.is_some(), "group", &found, |i| {
                        self.network.groups[i].id.clone()
                    });
                    self.group_ids.insert(group.id.clone(), id.clone());
                    self.network.groups.push(Group {
                        id: id.clone(),
                        ..group.clone()
                    });
                    self.report.groups.added.push(Added {
                        other_id: group.id.clone(),
                        id,
                        note,
                    });
                }
            }
        }
    }

    fn sources(&mut self, sources: &[Source]) {
        let index = SourceIndex::new(&self.network.sources);
        let mut ids = Ids::new(
            self.network.sources.iter().map(|s| s.id.as_str()),
            sources.iter().map(|s| s.id.as_str()),
        );
        for source in sources {
            match index.find(&self.network.sources, source) {
                Some((i, reason)) => {
                    let base = &mut self.network.sources[i];
                    let mut fields =
                        Self::fields(&mut self.report.conflicts, ElementKind::Source, &base.id);
                    fields.text("outlet", &mut base.outlet, &source.outlet);
                    if name_key(&base.title) != name_key(&source.title) {
                        fields.conflict("title", &base.title, &source.title);
                    }
                    fields.value("author", &mut base.author, source.author.as_ref());
                    fields.value("published", &mut base.published, source.published.as_ref());
                    // Sources with different addresses are never matched.
                    if base.url.is_none() {
                        base.url.clone_from(&source.url);
                    }
                    fields.value("language", &mut base.language, source.language.as_ref());
                    match (&base.text, &source.text) {
                        (None, Some(text)) => base.text = Some(text.clone()),
                        (Some(kept), Some(other)) if kept != other => fields.conflict(
                            "text",
                            &format!("its own text ({} characters)", kept.chars().count()),
                            &format!("another text ({} characters)", other.chars().count()),
                        ),
                        _ => {}
                    }
                    self.source_ids.insert(source.id.clone(), base.id.clone());
                    self.report.sources.matched.push(Matched {
                        other_id: source.id.clone(),
                        base_id: base.id.clone(),
                        reason,
                    });
                }
                None => {
                    let id = ids.claim(&source.id);
                    let note = (id != source.id).then(|| {
                        "the id is a different source's in the first map (another title or \
                         address)"
                            .to_owned()
                    });
                    self.source_ids.insert(source.id.clone(), id.clone());
                    self.network.sources.push(Source {
                        id: id.clone(),
                        ..source.clone()
                    });
                    self.report.sources.added.push(Added {
                        other_id: source.id.clone(),
                        id,
                        note,
                    });
                }
            }
        }
    }

    fn entities(&mut self, entities: &[Entity]) {
        let mut index = NameIndex::default();
        for (i, entity) in self.network.entities.iter().enumerate() {
            index.insert(i, &entity.name, &entity.aliases);
        }
        let mut ids = Ids::new(
            self.network.entities.iter().map(|e| e.id.as_str()),
            entities.iter().map(|e| e.id.as_str()),
        );
        let by_id: HashMap<String, usize> = self
            .network
            .entities
            .iter()
            .enumerate()
            .map(|(i, entity)| (entity.id.clone(), i))
            .collect();
        for entity in entities {
            let same_id = by_id.get(&entity.id).copied();
            let found = match same_id {
                Some(i) if shares_a_name(&self.network.entities[i], entity) => {
                    Found::One(i, MatchReason::SameId)
                }
                _ => index.find(&entity.name, &entity.aliases),
            };
            match found {
                Found::One(i, reason) => {
                    self.combine_entity(i, entity);
                    let base_id = self.network.entities[i].id.clone();
                    self.entity_ids.insert(entity.id.clone(), base_id.clone());
                    self.report.entities.matched.push(Matched {
                        other_id: entity.id.clone(),
                        base_id,
                        reason,
                    });
                }
                found => {
                    let id = ids.claim(&entity.id);
                    let note = unmatched_note(same_id.is_some(), "entity", &found, |i| {
                        self.network.entities[i].id.clone()
                    });
                    if entity.position.is_some() {
                        self.report.positions_dropped += 1;
                    }
                    let group = entity
                        .group
                        .as_ref()
                        .and_then(|group| self.group_ids.get(group).cloned());
                    self.entity_ids.insert(entity.id.clone(), id.clone());
                    self.network.entities.push(Entity {
                        id: id.clone(),
                        group,
                        position: None,
                        pinned: false,
                        ..entity.clone()
                    });
                    self.report.entities.added.push(Added {
                        other_id: entity.id.clone(),
                        id,
                        note,
                    });
                }
            }
        }
    }

    /// Combines `other` into the base entity at `i`.
    fn combine_entity(&mut self, i: usize, other: &Entity) {
        let base = &mut self.network.entities[i];
        let mut fields = Self::fields(&mut self.report.conflicts, ElementKind::Entity, &base.id);
        if base.kind != other.kind {
            fields.conflict("kind", base.kind.label(), other.kind.label());
        }
        // A name that differs in a language both give is kept as an alias, so that search
        // still finds the entity by the other map's spelling.
        let differing = fields.names(&mut base.name, &other.name);
        let mut known = keys(&base.name, &base.aliases);
        for alias in differing.iter().chain(&other.aliases) {
            let key = name_key(alias);
            if !key.is_empty() && known.insert(key) {
                base.aliases.push(alias.clone());
            }
        }
        fields.optional_text("role", &mut base.role, other.role.as_ref());
        fields.optional_text(
            "description",
            &mut base.description,
            other.description.as_ref(),
        );
        let group = other
            .group
            .as_ref()
            .and_then(|group| self.group_ids.get(group));
        fields.value("group", &mut base.group, group);
        fields.attributes(&mut base.attributes, &other.attributes);
    }

    fn ties(&mut self, ties: &[Tie]) {
        let mut ids = Ids::new(
            self.network.ties.iter().map(|t| t.id.as_str()),
            ties.iter().map(|t| t.id.as_str()),
        );
        let by_id: HashMap<String, usize> = self
            .network
            .ties
            .iter()
            .enumerate()
            .map(|(i, tie)| (tie.id.clone(), i))
            .collect();
        let mut by_key: HashMap<TieKey, usize> = HashMap::new();
        for (i, tie) in self.network.ties.iter().enumerate() {
            by_key.entry(tie_key(tie)).or_insert(i);
        }
        for tie in ties {
            let participants = match self.participants(tie) {
                Ok(participants) => participants,
                Err(reason) => {
                    self.report.ties.dropped.push(DroppedTie {
                        other_id: tie.id.clone(),
                        reason,
                    });
                    continue;
                }
            };
            let evidence: Vec<Evidence> = tie
                .evidence
                .iter()
                .filter_map(|item| {
                    let source = self.source_ids.get(&item.source)?;
                    Some(Evidence {
                        source: source.clone(),
                        ..item.clone()
                    })
                })
                .collect();
            let combined = Tie {
                participants,
                evidence,
                ..tie.clone()
            };
            let key = tie_key(&combined);
            // The base tie with the same id comes first, should the base map have two
            // ties of the same kind, participants and date.
            let same = by_id
                .get(&tie.id)
                .copied()
                .filter(|&i| tie_key(&self.network.ties[i]) == key)
                .or_else(|| by_key.get(&key).copied());
            if let Some(i) = same {
                let evidence_added = self.merge_tie(i, &combined);
                (self.tie_ids).insert(tie.id.clone(), self.network.ties[i].id.clone());
                self.report.ties.merged.push(MergedTie {
                    other_id: tie.id.clone(),
                    base_id: self.network.ties[i].id.clone(),
                    evidence_added,
                });
            } else {
                let id = ids.claim(&tie.id);
                let mut notes = Vec::new();
                if id != tie.id {
                    notes.push(
                        "the id is a different tie's in the first map (another kind, date or \
                         participants)"
                            .to_owned(),
                    );
                }
                if combined.is_self_loop() && !tie.is_self_loop() {
                    notes.push(format!(
                        "its participants are all one entity here, {:?}: it joins it to itself",
                        combined.participants[0]
                    ));
                }
                let note = (!notes.is_empty()).then(|| notes.join("; "));
                by_key.insert(key, self.network.ties.len());
                self.tie_ids.insert(tie.id.clone(), id.clone());
                self.network.ties.push(Tie {
                    id: id.clone(),
                    ..combined
                });
                self.report.ties.added.push(Added {
                    other_id: tie.id.clone(),
                    id,
                    note,
                });
            }
        }
    }

    /// The other map's steps after the base map's, each highlighting what its entities and
    /// ties became here, each once; a view is left out, and a step already told is not
    /// told again.
    fn story(&mut self, story: &[StoryStep]) {
        for step in story {
            let mapped = |ids: &[String], map: &HashMap<String, String>| {
                let mut mapped: Vec<String> = Vec::with_capacity(ids.len());
                for id in ids.iter().filter_map(|id| map.get(id)) {
                    if !mapped.contains(id) {
                        mapped.push(id.clone());
                    }
                }
                mapped
            };
            let combined = StoryStep {
                caption: step.caption.clone(),
                entities: mapped(&step.entities, &self.entity_ids),
                ties: mapped(&step.ties, &self.tie_ids),
                view: None,
                date: step.date,
            };
            let already_told = (self.network.story.iter()).any(|told| {
                StoryStep {
                    view: None,
                    ..told.clone()
                } == combined
            });
            if already_told {
                self.report.steps_already_told += 1;
                continue;
            }
            if step.view.is_some() {
                self.report.step_views_dropped += 1;
            }
            self.network.story.push(combined);
            self.report.steps_added += 1;
        }
    }

    /// The tie's participants by their ids in the combined map, each once: two entities
    /// of the other map may have been combined into one, and a tie between only those
    /// two becomes a self-loop, as merging them in the window makes it. Fewer than two
    /// is an error.
    fn participants(&self, tie: &Tie) -> Result<Vec<String>, String> {
        let ids = (tie.participants.iter())
            .map(|participant| {
                (self.entity_ids.get(participant).cloned())
                    .ok_or_else(|| format!("no entity has the id {participant:?} in its map"))
            })
            .collect::<Result<Vec<String>, String>>()?;
        let participants = distinct_participants(ids);
        match participants.len() {
            0 => Err("it has no participants".to_owned()),
            1 => Err("it has one participant".to_owned()),
            _ => Ok(participants),
        }
    }

    /// Joins the evidence and fills in the fields of the same tie; returns how many
    /// evidence items were new.
    fn merge_tie(&mut self, i: usize, other: &Tie) -> usize {
        let base = &mut self.network.ties[i];
        let mut fields = Self::fields(&mut self.report.conflicts, ElementKind::Tie, &base.id);
        fields.optional_text("place", &mut base.place, other.place.as_ref());
        fields.value("amount", &mut base.amount, other.amount.as_ref());
        if base.summary.trim().is_empty() {
            base.summary.clone_from(&other.summary);
        } else if !other.summary.trim().is_empty() && base.summary.trim() != other.summary.trim() {
            fields.conflict("summary", &base.summary, &other.summary);
        }
        fields.attributes(&mut base.attributes, &other.attributes);
        let mut added = 0;
        for item in &other.evidence {
            let same = base
                .evidence
                .iter_mut()
                .find(|kept| kept.source == item.source && kept.quote.trim() == item.quote.trim());
            match same {
                Some(kept) => {
                    if kept.translation.is_none() {
                        kept.translation.clone_from(&item.translation);
                    }
                }
                None => {
                    base.evidence.push(item.clone());
                    added += 1;
                }
            }
        }
        added
    }
}

/// Why an element was added though it looked as if it might match: its id is another
/// element's, or its name is several elements'.
fn unmatched_note(
    id_taken: bool,
    what: &str,
    found: &Found,
    id_of: impl Fn(usize) -> String,
) -> Option<String> {
    let several = match found {
        Found::Several(several) => Some(
            several
                .iter()
                .map(|&i| format!("{:?}", id_of(i)))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    };
    match (id_taken, several) {
        (true, None) => Some(format!(
            "the id is a different {what}'s in the first map (no name in common)"
        )),
        (true, Some(several)) => Some(format!(
            "the id is a different {what}'s in the first map, and its names match \
             several: {several}"
        )),
        (false, Some(several)) => Some(format!(
            "its names match several in the first map, so none was chosen: {several}"
        )),
        (false, None) => None,
    }
}

/// The base map's sources by id, by address and by title.
struct SourceIndex {
    by_id: HashMap<String, usize>,
    by_url: HashMap<String, usize>,
    by_title: HashMap<String, Vec<usize>>,
}

impl SourceIndex {
    fn new(sources: &[Source]) -> Self {
        let mut index = Self {
            by_id: HashMap::new(),
            by_url: HashMap::new(),
            by_title: HashMap::new(),
        };
        for (i, source) in sources.iter().enumerate() {
            index.by_id.entry(source.id.clone()).or_insert(i);
            if let Some(url) = &source.url {
                index.by_url.entry(url_key(url).to_owned()).or_insert(i);
            }
            let title = name_key(&source.title);
            if !title.is_empty() {
                index.by_title.entry(title).or_default().push(i);
            }
        }
        index
    }

    /// The base source `source` is, with why: the same id (unless the address or title
    /// shows otherwise), the same address, or the same outlet and title.
    fn find(&self, sources: &[Source], source: &Source) -> Option<(usize, MatchReason)> {
        if let Some(&i) = self.by_id.get(&source.id)
            && !evidently_different(&sources[i], source)
        {
            return Some((i, MatchReason::SameId));
        }
        if let Some(url) = &source.url
            && let Some(&i) = self.by_url.get(url_key(url))
        {
            return Some((i, MatchReason::SameUrl(url.clone())));
        }
        let outlets = keys(&source.outlet, &[]);
        self.by_title
            .get(&name_key(&source.title))
            .into_iter()
            .flatten()
            .copied()
            .find(|&i| {
                !keys(&sources[i].outlet, &[]).is_disjoint(&outlets)
                    && !url_differs(&sources[i], source)
            })
            .map(|i| (i, MatchReason::SameOutletAndTitle(source.title.clone())))
    }
}

/// Whether two entities have a name or alias in common, or one has none to compare.
fn shares_a_name(base: &Entity, other: &Entity) -> bool {
    let base_keys = keys(&base.name, &base.aliases);
    let other_keys = keys(&other.name, &other.aliases);
    base_keys.is_empty() || other_keys.is_empty() || !base_keys.is_disjoint(&other_keys)
}

/// An address as matching compares it: without surrounding space or a trailing slash.
fn url_key(url: &str) -> &str {
    url.trim().trim_end_matches('/')
}

fn url_differs(base: &Source, other: &Source) -> bool {
    matches!((&base.url, &other.url), (Some(a), Some(b)) if url_key(a) != url_key(b))
}

/// Two sources with the same id that cannot be one: different addresses, or without
/// both addresses, different titles.
fn evidently_different(base: &Source, other: &Source) -> bool {
    match (&base.url, &other.url) {
        (Some(_), Some(_)) => url_differs(base, other),
        _ => name_key(&base.title) != name_key(&other.title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::dataset::load_default_network;
    use crate::network::diagnostic::Diagnostic;
    use crate::network::model::{Amount, EntityKind, Position};
    use crate::network::validate::validate;

    fn text(pairs: &[(&str, &str)]) -> LocalizedText {
        pairs
            .iter()
            .map(|&(language, text)| (language.to_owned(), text.to_owned()))
            .collect()
    }

    fn person(id: &str, english: &str) -> Entity {
        Entity::new(id, EntityKind::Person, text(&[("en", english)]))
    }

    fn source(id: &str, title: &str, url: Option<&str>) -> Source {
        Source {
            id: id.to_owned(),
            outlet: text(&[("en", "Daily")]),
            title: title.to_owned(),
            author: None,
            published: None,
            url: url.map(str::to_owned),
            language: None,
            text: None,
        }
    }

    fn tie(id: &str, participants: &[&str], source: &str, quote: &str) -> Tie {
        let mut tie = Tie::new(id, TieKind::Meeting, participants);
        tie.date = "2025-03".parse().ok();
        tie.evidence.push(Evidence {
            source: source.to_owned(),
            quote: quote.to_owned(),
            translation: None,
        });
        tie
    }

    fn network(sources: Vec<Source>, entities: Vec<Entity>, ties: Vec<Tie>) -> Network {
        Network {
            sources,
            entities,
            ties,
            ..Network::empty()
        }
    }

    fn default_network() -> Network {
        load_default_network().expect("the dataset loads").network
    }

    fn errors(network: &Network) -> Vec<Diagnostic> {
        validate(network)
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect()
    }

    /// A map naming Lee Jae-yong under its own id, meeting someone the dataset lacks.
    fn lee_map() -> Network {
        network(
            vec![source(
                "s1",
                "A meeting",
                Some("https://example.com/meeting"),
            )],
            vec![
                person("jy-lee", "LEE JAE YONG"),
                person("kim-min-su", "Kim Min-su"),
            ],
            vec![tie(
                "lee-meets-kim",
                &["jy-lee", "kim-min-su"],
                "s1",
                "Lee met Kim.",
            )],
        )
    }

    #[test]
    fn names_compare_without_case_spaces_or_hyphens() {
        assert_eq!(name_key("Lee Jae-yong"), "leejaeyong");
        assert_eq!(name_key("lee jaeyong"), "leejaeyong");
        assert_eq!(name_key("LEE JAE YONG"), "leejaeyong");
        assert_eq!(name_key("이재용 회장"), "이재용회장");
        assert_eq!(name_key("Samsung C&T"), "samsungct");
        assert_eq!(name_key(" - "), "");
    }

    #[test]
    fn an_entity_under_another_id_is_matched_by_name_and_its_ties_follow() {
        let base = default_network();
        let Combined { network, report } = combine(&base, &lee_map());

        let lees: Vec<&Entity> = network
            .entities
            .iter()
            .filter(|e| name_key(e.display_name("en")) == "leejaeyong")
            .collect();
        assert_eq!(lees.len(), 1, "one Lee Jae-yong: {lees:?}");
        assert_eq!(lees[0].id, "lee-jae-yong");
        assert!(network.entity("jy-lee").is_none());
        assert_eq!(
            report.entity_match("jy-lee"),
            Some(&Matched {
                other_id: "jy-lee".to_owned(),
                base_id: "lee-jae-yong".to_owned(),
                reason: MatchReason::SameName {
                    base: "Lee Jae-yong".to_owned(),
                    other: "LEE JAE YONG".to_owned(),
                },
            })
        );
        // The spelling differs only in case and spaces, so it adds no alias.
        assert_eq!(
            lees[0].aliases,
            base.entity("lee-jae-yong").expect("in the dataset").aliases
        );

        let new_tie = network.tie("lee-meets-kim").expect("the tie is added");
        assert_eq!(new_tie.participants, ["lee-jae-yong", "kim-min-su"]);
        assert_eq!(new_tie.evidence[0].source, "s1");
        assert!(network.entity("kim-min-su").is_some());
        assert_eq!(network.entities.len(), base.entities.len() + 1);
        assert_eq!(network.ties.len(), base.ties.len() + 1);
        assert_eq!(network.sources.len(), base.sources.len() + 1);
        assert_eq!(network.title, base.title);
        assert_eq!(errors(&network), []);

        let text = report.to_string();
        assert!(
            text.contains(
                "matched \"jy-lee\" to \"lee-jae-yong\": same name \"Lee Jae-yong\" \
                 (written \"LEE JAE YONG\")"
            ),
            "{text}"
        );
        assert!(text.contains("entities: 1 matched, 1 added"), "{text}");
        assert!(text.contains("no conflicts"), "{text}");
    }

    #[test]
    fn a_map_combined_with_itself_is_unchanged() {
        let base = default_network();
        let Combined { network, report } = combine(&base, &base);
        assert_eq!(network, base);
        assert_eq!(report.entities.matched.len(), base.entities.len());
        assert!(
            report
                .entities
                .matched
                .iter()
                .all(|m| m.reason == MatchReason::SameId && m.other_id == m.base_id)
        );
        assert!(report.entities.added.is_empty());
        assert_eq!(report.ties.merged.len(), base.ties.len());
        assert!(report.ties.merged.iter().all(|m| m.evidence_added == 0));
        assert_eq!(report.sources.matched.len(), base.sources.len());
        assert_eq!(report.groups.matched.len(), base.groups.len());
        assert_eq!(report.conflicts, []);
    }

    #[test]
    fn differing_fields_conflict_and_the_first_maps_values_are_kept() {
        let mut lee = person("lee", "Lee Jae-yong");
        lee.role = Some(text(&[("en", "Chairman")]));
        lee.attributes.insert("born", "1968");
        let base = network(vec![], vec![lee], vec![]);

        let mut other_lee = Entity::new(
            "jy",
            EntityKind::Company,
            text(&[("en", "Jay Y. Lee"), ("ko", "이재용")]),
        );
        other_lee.aliases = vec!["lee jae-yong".to_owned(), "JY".to_owned()];
        other_lee.role = Some(text(&[("en", "Vice chairman"), ("ko", "부회장")]));
        other_lee.attributes = Attributes::from([
            ("born".to_owned(), "1969".to_owned()),
            ("school".to_owned(), "Keio".to_owned()),
        ]);
        let other = network(vec![], vec![other_lee], vec![]);

        let Combined { network, report } = combine(&base, &other);
        assert_eq!(network.entities.len(), 1);
        let lee = &network.entities[0];
        assert_eq!(lee.kind, EntityKind::Person);
        assert_eq!(lee.name, text(&[("en", "Lee Jae-yong"), ("ko", "이재용")]));
        assert_eq!(
            lee.aliases,
            ["Jay Y. Lee", "JY"],
            "the other name is an alias"
        );
        assert_eq!(
            lee.role,
            Some(text(&[("en", "Chairman"), ("ko", "부회장")]))
        );
        assert_eq!(&lee.attributes["born"], "1968");
        assert_eq!(&lee.attributes["school"], "Keio");
        assert_eq!(
            report.entity_match("jy").map(|m| &m.reason),
            Some(&MatchReason::SameAlias {
                base: "Lee Jae-yong".to_owned(),
                other: "lee jae-yong".to_owned()
            })
        );
        let conflicts: Vec<(&str, &str, &str)> = report
            .conflicts
            .iter()
            .map(|c| (c.field.as_str(), c.base.as_str(), c.other.as_str()))
            .collect();
        assert_eq!(
            conflicts,
            [
                ("kind", "Person", "Company"),
                ("name.en", "Lee Jae-yong", "Jay Y. Lee"),
                ("role.en", "Chairman", "Vice chairman"),
                ("attributes.born", "1968", "1969"),
            ]
        );
        assert!(report.conflicts.iter().all(|c| c.id == "lee"));
        let text = report.to_string();
        assert!(
            text.contains("4 conflicts, the first map's values kept:"),
            "{text}"
        );
        assert!(
            text.contains(
                "entity \"lee\", role.en: \"Chairman\" kept, \"Vice chairman\" in the other map"
            ),
            "{text}"
        );
        assert_eq!(errors(&network), []);
    }

    #[test]
    fn a_same_id_with_no_name_in_common_is_another_entity_under_a_fresh_id() {
        let base = network(
            vec![],
            vec![person("0", "Alice"), person("0-2", "Bea")],
            vec![],
        );
        let other = network(vec![], vec![person("0", "Carol")], vec![]);
        let Combined { network, report } = combine(&base, &other);
        assert_eq!(network.entities.len(), 3);
        assert_eq!(network.entities[2].id, "0-3");
        assert_eq!(network.entities[2].display_name("en"), "Carol");
        assert_eq!(report.entities.added[0].id, "0-3");
        let text = report.to_string();
        assert!(
            text.contains(
                "added \"0\" as \"0-3\": the id is a different entity's in the first map"
            ),
            "{text}"
        );
        assert_eq!(errors(&network), []);
    }

    #[test]
    fn a_name_several_entities_share_matches_none() {
        let base = network(
            vec![],
            vec![person("kim-a", "Kim Min-su"), person("kim-b", "Kim Min-su")],
            vec![],
        );
        let other = network(vec![], vec![person("kim", "kim minsu")], vec![]);
        let Combined { network, report } = combine(&base, &other);
        assert_eq!(network.entities.len(), 3);
        assert!(report.entities.matched.is_empty());
        assert_eq!(
            report.entities.added[0].note.as_deref(),
            Some(
                "its names match several in the first map, so none was chosen: \"kim-a\", \"kim-b\""
            )
        );
    }

    #[test]
    fn the_same_tie_is_merged_and_its_evidence_kept_once() {
        let base = network(
            vec![source("a", "Talks", Some("https://example.com/talks"))],
            vec![person("lee", "Lee"), person("park", "Park")],
            vec![tie("t", &["lee", "park"], "a", "They met.")],
        );
        let mut other_tie = tie("meeting", &["p", "l"], "b", "They met.");
        other_tie.evidence.push(Evidence {
            source: "b".to_owned(),
            quote: "They talked for an hour.".to_owned(),
            translation: None,
        });
        other_tie.amount = Some(Amount {
            value: 5.0,
            currency: "USD".to_owned(),
            text: None,
        });
        let other = network(
            // The same article under another id, at the same address.
            vec![source(
                "b",
                "Talks (updated)",
                Some("https://example.com/talks/"),
            )],
            vec![person("l", "Lee"), person("p", "Park")],
            vec![other_tie],
        );
        let Combined { network, report } = combine(&base, &other);
        assert_eq!(network.sources.len(), 1);
        assert_eq!(
            report.sources.matched[0].reason,
            MatchReason::SameUrl("https://example.com/talks/".to_owned())
        );
        assert_eq!(network.ties.len(), 1);
        let merged = &network.ties[0];
        let quotes: Vec<(&str, &str)> = merged
            .evidence
            .iter()
            .map(|e| (e.source.as_str(), e.quote.as_str()))
            .collect();
        assert_eq!(
            quotes,
            [("a", "They met."), ("a", "They talked for an hour.")]
        );
        assert_eq!(merged.amount.as_ref().map(|a| a.value), Some(5.0));
        assert_eq!(
            report.ties.merged,
            [MergedTie {
                other_id: "meeting".to_owned(),
                base_id: "t".to_owned(),
                evidence_added: 1,
            }]
        );
        assert_eq!(report.conflicts.len(), 1, "{:?}", report.conflicts);
        assert_eq!(report.conflicts[0].field, "title");
        assert_eq!(errors(&network), []);
    }

    #[test]
    fn a_tie_on_another_date_is_added_under_a_fresh_id() {
        let base = network(
            vec![source("a", "Talks", None)],
            vec![person("lee", "Lee"), person("park", "Park")],
            vec![tie("t", &["lee", "park"], "a", "They met.")],
        );
        let mut later = tie("t", &["lee", "park"], "a", "They met again.");
        later.date = "2025-04-02".parse().ok();
        let other = network(
            vec![source("a", "Talks", None)],
            vec![person("lee", "Lee"), person("park", "Park")],
            vec![later],
        );
        let Combined { network, report } = combine(&base, &other);
        assert_eq!(network.ties.len(), 2);
        assert_eq!(network.ties[1].id, "t-2");
        assert_eq!(report.ties.added[0].id, "t-2");
        assert_eq!(report.sources.matched[0].reason, MatchReason::SameId);
        assert_eq!(errors(&network), []);
    }

    #[test]
    fn sources_match_by_outlet_and_title_and_groups_by_name() {
        let mut lee = person("lee", "Lee");
        lee.group = Some("samsung".to_owned());
        let mut base = network(
            vec![source("a", "The talks", None)],
            vec![lee, person("park", "Park")],
            vec![tie("t", &["lee", "park"], "a", "They met.")],
        );
        base.groups.push(Group {
            id: "samsung".to_owned(),
            name: text(&[("en", "Samsung")]),
        });
        let mut choi = person("choi", "Choi");
        choi.group = Some("g1".to_owned());
        choi.position = Some(Position { x: 1.0, y: 2.0 });
        choi.pinned = true;
        let mut other = network(
            vec![source("x", "THE TALKS", None)],
            vec![person("lee", "Lee"), choi],
            vec![tie("u", &["lee", "choi"], "x", "Choi joined.")],
        );
        other.groups.push(Group {
            id: "g1".to_owned(),
            name: text(&[("en", "SAMSUNG"), ("ko", "삼성")]),
        });
        let Combined { network, report } = combine(&base, &other);
        assert_eq!(
            report.sources.matched[0].reason,
            MatchReason::SameOutletAndTitle("THE TALKS".to_owned())
        );
        assert_eq!(network.tie("u").expect("added").evidence[0].source, "a");
        assert_eq!(network.groups.len(), 1);
        assert_eq!(&network.groups[0].name["ko"], "삼성");
        let choi = network.entity("choi").expect("added");
        assert_eq!(choi.group.as_deref(), Some("samsung"));
        assert_eq!((choi.position, choi.pinned), (None, false));
        assert_eq!(report.positions_dropped, 1);
        assert_eq!(errors(&network), []);
    }

    #[test]
    fn a_tie_between_two_entities_combined_into_one_joins_it_to_itself() {
        let base = network(vec![], vec![person("lee", "Lee Jae-yong")], vec![]);
        let other = network(
            vec![source("a", "Talks", None)],
            vec![person("l1", "Lee Jae-yong"), person("l2", "lee jaeyong")],
            vec![tie("t", &["l1", "l2"], "a", "Lee met Lee.")],
        );
        let Combined { network, report } = combine(&base, &other);
        assert_eq!(network.entities.len(), 1);
        let t = network.tie("t").expect("kept, as a self-loop");
        assert_eq!(t.participants, ["lee", "lee"]);
        assert_eq!(t.evidence.len(), 1, "with its evidence");
        assert!(report.ties.dropped.is_empty(), "{:?}", report.ties.dropped);
        assert_eq!(
            report.ties.added[0].note.as_deref(),
            Some("its participants are all one entity here, \"lee\": it joins it to itself")
        );
        assert_eq!(errors(&network), []);
        // Combined again, the self-loop is the same tie: merged, not added twice.
        let Combined { network, report } = combine(&network, &other);
        assert_eq!(network.ties.len(), 1);
        assert_eq!(report.ties.merged.len(), 1);
    }

    #[test]
    fn the_other_maps_story_follows_with_its_ids_mapped_and_no_views() {
        let mut base = default_network();
        let mut lee = StoryStep::new(text(&[("en", "Lee")]));
        lee.entities = vec!["lee-jae-yong".to_owned()];
        base.story = vec![lee.clone()];
        let mut other = lee_map();
        other.entities.push(person("lee-again", "Lee Jae-yong"));
        other.ties.push(tie(
            "lee-lee",
            &["jy-lee", "lee-again"],
            "s1",
            "Lee met Kim.",
        ));
        other
            .ties
            .push(tie("ghost", &["jy-lee", "nobody"], "s1", "Lee met Kim."));
        let mut meets = StoryStep::new(text(&[("en", "Lee meets Kim"), ("ko", "만남")]));
        meets.entities = ["jy-lee", "lee-again", "kim-min-su"]
            .map(str::to_owned)
            .to_vec();
        meets.ties = ["lee-meets-kim", "lee-lee", "ghost"]
            .map(str::to_owned)
            .to_vec();
        meets.view = Some(crate::network::model::StoryView {
            x: 10.0,
            y: 20.0,
            zoom: 2.0,
        });
        meets.date = "2025-03".parse().ok();
        let mut told = lee.clone();
        told.entities = vec!["jy-lee".to_owned()];
        other.story = vec![meets.clone(), told];

        let Combined { network, report } = combine(&base, &other);
        assert_eq!(report.ties.dropped.len(), 1, "{:?}", report.ties);
        assert_eq!(network.story.len(), 2, "{:#?}", network.story);
        assert_eq!(network.story[0], lee, "the base map's story comes first");
        let added = &network.story[1];
        assert_eq!(added.caption, meets.caption);
        assert_eq!(added.entities, ["lee-jae-yong", "kim-min-su"]);
        assert_eq!(
            added.ties,
            ["lee-meets-kim", "lee-lee"],
            "the dropped tie is left out, the self-loop kept"
        );
        assert_eq!(added.view, None);
        assert_eq!(added.date, meets.date);
        assert_eq!(
            (
                report.steps_added,
                report.step_views_dropped,
                report.steps_already_told
            ),
            (1, 1, 1)
        );
        assert_eq!(errors(&network), []);
        let text = report.to_string();
        assert!(
            text.contains("story: 1 step added after this map's, 1 already told"),
            "{text}"
        );
        assert!(text.contains("1 view left out"), "{text}");

        let Combined { network, .. } = combine(&network, &network);
        assert_eq!(
            network.story.len(),
            2,
            "a story combined with itself is told once"
        );
    }
}
