//! A whole graph as a network: nodes with missing or repeated ids dropped, edges whose
//! ends are missing or unknown dropped, an edge from a node to itself kept as a self-loop,
//! ids given to edges without one (never one the file uses), edges of one tie merged,
//! sources and groups gathered, positions scaled, and the result checked with powermap's
//! validator.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::interop::ImportError;
use crate::interop::report::{Finding, ImportReport, Place};
use crate::network::model::{
    Group, LocalizedText, Network, Source, StoryStep, Tie, TieKind, distinct_participants,
};

use super::entities::{map_entity, text_name_column};
use super::positions::fit_spacing;
use super::raw::{Context, DIRECTED_NOTE, RawGraph, RawNode};
use super::sources::Registry;
use super::ties::map_tie_fields;

/// Builds the network a reader found, reporting everything left out, and checks it with
/// powermap's validator.
pub(crate) fn build(
    mut raw: RawGraph,
    file: &Path,
    report: &mut ImportReport,
) -> Result<Network, ImportError> {
    super::scrub::scrub_graph(&mut raw, report);
    let RawGraph {
        title,
        description,
        label_language,
        y_axis_up,
        written_by_powermap,
        nodes,
        edges,
        story,
    } = raw;
    let mut network = Network::empty();
    network.title = title
        .filter(|title| !title.trim().is_empty())
        .or_else(|| {
            file.file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
        })
        .unwrap_or_default();
    network.description = description.unwrap_or_default();

    let mut groups: Registry<Group> = Registry::new();
    let mut entity_index: HashMap<String, usize> = HashMap::new();
    let mut label_languages: HashMap<String, usize> = HashMap::new();
    // powermap's own files name their entities as they mean to.
    let name_column = (!written_by_powermap)
        .then(|| text_name_column(&nodes))
        .flatten();
    if let Some(guess) = &name_column {
        let kept = match &guess.passed_over {
            Some(column) => format!(
                "the {column:?} column holds codes such as {:?} (kept as the attribute {column:?})",
                guess.example
            ),
            None => format!(
                "the nodes have no label but codes such as {:?} as their ids",
                guess.example
            ),
        };
        report.note(format!(
            "names were read from the {:?} column: {kept}. View > Label by shows another \
             attribute on the map",
            guess.column
        ));
    }
    for node in nodes {
        let id = node.id.trim().to_owned();
        if id.is_empty() {
            report.record(Finding::MissingId, || format!("node at {}", node.place));
            continue;
        }
        if entity_index.contains_key(&id) {
            report.record(Finding::DuplicateEntityId, || {
                format!("node {id:?} at {}", node.place)
            });
            continue;
        }
        let place = node.place.clone();
        let column = name_column.as_ref().map(|guess| guess.column.as_str());
        let fields = map_entity(RawNode { id, ..node }, column, y_axis_up, report);
        let counts = &mut report.counts;
        counts.names += usize::from(fields.named);
        counts.entity_kinds += usize::from(fields.kind_given);
        counts.positions += usize::from(fields.entity.position.is_some());
        if let Some(language) = fields.label_language {
            *label_languages.entry(language).or_default() += 1;
        }
        if let Some(group) = fields.group {
            let context = Context {
                what: "node",
                id: Some(&fields.entity.id),
                place: &place,
            };
            groups.add(&group.id.clone(), group, &context, report);
        }
        entity_index.insert(fields.entity.id.clone(), network.entities.len());
        network.entities.push(fields.entity);
    }
    network.groups = groups.items;
    network.label_language = label_language
        .filter(|language| !language.trim().is_empty())
        .unwrap_or_else(|| {
            // The language most labels are in; English when none leads.
            let english = label_languages.get("en").copied().unwrap_or(0);
            label_languages
                .into_iter()
                .filter(|(_, count)| *count > english)
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map_or_else(|| "en".to_owned(), |(language, _)| language)
        });

    // Ids the file gives, so that generated ones never take them.
    let given_ids: HashSet<String> = edges
        .iter()
        .flat_map(|edge| {
            let tie = edge
                .attributes
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case("tie"))
                .map(|(_, value)| value.trim().to_owned());
            edge.id.iter().map(|id| id.trim().to_owned()).chain(tie)
        })
        .collect();
    let mut sources: Registry<Source> = Registry::new();
    let mut tie_index: HashMap<String, usize> = HashMap::new();
    let mut directed = 0usize;
    for (index, edge) in edges.into_iter().enumerate() {
        let id = edge
            .id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty());
        let context = Context {
            what: "edge",
            id,
            place: &edge.place,
        };
        if edge.endpoints.len() < 2 || edge.endpoints.iter().any(|end| end.trim().is_empty()) {
            report.record(Finding::MissingEndpoint, || context.describe());
            continue;
        }
        // Each end once; an edge from a node to itself lists it twice, a self-loop.
        let endpoints =
            distinct_participants(edge.endpoints.iter().map(|end| end.trim().to_owned()));
        if let Some(missing) = endpoints
            .iter()
            .find(|end| !entity_index.contains_key(*end))
        {
            report.record(Finding::MissingNode, || {
                format!("{}: no node {missing:?}", context.describe())
            });
            continue;
        }
        let mut fields = map_tie_fields(edge.attributes, &context, report);
        directed += usize::from(fields.directed);
        let participants = match fields.participants.take() {
            Some(listed)
                if listed.iter().all(|id| entity_index.contains_key(id))
                    && endpoints.iter().all(|end| listed.contains(end))
                    && distinct_participants(listed.iter().cloned()) == listed =>
            {
                listed
            }
            Some(listed) => {
                report.record(Finding::UnreadableValue, || {
                    format!(
                        "{} \"participants\": {listed:?} does not fit the edge's nodes",
                        context.describe()
                    )
                });
                fields.attributes.insert(
                    "participants",
                    serde_json::to_string(&listed).unwrap_or_default(),
                );
                endpoints
            }
            None => endpoints,
        };
        let tie_id = match fields.tie.clone().filter(|tie| !tie.is_empty()) {
            Some(tie) => tie,
            None => match id {
                Some(id) => id.to_owned(),
                None => {
                    let mut generated = format!("e{index}");
                    let mut n = 1;
                    while given_ids.contains(&generated) || tie_index.contains_key(&generated) {
                        n += 1;
                        generated = format!("e{index}-{n}");
                    }
                    generated
                }
            },
        };
        if let Some(&existing) = tie_index.get(&tie_id) {
            if fields.tie.is_some() && network.ties[existing].participants == participants {
                report.counts.merged_edges += 1;
            } else {
                report.record(Finding::DuplicateTieId, || {
                    format!("{}: tie id {tie_id:?}", context.describe())
                });
            }
            continue;
        }
        for source in fields.sources {
            sources.add_source(source, &context, report);
        }
        report.counts.tie_kinds += usize::from(fields.kind.is_some());
        tie_index.insert(tie_id.clone(), network.ties.len());
        network.ties.push(Tie {
            id: tie_id,
            kind: fields.kind.unwrap_or(TieKind::Other),
            participants,
            date: fields.date,
            place: fields.place,
            amount: fields.amount,
            summary: fields.summary,
            status: fields.status,
            evidence: fields.evidence,
            attributes: fields.attributes,
        });
    }
    super::compound::parent_ties(&mut network, &mut tie_index, report);
    if directed > 0 {
        report.note(DIRECTED_NOTE);
    }
    if !written_by_powermap {
        fit_spacing(&mut network, report);
    }
    network.sources = sources.items;
    for tie in &mut network.ties {
        let known = &sources.index;
        tie.evidence.retain(|item| {
            let found = known.contains_key(&item.source);
            if !found {
                report.record(Finding::EvidenceWithoutSource, || {
                    format!("tie {:?}: source {:?}", tie.id, item.source)
                });
            }
            found
        });
    }

    let language = network.label_language.clone();
    for (number, step) in story.into_iter().enumerate() {
        let entities = known_ids(step.nodes, &entity_index, "node", &step.place, report);
        let ties = known_ids(step.edges, &tie_index, "edge", &step.place, report);
        let caption = match step.caption.trim() {
            "" => format!("Step {}", number + 1),
            caption => caption.to_owned(),
        };
        network.story.push(StoryStep {
            entities,
            ties,
            ..StoryStep::new(LocalizedText::from([(language.clone(), caption)]))
        });
    }

    let counts = &mut report.counts;
    counts.entities = network.entities.len();
    counts.ties = network.ties.len();
    counts.dates = network.ties.iter().filter(|tie| tie.date.is_some()).count();
    counts.evidence = network
        .ties
        .iter()
        .filter(|tie| !tie.evidence.is_empty())
        .count();
    for entity in &network.entities {
        for name in entity.attributes.keys() {
            *report.entity_attributes.entry(name.to_owned()).or_default() += 1;
        }
    }
    for tie in &network.ties {
        for name in tie.attributes.keys() {
            *report.tie_attributes.entry(name.to_owned()).or_default() += 1;
        }
    }
    let errors: Vec<_> = crate::network::validate::validate(&network)
        .into_iter()
        .filter(crate::network::diagnostic::Diagnostic::is_error)
        .collect();
    if !errors.is_empty() {
        return Err(ImportError::Invalid {
            file: file.to_owned(),
            diagnostics: errors,
        });
    }
    Ok(network)
}

