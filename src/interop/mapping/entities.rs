//! One node's attributes as an entity: its name and the language of its label, its kind,
//! aliases, role, description, group, position and pin, and the rest kept as attributes.

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

pub(super) fn map_entity(
    node: RawNode,
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
                    .find(|(_, value)| value.as_str() == label.trim())
                    .map(|(language, _)| language.clone())
            });
            if language.is_some() {
                attrs.take("label");
            }
            (name, language, true)
        }
        None => match attrs.take("label").or_else(|| attrs.take("name")) {
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
