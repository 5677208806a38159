//! Merging two entities that are one: the ties and story steps of the one that goes are
//! re-pointed to the one that stays (a tie between only the two becomes a self-loop of
//! the one that stays, its evidence kept); names, aliases, attributes and evidence are
//! combined; where the two say different things ([`Conflict`]), the person chooses, and
//! nothing is dropped unsaid.

use crate::edit::ops::{repoint, story_edits};
use crate::edit::{Edit, Item, List};
use crate::network::model::{Entity, LocalizedText, Network, Tie, distinct_participants};

/// A field the two entities give different values for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// What differs, as the person reads it: "kind", "name (en)", "attribute founded".
    pub field: String,
    /// The value of the entity that stays.
    pub kept: String,
    /// The value of the entity merged into it.
    pub merged: String,
    which: Field,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Field {
    Kind,
    Name(String),
    Role(String),
    Description(String),
    Group,
    Attribute(String),
}

/// Which value a merge keeps, for one conflict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Choice {
    /// The value of the entity that stays.
    #[default]
    Kept,
    /// The value of the entity merged into it.
    Merged,
}

/// The fields on which `kept` and `merged` disagree, in a fixed order.
pub fn conflicts(kept: &Entity, merged: &Entity) -> Vec<Conflict> {
    let mut found = Vec::new();
    let mut differ = |field: String, which: Field, a: &str, b: &str| {
        if a != b {
            found.push(Conflict {
                field,
                kept: a.to_owned(),
                merged: b.to_owned(),
                which,
            });
        }
    };
    differ(
        "kind".to_owned(),
        Field::Kind,
        kept.kind.label(),
        merged.kind.label(),
    );
    let texts = [
        ("name", Some(&kept.name), Some(&merged.name)),
        ("role", kept.role.as_ref(), merged.role.as_ref()),
        (
            "description",
            kept.description.as_ref(),
            merged.description.as_ref(),
        ),
    ];
    for (label, a, b) in texts {
        let (Some(a), Some(b)) = (a, b) else {
            continue;
        };
        for (language, text) in a {
            if let Some(other) = b.get(language) {
                let which = match label {
                    "name" => Field::Name(language.to_owned()),
                    "role" => Field::Role(language.to_owned()),
                    _ => Field::Description(language.to_owned()),
                };
                differ(format!("{label} ({language})"), which, text, other);
            }
        }
    }
    if let (Some(a), Some(b)) = (&kept.group, &merged.group) {
        differ("group".to_owned(), Field::Group, a, b);
    }
    for (key, value) in &kept.attributes {
        if let Some(other) = merged.attributes.get(key) {
            differ(
                format!("attribute {key}"),
                Field::Attribute(key.to_owned()),
                value,
                other,
            );
        }
    }
    found
}

/// Merging one entity into another: the edit and what it does.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    pub edit: Edit,
    /// The entity as it will be.
    pub entity: Entity,
    /// Ties re-pointed from the merged entity to the kept one.
    pub ties_repointed: Vec<String>,
    /// Ties that became the same as another (same kind, participants and date): each is
    /// folded into the first, with its evidence, and goes. `(gone, into)`.
    pub ties_folded: Vec<(String, String)>,
    /// Ties between only the two, which now join the entity to itself: self-loops, kept
    /// with their evidence (the person may delete them). Also in `ties_repointed`.
    pub ties_looped: Vec<String>,
}