/// The ids a story step names that the graph has; the others are reported.
fn known_ids(
    ids: Vec<String>,
    index: &HashMap<String, usize>,
    what: &str,
    place: &Place,
    report: &mut ImportReport,
) -> Vec<String> {
    let (kept, unknown): (Vec<String>, Vec<String>) =
        ids.into_iter().partition(|id| index.contains_key(id));
    if !unknown.is_empty() {
        report.record(Finding::Ignored, || {
            format!("story step at {place}: no {what} {unknown:?}")
        });
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::super::testing::{edge, node, report};
    use super::*;
    use crate::network::model::{EntityKind, Position};

    #[test]
    fn maps_names_kinds_dates_and_keeps_the_rest() {
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![
                node(
                    "a",
                    &[("Label", "이재용"), ("type", "Person"), ("age", "57")],
                ),
                node(
                    "b",
                    &[
                        ("name", "Acme"),
                        ("category", "planet"),
                        ("x", "1"),
                        ("y", "-2"),
                    ],
                ),
            ],
            edges: vec![
                edge(
                    None,
                    "a",
                    "b",
                    &[
                        ("Type", "Undirected"),
                        ("kind", "MOU"),
                        ("date", "2025-03-04T10:00:00"),
                        ("Weight", "2"),
                    ],
                ),
                edge(
                    Some("x"),
                    "a",
                    "b",
                    &[
                        ("start", "2025-03-01"),
                        ("end", "2025-03-31"),
                        ("TYPE", "directed"),
                    ],
                ),
                edge(
                    Some("y"),
                    "a",
                    "b",
                    &[
                        ("timeset", "<[2021-06-01, 2021-06-03]>"),
                        ("date", "someday"),
                    ],
                ),
            ],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("dir/people.csv"), &mut report).expect("builds");
        assert_eq!(network.title, "people");
        assert_eq!(network.label_language, "en");
        let a = network.entity("a").expect("a");
        assert_eq!(a.name.get("ko"), Some("이재용"));
        assert_eq!(a.kind, EntityKind::Person);
        assert_eq!(a.attributes.get("age"), Some("57"));
        let b = network.entity("b").expect("b");
        assert_eq!(b.kind, EntityKind::Other);
        assert_eq!(b.attributes.get("category"), Some("planet"));
        assert_eq!(b.position, Some(Position { x: 1.0, y: -2.0 }));
        let first = network.tie("e0").expect("generated id");
        assert_eq!(first.kind, TieKind::LetterOfIntent);
        assert_eq!(first.date.map(|d| d.to_string()), Some("2025-03-04".into()));
        assert_eq!(first.attributes.get("Weight"), Some("2"));
        assert!(!first.attributes.contains_key("Type"));
        let x = network.tie("x").expect("x");
        assert_eq!(x.date.map(|d| d.to_string()), Some("2025-03".into()));
        assert!(x.attributes.is_empty(), "{:?}", x.attributes);
        let y = network.tie("y").expect("y");
        assert_eq!(y.date.map(|d| d.to_string()), Some("2021-06-01".into()));
        assert!(
            y.attributes.contains_key("timeset"),
            "an interval is not one date"
        );
        assert_eq!(y.attributes.get("date"), Some("someday"));
        assert_eq!(report.count(Finding::TimeOfDay), 1);
        assert_eq!(report.count(Finding::UnreadableValue), 1);
        assert_eq!(report.counts.names, 2);
        assert_eq!(report.counts.entity_kinds, 1);
        assert_eq!(report.counts.tie_kinds, 1);
        assert_eq!(report.counts.dates, 3);
        assert_eq!(report.counts.positions, 1);
        assert_eq!(report.entity_attributes.get("age"), Some(&1));
        assert_eq!(report.notes, [DIRECTED_NOTE]);
    }

    #[test]
    fn drops_what_cannot_be_a_tie_and_keeps_the_rest() {
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![
                node("a", &[]),
                node("b", &[]),
                node("a", &[("label", "again")]),
                node(" ", &[]),
            ],
            edges: vec![
                edge(Some("e1"), "a", "missing", &[]),
                edge(Some("e2"), "a", "a", &[]),
                edge(Some("e3"), "a", "b", &[]),
                edge(Some("e3"), "b", "a", &[]),
                edge(None, "a", "", &[]),
                edge(None, "b", "a", &[]),
            ],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("t.csv"), &mut report).expect("builds");
        assert_eq!(network.entities.len(), 2);
        assert_eq!(network.entity("a").map(|a| a.display_name("en")), Some("a"));
        assert_eq!(network.ties.len(), 3);
        assert!(network.tie("e5").is_some(), "generated from its index");
        let self_loop = network.tie("e2").expect("the self-loop is kept");
        assert_eq!(self_loop.participants, ["a", "a"]);
        assert_eq!(report.count(Finding::MissingNode), 1);
        assert_eq!(report.count(Finding::DuplicateTieId), 1);
        assert_eq!(report.count(Finding::DuplicateEntityId), 1);
        assert_eq!(report.count(Finding::MissingId), 1);
        assert_eq!(report.count(Finding::MissingEndpoint), 1);
        assert!(
            report.findings[&Finding::MissingNode].examples[0].contains("\"missing\""),
            "{report}"
        );
    }

    #[test]
    fn a_self_loop_keeps_its_attributes_and_a_hyperedge_its_ends_once() {
        let mut report = report();
        let mut hyperedge = edge(Some("h"), "a", "b", &[]);
        hyperedge.endpoints.push("a".to_owned());
        let mut one_node_hyperedge = edge(Some("hh"), "b", "b", &[]);
        one_node_hyperedge.endpoints.push("b".to_owned());
        let raw = RawGraph {
            nodes: vec![node("a", &[]), node("b", &[])],
            edges: vec![
                edge(
                    Some("own"),
                    " a",
                    "a ",
                    &[("kind", "affiliate"), ("share", "5%")],
                ),
                hyperedge,
                one_node_hyperedge,
            ],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("t.csv"), &mut report).expect("builds");
        let own = network.tie("own").expect("the self-loop");
        assert_eq!(own.participants, ["a", "a"]);
        assert_eq!(own.kind, TieKind::Affiliate);
        assert_eq!(own.attributes.get("share"), Some("5%"));
        assert_eq!(network.tie("h").expect("h").participants, ["a", "b"]);
        assert_eq!(network.tie("hh").expect("hh").participants, ["b", "b"]);
        assert!(report.findings.is_empty(), "{report}");
    }

    #[test]
    fn generated_ids_never_take_given_ones() {
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![node("a", &[]), node("b", &[])],
            edges: vec![edge(None, "a", "b", &[]), edge(Some("e0"), "b", "a", &[])],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("t.csv"), &mut report).expect("builds");
        let ids: Vec<&str> = network.ties.iter().map(|tie| tie.id.as_str()).collect();
        assert_eq!(ids, ["e0-2", "e0"]);
    }
}
