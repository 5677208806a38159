//! The selected entity's fields, to edit in place: id, names in Korean and English,
//! aliases, kind, role, group (chosen or new), description and free attributes; with
//! Delete, Add tie and Merge with….

use crate::app::command::Command;
use crate::app::document::Document;
use crate::app::panels::editors::fields::{Fields, choice_ui, name_for_access, non_empty};
use crate::app::panels::editors::{attributes_ui, localized_ui};
use crate::app::panels::widgets::tie_and_merge_buttons_ui;
use crate::edit::{Edit, Item, List, ops};
use crate::network::index::EntityIx;
use crate::network::model::{Entity, EntityKind, Group, LocalizedText, localized};

pub fn entity_editor_ui(
    ui: &mut egui::Ui,
    document: &Document,
    entity_ix: EntityIx,
    language: &str,
    fields: &mut Fields<'_>,
) {
    let network = &document.network;
    let at = entity_ix.index();
    let entity = &network[entity_ix];
    let change = |changed: Entity| ops::change_entity(network, at, changed);

    egui::Grid::new("entity-editor")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label("Id");
            let id = fields.id(&entity.id, "id");
            if let Some(new_id) = fields.text_ui(ui, id, &entity.id, "a short unique name") {
                let mut changed = entity.clone();
                changed.id = new_id.trim().to_owned();
                fields.edit(id, "change id", change(changed));
            }
            ui.end_row();

            ui.label("Name");
            let names = localized_ui(ui, fields, (&entity.id, "name"), &entity.name, false);
            if let Some((id, name)) = names {
                let mut changed = entity.clone();
                // A new entity's made-up id becomes its name, as the person would write it.
                if let Some(new_id) = ops::id_from_name(network, entity, &name) {
                    changed.id = new_id;
                }
                changed.name = name;
                fields.edit(id, "change name", change(changed));
            }
            ui.end_row();

            ui.label("Also called");
            let id = fields.id(&entity.id, "aliases");
            let aliases = entity.aliases.join(", ");
            if let Some(text) = fields.text_ui(ui, id, &aliases, "other names, with commas") {
                let mut changed = entity.clone();
                changed.aliases = text.split(',').filter_map(non_empty).collect();
                fields.edit(id, "change aliases", change(changed));
            }
            ui.end_row();

            ui.label("Kind");
            let kinds = (entity.kind, &EntityKind::ALL[..]);
            let picked = choice_ui(
                ui,
                ("entity-kind", &entity.id),
                "kind",
                kinds,
                EntityKind::label,
            );
            if let Some(kind) = picked {
                let mut changed = entity.clone();
                changed.kind = kind;
                let id = fields.id(&entity.id, "kind");
                fields.edit(id, "change kind", change(changed));
            }
            ui.end_row();

            ui.label("Role");
            let role = entity.role.clone().unwrap_or_default();
            if let Some((id, role)) = localized_ui(ui, fields, (&entity.id, "role"), &role, false) {
                let mut changed = entity.clone();
                changed.role = (!role.is_empty()).then_some(role);
                fields.edit(id, "change role", change(changed));
            }
            ui.end_row();

            ui.label("Group");
            group_ui(ui, document, entity, at, language, fields);
            ui.end_row();

            ui.label("Description");
            let description = entity.description.clone().unwrap_or_default();
            let described =
                localized_ui(ui, fields, (&entity.id, "description"), &description, true);
            if let Some((id, description)) = described {
                let mut changed = entity.clone();
                changed.description = (!description.is_empty()).then_some(description);
                fields.edit(id, "change description", change(changed));
            }
            ui.end_row();
        });
    ui.add_space(4.0);
    ui.strong("Attributes");
    if let Some((id, attributes)) = attributes_ui(ui, fields, &entity.id, &entity.attributes) {
        let mut changed = entity.clone();
        changed.attributes = attributes;
        fields.edit(id, "change attributes", change(changed));
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        tie_and_merge_buttons_ui(ui, entity_ix, fields.commands);
        if ui.button("Delete…").clicked() {
            fields.commands.push(Command::DeleteSelected);
        }
    });
}

/// The entity's group: none, one of the network's, or a new one named here.
fn group_ui(
    ui: &mut egui::Ui,
    document: &Document,
    entity: &Entity,
    at: usize,
    language: &str,
    fields: &mut Fields<'_>,
) {
    let network = &document.network;
    let name_of = |group: &Group| {
        localized(&group.name, language)
            .unwrap_or(&group.id)
            .to_owned()
    };
    let current = entity.group.as_ref();
    let shown = current
        .and_then(|id| network.group(id))
        .map_or_else(|| "none".to_owned(), name_of);
    let mut chosen = current.cloned();
    ui.vertical(|ui| {
        let combo = egui::ComboBox::from_id_salt(("entity-group", &entity.id))
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, "none");
                for group in &network.groups {
                    ui.selectable_value(&mut chosen, Some(group.id.clone()), name_of(group));
                }
            });
        name_for_access(ui, combo.response.id, "group");
        let id = fields.id(&entity.id, "new-group");
        if let Some(name) = fields.text_ui(ui, id, "", "or name a new group") {
            let Some(name) = non_empty(&name) else { return };
            let group_id = ops::fresh_id(network, List::Groups, &name, "group");
            let group = Group {
                id: group_id.clone(),
                name: LocalizedText::from([(language.to_owned(), name.clone())]),
            };
            let mut changed = entity.clone();
            changed.group = Some(group_id);
            let edit = Edit::Batch(vec![
                ops::add_group(network, group),
                Edit::Replace {
                    at,
                    item: Item::Entity(changed),
                },
            ]);
            fields.edit(id, format!("add group {name}"), edit);
        }
    });
    if chosen.as_ref() != current {
        let mut changed = entity.clone();
        changed.group = chosen;
        let id = fields.id(&entity.id, "group");
        fields.edit(id, "change group", ops::change_entity(network, at, changed));
    }
}
