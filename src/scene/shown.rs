//! What the map shows of each entity as the network's [`ShownBy`] says (View ▸ Kind by,
//! Colour by, Size by): its shape and colour, its size, and the legend entries that explain
//! them; and which attributes the entities have, to choose from. The window and the
//! exporters read the same [`EntityLooks`], so a picture shows what the window shows.
//! (Labels are [`Entity::label`](crate::network::model::Entity::label).)

use std::collections::HashMap;

use crate::network::model::{EntityKind, Network, localized};
use crate::scene::style::{self, NodeShape, Rgba};

/// The values of a kind or colour attribute the legend names, each with a colour of its
/// own; the others share [`OTHER_COLOR`].
pub const NAMED_VALUES: usize = 8;

/// Colours for the values of a kind or colour attribute, the most common first (Tableau
/// 10 without its grey, which [`OTHER_COLOR`] is).
const VALUE_PALETTE: [Rgba; NAMED_VALUES] = [
    Rgba::rgb(0x4E, 0x79, 0xA7),
    Rgba::rgb(0xF2, 0x8E, 0x2B),
    Rgba::rgb(0xE1, 0x57, 0x59),
    Rgba::rgb(0x76, 0xB7, 0xB2),
    Rgba::rgb(0x59, 0xA1, 0x4F),
    Rgba::rgb(0xED, 0xC9, 0x48),
    Rgba::rgb(0xB0, 0x7A, 0xA1),
    Rgba::rgb(0x9C, 0x75, 0x5F),
];

/// The colour of the values past the named ones, and of entities without the attribute.
pub const OTHER_COLOR: Rgba = Rgba::rgb(0xA0, 0xA0, 0xA0);

/// The shapes a kind attribute's values take in turn.
const VALUE_SHAPES: [NodeShape; 5] = [
    NodeShape::Circle,
    NodeShape::Square,
    NodeShape::Diamond,
    NodeShape::Triangle,
    NodeShape::Hexagon,
];

/// The ends of the gradient a numeric colour attribute runs along: smallest to largest.
pub const GRADIENT: (Rgba, Rgba) = (Rgba::rgb(0xC6, 0xDB, 0xEF), Rgba::rgb(0x08, 0x30, 0x6B));

/// The largest entity of a size attribute is this many times its kind's size; the smallest
/// keeps its kind's size.
const LARGEST_SCALE: f32 = 3.0;

/// A value as a number, if it is one.
fn number(value: &str) -> Option<f64> {
    value.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

/// One attribute the entities have, for the View menu's choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributeChoice {
    pub name: String,
    /// How many entities have it.
    pub entities: usize,
    /// Whether every value is a number: it can size entities and colours along a gradient.
    pub numeric: bool,
}

/// The attributes the entities have, the most widely held first (then by name).
pub fn attribute_choices(network: &Network) -> Vec<AttributeChoice> {
    let mut choices: HashMap<&str, AttributeChoice> = HashMap::new();
    for entity in &network.entities {
        for (name, value) in &entity.attributes {
            let choice = choices.entry(name).or_insert_with(|| AttributeChoice {
                name: name.to_owned(),
                entities: 0,
                numeric: true,
            });
            choice.entities += 1;
            choice.numeric &= number(value).is_some();
        }
    }
    let mut choices: Vec<AttributeChoice> = choices.into_values().collect();
    choices.sort_by(|a, b| {
        b.entities
            .cmp(&a.entities)
            .then_with(|| a.name.cmp(&b.name))
    });
    choices
}

/// What a legend entry of the entities says.
#[derive(Clone, Debug, PartialEq)]
pub enum EntryText {
    Kind(EntityKind),
    /// A value of the kind or colour attribute.
    Value(String),
    /// The values past the named ones: how many.
    MoreValues(usize),
    /// The entities without the attribute.
    Without(String),
    /// A group, by its index in the file.
    Group(usize),
    /// The groups past the named ones: how many.
    MoreGroups(usize),
    /// A numeric attribute from its smallest to its largest value.
    Range {
        attribute: String,
        smallest: f64,
        largest: f64,
    },
}

impl EntryText {
    /// The entry's text, group names in `language`.
    pub fn text(&self, network: &Network, language: &str) -> String {
        match self {
            Self::Kind(kind) => kind.label().to_owned(),
            Self::Value(value) => value.clone(),
            Self::MoreValues(count) => format!("and {count} more values"),
            Self::Without(attribute) => format!("no {attribute}"),
            Self::Group(position) => {
                let name = (network.groups.get(*position)).map_or("", |group| {
                    localized(&group.name, language).unwrap_or(&group.id)
                });
                format!("{name} (group)")
            }
            Self::MoreGroups(count) => format!("and {count} more groups"),
            Self::Range {
                attribute,
                smallest,
                largest,
            } => format!("{attribute}: {smallest} – {largest}"),
        }
    }
}

