//! Small networks built in code for the explorer's unit tests.

use crate::network::date::PartialDate;
use crate::network::index::{EntityIx, NetworkIndex, TieIx};
use crate::network::model::{Entity, EntityKind, LocalizedText, Network, Tie, TieKind, TieStatus};

/// Builds a network entity by entity and tie by tie.
pub(crate) struct NetworkBuilder {
    network: Network,
}

impl NetworkBuilder {
    pub(crate) fn new() -> Self {
        Self {
            network: Network::empty(),
        }
    }

    /// An entity whose English name is its id.
    pub(crate) fn entity(self, id: &str, kind: EntityKind) -> Self {
        self.named(id, kind, &[("en", id)], &[])
    }

    pub(crate) fn person(self, id: &str) -> Self {
        self.entity(id, EntityKind::Person)
    }

    pub(crate) fn company(self, id: &str) -> Self {
        self.entity(id, EntityKind::Company)
    }

    /// An entity with names by language and aliases.
    pub(crate) fn named(
        mut self,
        id: &str,
        kind: EntityKind,
        names: &[(&str, &str)],
        aliases: &[&str],
    ) -> Self {
        let names = names
            .iter()
            .map(|(language, name)| ((*language).to_owned(), (*name).to_owned()))
            .collect::<LocalizedText>();
        let mut entity = Entity::new(id, kind, names);
        entity.aliases = aliases.iter().map(|alias| (*alias).to_owned()).collect();
        self.network.entities.push(entity);
        self
    }

    /// Puts the last entity added in a group.
    pub(crate) fn in_group(mut self, group: &str) -> Self {
        let entity = self
            .network
            .entities
            .last_mut()
            .expect("in_group follows an entity");
        entity.group = Some(group.to_owned());
        self
    }

    /// A tie, dated when `date` is given (`"2025"`, `"2025-03"`, `"2025-03-01"`).
    pub(crate) fn tie(
        mut self,
        id: &str,
        kind: TieKind,
        participants: &[&str],
        date: Option<&str>,
    ) -> Self {
        let mut tie = Tie::new(id, kind, participants);
        tie.date = date.map(|text| text.parse::<PartialDate>().expect("a test date"));
        self.network.ties.push(tie);
        self
    }

    /// Gives the last tie added a status other than reported.
    pub(crate) fn with_status(mut self, status: TieStatus) -> Self {
        let tie = (self.network.ties.last_mut()).expect("with_status follows a tie");
        tie.status = status;
        self
    }

    /// An undated meeting.
    pub(crate) fn meeting(self, id: &str, participants: &[&str]) -> Self {
        self.tie(id, TieKind::Meeting, participants, None)
    }

    pub(crate) fn build(self) -> Network {
        self.network
    }
}

/// The index of the entity with this id.
pub(crate) fn entity_at(network: &Network, id: &str) -> EntityIx {
    NetworkIndex::new(network)
        .entity_ix(id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

/// The index of the tie with this id.
pub(crate) fn tie_at(network: &Network, id: &str) -> TieIx {
    NetworkIndex::new(network)
        .tie_ix(id)
        .unwrap_or_else(|| panic!("no tie {id}"))
}

/// An entity index of some larger network, past the last entity of the test's own.
pub(crate) fn foreign_entity(position: usize) -> EntityIx {
    let people = (0..=position).fold(NetworkBuilder::new(), |builder, i| {
        builder.person(&format!("p{i}"))
    });
    NetworkIndex::new(&people.build())
        .entity_ix_at(position)
        .expect("the network is large enough")
}

/// A tie index of some larger network, past the last tie of the test's own.
pub(crate) fn foreign_tie(position: usize) -> TieIx {
    let ties = (0..=position).fold(NetworkBuilder::new().person("a"), |builder, i| {
        builder.meeting(&format!("t{i}"), &["a"])
    });
    NetworkIndex::new(&ties.build())
        .tie_ix_at(position)
        .expect("the network is large enough")
}

/// The entities at these positions of `network.entities`.
pub(crate) fn entities_at(index: &NetworkIndex, positions: &[usize]) -> Vec<EntityIx> {
    positions
        .iter()
        .map(|&position| index.entity_ix_at(position).expect("a test position"))
        .collect()
}

/// The ties at these positions of `network.ties`.
pub(crate) fn ties_at(index: &NetworkIndex, positions: &[usize]) -> Vec<TieIx> {
    positions
        .iter()
        .map(|&position| index.tie_ix_at(position).expect("a test position"))
        .collect()
}

/// A date from its text.
pub(crate) fn date(text: &str) -> PartialDate {
    text.parse().expect("a test date")
}
