//! Changing a network: every change is an [`Edit`], applied in one place ([`apply`]),
//! which gives back the edit that undoes it. [`apply_checked`] also runs the loader's own
//! validator and refuses an edit that would make the file invalid. [`ops`] builds the
//! edits a person asks for (add, change, delete, move, merge); [`history`] keeps them for
//! undo and redo; [`duplicates`] finds entities that are likely the same.

pub mod duplicates;
pub mod history;
pub mod merge;
pub mod ops;

use std::fmt;

use crate::network::diagnostic::Diagnostic;
use crate::network::model::{Entity, Group, Network, ShownBy, Source, StoryStep, Tie};
use crate::network::validate::validate;

/// One element of one of the network's lists.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Source(Source),
    Group(Group),
    Entity(Entity),
    Tie(Tie),
    /// A step of the story.
    Step(StoryStep),
}

impl Item {
    /// The list the item belongs in.
    pub fn list(&self) -> List {
        match self {
            Self::Source(_) => List::Sources,
            Self::Group(_) => List::Groups,
            Self::Entity(_) => List::Entities,
            Self::Tie(_) => List::Ties,
            Self::Step(_) => List::Story,
        }
    }
}

/// One of the network's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Sources,
    Groups,
    Entities,
    Ties,
    /// The story's steps.
    Story,
}

impl List {
    /// The list's name in the file, which the validator's paths start with.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sources => "sources",
            Self::Groups => "groups",
            Self::Entities => "entities",
            Self::Ties => "ties",
            Self::Story => "story",
        }
    }

    fn len(self, network: &Network) -> usize {
        match self {
            Self::Sources => network.sources.len(),
            Self::Groups => network.groups.len(),
            Self::Entities => network.entities.len(),
            Self::Ties => network.ties.len(),
            Self::Story => network.story.len(),
        }
    }
}

/// The network's own fields: what the file says it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Details {
    pub title: String,
    pub description: String,
    pub label_language: String,
}

impl Details {
    pub fn of(network: &Network) -> Self {
        Self {
            title: network.title.clone(),
            description: network.description.clone(),
            label_language: network.label_language.clone(),
        }
    }
}

/// A change to a network. Positions are indexes into the lists as they are when the edit
/// is applied; [`ops`] works them out from ids.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Sets the title, description and label language.
    SetDetails(Details),
    /// Sets which attributes the map shows as labels, kinds, colours and sizes: saved with
    /// the map, so choosing is a step of the history like any other change to the file.
    SetShownBy(ShownBy),
    /// Puts an item at position `at` of its list (`at` may be the list's length).
    Insert { at: usize, item: Item },
    /// Takes the item at position `at` out of `list`.
    Remove { list: List, at: usize },
    /// Puts `item` in place of the item at position `at` of its list.
    Replace { at: usize, item: Item },
    /// Several edits as one step, applied in order.
    Batch(Vec<Edit>),
    /// Puts another network in place of the whole network (another map merged in).
    ReplaceNetwork(Box<Network>),
}

/// Why an edit was not made; the network is as it was.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// The edit names a position its list does not have: the network changed since the
    /// edit was made.
    OutOfRange { list: List, at: usize },
    /// The edit would make the file invalid; the validator's errors say where and why.
    Invalid(Vec<Diagnostic>),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OutOfRange { list, at } => {
                write!(f, "{}[{at}] is not there any more", list.name())
            }
            Self::Invalid(errors) => {
                let messages: Vec<String> = errors
                    .iter()
                    .map(|error| match error.path.as_str() {
                        "" => error.message.clone(),
                        path => format!("{path}: {}", error.message),
                    })
                    .collect();
                f.write_str(&messages.join("; "))
            }
        }
    }
}

impl std::error::Error for EditError {}

