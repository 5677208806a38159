//! Compound nodes, a node drawn inside another (Cytoscape.js's `parent`, GEXF's `pid`,
//! GraphML's nested graphs), as affiliation ties from the part to what holds it. A node
//! that is its own parent, a parent the file does not have, and a link that would close a
//! cycle are reported and that link dropped.

use std::collections::HashMap;

use crate::interop::report::{Finding, ImportReport};
use crate::network::model::{Network, Tie, TieKind};

/// The attribute readers keep a compound node's parent in.
const PARENT: &str = "parent";

/// Whether following parents up from `from` reaches `target`.
fn reaches(parents: &HashMap<String, String>, from: &str, target: &str) -> bool {
    let mut at = from;
    // Every accepted link keeps the chains acyclic, so this ends.
    while let Some(up) = parents.get(at) {
        if up == target {
            return true;
        }
        at = up;
    }
    false
}

/// An id for the tie from `child` to its parent that no tie has.
fn tie_id(child: &str, taken: &HashMap<String, usize>) -> String {
    let base = format!("{child}-in-parent");
    let mut id = base.clone();
    let mut n = 1;
    while taken.contains_key(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// Turns each entity's `parent` attribute into an affiliation tie to its parent, adding
/// the ties to `tie_index`.
pub(super) fn parent_ties(
    network: &mut Network,
    tie_index: &mut HashMap<String, usize>,
    report: &mut ImportReport,
) {
    let known: HashMap<String, String> = network
        .entities
        .iter()
        .map(|entity| {
            let name = entity.display_name(&network.label_language).to_owned();
            (entity.id.clone(), name)
        })
        .collect();
    let mut parents: HashMap<String, String> = HashMap::new();
    let mut links = Vec::new();
    for entity in &mut network.entities {
        let Some(parent) = entity.attributes.remove(PARENT) else {
            continue;
        };
        let parent = parent.trim().to_owned();
        let child = &entity.id;
        let problem = if parent == *child {
            Some("is its own parent")
        } else if !known.contains_key(&parent) {
            Some("has a parent the file does not have")
        } else if reaches(&parents, &parent, child) {
            Some("would close a cycle of parents")
        } else {
            None
        };
        if let Some(problem) = problem {
            report.record(Finding::BadParent, || {
                format!("node {child:?} {problem} ({parent:?})")
            });
            continue;
        }
        parents.insert(child.clone(), parent.clone());
        links.push((child.clone(), parent));
    }
    if links.is_empty() {
        return;
    }
    report.note(format!(
        "{} compound nodes: each became an affiliation tie to the node that holds it",
        links.len()
    ));
    for (child, parent) in links {
        let id = tie_id(&child, tie_index);
        let mut tie = Tie::new(id.clone(), TieKind::Affiliate, &[&child, &parent]);
        tie.summary = format!("part of {}", known[&parent]);
        tie_index.insert(id, network.ties.len());
        network.ties.push(tie);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::Format;
    use crate::network::model::{Entity, EntityKind};

    #[test]
    fn parents_become_ties_and_bad_links_are_dropped() {
        let mut network = Network::empty();
        for (id, parent) in [
            ("group", None),
            ("a", Some("group")),
            ("b", Some("a")),
            ("self", Some("self")),
            ("lost", Some("nowhere")),
            ("c1", Some("c2")),
            ("c2", Some("c1")),
        ] {
            let name =
                crate::network::model::LocalizedText::from([("en".to_owned(), id.to_owned())]);
            let mut entity = Entity::new(id, EntityKind::Company, name);
            if let Some(parent) = parent {
                entity.attributes.insert(PARENT, parent);
            }
            network.entities.push(entity);
        }
        let mut report = ImportReport::new(std::path::Path::new("x.cyjs"), Format::Cytoscape);
        let mut index = HashMap::new();
        parent_ties(&mut network, &mut index, &mut report);
        let ties: Vec<(&str, &[String])> = network
            .ties
            .iter()
            .map(|tie| (tie.id.as_str(), tie.participants.as_slice()))
            .collect();
        assert_eq!(ties.len(), 3, "{ties:?}");
        assert_eq!(ties[0].1, ["a", "group"]);
        assert_eq!(ties[1].1, ["b", "a"]);
        assert_eq!(ties[2].1, ["c1", "c2"], "the first link of the cycle stays");
        assert!(
            network
                .ties
                .iter()
                .all(|tie| tie.kind == TieKind::Affiliate)
        );
        assert_eq!(network.ties[0].summary, "part of group");
        assert_eq!(index.len(), 3);
        let bad = &report.findings[&Finding::BadParent];
        assert_eq!(bad.count, 3, "{:?}", bad.examples);
        assert!(bad.examples[0].contains("\"self\" is its own parent"));
        assert!(bad.examples[1].contains("\"lost\" has a parent the file does not have"));
        assert!(bad.examples[2].contains("\"c2\" would close a cycle"));
        assert!(
            network
                .entities
                .iter()
                .all(|entity| !entity.attributes.contains_key(PARENT))
        );
    }
}
