//! One node's attributes as an entity: its name and the language of its label, its kind,
//! aliases, role, description, group, position and pin, and the rest kept as attributes.
//! Before that, [`text_name_column`] looks at every node for a file whose label column
//! holds codes while another column holds the names.

use crate::interop::report::ImportReport;
use crate::network::model::{Entity, EntityKind, Group, LocalizedText, Position};

use super::attributes::{keep_rest, split_attributes};
use super::json_fields::{take_json, valid_text};
use super::kinds::{ENTITY_KIND_NAMES, entity_kind};
use super::language::{language_of, localized_from};
use super::numbers::{parse_number, parse_pair};
use super::positions::turn_y;
use super::raw::{Context, RawNode};

/// What mapping an entity's attributes gave.
pub(super) struct EntityFields {
    pub entity: Entity,
    /// The language of the name the file shows as the label.
    pub label_language: Option<String>,
    pub named: bool,
    pub kind_given: bool,
    pub group: Option<Group>,
}

/// The attributes a node's name is read from, in order, when no column is chosen.
const NAME_COLUMNS: [&str; 2] = ["label", "name"];

/// Attributes other fields take: never a column of names.
const FIELD_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "type",
    "category",
    "aliases",
    "role",
    "description",
    "group",
    "group_name",
    "x",
    "y",
    "pos",
    "position",
    "pinned",
];

/// The share of nodes that must agree before the label column is judged: the codes in it,
/// the names in another.
const MOSTLY: f64 = 0.9;

/// The fewest nodes a guess is made from: a handful of codes may be meant.
const FEWEST_NODES: usize = 5;

/// A column of names chosen over the label column, which holds codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct NameColumn {
    /// The attribute names are read from.
    pub column: String,
    /// The label column passed over (kept as an attribute), or `None` when the nodes had
    /// none and would have been named by their ids.
    pub passed_over: Option<String>,
    /// One of its codes, for the report.
    pub example: String,
}

/// Whether `value` reads as a code or number rather than a name: no spaces, ASCII letters,
/// digits and `-_./:#` only, and at least as many digits as letters (`1130101`,
/// `JY-01`, `12.5`).
fn looks_like_code(value: &str) -> bool {
    let value = value.trim();
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let letters = value.chars().filter(char::is_ascii_alphabetic).count();
    !value.is_empty()
        && digits > 0
        && digits >= letters
        && (value.chars()).all(|c| c.is_ascii_alphanumeric() || "-_./:#".contains(c))
}

/// Whether `value` reads as a name: some letter of any script, and not a code.
fn looks_like_name(value: &str) -> bool {
    value.chars().any(char::is_alphabetic) && !looks_like_code(value)
}

/// The value of the attribute `name` (any case) of `node`, if not empty.
fn value_of<'a>(node: &'a RawNode, name: &str) -> Option<&'a str> {
    (node.attributes.iter())
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// The column of names to read instead of the label column, when nearly every node's label
/// (or, without one, its id) is a code and another column holds a distinct name for nearly
/// every node: a railway network whose `name` is each station's code and `station_name`
/// its name. Conservative: at least [`FEWEST_NODES`] nodes, [`MOSTLY`] of them agreeing on
/// both counts; columns called something with "name" or "label" are preferred, then the
/// one most nodes fill.
pub(super) fn text_name_column(nodes: &[RawNode]) -> Option<NameColumn> {
    let total = nodes.len();
    if total < FEWEST_NODES {
        return None;
    }
    let most = |count: usize| count as f64 >= MOSTLY * total as f64;
    // What each node is named by now: the first name column it has, else its id.
    let labels: Vec<(Option<&str>, &str)> = (nodes.iter())
        .map(|node| {
            (NAME_COLUMNS.iter())
                .find_map(|&column| Some((Some(column), value_of(node, column)?)))
                .unwrap_or((None, node.id.trim()))
        })
        .collect();
    let codes = labels.iter().filter(|(_, label)| looks_like_code(label));
    if !most(codes.clone().count()) {
        return None;
    }
    let example = codes.clone().next().map(|(_, code)| (*code).to_owned())?;
    // The label column most codes are in.
    let passed_over = NAME_COLUMNS
        .iter()
        .max_by_key(|&&column| codes.clone().filter(|(c, _)| *c == Some(column)).count())
        .filter(|&&column| codes.clone().any(|(c, _)| *c == Some(column)))
        .map(|&column| column.to_owned());

    // Every other column, in the order the nodes first give them.
    let mut columns: Vec<&str> = Vec::new();
    for (key, _) in nodes.iter().flat_map(|node| &node.attributes) {
        let taken =
            (NAME_COLUMNS.iter().chain(FIELD_COLUMNS)).any(|field| key.eq_ignore_ascii_case(field));
        if !taken && !columns.iter().any(|known| known.eq_ignore_ascii_case(key)) {
            columns.push(key);
        }
    }
    let candidates = columns.into_iter().filter_map(|column| {
        let names: Vec<&str> = (nodes.iter())
            .filter_map(|node| value_of(node, column))
            .filter(|value| looks_like_name(value))
            .collect();
        let distinct: std::collections::HashSet<&str> = names.iter().copied().collect();
        (most(names.len()) && most(distinct.len())).then_some((column, names.len()))
    });
    let (_, (column, _)) = candidates
        .enumerate()
        .max_by_key(|&(order, (column, filled))| {
            let lower = column.to_lowercase();
            let named = lower.contains("name") || lower.contains("label");
            // Of equals, the column the file gives first.
            (named, filled, std::cmp::Reverse(order))
        })?;
    Some(NameColumn {
        column: column.to_owned(),
        passed_over,
        example,
    })
}