/// A legend entry's icon.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EntryIcon {
    Blank,
    Node(NodeShape, Rgba),
    Swatch(Rgba),
    /// A swatch running from one colour to the other.
    Gradient(Rgba, Rgba),
}

/// One entry of the legend's part on entities.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityEntry {
    pub icon: EntryIcon,
    pub text: EntryText,
}

/// How each entity is drawn, by entity position, and the legend's entries on entities.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntityLooks {
    pub shapes: Vec<NodeShape>,
    pub colors: Vec<Rgba>,
    /// Radius in layout units.
    pub radii: Vec<f32>,
    pub legend: Vec<EntityEntry>,
}

/// The values of `attribute` (trimmed, non-empty) by entity position, and the distinct
/// ones most common first (then in text order).
fn values_of<'a>(network: &'a Network, attribute: &str) -> (Vec<Option<&'a str>>, Vec<&'a str>) {
    let values: Vec<Option<&str>> = (network.entities.iter())
        .map(|entity| {
            (entity.attributes.get(attribute))
                .map(|value| value.trim())
                .filter(|value| !value.is_empty())
        })
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for value in values.iter().flatten() {
        *counts.entry(value).or_default() += 1;
    }
    let mut distinct: Vec<(&str, usize)> = counts.into_iter().collect();
    distinct.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    (
        values,
        distinct.into_iter().map(|(value, _)| value).collect(),
    )
}

/// The categories an attribute makes: by entity, the index of its value among the named
/// ones (`None` for the others and for entities without it), and the legend entries
/// `icon` draws for each.
struct Categories {
    of_entity: Vec<Option<usize>>,
    named: Vec<String>,
    more: usize,
    without: bool,
}

impl Categories {
    fn new(network: &Network, attribute: &str) -> Self {
        let (values, distinct) = values_of(network, attribute);
        let named = &distinct[..distinct.len().min(NAMED_VALUES)];
        let position: HashMap<&str, usize> = (named.iter().enumerate())
            .map(|(i, value)| (*value, i))
            .collect();
        Self {
            of_entity: (values.iter())
                .map(|value| value.and_then(|value| position.get(value).copied()))
                .collect(),
            named: named.iter().map(|value| (*value).to_owned()).collect(),
            more: distinct.len() - named.len(),
            without: values.iter().any(Option::is_none),
        }
    }

    fn entries(
        &self,
        attribute: &str,
        icon: impl Fn(Option<usize>) -> EntryIcon,
    ) -> Vec<EntityEntry> {
        let mut entries: Vec<EntityEntry> = (self.named.iter().enumerate())
            .map(|(i, value)| EntityEntry {
                icon: icon(Some(i)),
                text: EntryText::Value(value.clone()),
            })
            .collect();
        if self.more > 0 {
            entries.push(EntityEntry {
                icon: icon(None),
                text: EntryText::MoreValues(self.more),
            });
        }
        if self.without {
            entries.push(EntityEntry {
                icon: icon(None),
                text: EntryText::Without(attribute.to_owned()),
            });
        }
        entries
    }
}

fn value_color(category: Option<usize>) -> Rgba {
    category.map_or(OTHER_COLOR, |i| VALUE_PALETTE[i % VALUE_PALETTE.len()])
}

fn value_shape(category: Option<usize>) -> NodeShape {
    category.map_or(NodeShape::Hexagon, |i| VALUE_SHAPES[i % VALUE_SHAPES.len()])
}

/// The colour `share` (0 to 1) of the way from `from` to `to`, opaque.
pub fn mixed(from: Rgba, to: Rgba, share: f64) -> Rgba {
    let share = share.clamp(0.0, 1.0) as f32;
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * share).round() as u8;
    Rgba::rgb(
        mix(from.0[0], to.0[0]),
        mix(from.0[1], to.0[1]),
        mix(from.0[2], to.0[2]),
    )
}

/// The colour `share` (0 to 1) of the way along [`GRADIENT`].
fn along_gradient(share: f64) -> Rgba {
    mixed(GRADIENT.0, GRADIENT.1, share)
}

/// The numbers of `attribute` by entity, and the smallest and largest, when every value
/// it has is a number.
fn numbers_of(network: &Network, attribute: &str) -> Option<(Vec<Option<f64>>, f64, f64)> {
    let (values, _) = values_of(network, attribute);
    let numbers: Vec<Option<f64>> = values.iter().map(|value| value.and_then(number)).collect();
    let all_numbers = values
        .iter()
        .zip(&numbers)
        .all(|(value, n)| value.is_none() || n.is_some());
    let present = numbers.iter().flatten().copied();
    let smallest = present.clone().fold(f64::INFINITY, f64::min);
    let largest = present.fold(f64::NEG_INFINITY, f64::max);
    (all_numbers && smallest.is_finite()).then_some((numbers, smallest, largest))
}