/// Applies `edit` to `network` and returns the edit that undoes it. On error nothing is
/// changed: a batch that fails part way is rolled back.
pub fn apply(network: &mut Network, edit: Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::SetDetails(details) => {
            let before = Details::of(network);
            network.title = details.title;
            network.description = details.description;
            network.label_language = details.label_language;
            Ok(Edit::SetDetails(before))
        }
        Edit::SetShownBy(shown_by) => Ok(Edit::SetShownBy(std::mem::replace(
            &mut network.shown_by,
            shown_by,
        ))),
        Edit::Insert { at, item } => {
            let list = item.list();
            if at > list.len(network) {
                return Err(EditError::OutOfRange { list, at });
            }
            match item {
                Item::Source(source) => network.sources.insert(at, source),
                Item::Group(group) => network.groups.insert(at, group),
                Item::Entity(entity) => network.entities.insert(at, entity),
                Item::Tie(tie) => network.ties.insert(at, tie),
                Item::Step(step) => network.story.insert(at, step),
            }
            Ok(Edit::Remove { list, at })
        }
        Edit::Remove { list, at } => {
            if at >= list.len(network) {
                return Err(EditError::OutOfRange { list, at });
            }
            let item = match list {
                List::Sources => Item::Source(network.sources.remove(at)),
                List::Groups => Item::Group(network.groups.remove(at)),
                List::Entities => Item::Entity(network.entities.remove(at)),
                List::Ties => Item::Tie(network.ties.remove(at)),
                List::Story => Item::Step(network.story.remove(at)),
            };
            Ok(Edit::Insert { at, item })
        }
        Edit::Replace { at, item } => {
            let list = item.list();
            if at >= list.len(network) {
                return Err(EditError::OutOfRange { list, at });
            }
            let before = match item {
                Item::Source(source) => {
                    Item::Source(std::mem::replace(&mut network.sources[at], source))
                }
                Item::Group(group) => {
                    Item::Group(std::mem::replace(&mut network.groups[at], group))
                }
                Item::Entity(entity) => {
                    Item::Entity(std::mem::replace(&mut network.entities[at], entity))
                }
                Item::Tie(tie) => Item::Tie(std::mem::replace(&mut network.ties[at], tie)),
                Item::Step(step) => Item::Step(std::mem::replace(&mut network.story[at], step)),
            };
            Ok(Edit::Replace { at, item: before })
        }
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply(network, edit) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(err) => {
                        roll_back(network, inverses);
                        return Err(err);
                    }
                }
            }
            inverses.reverse();
            Ok(Edit::Batch(inverses))
        }
        Edit::ReplaceNetwork(other) => {
            let before = std::mem::replace(network, *other);
            Ok(Edit::ReplaceNetwork(Box::new(before)))
        }
    }
}

/// Undoes the edits of a batch that were applied before one failed, last first.
fn roll_back(network: &mut Network, inverses: Vec<Edit>) {
    for inverse in inverses.into_iter().rev() {
        // An inverse fits the network its edit left, so it applies.
        if let Err(err) = apply(network, inverse) {
            tracing::error!("rolling back a failed edit: {err}");
        }
    }
}

