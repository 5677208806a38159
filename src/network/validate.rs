//! Checks a parsed network for what serde cannot: duplicate ids, dangling references
//! (from ties, evidence and story steps), empty names and captions, impossible amounts,
//! positions and views, ties without evidence, quotes that are not in their article's
//! stored text.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use rayon::prelude::*;

use crate::network::diagnostic::Diagnostic;
use crate::network::model::{LocalizedText, Network};
use crate::network::quotes::{QuoteCheck, check_quote, not_found_reason};

/// Where each element of one list came from in the file, when some failed to parse.
#[derive(Debug, Default)]
pub struct ListOrigins {
    /// The file index of each parsed element, in order; empty means "the same index".
    pub indexes: Vec<usize>,
    /// Ids of elements that failed to parse; references to them are not reported again.
    pub failed_ids: Vec<String>,
}

impl ListOrigins {
    fn path(&self, list: &str, index: usize) -> String {
        format!(
            "{list}[{}]",
            self.indexes.get(index).copied().unwrap_or(index)
        )
    }
}

/// Where the elements of every list came from.
#[derive(Debug, Default)]
pub struct ElementOrigins {
    pub sources: ListOrigins,
    pub groups: ListOrigins,
    pub entities: ListOrigins,
    pub ties: ListOrigins,
    pub story: ListOrigins,
}

/// Every problem in `network`, errors and warnings, with the JSON path of each.
pub fn validate(network: &Network) -> Vec<Diagnostic> {
    validate_with_origins(network, &ElementOrigins::default())
}