/// Merges the entity at `merged_at` into the one at `kept_at`, taking for each of
/// [`conflicts`] the value `choices` says (the kept one where `choices` is short).
pub fn merge_entities(
    network: &Network,
    kept_at: usize,
    merged_at: usize,
    choices: &[Choice],
) -> Merge {
    let kept = &network.entities[kept_at];
    let merged = &network.entities[merged_at];
    let entity = combined_entity(kept, merged, choices);

    let mut edits = Vec::new();
    let mut ties: Vec<Option<Tie>> = network.ties.iter().cloned().map(Some).collect();
    let mut changed = vec![false; ties.len()];
    let mut ties_repointed = Vec::new();
    let mut ties_looped = Vec::new();
    for (t, slot) in ties.iter_mut().enumerate() {
        let Some(tie) = slot else { continue };
        if !tie.participants.contains(&merged.id) {
            continue;
        }
        let was_loop = tie.is_self_loop();
        tie.participants = distinct_participants(tie.participants.iter().map(|participant| {
            if *participant == merged.id {
                kept.id.clone()
            } else {
                participant.clone()
            }
        }));
        changed[t] = true;
        if tie.is_self_loop() && !was_loop {
            ties_looped.push(tie.id.clone());
        }
        ties_repointed.push(tie.id.clone());
    }
    // Ties that are now the same tie: the later is folded into the earlier.
    let mut ties_folded = Vec::new();
    for t in 0..ties.len() {
        if !changed[t] {
            continue;
        }
        let Some(tie) = ties[t].clone() else { continue };
        let twin = (0..ties.len())
            .find(|&u| u != t && ties[u].as_ref().is_some_and(|other| same_tie(other, &tie)));
        if let Some(u) = twin.filter(|&u| u < t)
            && let Some(into) = ties[u].as_mut()
        {
            for evidence in tie.evidence {
                if !into.evidence.contains(&evidence) {
                    into.evidence.push(evidence);
                }
            }
            for (key, value) in &tie.attributes {
                if !into.attributes.contains_key(key) {
                    into.attributes.insert(key, value);
                }
            }
            changed[u] = true;
            ties_folded.push((tie.id.clone(), into.id.clone()));
            ties_repointed.retain(|id| *id != tie.id);
            ties_looped.retain(|id| *id != tie.id);
            ties[t] = None;
        }
    }
    for (t, slot) in ties.iter().enumerate() {
        if let Some(tie) = slot
            && changed[t]
        {
            edits.push(Edit::Replace {
                at: t,
                item: Item::Tie(tie.clone()),
            });
        }
    }
    for (t, slot) in ties.iter().enumerate().rev() {
        if slot.is_none() {
            edits.push(Edit::Remove {
                list: List::Ties,
                at: t,
            });
        }
    }
    // The story's steps follow: the merged entity is the kept one, and a folded tie the
    // one it went into.
    edits.extend(story_edits(network, |step| {
        repoint(&mut step.entities, &merged.id, &kept.id);
        for (gone, into) in &ties_folded {
            repoint(&mut step.ties, gone, into);
        }
    }));
    edits.push(Edit::Replace {
        at: kept_at,
        item: Item::Entity(entity.clone()),
    });
    edits.push(Edit::Remove {
        list: List::Entities,
        at: merged_at,
    });
    Merge {
        edit: Edit::Batch(edits),
        entity,
        ties_repointed,
        ties_folded,
        ties_looped,
    }
}

/// Two ties that say the same: the same kind among the same participants on the same date.
/// (Both ways round: a self-loop lists one entity twice.)
fn same_tie(a: &Tie, b: &Tie) -> bool {
    a.kind == b.kind
        && a.date == b.date
        && a.participants.len() == b.participants.len()
        && a.participants.iter().all(|p| b.participants.contains(p))
        && b.participants.iter().all(|p| a.participants.contains(p))
}

/// The kept entity with what the merged one adds, and the chosen side of each conflict.
fn combined_entity(kept: &Entity, merged: &Entity, choices: &[Choice]) -> Entity {
    let mut entity = kept.clone();
    let take_merged: Vec<Field> = conflicts(kept, merged)
        .into_iter()
        .zip(
            choices
                .iter()
                .copied()
                .chain(std::iter::repeat(Choice::Kept)),
        )
        .filter(|(_, choice)| *choice == Choice::Merged)
        .map(|(conflict, _)| conflict.which)
        .collect();
    let chosen = |field: Field| take_merged.contains(&field);

    if chosen(Field::Kind) {
        entity.kind = merged.kind;
    }
    combine_text(&mut entity.name, &merged.name, |l| chosen(Field::Name(l)));
    for (target, from, field) in [
        (
            &mut entity.role,
            &merged.role,
            Field::Role as fn(String) -> Field,
        ),
        (
            &mut entity.description,
            &merged.description,
            Field::Description,
        ),
    ] {
        match (target.as_mut(), from) {
            (Some(target), Some(from)) => combine_text(target, from, |l| chosen(field(l))),
            (None, Some(from)) => *target = Some(from.clone()),
            _ => {}
        }
    }
    match (&entity.group, &merged.group) {
        (None, Some(group)) => entity.group = Some(group.clone()),
        (Some(_), Some(group)) if chosen(Field::Group) => entity.group = Some(group.clone()),
        _ => {}
    }
    for (key, value) in &merged.attributes {
        if !entity.attributes.contains_key(key) || chosen(Field::Attribute(key.to_owned())) {
            entity.attributes.insert(key, value);
        }
    }
    // Every name and alias either had, and that the merged entity no longer shows, stays
    // as an alias, so that search still finds it.
    let mut aliases: Vec<String> = kept.aliases.clone();
    let every_name = (kept.name.values())
        .chain(merged.name.values())
        .chain(merged.aliases.iter().map(String::as_str));
    for name in every_name {
        if !entity.name.values().any(|n| n == name) && !aliases.iter().any(|a| a == name) {
            aliases.push(name.to_owned());
        }
    }
    entity.aliases = aliases;
    if entity.position.is_none() {
        entity.position = merged.position;
    }
    entity.pinned = entity.position.is_some() && (kept.pinned || merged.pinned);
    entity
}