/// As [`apply`], then refuses the edit, leaving the network as it was, when the loader's
/// validator finds an error in the result that the network did not have before.
pub fn apply_checked(network: &mut Network, edit: Edit) -> Result<Edit, EditError> {
    let errors_before: Vec<Diagnostic> = validate(network)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    let inverse = apply(network, edit)?;
    let new_errors: Vec<Diagnostic> = validate(network)
        .into_iter()
        .filter(|found| found.is_error() && !errors_before.contains(found))
        .collect();
    if new_errors.is_empty() {
        Ok(inverse)
    } else {
        roll_back(network, vec![inverse]);
        Err(EditError::Invalid(new_errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::dataset::load_default_network;
    use crate::network::model::{EntityKind, LocalizedText, TieKind};

    fn samsung() -> Network {
        load_default_network()
            .expect("the default network loads")
            .network
    }

    fn names(en: &str) -> LocalizedText {
        LocalizedText::from([("en".to_owned(), en.to_owned())])
    }

    /// Applies `edit`, checks it changed the network, undoes it and checks the network is
    /// identical to before; then redoes it and checks it is as after the edit.
    fn round_trip(edit: Edit) {
        let original = samsung();
        let mut network = original.clone();
        let inverse = apply_checked(&mut network, edit).expect("the edit applies");
        assert_ne!(network, original, "the edit changed nothing");
        let after = network.clone();
        let redo = apply_checked(&mut network, inverse).expect("the inverse applies");
        assert_eq!(network, original, "undo did not give back the network");
        apply_checked(&mut network, redo).expect("the redo applies");
        assert_eq!(network, after, "redo did not give back the edited network");
    }

    #[test]
    fn every_kind_of_edit_undoes_to_the_identical_network() {
        let network = samsung();
        round_trip(Edit::SetDetails(Details {
            title: "Another title".to_owned(),
            description: "d".to_owned(),
            label_language: "ko".to_owned(),
        }));
        round_trip(Edit::SetShownBy(ShownBy {
            label: Some("founded".to_owned()),
            ..ShownBy::default()
        }));
        round_trip(Edit::Insert {
            at: 3,
            item: Item::Entity(Entity::new("new", EntityKind::Person, names("New"))),
        });
        let mut source = network.sources[0].clone();
        source.id = "another".to_owned();
        round_trip(Edit::Insert {
            at: 0,
            item: Item::Source(source),
        });
        round_trip(Edit::Remove {
            list: List::Ties,
            at: 2,
        });
        let mut tie = network.ties[1].clone();
        tie.summary = "changed".to_owned();
        round_trip(Edit::Replace {
            at: 1,
            item: Item::Tie(tie),
        });
        let mut group = network.groups[0].clone();
        group.name = names("Renamed");
        round_trip(Edit::Replace {
            at: 0,
            item: Item::Group(group),
        });
        round_trip(Edit::Batch(vec![
            Edit::Insert {
                at: network.entities.len(),
                item: Item::Entity(Entity::new("a", EntityKind::Person, names("A"))),
            },
            Edit::Insert {
                at: network.ties.len(),
                item: Item::Tie(Tie::new(
                    "t",
                    TieKind::Meeting,
                    &["a", &network.entities[0].id],
                )),
            },
        ]));
        round_trip(Edit::ReplaceNetwork(Box::new(Network::empty())));

        let mut step = crate::network::model::StoryStep::new(names("A step"));
        step.entities = vec![network.entities[0].id.clone()];
        round_trip(Edit::Insert {
            at: network.story.len(),
            item: Item::Step(step),
        });
    }

    #[test]
    fn an_edit_that_would_make_the_file_invalid_is_refused_and_changes_nothing() {
        let original = samsung();
        let mut network = original.clone();
        let mut twin = network.entities[1].clone();
        twin.id = network.entities[0].id.clone();
        let refused = apply_checked(
            &mut network,
            Edit::Replace {
                at: 1,
                item: Item::Entity(twin),
            },
        );
        let Err(EditError::Invalid(errors)) = refused else {
            panic!("a duplicate id was accepted: {refused:?}");
        };
        assert_eq!(errors[0].path, "entities[1].id");
        assert!(errors[0].message.contains("duplicate id"), "{errors:?}");
        assert_eq!(network, original);

        let dangling = Tie::new("t", TieKind::Meeting, &[&original.entities[0].id, "nobody"]);
        let refused = apply_checked(
            &mut network,
            Edit::Insert {
                at: 0,
                item: Item::Tie(dangling),
            },
        );
        assert!(
            refused
                .as_ref()
                .is_err_and(|err| err.to_string().contains("no entity has the id \"nobody\"")),
            "{refused:?}"
        );
        assert_eq!(network, original);
    }

    #[test]
    fn a_batch_that_fails_part_way_is_rolled_back() {
        let original = samsung();
        let mut network = original.clone();
        let result = apply(
            &mut network,
            Edit::Batch(vec![
                Edit::Remove {
                    list: List::Ties,
                    at: 0,
                },
                Edit::Remove {
                    list: List::Ties,
                    at: 10_000,
                },
            ]),
        );
        assert_eq!(
            result,
            Err(EditError::OutOfRange {
                list: List::Ties,
                at: 10_000
            })
        );
        assert_eq!(network, original);
    }
}