/// As [`validate`], naming elements by their index in the file they were parsed from.
pub fn validate_with_origins(network: &Network, origins: &ElementOrigins) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if network.label_language.trim().is_empty() {
        found.push(Diagnostic::error(
            "label_language",
            "empty: give a language code such as \"en\" or \"ko\"",
        ));
    }

    let source_ids = check_ids(
        "sources",
        network.sources.len(),
        |i| network.sources[i].id.as_str(),
        &origins.sources,
        &mut found,
    );
    for (i, source) in network.sources.iter().enumerate() {
        // Paths are written only for the problems found.
        let path = || origins.sources.path("sources", i);
        check_text(|| format!("{}.outlet", path()), &source.outlet, &mut found);
        if source.title.trim().is_empty() {
            found.push(Diagnostic::error(
                format!("{}.title", path()),
                "empty title",
            ));
        }
        if let Some(url) = &source.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            found.push(Diagnostic::error(
                format!("{}.url", path()),
                format!("{url:?} is not an http or https address"),
            ));
        }
    }

    let group_ids = check_ids(
        "groups",
        network.groups.len(),
        |i| network.groups[i].id.as_str(),
        &origins.groups,
        &mut found,
    );
    for (i, group) in network.groups.iter().enumerate() {
        check_text(
            || format!("{}.name", origins.groups.path("groups", i)),
            &group.name,
            &mut found,
        );
    }

    // The two largest id maps are built side by side; their problems are listed in order.
    let mut tie_id_problems = Vec::new();
    let (entity_ids, tie_ids) = rayon::join(
        || {
            check_ids(
                "entities",
                network.entities.len(),
                |i| network.entities[i].id.as_str(),
                &origins.entities,
                &mut found,
            )
        },
        || {
            check_ids(
                "ties",
                network.ties.len(),
                |i| network.ties[i].id.as_str(),
                &origins.ties,
                &mut tie_id_problems,
            )
        },
    );
    found.extend(each_in_parallel(&network.entities, |i, entity, found| {
        let path = || origins.entities.path("entities", i);
        check_text(|| format!("{}.name", path()), &entity.name, found);
        for (which, text) in [("role", &entity.role), ("description", &entity.description)] {
            if let Some(text) = text {
                check_text(|| format!("{}.{which}", path()), text, found);
            }
        }
        for (a, alias) in entity.aliases.iter().enumerate() {
            if alias.trim().is_empty() {
                found.push(Diagnostic::error(
                    format!("{}.aliases[{a}]", path()),
                    "empty alias",
                ));
            }
        }
        if let Some(group) = &entity.group
            && !group_ids.contains_key(group.as_str())
            && !origins.groups.failed_ids.contains(group)
        {
            found.push(Diagnostic::error(
                format!("{}.group", path()),
                format!("no group has the id {group:?}"),
            ));
        }
        match entity.position {
            Some(position) if !(position.x.is_finite() && position.y.is_finite()) => {
                found.push(Diagnostic::error(
                    format!("{}.position", path()),
                    "coordinates must be finite numbers",
                ));
            }
            None if entity.pinned => found.push(Diagnostic::error(
                format!("{}.pinned", path()),
                "pinned, but has no position to be pinned at",
            )),
            _ => {}
        }
    }));

    check_shown_by(network, origins, &mut found);

    found.append(&mut tie_id_problems);
    found.extend(each_in_parallel(&network.ties, |i, tie, found| {
        let path = || origins.ties.path("ties", i);
        if tie.participants.len() < 2 {
            found.push(Diagnostic::error(
                format!("{}.participants", path()),
                format!(
                    "a tie joins at least two entities, or one entity to itself (listed \
                     twice); this one lists {}",
                    tie.participants.len()
                ),
            ));
        }
        // A tie of two may list one entity twice: a self-loop.
        let self_loop = tie.is_self_loop();
        for (p, participant) in tie.participants.iter().enumerate() {
            let participant_path = || format!("{}.participants[{p}]", path());
            if !self_loop && tie.participants[..p].contains(participant) {
                found.push(Diagnostic::error(
                    participant_path(),
                    format!(
                        "{participant:?} is listed twice; only a tie of two may list one \
                         entity twice, joining it to itself"
                    ),
                ));
            } else if !entity_ids.contains_key(participant.as_str())
                && !origins.entities.failed_ids.contains(participant)
            {
                found.push(Diagnostic::error(
                    participant_path(),
                    format!("no entity has the id {participant:?}"),
                ));
            }
        }
        if let Some(place) = &tie.place {
            check_text(|| format!("{}.place", path()), place, found);
        }
        if let Some(amount) = &tie.amount {
            if !amount.value.is_finite() || amount.value < 0.0 {
                found.push(Diagnostic::error(
                    format!("{}.amount.value", path()),
                    format!(
                        "{} is not an amount: it must be a finite number, 0 or more",
                        amount.value
                    ),
                ));
            }
            if !(amount.currency.len() == 3
                && amount.currency.bytes().all(|b| b.is_ascii_uppercase()))
            {
                found.push(Diagnostic::error(
                    format!("{}.amount.currency", path()),
                    format!(
                        "{:?} is not an ISO 4217 currency code such as \"USD\"",
                        amount.currency
                    ),
                ));
            }
        }
        if tie.evidence.is_empty() {
            found.push(Diagnostic::warning(
                format!("{}.evidence", path()),
                "no evidence: nothing tells the reader where this tie comes from",
            ));
        }
        for (e, evidence) in tie.evidence.iter().enumerate() {
            let evidence_path = || format!("{}.evidence[{e}]", path());
            let source = source_ids.get(evidence.source.as_str());
            if source.is_none() && !origins.sources.failed_ids.contains(&evidence.source) {
                found.push(Diagnostic::error(
                    format!("{}.source", evidence_path()),
                    format!("no source has the id {:?}", evidence.source),
                ));
            }
            if evidence.quote.trim().is_empty() {
                found.push(Diagnostic::error(
                    format!("{}.quote", evidence_path()),
                    "empty quote",
                ));
            } else if let Some(s) = source
                && let QuoteCheck::NotFound { agrees_for } =
                    check_quote(network.sources.get(s), &evidence.quote)
            {
                found.push(Diagnostic::warning(
                    format!("{}.quote", evidence_path()),
                    not_found_reason(&evidence.source, &evidence.quote, agrees_for),
                ));
            }
        }
    }));

    for (i, step) in network.story.iter().enumerate() {
        let path = || origins.story.path("story", i);
        check_text(|| format!("{}.caption", path()), &step.caption, &mut found);
        let references = [
            (
                "entities",
                "entity",
                &step.entities,
                &entity_ids,
                &origins.entities,
            ),
            ("ties", "tie", &step.ties, &tie_ids, &origins.ties),
        ];
        for (list, what, ids, known, list_origins) in references {
            for (r, id) in ids.iter().enumerate() {
                let reference_path = || format!("{}.{list}[{r}]", path());
                if ids[..r].contains(id) {
                    found.push(Diagnostic::error(
                        reference_path(),
                        format!("{id:?} is listed twice"),
                    ));
                } else if !known.contains_key(id.as_str()) && !list_origins.failed_ids.contains(id)
                {
                    found.push(Diagnostic::error(
                        reference_path(),
                        format!("no {what} has the id {id:?}"),
                    ));
                }
            }
        }
        if let Some(view) = step.view {
            if !(view.x.is_finite() && view.y.is_finite()) {
                found.push(Diagnostic::error(
                    format!("{}.view", path()),
                    "the centre's coordinates must be finite numbers",
                ));
            }
            if !(view.zoom.is_finite() && view.zoom > 0.0) {
                found.push(Diagnostic::error(
                    format!("{}.view.zoom", path()),
                    format!(
                        "{} is not a zoom: it must be a finite number above 0",
                        view.zoom
                    ),
                ));
            }
        }
    }
    found
}

