//! The edits a person asks for, worked out from the network as it is: adding, changing,
//! deleting and moving entities, ties, sources, groups and story steps. A changed id is
//! followed everywhere it is used (ties, evidence, the story's steps), and a deleted
//! item leaves the steps that highlighted it, so no reference is left dangling.

use crate::edit::{Edit, Item, List};
use crate::network::model::{
    Entity, Group, LocalizedText, Network, Position, Source, StoryStep, Tie,
};

/// A new id for an item of `list`: `stem` made into a lower-case slug, numbered when
/// another item has it already ("lee-jae-yong", "lee-jae-yong-2"). A stem with nothing to
/// slug (Hangul, say) becomes `fallback` and a number ("person-1").
pub fn fresh_id(network: &Network, list: List, stem: &str, fallback: &str) -> String {
    let mut slug = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() { fallback } else { slug };
    let taken = |id: &str| match list {
        List::Sources => network.sources.iter().any(|s| s.id == id),
        List::Groups => network.groups.iter().any(|g| g.id == id),
        List::Entities => network.entities.iter().any(|e| e.id == id),
        List::Ties => network.ties.iter().any(|t| t.id == id),
        // Steps have no ids.
        List::Story => false,
    };
    if !slug.is_empty() && !taken(base) {
        return base.to_owned();
    }
    // A slug taken is numbered from 2 (its first is the unnumbered one); a fallback from 1.
    let first = if slug.is_empty() { 1 } else { 2 };
    (first..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_owned())
}