impl EntityLooks {
    /// How `network`'s entities are drawn as its `shown_by` says.
    pub fn new(network: &Network) -> Self {
        let shown_by = &network.shown_by;
        let count = network.entities.len();
        let group_positions: HashMap<&str, usize> = (network.groups.iter().enumerate())
            .map(|(i, group)| (group.id.as_str(), i))
            .collect();
        let group_of = |i: usize| {
            let group = network.entities[i].group.as_deref()?;
            Some((group, *group_positions.get(group)?))
        };
        let mut looks = Self::default();
        let colour_attribute = shown_by.color.as_deref();
        let numbers = colour_attribute.and_then(|attribute| numbers_of(network, attribute));

        // The kinds: the entities' own, or the values of an attribute.
        let kind_categories = (shown_by.kind.as_deref())
            .map(|attribute| (attribute, Categories::new(network, attribute)));
        let kind_icon_color = |color: Rgba| {
            if colour_attribute.is_some() {
                OTHER_COLOR
            } else {
                color
            }
        };
        match &kind_categories {
            Some((attribute, categories)) => {
                looks.shapes = (categories.of_entity.iter())
                    .map(|&c| value_shape(c))
                    .collect();
                looks.legend = categories.entries(attribute, |c| {
                    EntryIcon::Node(value_shape(c), kind_icon_color(value_color(c)))
                });
            }
            None => {
                looks.shapes = (network.entities.iter())
                    .map(|entity| style::node_shape(entity.kind))
                    .collect();
                let kinds: std::collections::BTreeSet<EntityKind> =
                    network.entities.iter().map(|e| e.kind).collect();
                looks.legend = (kinds.into_iter())
                    .map(|kind| EntityEntry {
                        icon: EntryIcon::Node(
                            style::node_shape(kind),
                            kind_icon_color(style::kind_color(kind)),
                        ),
                        text: EntryText::Kind(kind),
                    })
                    .collect();
            }
        }

        // The colours: by group, else by kind; or by an attribute.
        match (colour_attribute, numbers) {
            (Some(attribute), Some((numbers, smallest, largest))) => {
                let span = largest - smallest;
                looks.colors = (numbers.iter())
                    .map(|n| match n {
                        Some(n) if span > 0.0 => along_gradient((n - smallest) / span),
                        Some(_) => along_gradient(1.0),
                        None => OTHER_COLOR,
                    })
                    .collect();
                looks.legend.push(EntityEntry {
                    icon: EntryIcon::Gradient(GRADIENT.0, GRADIENT.1),
                    text: EntryText::Range {
                        attribute: attribute.to_owned(),
                        smallest,
                        largest,
                    },
                });
                if numbers.iter().any(Option::is_none) {
                    looks.legend.push(EntityEntry {
                        icon: EntryIcon::Swatch(OTHER_COLOR),
                        text: EntryText::Without(attribute.to_owned()),
                    });
                }
            }
            (Some(attribute), None) => {
                let categories = Categories::new(network, attribute);
                looks.colors = (categories.of_entity.iter())
                    .map(|&c| value_color(c))
                    .collect();
                looks
                    .legend
                    .extend(categories.entries(attribute, |c| EntryIcon::Swatch(value_color(c))));
            }
            (None, _) => {
                looks.colors = (0..count)
                    .map(|i| match (group_of(i), &kind_categories) {
                        (Some((group, position)), _) => style::group_color(group, position),
                        (None, Some((_, categories))) => value_color(categories.of_entity[i]),
                        (None, None) => style::kind_color(network.entities[i].kind),
                    })
                    .collect();
                let groups = network.groups_in_use();
                for &(position, group) in groups.iter().take(style::LEGEND_GROUPS) {
                    looks.legend.push(EntityEntry {
                        icon: EntryIcon::Swatch(style::group_color(&group.id, position)),
                        text: EntryText::Group(position),
                    });
                }
                if groups.len() > style::LEGEND_GROUPS {
                    looks.legend.push(EntityEntry {
                        icon: EntryIcon::Blank,
                        text: EntryText::MoreGroups(groups.len() - style::LEGEND_GROUPS),
                    });
                }
            }
        }

        // The sizes: each kind's, scaled by a numeric attribute.
        looks.radii = (network.entities.iter())
            .map(|entity| style::node_radius(entity.kind))
            .collect();
        if let Some(attribute) = shown_by.size.as_deref()
            && let Some((numbers, smallest, largest)) = numbers_of(network, attribute)
        {
            let span = largest - smallest;
            for (radius, n) in looks.radii.iter_mut().zip(&numbers) {
                if let Some(n) = n
                    && span > 0.0
                {
                    let share = ((n - smallest) / span).sqrt() as f32;
                    *radius *= 1.0 + (LARGEST_SCALE - 1.0) * share;
                }
            }
            looks.legend.push(EntityEntry {
                icon: EntryIcon::Blank,
                text: EntryText::Range {
                    attribute: format!("size by {attribute}"),
                    smallest,
                    largest,
                },
            });
        }
        looks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::NetworkBuilder;

    /// Four stations with a line, a passenger count and a name, and one without any.
    fn stations() -> Network {
        let mut network = NetworkBuilder::new()
            .company("a")
            .company("b")
            .company("c")
            .company("d")
            .person("e")
            .build();
        for (entity, (line, passengers)) in network.entities.iter_mut().zip([
            ("Yamanote", "100"),
            ("Yamanote", "400"),
            ("Chuo", "25"),
            ("Keihin", "0"),
        ]) {
            entity.attributes.insert("line", line);
            (entity.attributes).insert("passengers", passengers);
        }
        network
    }

    #[test]
    fn attributes_to_choose_from_are_the_most_widely_held_first() {
        let mut network = stations();
        (network.entities[0].attributes).insert("code", "x1");
        let choices = attribute_choices(&network);
        let summary: Vec<(&str, usize, bool)> = (choices.iter())
            .map(|c| (c.name.as_str(), c.entities, c.numeric))
            .collect();
        assert_eq!(
            summary,
            [
                ("line", 4, false),
                ("passengers", 4, true),
                ("code", 1, false)
            ]
        );
    }

    #[test]
    fn the_usual_looks_are_the_kinds_and_groups() {
        let network = stations();
        let looks = EntityLooks::new(&network);
        assert_eq!(looks.shapes[0], style::node_shape(EntityKind::Company));
        assert_eq!(looks.colors[4], style::kind_color(EntityKind::Person));
        assert_eq!(looks.radii[0], style::node_radius(EntityKind::Company));
        let texts: Vec<String> = (looks.legend.iter())
            .map(|entry| entry.text.text(&network, "en"))
            .collect();
        assert_eq!(texts, ["Person", "Company"]);
    }

    #[test]
    fn an_attribute_as_kind_gives_each_common_value_a_shape_and_colour() {
        let mut network = stations();
        network.shown_by.kind = Some("line".to_owned());
        let looks = EntityLooks::new(&network);
        // Yamanote is the most common: the first shape and colour; "e" has no line.
        assert_eq!(looks.shapes[0], NodeShape::Circle);
        assert_eq!(looks.shapes[1], NodeShape::Circle);
        assert_eq!(looks.colors[0], VALUE_PALETTE[0]);
        assert_ne!(looks.colors[2], looks.colors[0]);
        assert_eq!(looks.colors[4], OTHER_COLOR);
        let texts: Vec<String> = (looks.legend.iter())
            .map(|entry| entry.text.text(&network, "en"))
            .collect();
        assert_eq!(texts, ["Yamanote", "Chuo", "Keihin", "no line"]);
    }

    #[test]
    fn numbers_colour_along_a_gradient_and_size_from_the_kinds_size_up() {
        let mut network = stations();
        network.shown_by.color = Some("passengers".to_owned());
        network.shown_by.size = Some("passengers".to_owned());
        let looks = EntityLooks::new(&network);
        assert_eq!(looks.colors[3], GRADIENT.0, "the fewest");
        assert_eq!(looks.colors[1], GRADIENT.1, "the most");
        assert_eq!(looks.colors[4], OTHER_COLOR, "none given");
        let company = style::node_radius(EntityKind::Company);
        assert_eq!(looks.radii[3], company);
        assert_eq!(looks.radii[1], company * LARGEST_SCALE);
        assert!(looks.radii[0] > looks.radii[2] && looks.radii[2] > company);
        let texts: Vec<String> = (looks.legend.iter())
            .map(|entry| entry.text.text(&network, "en"))
            .collect();
        assert_eq!(
            texts,
            [
                "Person",
                "Company",
                "passengers: 0 – 400",
                "no passengers",
                "size by passengers: 0 – 400"
            ]
        );
        // Text values take the palette, most common first.
        network.shown_by.color = Some("line".to_owned());
        let looks = EntityLooks::new(&network);
        assert_eq!(looks.colors[0], VALUE_PALETTE[0]);
        assert_eq!(looks.colors[2], VALUE_PALETTE[1]);
    }
}