/// What `check` finds in each of `items` (called with its index), in order; chunks of
/// items are checked on rayon's threads.
fn each_in_parallel<T: Sync>(
    items: &[T],
    check: impl Fn(usize, &T, &mut Vec<Diagnostic>) + Sync,
) -> Vec<Diagnostic> {
    const CHUNK: usize = 4096;
    let found: Vec<Vec<Diagnostic>> = items
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(chunk_index, chunk)| {
            let mut found = Vec::new();
            for (i, item) in chunk.iter().enumerate() {
                check(chunk_index * CHUNK + i, item, &mut found);
            }
            found
        })
        .collect();
    found.concat()
}

/// An attribute `shown_by` names that no entity has is a warning, not an error: the map
/// shows names, kinds and sizes as usual, and the file may be one step of a work in
/// progress (the attribute not filled in yet).
fn check_shown_by(network: &Network, origins: &ElementOrigins, found: &mut Vec<Diagnostic>) {
    // An entity that failed to parse may have had the attribute.
    if !origins.entities.failed_ids.is_empty() {
        return;
    }
    for (field, attribute) in network.shown_by.named() {
        if !(network.entities.iter()).any(|entity| entity.attributes.contains_key(attribute)) {
            found.push(Diagnostic::warning(
                format!("shown_by.{field}"),
                format!(
                    "no entity has the attribute {attribute:?}; the map shows every {} as usual",
                    match field {
                        "label" => "name",
                        "size" => "size",
                        "color" => "colour",
                        _ => "kind",
                    }
                ),
            ));
        }
    }
}

/// Ids to the index of the first of a list's elements with each, in a table of
/// 12-byte slots: an id of up to seven bytes whole (so that finding it reads the table
/// only), a longer one by its hash, its text read from its element (`id`) to confirm a
/// match. For a network of millions, tens of megabytes rather than the hundreds a map of
/// the ids themselves takes.
struct IdMap<'a> {
    table: HashTable<Slot>,
    hasher: foldhash::fast::RandomState,
    id: Box<dyn Fn(usize) -> &'a str + Send + Sync + 'a>,
}

/// An id's [`IdMap::key`], in two halves so that a slot aligns on 4 bytes, and the index
/// of its element.
#[derive(Clone, Copy)]
struct Slot {
    key: [u32; 2],
    index: u32,
}

/// Ids of up to this many bytes are held whole in their key.
const WHOLE_ID_BYTES: usize = 7;

impl IdMap<'_> {
    /// An id of up to [`WHOLE_ID_BYTES`] bytes: its bytes, and its length in the top byte;
    /// a longer one: its hash, the top byte all ones.
    fn key(&self, id: &str) -> u64 {
        let bytes = id.as_bytes();
        if bytes.len() <= WHOLE_ID_BYTES {
            let mut whole = [0; 8];
            whole[..bytes.len()].copy_from_slice(bytes);
            whole[7] = bytes.len() as u8;
            u64::from_le_bytes(whole)
        } else {
            self.hasher.hash_one(id) | 0xFF << 56
        }
    }

    fn halves(key: u64) -> [u32; 2] {
        [key as u32, (key >> 32) as u32]
    }

    /// The index of the first element with `id`.
    fn get(&self, id: &str) -> Option<usize> {
        let key = self.key(id);
        let halves = Self::halves(key);
        let whole = id.len() <= WHOLE_ID_BYTES;
        self.table
            .find(self.hasher.hash_one(key), |slot| {
                slot.key == halves && (whole || (self.id)(slot.index as usize) == id)
            })
            .map(|slot| slot.index as usize)
    }

    fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