/// Maps a node's attributes; its name is read from `name_column` where the node has it
/// (the label and name columns are then kept as attributes), else from its label or name.
pub(super) fn map_entity(
    node: RawNode,
    name_column: Option<&str>,
    y_axis_up: bool,
    report: &mut ImportReport,
) -> EntityFields {
    let RawNode {
        id,
        attributes,
        position,
        place,
    } = node;
    let context = Context {
        what: "node",
        id: Some(&id),
        place: &place,
    };
    let (mut attrs, verbatim) = split_attributes(attributes, &context, report);

    let json_name = take_json::<LocalizedText>(&mut attrs, "name", valid_text, &context, report);
    let (name, label_language, named) = match json_name {
        Some(name) => {
            let language = attrs.get("label").and_then(|label| {
                name.iter()
                    .find(|&(_, value)| value == label.trim())
                    .map(|(language, _)| language.to_owned())
            });
            if language.is_some() {
                attrs.take("label");
            }
            (name, language, true)
        }
        None => match name_column
            .and_then(|column| attrs.take(column))
            .or_else(|| attrs.take("label"))
            .or_else(|| attrs.take("name"))
        {
            Some(text) => {
                let language = language_of(&text).to_owned();
                (localized_from(text.trim()), Some(language), true)
            }
            None => (
                localized_from(&id),
                Some(language_of(&id).to_owned()),
                false,
            ),
        },
    };
    let kind = ENTITY_KIND_NAMES
        .iter()
        .find_map(|key| attrs.take_if(key, entity_kind));
    let aliases = take_json::<Vec<String>>(
        &mut attrs,
        "aliases",
        |aliases| aliases.iter().all(|alias| !alias.trim().is_empty()),
        &context,
        report,
    );
    let role = take_json(&mut attrs, "role", valid_text, &context, report);
    let description = take_json(&mut attrs, "description", valid_text, &context, report);
    let group_name = if attrs.get("group").is_some() {
        take_json::<LocalizedText>(&mut attrs, "group_name", valid_text, &context, report).or_else(
            || {
                attrs
                    .take("group_name")
                    .map(|text| localized_from(text.trim()))
            },
        )
    } else {
        None
    };
    let group = group_name.and_then(|name| {
        attrs
            .take_if("group", |id| {
                Some(id.trim().to_owned()).filter(|id| !id.is_empty())
            })
            .map(|id| Group { id, name })
    });
    let position = position
        .or_else(|| {
            let x = attrs.get("x").and_then(parse_number)?;
            let y = attrs.get("y").and_then(parse_number)?;
            attrs.take("x");
            attrs.take("y");
            let position = Position { x, y };
            Some(if y_axis_up {
                turn_y(position)
            } else {
                position
            })
        })
        .or_else(|| attrs.take_if("pos", parse_pair))
        .or_else(|| attrs.take_if("position", parse_pair));
    let pinned = attrs
        .take_if("pinned", |value| value.trim().parse::<bool>().ok())
        .unwrap_or(false);
    let entity = Entity {
        kind: kind.unwrap_or(EntityKind::Other),
        name,
        aliases: aliases.unwrap_or_default(),
        role,
        description,
        group: group.as_ref().map(|group| group.id.clone()),
        position,
        pinned: pinned && position.is_some(),
        attributes: keep_rest(attrs, verbatim, &context, report),
        id,
    };
    EntityFields {
        entity,
        label_language,
        named,
        kind_given: kind.is_some(),
        group,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::mapping::testing::node;

    /// Stations named by their codes, with their names in `station_name`.
    fn stations(names: &[&str]) -> Vec<RawNode> {
        (names.iter().enumerate())
            .map(|(i, name)| {
                let code = format!("11301{i:02}");
                node(
                    &format!("n{i}"),
                    &[
                        ("name", &code),
                        ("shared_name", &code),
                        ("line", "山手線"),
                        ("station_name", name),
                    ],
                )
            })
            .collect()
    }

    const NAMES: [&str; 6] = ["東京", "有楽町", "新橋", "浜松町", "田町", "品川"];

    #[test]
    fn codes_in_the_label_column_give_way_to_a_column_of_distinct_names() {
        let guess = text_name_column(&stations(&NAMES)).expect("a guess");
        assert_eq!(
            guess,
            NameColumn {
                column: "station_name".to_owned(),
                passed_over: Some("name".to_owned()),
                example: "1130100".to_owned(),
            }
        );
        let mut report = crate::interop::mapping::testing::report();
        let nodes = stations(&NAMES);
        let fields = map_entity(
            nodes[0].clone(),
            Some(guess.column.as_str()),
            false,
            &mut report,
        );
        assert_eq!(fields.entity.display_name("en"), "東京");
        let kept = &fields.entity.attributes;
        assert_eq!(kept.get("name"), Some("1130100"));
        assert_eq!(kept.get("line"), Some("山手線"));
        assert!(!kept.contains_key("station_name"));
    }

    #[test]
    fn ids_as_names_give_way_too() {
        let nodes: Vec<RawNode> = (NAMES.iter().enumerate())
            .map(|(i, name)| node(&format!("{}", 100 + i), &[("title", name)]))
            .collect();
        let guess = text_name_column(&nodes).expect("a guess");
        assert_eq!(guess.column, "title");
        assert_eq!(guess.passed_over, None);
    }

    #[test]
    fn the_guess_is_conservative() {
        // Names in the label column: nothing to guess.
        let named: Vec<RawNode> = (NAMES.iter())
            .map(|name| node(name, &[("label", name), ("city", "Tokyo")]))
            .collect();
        assert_eq!(text_name_column(&named), None);
        // Too few nodes to tell.
        assert_eq!(text_name_column(&stations(&NAMES[..4])), None);
        // The other column repeats itself: a category, not names.
        let repeated = stations(&["東京", "東京", "東京", "品川", "品川", "品川"]);
        assert_eq!(text_name_column(&repeated), None);
        // Only some labels are codes.
        let mut mixed = stations(&NAMES);
        mixed[0].attributes[0].1 = "Tokyo".to_owned();
        assert_eq!(text_name_column(&mixed), None);
        // Numbers in the other column are no names either.
        let numbers: Vec<RawNode> = (0..6)
            .map(|i| {
                node(
                    &format!("{i}"),
                    &[("name", &format!("{i}")), ("rank", &format!("{}", i * 7))],
                )
            })
            .collect();
        assert_eq!(text_name_column(&numbers), None);
    }

    #[test]
    fn codes_and_names_are_told_apart() {
        for code in ["1130101", "JY-01", "12.5", "A1", "2024/03/01"] {
            assert!(looks_like_code(code), "{code}");
        }
        for name in [
            "東京",
            "Shinagawa",
            "R2 D2",
            "B52s band",
            "삼성전자",
            "ABC1",
        ] {
            assert!(looks_like_name(name), "{name}");
        }
        assert!(looks_like_name("Tokyo 2"));
        assert!(!looks_like_name("1130101"));
    }
}