/// Adds the languages `from` has and `into` lacks; a language both have takes `from`'s
/// text where `take_from` says so.
fn combine_text(
    into: &mut LocalizedText,
    from: &LocalizedText,
    take_from: impl Fn(String) -> bool,
) {
    let mut combined = into.clone();
    for (language, text) in from {
        match combined.get(language) {
            None => {
                combined.insert(language, text);
            }
            Some(own) if own != text && take_from(language.to_owned()) => {
                combined.insert(language, text);
            }
            Some(_) => {}
        }
    }
    *into = combined;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply_checked;
    use crate::network::dataset::load_default_network;
    use crate::network::model::{EntityKind, Evidence, TieKind};

    /// The Samsung network with a second Lee Jae-yong, known by his English name only and
    /// tied to Elon Musk by a meeting that quotes the first article.
    fn with_duplicate() -> Network {
        let mut network = load_default_network().expect("loads").network;
        let mut twin = Entity::new(
            "jy-lee",
            EntityKind::Person,
            LocalizedText::from([("en".to_owned(), "Jay Y. Lee".to_owned())]),
        );
        twin.aliases.push("JY".to_owned());
        twin.attributes.insert("born", "1968");
        network.entities.push(twin);
        let mut tie = Tie::new("jy-musk", TieKind::Meeting, &["jy-lee", "elon-musk"]);
        tie.evidence.push(Evidence {
            source: network.sources[0].id.clone(),
            quote: "A quote.".to_owned(),
            translation: None,
        });
        network.ties.push(tie);
        let mut between = Tie::new("jy-jy", TieKind::Other, &["jy-lee", "lee-jae-yong"]);
        between.summary = "the same man".to_owned();
        network.ties.push(between);
        network
    }

    fn at(network: &Network, id: &str) -> usize {
        network
            .entities
            .iter()
            .position(|e| e.id == id)
            .expect("entity")
    }

    #[test]
    fn merging_repoints_ties_combines_names_and_undoes() {
        let mut network = with_duplicate();
        let original = network.clone();
        let (kept, merged) = (at(&network, "lee-jae-yong"), at(&network, "jy-lee"));
        let conflicts = conflicts(&network.entities[kept], &network.entities[merged]);
        assert_eq!(
            conflicts
                .iter()
                .map(|c| c.field.as_str())
                .collect::<Vec<_>>(),
            ["name (en)"]
        );
        let merge = merge_entities(&network, kept, merged, &[]);
        assert_eq!(merge.ties_repointed, ["jy-musk", "jy-jy"]);
        assert_eq!(merge.ties_looped, ["jy-jy"]);
        let undo = apply_checked(&mut network, merge.edit).expect("the merge applies");
        assert!(network.entity("jy-lee").is_none());
        let lee = network.entity("lee-jae-yong").expect("kept");
        assert_eq!(&lee.name["en"], "Lee Jae-yong", "the kept name by default");
        assert!(
            lee.aliases.contains(&"Jay Y. Lee".to_owned()),
            "{:?}",
            lee.aliases
        );
        assert!(lee.aliases.contains(&"JY".to_owned()));
        assert_eq!(&lee.attributes["born"], "1968");
        let musk = network.tie("jy-musk").expect("re-pointed");
        assert!(musk.participants.contains(&"lee-jae-yong".to_owned()));
        let between = network.tie("jy-jy").expect("kept, as a self-loop");
        assert_eq!(between.participants, ["lee-jae-yong", "lee-jae-yong"]);
        assert_eq!(between.summary, "the same man");
        apply_checked(&mut network, undo).expect("undo applies");
        assert_eq!(network, original);
    }

    #[test]
    fn a_conflict_takes_the_side_chosen() {
        let network = with_duplicate();
        let (kept, merged) = (at(&network, "lee-jae-yong"), at(&network, "jy-lee"));
        let merge = merge_entities(&network, kept, merged, &[Choice::Merged]);
        assert_eq!(&merge.entity.name["en"], "Jay Y. Lee");
        assert!(merge.entity.aliases.contains(&"Lee Jae-yong".to_owned()));
    }

    #[test]
    fn ties_that_become_one_are_folded_with_their_evidence() {
        let mut network = with_duplicate();
        let existing = network
            .ties
            .iter()
            .find(|t| {
                t.participants.len() == 2
                    && t.participants.contains(&"lee-jae-yong".to_owned())
                    && t.date.is_some()
            })
            .expect("a dated two-party tie of Lee's")
            .clone();
        let other = existing
            .participants
            .iter()
            .find(|p| *p != "lee-jae-yong")
            .expect("other side")
            .clone();
        let mut twin = Tie::new("twin", existing.kind, &["jy-lee", &other]);
        twin.date = existing.date;
        twin.evidence.push(Evidence {
            source: network.sources[0].id.clone(),
            quote: "Another sentence.".to_owned(),
            translation: None,
        });
        network.ties.push(twin);
        let (kept, merged) = (at(&network, "lee-jae-yong"), at(&network, "jy-lee"));
        let merge = merge_entities(&network, kept, merged, &[]);
        assert_eq!(
            merge.ties_folded,
            [("twin".to_owned(), existing.id.clone())]
        );
        apply_checked(&mut network, merge.edit).expect("applies");
        let folded = network.tie(&existing.id).expect("kept tie");
        assert_eq!(folded.evidence.len(), existing.evidence.len() + 1);
        assert!(network.tie("twin").is_none());
    }

    #[test]
    fn a_tie_between_the_two_becomes_a_self_loop_folded_into_one_alike() {
        let mut network = with_duplicate();
        // Lee already has a self-loop like the tie between the two, and a tie with Musk
        // of the same kind and date, which is no self-loop and stays apart.
        // Earlier in the file than the tie between the two, which folds into it.
        network.ties.insert(
            0,
            Tie::new("lee-lee", TieKind::Other, &["lee-jae-yong", "lee-jae-yong"]),
        );
        network.ties.push(Tie::new(
            "lee-musk",
            TieKind::Other,
            &["lee-jae-yong", "elon-musk"],
        ));
        let (kept, merged) = (at(&network, "lee-jae-yong"), at(&network, "jy-lee"));
        let merge = merge_entities(&network, kept, merged, &[]);
        assert_eq!(
            merge.ties_folded,
            [("jy-jy".to_owned(), "lee-lee".to_owned())]
        );
        assert!(merge.ties_looped.is_empty(), "{:?}", merge.ties_looped);
        apply_checked(&mut network, merge.edit).expect("applies");
        let lee_lee = network.tie("lee-lee").expect("the loop it went into");
        assert_eq!(lee_lee.participants, ["lee-jae-yong", "lee-jae-yong"]);
        assert_eq!(
            network.tie("lee-musk").expect("apart").participants,
            ["lee-jae-yong", "elon-musk"]
        );
    }

    #[test]
    fn the_story_follows_a_merge() {
        use crate::network::model::StoryStep;
        let mut network = with_duplicate();
        let caption = |en: &str| LocalizedText::from([("en".to_owned(), en.to_owned())]);
        let mut twin_step = StoryStep::new(caption("The twin"));
        twin_step.entities = vec!["jy-lee".to_owned()];
        twin_step.ties = vec!["jy-musk".to_owned(), "jy-jy".to_owned()];
        let mut both = StoryStep::new(caption("Both"));
        both.entities = vec!["lee-jae-yong".to_owned(), "jy-lee".to_owned()];
        network.story = vec![twin_step, both];
        let original = network.clone();
        let (kept, merged) = (at(&network, "lee-jae-yong"), at(&network, "jy-lee"));
        let merge = merge_entities(&network, kept, merged, &[]);
        let undo = apply_checked(&mut network, merge.edit).expect("the merge applies");
        assert_eq!(network.story[0].entities, ["lee-jae-yong"]);
        assert_eq!(
            network.story[0].ties,
            ["jy-musk", "jy-jy"],
            "the tie between the two stays, a self-loop"
        );
        assert_eq!(network.story[1].entities, ["lee-jae-yong"], "listed once");
        apply_checked(&mut network, undo).expect("undo applies");
        assert_eq!(network, original);
    }

    #[test]
    fn a_step_of_a_folded_tie_highlights_the_tie_it_went_into() {
        use crate::network::model::StoryStep;
        let mut network = with_duplicate();
        let existing = network.tie("lee-musk-2023-meeting").expect("a tie").clone();
        let mut twin = Tie::new("twin", existing.kind, &["jy-lee", "elon-musk"]);
        twin.date = existing.date;
        network.ties.push(twin);
        let mut step = StoryStep::new(LocalizedText::from([("en".to_owned(), "Twin".to_owned())]));
        step.ties = vec!["twin".to_owned()];
        network.story.push(step);
        let (kept, merged) = (at(&network, "lee-jae-yong"), at(&network, "jy-lee"));
        let merge = merge_entities(&network, kept, merged, &[]);
        assert_eq!(
            merge.ties_folded,
            [("twin".to_owned(), existing.id.clone())]
        );
        apply_checked(&mut network, merge.edit).expect("applies");
        assert_eq!(network.story.last().expect("the step").ties, [existing.id]);
    }
}