/// Reports the empty and duplicate ids of the `count` elements of `list`, the id of each
/// given by `id`; returns each id's first index.
fn check_ids<'a>(
    list: &str,
    count: usize,
    id: impl Fn(usize) -> &'a str + Send + Sync + 'a,
    origins: &ListOrigins,
    found: &mut Vec<Diagnostic>,
) -> IdMap<'a> {
    let mut first_index = IdMap {
        table: HashTable::with_capacity(count),
        hasher: foldhash::fast::RandomState::default(),
        id: Box::new(id),
    };
    for i in 0..count {
        let id = (first_index.id)(i);
        let path = || format!("{}.id", origins.path(list, i));
        if id.trim().is_empty() {
            found.push(Diagnostic::error(path(), "empty id"));
            continue;
        }
        // One probe finds an earlier element with the id or the slot for this one.
        let key = first_index.key(id);
        let halves = IdMap::halves(key);
        let whole = id.len() <= WHOLE_ID_BYTES;
        let IdMap {
            table,
            hasher,
            id: id_at,
        } = &mut first_index;
        let rehash =
            |slot: &Slot| hasher.hash_one(u64::from(slot.key[0]) | u64::from(slot.key[1]) << 32);
        let same = |slot: &Slot| slot.key == halves && (whole || id_at(slot.index as usize) == id);
        match table.entry(hasher.hash_one(key), same, rehash) {
            Entry::Occupied(first) => found.push(Diagnostic::error(
                path(),
                format!(
                    "duplicate id {id:?}; {} already uses it",
                    origins.path(list, first.get().index as usize)
                ),
            )),
            Entry::Vacant(slot) => {
                slot.insert(Slot {
                    key: halves,
                    index: u32::try_from(i).expect("a list holds fewer than 2^32 elements"),
                });
            }
        }
    }
    first_index
}