/// Whether an id is one powermap made up for a new entity (`entity-3`), which naming the
/// entity may replace.
pub fn is_made_up_id(id: &str) -> bool {
    id.strip_prefix("entity-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The id an entity with a made-up id takes when it is first named: its name as a slug
/// (English first), or `None` when the name gives none (Hangul only) or the id is the
/// person's own.
pub fn id_from_name(network: &Network, entity: &Entity, name: &LocalizedText) -> Option<String> {
    if !is_made_up_id(&entity.id) {
        return None;
    }
    let stem = name.get("en").or_else(|| name.values().next())?;
    let id = fresh_id(network, List::Entities, stem, "entity");
    (!is_made_up_id(&id)).then_some(id)
}

/// Adds an entity at the end of the list.
pub fn add_entity(network: &Network, entity: Entity) -> Edit {
    Edit::Insert {
        at: network.entities.len(),
        item: Item::Entity(entity),
    }
}

/// Puts `entity` in place of the entity at `at`; a new id is followed in every tie and
/// story step.
pub fn change_entity(network: &Network, at: usize, entity: Entity) -> Edit {
    let old_id = network.entities.get(at).map(|e| e.id.clone());
    let mut edits = Vec::new();
    if let Some(old_id) = old_id.filter(|old| *old != entity.id) {
        edits.extend(story_edits(network, |step| {
            repoint(&mut step.entities, &old_id, &entity.id);
        }));
        for (t, tie) in network.ties.iter().enumerate() {
            if tie.participants.contains(&old_id) {
                let mut tie = tie.clone();
                for participant in &mut tie.participants {
                    if *participant == old_id {
                        participant.clone_from(&entity.id);
                    }
                }
                edits.push(Edit::Replace {
                    at: t,
                    item: Item::Tie(tie),
                });
            }
        }
    }
    edits.push(Edit::Replace {
        at,
        item: Item::Entity(entity),
    });
    batch(edits)
}

/// Puts the entity at `at` at `position`, pinned there or not.
pub fn move_entity(network: &Network, at: usize, position: Position, pinned: bool) -> Edit {
    let mut entity = network.entities[at].clone();
    entity.position = Some(position);
    entity.pinned = pinned;
    Edit::Replace {
        at,
        item: Item::Entity(entity),
    }
}

/// Deleting an entity: the edit, and what it does to the entity's ties.
#[derive(Clone, Debug, PartialEq)]
pub struct Deletion {
    pub edit: Edit,
    /// Ties that go with the entity: it was one of their two participants (or both, a
    /// self-loop).
    pub ties_removed: Vec<String>,
    /// Ties of three or more that stay, without the entity.
    pub ties_shrunk: Vec<String>,
}

/// Deletes the entity at `at` with the ties it was one of two in; ties of more lose it.
/// The story's steps no longer highlight it, nor the ties that go.
pub fn delete_entity(network: &Network, at: usize) -> Deletion {
    let id = &network.entities[at].id;
    let mut edits = Vec::new();
    let (mut ties_removed, mut ties_shrunk) = (Vec::new(), Vec::new());
    // Last first, so that the positions of those still to come stay as they are.
    for (t, tie) in network.ties.iter().enumerate().rev() {
        if !tie.participants.contains(id) {
            continue;
        }
        if tie.participants.len() > 2 {
            let mut tie = tie.clone();
            tie.participants.retain(|participant| participant != id);
            ties_shrunk.push(tie.id.clone());
            edits.push(Edit::Replace {
                at: t,
                item: Item::Tie(tie),
            });
        } else {
            ties_removed.push(tie.id.clone());
            edits.push(Edit::Remove {
                list: List::Ties,
                at: t,
            });
        }
    }
    edits.extend(story_edits(network, |step| {
        step.entities.retain(|entity| entity != id);
        step.ties.retain(|tie| !ties_removed.contains(tie));
    }));
    edits.push(Edit::Remove {
        list: List::Entities,
        at,
    });
    ties_removed.reverse();
    ties_shrunk.reverse();
    Deletion {
        edit: batch(edits),
        ties_removed,
        ties_shrunk,
    }
}

/// Adds a tie at the end of the list.
pub fn add_tie(network: &Network, tie: Tie) -> Edit {
    Edit::Insert {
        at: network.ties.len(),
        item: Item::Tie(tie),
    }
}

/// Puts `tie` in place of the tie at `at`; a new id is followed in every story step.
pub fn change_tie(network: &Network, at: usize, tie: Tie) -> Edit {
    let mut edits = Vec::new();
    if let Some(old_id) =
        (network.ties.get(at)).and_then(|old| (old.id != tie.id).then_some(&old.id))
    {
        edits.extend(story_edits(network, |step| {
            repoint(&mut step.ties, old_id, &tie.id);
        }));
    }
    edits.push(Edit::Replace {
        at,
        item: Item::Tie(tie),
    });
    batch(edits)
}

/// Deletes the tie at `at`; the story's steps no longer highlight it.
pub fn delete_tie(network: &Network, at: usize) -> Edit {
    let mut edits = Vec::new();
    if let Some(id) = network.ties.get(at).map(|tie| &tie.id) {
        edits.extend(story_edits(network, |step| {
            step.ties.retain(|tie| tie != id)
        }));
    }
    edits.push(Edit::Remove {
        list: List::Ties,
        at,
    });
    batch(edits)
}

/// Adds a source at the end of the list.
pub fn add_source(network: &Network, source: Source) -> Edit {
    Edit::Insert {
        at: network.sources.len(),
        item: Item::Source(source),
    }
}

/// Puts `source` in place of the source at `at`; a new id is followed in every evidence
/// item that quotes it.
pub fn change_source(network: &Network, at: usize, source: Source) -> Edit {
    let old_id = network.sources.get(at).map(|s| s.id.clone());
    let mut edits = Vec::new();
    if let Some(old_id) = old_id.filter(|old| *old != source.id) {
        for (t, tie) in network.ties.iter().enumerate() {
            if tie.evidence.iter().any(|e| e.source == old_id) {
                let mut tie = tie.clone();
                for evidence in &mut tie.evidence {
                    if evidence.source == old_id {
                        evidence.source.clone_from(&source.id);
                    }
                }
                edits.push(Edit::Replace {
                    at: t,
                    item: Item::Tie(tie),
                });
            }
        }
    }
    edits.push(Edit::Replace {
        at,
        item: Item::Source(source),
    });
    batch(edits)
}

/// Deletes the source at `at` with the evidence items that quote it; returns the edit and
/// the ids of the ties that lose evidence.
pub fn delete_source(network: &Network, at: usize) -> (Edit, Vec<String>) {
    let id = &network.sources[at].id;
    let mut edits = Vec::new();
    let mut ties = Vec::new();
    for (t, tie) in network.ties.iter().enumerate() {
        if tie.evidence.iter().any(|e| e.source == *id) {
            let mut tie = tie.clone();
            tie.evidence.retain(|e| e.source != *id);
            ties.push(tie.id.clone());
            edits.push(Edit::Replace {
                at: t,
                item: Item::Tie(tie),
            });
        }
    }
    edits.push(Edit::Remove {
        list: List::Sources,
        at,
    });
    (batch(edits), ties)
}

/// Adds a group at the end of the list.
pub fn add_group(network: &Network, group: Group) -> Edit {
    Edit::Insert {
        at: network.groups.len(),
        item: Item::Group(group),
    }
}

/// Adds a step at the end of the story.
pub fn add_step(network: &Network, step: StoryStep) -> Edit {
    Edit::Insert {
        at: network.story.len(),
        item: Item::Step(step),
    }
}

/// Puts `step` in place of the story's step at `at`.
pub fn change_step(at: usize, step: StoryStep) -> Edit {
    Edit::Replace {
        at,
        item: Item::Step(step),
    }
}

/// Moves the story's step at `from` to position `to`, the others keeping their order.
pub fn move_step(network: &Network, from: usize, to: usize) -> Edit {
    Edit::Batch(vec![
        Edit::Remove {
            list: List::Story,
            at: from,
        },
        Edit::Insert {
            at: to,
            item: Item::Step(network.story[from].clone()),
        },
    ])
}

/// Deletes the story's step at `at`.
pub fn delete_step(at: usize) -> Edit {
    Edit::Remove {
        list: List::Story,
        at,
    }
}

/// The edits that change each story step as `change` does to it; steps it leaves as they
/// are are not touched.
pub(crate) fn story_edits(network: &Network, change: impl Fn(&mut StoryStep)) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (at, step) in network.story.iter().enumerate() {
        let mut changed = step.clone();
        change(&mut changed);
        if changed != *step {
            edits.push(change_step(at, changed));
        }
    }
    edits
}

/// Puts `new` in place of `old` in a step's list of ids, keeping each id once (the step
/// may list both, as after a merge).
pub(crate) fn repoint(ids: &mut Vec<String>, old: &str, new: &str) {
    let Some(at) = ids.iter().position(|id| id == old) else {
        return;
    };
    if ids.iter().any(|id| id == new) {
        ids.remove(at);
    } else {
        new.clone_into(&mut ids[at]);
    }
}

/// One edit, or a batch of several.
fn batch(mut edits: Vec<Edit>) -> Edit {
    if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch(edits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply_checked;
    use crate::network::dataset::load_default_network;
    use crate::network::model::{EntityKind, LocalizedText, TieKind};

    fn samsung() -> Network {
        load_default_network()
            .expect("the default network loads")
            .network
    }

    fn position(network: &Network, id: &str) -> usize {
        network
            .entities
            .iter()
            .position(|e| e.id == id)
            .expect("entity")
    }

    /// Applies, checks, undoes and checks the network is back as it was.
    fn apply_and_undo(network: &mut Network, edit: Edit) -> Network {
        let before = network.clone();
        let undo = apply_checked(network, edit).expect("the edit applies");
        let after = network.clone();
        apply_checked(network, undo).expect("the undo applies");
        assert_eq!(*network, before, "undo did not give back the network");
        after
    }

    #[test]
    fn fresh_ids_are_slugs_numbered_when_taken() {
        let network = samsung();
        assert_eq!(
            fresh_id(&network, List::Entities, "Tim Cook", "person"),
            "tim-cook"
        );
        let taken = &network.entities[0].id;
        assert_eq!(
            fresh_id(&network, List::Entities, taken, "person"),
            format!("{taken}-2")
        );
        assert_eq!(
            fresh_id(&network, List::Entities, "이재용", "person"),
            "person-1"
        );
    }

    #[test]
    fn a_made_up_id_follows_the_first_name_given() {
        let network = samsung();
        let made_up = Entity::new("entity-1", EntityKind::Person, LocalizedText::new());
        let named = |en: &str| LocalizedText::from([("en".to_owned(), en.to_owned())]);
        assert_eq!(
            id_from_name(&network, &made_up, &named("Tim Cook")).as_deref(),
            Some("tim-cook")
        );
        assert_eq!(
            id_from_name(&network, &made_up, &named("Elon Musk")).as_deref(),
            Some("elon-musk-2"),
            "an id another entity has is numbered"
        );
        let korean = LocalizedText::from([("ko".to_owned(), "팀 쿡".to_owned())]);
        assert_eq!(id_from_name(&network, &made_up, &korean), None);
        let own = &network.entities[0];
        assert_eq!(id_from_name(&network, own, &named("Other")), None);
        assert!(!is_made_up_id("entity-"));
        assert!(!is_made_up_id("entity-x"));
    }

    #[test]
    fn deleting_an_entity_takes_its_two_party_ties_and_undo_brings_them_back() {
        let mut network = samsung();
        let lee = position(&network, "lee-jae-yong");
        let deletion = delete_entity(&network, lee);
        let going: Vec<&Tie> = network
            .ties
            .iter()
            .filter(|t| t.participants.iter().any(|p| p == "lee-jae-yong"))
            .collect();
        assert_eq!(
            deletion.ties_removed.len() + deletion.ties_shrunk.len(),
            going.len()
        );
        assert!(!deletion.ties_removed.is_empty());
        let after = apply_and_undo(&mut network, deletion.edit);
        assert!(after.entity("lee-jae-yong").is_none());
        assert!(
            after
                .ties
                .iter()
                .all(|t| !t.participants.iter().any(|p| p == "lee-jae-yong"))
        );
        for id in &deletion.ties_shrunk {
            assert!(after.tie(id).is_some_and(|t| t.participants.len() >= 2));
        }
    }

    #[test]
    fn a_changed_entity_id_is_followed_in_its_ties() {
        let mut network = samsung();
        let lee = position(&network, "lee-jae-yong");
        let mut renamed = network.entities[lee].clone();
        renamed.id = "jy".to_owned();
        let edit = change_entity(&network, lee, renamed);
        let after = apply_and_undo(&mut network, edit);
        assert!(
            after
                .ties
                .iter()
                .any(|t| t.participants.contains(&"jy".to_owned()))
        );
        assert!(
            after
                .ties
                .iter()
                .all(|t| !t.participants.contains(&"lee-jae-yong".to_owned()))
        );
    }

    #[test]
    fn a_changed_source_id_is_followed_in_the_evidence_and_a_deleted_source_takes_its_quotes() {
        let mut network = samsung();
        let old = network.sources[0].id.clone();
        let mut renamed = network.sources[0].clone();
        renamed.id = "renamed".to_owned();
        let edit = change_source(&network, 0, renamed);
        let after = apply_and_undo(&mut network, edit);
        let quoting = |n: &Network, id: &str| {
            n.ties
                .iter()
                .flat_map(|t| &t.evidence)
                .filter(|e| e.source == id)
                .count()
        };
        assert_eq!(quoting(&after, &old), 0);
        assert_eq!(quoting(&after, "renamed"), quoting(&network, &old));

        let (edit, ties) = delete_source(&network, 0);
        assert!(!ties.is_empty());
        let after = apply_and_undo(&mut network, edit);
        assert!(after.source(&old).is_none());
        assert_eq!(quoting(&after, &old), 0);
    }

    #[test]
    fn added_and_moved_entities_and_ties_undo() {
        let mut network = samsung();
        let name = LocalizedText::from([("en".to_owned(), "Tim Cook".to_owned())]);
        let mut cook = Entity::new("tim-cook", EntityKind::Person, name);
        cook.position = Some(Position { x: 1.0, y: 2.0 });
        let edit = add_entity(&network, cook.clone());
        let after = apply_and_undo(&mut network, edit);
        assert_eq!(after.entities.last(), Some(&cook));

        let tie = Tie::new("t-new", TieKind::Meeting, &["lee-jae-yong", "elon-musk"]);
        let edit = add_tie(&network, tie.clone());
        let after = apply_and_undo(&mut network, edit);
        assert_eq!(after.ties.last(), Some(&tie));

        let lee = position(&network, "lee-jae-yong");
        let edit = move_entity(&network, lee, Position { x: 5.0, y: 6.0 }, true);
        let after = apply_and_undo(&mut network, edit);
        assert_eq!(
            after.entities[lee].position,
            Some(Position { x: 5.0, y: 6.0 })
        );
        assert!(after.entities[lee].pinned);
        let edit = delete_tie(&network, 0);
        apply_and_undo(&mut network, edit);
    }

    fn caption(en: &str) -> LocalizedText {
        LocalizedText::from([("en".to_owned(), en.to_owned())])
    }

    /// The Samsung network with a story of three steps: Lee and Musk's meeting, the
    /// contract after it (with Lee), and a step of only a caption.
    fn with_story() -> Network {
        let mut network = samsung();
        let mut meeting = StoryStep::new(caption("They meet"));
        meeting.entities = vec!["lee-jae-yong".to_owned(), "elon-musk".to_owned()];
        meeting.ties = vec!["lee-musk-2023-meeting".to_owned()];
        let mut contract = StoryStep::new(caption("A contract follows"));
        contract.entities = vec!["lee-jae-yong".to_owned()];
        contract.ties = vec!["samsung-electronics-tesla-ai6-contract".to_owned()];
        network.story = vec![meeting, contract, StoryStep::new(caption("The end"))];
        network
    }

    fn tie_position(network: &Network, id: &str) -> usize {
        network.ties.iter().position(|t| t.id == id).expect("tie")
    }

    #[test]
    fn steps_are_added_changed_moved_and_deleted_and_each_undoes() {
        let mut network = with_story();
        let added = StoryStep::new(caption("Added"));
        let edit = add_step(&network, added.clone());
        let after = apply_and_undo(&mut network, edit);
        assert_eq!(after.story.len(), 4);
        assert_eq!(after.story.last(), Some(&added));

        let mut changed = network.story[1].clone();
        changed.caption.insert("ko", "계약이 뒤따른다");
        let after = apply_and_undo(&mut network, change_step(1, changed.clone()));
        assert_eq!(after.story[1], changed);

        let captions = |network: &Network| -> Vec<String> {
            (network.story.iter())
                .map(|step| step.caption["en"].to_owned())
                .collect()
        };
        let edit = move_step(&network, 0, 2);
        let after = apply_and_undo(&mut network, edit);
        assert_eq!(
            captions(&after),
            ["A contract follows", "The end", "They meet"]
        );
        let edit = move_step(&network, 2, 1);
        let after = apply_and_undo(&mut network, edit);
        assert_eq!(
            captions(&after),
            ["They meet", "The end", "A contract follows"]
        );

        let after = apply_and_undo(&mut network, delete_step(0));
        assert_eq!(captions(&after), ["A contract follows", "The end"]);
    }

    #[test]
    fn a_step_the_validator_refuses_is_not_added() {
        let mut network = with_story();
        let before = network.clone();
        let mut dangling = StoryStep::new(caption("Nobody"));
        dangling.ties = vec!["no-such-tie".to_owned()];
        let edit = add_step(&network, dangling);
        let refused = apply_checked(&mut network, edit);
        let Err(crate::edit::EditError::Invalid(errors)) = refused else {
            panic!("a step naming no tie was added: {refused:?}");
        };
        assert_eq!(errors[0].path, "story[3].ties[0]");
        let uncaptioned = StoryStep::new(LocalizedText::new());
        assert!(apply_checked(&mut network, change_step(0, uncaptioned)).is_err());
        assert_eq!(network, before);
    }

    #[test]
    fn a_deleted_entity_leaves_the_steps_with_the_ties_that_went_with_it() {
        let mut network = with_story();
        let musk = position(&network, "elon-musk");
        let deletion = delete_entity(&network, musk);
        assert!(
            (deletion.ties_removed).contains(&"lee-musk-2023-meeting".to_owned()),
            "{deletion:?}"
        );
        let after = apply_and_undo(&mut network, deletion.edit);
        assert_eq!(after.story[0].entities, ["lee-jae-yong"]);
        assert!(after.story[0].ties.is_empty(), "{:?}", after.story[0]);
        assert_eq!(
            after.story[1], network.story[1],
            "a step without Musk stays"
        );
    }

    #[test]
    fn a_deleted_tie_leaves_the_steps() {
        let mut network = with_story();
        let contract = tie_position(&network, "samsung-electronics-tesla-ai6-contract");
        let edit = delete_tie(&network, contract);
        let after = apply_and_undo(&mut network, edit);
        assert!(
            after
                .tie("samsung-electronics-tesla-ai6-contract")
                .is_none()
        );
        assert!(after.story[1].ties.is_empty());
        assert_eq!(after.story[1].entities, ["lee-jae-yong"]);
        assert_eq!(after.story[0], network.story[0]);
    }

    #[test]
    fn changed_entity_and_tie_ids_are_followed_in_the_steps() {
        let mut network = with_story();
        let lee = position(&network, "lee-jae-yong");
        let mut renamed = network.entities[lee].clone();
        renamed.id = "jy".to_owned();
        let edit = change_entity(&network, lee, renamed);
        let after = apply_and_undo(&mut network, edit);
        assert_eq!(after.story[0].entities, ["jy", "elon-musk"]);
        assert_eq!(after.story[1].entities, ["jy"]);

        let meeting = tie_position(&network, "lee-musk-2023-meeting");
        let mut renamed = network.ties[meeting].clone();
        renamed.id = "first-meeting".to_owned();
        let edit = change_tie(&network, meeting, renamed);
        let after = apply_and_undo(&mut network, edit);
        assert_eq!(after.story[0].ties, ["first-meeting"]);
        assert!(after.tie("lee-musk-2023-meeting").is_none());

        // A tie changed but for its id is one edit, and touches no step.
        let mut summary = network.ties[meeting].clone();
        summary.summary = "changed".to_owned();
        assert!(matches!(
            change_tie(&network, meeting, summary),
            Edit::Replace { .. }
        ));
    }

    #[test]
    fn repointing_keeps_each_id_once() {
        let mut ids = vec!["a".to_owned(), "b".to_owned()];
        repoint(&mut ids, "a", "c");
        assert_eq!(ids, ["c", "b"]);
        repoint(&mut ids, "c", "b");
        assert_eq!(ids, ["b"]);
        repoint(&mut ids, "absent", "x");
        assert_eq!(ids, ["b"]);
    }
}