/// Localized text needs at least one language, and no empty entry; `path` names it.
fn check_text(path: impl Fn() -> String, text: &LocalizedText, found: &mut Vec<Diagnostic>) {
    if text.is_empty() {
        found.push(Diagnostic::error(
            path(),
            "empty: give the text in at least one language",
        ));
    }
    for (language, value) in text {
        if value.trim().is_empty() {
            found.push(Diagnostic::error(
                format!("{}.{language}", path()),
                "empty text",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::model::{StoryStep, StoryView, Tie};

    /// Two people and a meeting between them, with this story.
    fn with_story(story: serde_json::Value) -> Network {
        serde_json::from_value(serde_json::json!({
            "format": "powermap",
            "version": 2,
            "entities": [
                { "id": "a", "kind": "person", "name": { "en": "A" } },
                { "id": "b", "kind": "person", "name": { "en": "B" } }
            ],
            "ties": [ { "id": "t", "kind": "meeting", "participants": ["a", "b"],
                "evidence": [] } ],
            "story": story
        }))
        .expect("a network")
    }

    /// The errors, as `path: message`.
    fn errors(network: &Network) -> Vec<String> {
        validate(network)
            .into_iter()
            .filter(Diagnostic::is_error)
            .map(|error| format!("{}: {}", error.path, error.message))
            .collect()
    }

    #[test]
    fn ids_are_found_whole_or_by_their_hash_and_their_first_place_kept() {
        let ids = [
            "a",
            "a\0",
            "",
            "abcdefg",
            "abcdefgh",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "가나",
            "abcdefgh",
            "a",
        ];
        let mut found = Vec::new();
        let origins = ListOrigins::default();
        let map = check_ids("ids", ids.len(), |i| ids[i], &origins, &mut found);
        for (i, id) in ids.iter().enumerate().take(8).skip(3) {
            assert_eq!(map.get(id), Some(i), "{id:?}");
        }
        assert_eq!(map.get("a"), Some(0));
        assert_eq!(map.get("a\0"), Some(1));
        for absent in [
            "",
            "b",
            "abcdef",
            "abcdefi",
            "abcdefghi",
            "abcdefghijklmnor",
            "가",
        ] {
            assert_eq!(map.get(absent), None, "{absent:?}");
        }
        let problems: Vec<String> = found
            .iter()
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect();
        assert_eq!(
            problems,
            [
                "ids[2].id: empty id",
                "ids[8].id: duplicate id \"abcdefgh\"; ids[4] already uses it",
                "ids[9].id: duplicate id \"a\"; ids[0] already uses it",
            ]
        );
    }

    #[test]
    fn an_attribute_shown_by_that_no_entity_has_is_a_located_warning() {
        let mut network = with_story(serde_json::json!([]));
        network.entities[0]
            .attributes
            .insert("station_name", "東京");
        network.shown_by.label = Some("station_name".to_owned());
        network.shown_by.size = Some("passengers".to_owned());
        let found = validate(&network);
        assert!(found.iter().all(|d| !d.is_error()), "{found:?}");
        let shown: Vec<String> = (found.iter())
            .filter(|d| d.path.starts_with("shown_by"))
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect();
        assert_eq!(
            shown,
            [
                "shown_by.size: no entity has the attribute \"passengers\"; the map shows every size as usual"
            ]
        );
    }

    #[test]
    fn a_tie_may_join_an_entity_to_itself_but_lists_no_one_twice_among_others() {
        let mut network = with_story(serde_json::json!([]));
        let tie = network.ties[0].clone();
        let with = |id: &str, participants: &[&str]| Tie {
            id: id.to_owned(),
            participants: participants.iter().map(|&id| id.to_owned()).collect(),
            ..tie.clone()
        };
        network.ties = vec![with("t", &["a", "a"])];
        assert_eq!(errors(&network), Vec::<String>::new(), "a self-loop");
        network.ties = vec![
            with("t1", &["a", "a", "b"]),
            with("t2", &["b"]),
            with("t3", &["x", "x"]),
        ];
        let found = errors(&network);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].starts_with("ties[0].participants[1]: \"a\" is listed twice"));
        assert!(found[1].starts_with("ties[1].participants: a tie joins at least two"));
        assert_eq!(
            found[2],
            "ties[2].participants[0]: no entity has the id \"x\""
        );
        assert_eq!(
            found[3],
            "ties[2].participants[1]: no entity has the id \"x\""
        );
    }

    #[test]
    fn a_story_naming_what_the_map_has_is_valid() {
        let network = with_story(serde_json::json!([
            { "caption": { "en": "They meet", "ko": "만남" }, "entities": ["a"], "ties": ["t"],
              "view": { "x": -3.5, "y": 10, "zoom": 0.25 }, "date": "2025-10" },
            { "caption": { "ko": "끝" } }
        ]));
        assert_eq!(errors(&network), Vec::<String>::new());
    }

    #[test]
    fn unknown_or_repeated_ids_in_a_step_are_errors_at_their_path() {
        let network = with_story(serde_json::json!([
            { "caption": { "en": "1" } },
            { "caption": { "en": "2" }, "entities": ["a", "nobody", "a"] },
            { "caption": { "en": "3" }, "ties": ["gone", "t"] }
        ]));
        assert_eq!(
            errors(&network),
            [
                "story[1].entities[1]: no entity has the id \"nobody\"",
                "story[1].entities[2]: \"a\" is listed twice",
                "story[2].ties[0]: no tie has the id \"gone\"",
            ]
        );
    }

    #[test]
    fn a_caption_needs_a_text_and_a_view_a_zoom_above_zero() {
        let network = with_story(serde_json::json!([
            { "caption": {} },
            { "caption": { "en": " " } },
            { "caption": { "en": "z" }, "view": { "x": 0, "y": 0, "zoom": 0 } },
            { "caption": { "en": "n" }, "view": { "x": 0, "y": 0, "zoom": -2 } }
        ]));
        let mut network = network;
        network.story.push(StoryStep {
            view: Some(StoryView {
                x: f64::NAN,
                y: 0.0,
                zoom: f64::INFINITY,
            }),
            ..network.story[2].clone()
        });
        assert_eq!(
            errors(&network),
            [
                "story[0].caption: empty: give the text in at least one language",
                "story[1].caption.en: empty text",
                "story[2].view.zoom: 0 is not a zoom: it must be a finite number above 0",
                "story[3].view.zoom: -2 is not a zoom: it must be a finite number above 0",
                "story[4].view: the centre's coordinates must be finite numbers",
                "story[4].view.zoom: inf is not a zoom: it must be a finite number above 0",
            ]
        );
    }
}
