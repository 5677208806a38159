//! File ▸ Save and Save as…: the network as it is on screen, where it is written and in
//! which format, and the question asked before Save replaces the file it came from.

use std::path::{Path, PathBuf};

use crate::app::Document;
use crate::app::command::Command;
use crate::export::file_stem;
use crate::interop::ExportFormat;
use crate::network::model::{Network, Position};
use crate::network::save::Overwrite;

/// The open network as it is on screen: every entity at its current position (to the
/// hundredth of a layout unit), pinned if it is pinned now.
pub fn network_as_shown(document: &Document) -> Network {
    let mut network = document.network.clone();
    let positions = document.view.positions();
    let entities = document.index.entities().zip(&mut network.entities);
    for ((index, entity), [x, y]) in entities.zip(positions) {
        if x.is_finite() && y.is_finite() {
            let round = |value: f32| (f64::from(value) * 100.0).round() / 100.0;
            entity.position = Some(Position {
                x: round(x),
                y: round(y),
            });
        }
        entity.pinned = document.view.is_pinned(index) && entity.position.is_some();
    }
    network
}

/// Where Save as writes a name the file dialog returned, in which format, and whether it
/// may replace a file there: the format the name asks for, else powermap JSON with `.json`
/// added. The dialog only confirmed replacing the name it returned, so a changed name must
/// not replace a file.
pub fn save_target(path: PathBuf) -> (PathBuf, ExportFormat, Overwrite) {
    match ExportFormat::from_path(&path) {
        Some(format) => (path, format, Overwrite::Replace),
        None => {
            let mut name = path.into_os_string();
            name.push(".");
            name.push(ExportFormat::Powermap.extension());
            (
                PathBuf::from(name),
                ExportFormat::Powermap,
                Overwrite::Refuse,
            )
        }
    }
}

/// File ▸ Save as…'s dialog, named after the network and opening in its file's folder.
pub fn save_as_dialog(document: &Document) -> rfd::FileDialog {
    let mut dialog = rfd::FileDialog::new()
        .set_title("Save the network")
        .set_file_name(format!(
            "{}.{}",
            file_stem(&document.network, &document.name),
            ExportFormat::Powermap.extension()
        ))
        .add_filter("powermap JSON", &["json"])
        .add_filter("GEXF (Gephi)", &["gexf"])
        .add_filter("GraphML", &["graphml"])
        .add_filter("GML (networkx, igraph)", &["gml"])
        .add_filter("node-link JSON (name.nodelink.json)", &["json"])
        .add_filter(
            "FollowTheMoney, for Aleph (name.ftm.json)",
            &["json", "ftm", "ijson"],
        );
    if let Some(folder) = document
        .path
        .as_deref()
        .and_then(Path::parent)
        .filter(|folder| !folder.as_os_str().is_empty())
    {
        dialog = dialog.set_directory(folder);
    }
    dialog
}

/// The file's name, for the window to call it by.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// "Replace <file>?" before Save writes over the file the network came from when another
/// program changed it since; returns the
/// answer once there is one (a click outside or Esc cancels).
pub fn confirm_replace_ui(ctx: &egui::Context, path: &Path) -> Option<Command> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::new("confirm-replace")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(format!("Replace {}?", display_name(path)));
        ui.add_space(4.0);
        ui.label(format!(
            "{} was changed by another program since powermap opened or saved it. Saving \
             replaces what is there now with the network as it is here, with every entity \
             where it is on the map.",
            path.display()
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Replace").clicked() {
                answer = Some(Command::ReplaceFile(path.to_owned()));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Command::CancelSave);
            }
        });
    });
    answer.or_else(|| modal.should_close().then_some(Command::CancelSave))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_as_replaces_only_the_name_the_dialog_confirmed() {
        assert_eq!(
            save_target(PathBuf::from("a/map.gexf")),
            (
                PathBuf::from("a/map.gexf"),
                ExportFormat::Gexf,
                Overwrite::Replace
            )
        );
        assert_eq!(
            save_target(PathBuf::from("map.nodelink.json")).1,
            ExportFormat::NodeLink
        );
        assert_eq!(
            save_target(PathBuf::from("a/map")),
            (
                PathBuf::from("a/map.json"),
                ExportFormat::Powermap,
                Overwrite::Refuse
            )
        );
        assert_eq!(
            save_target(PathBuf::from("map.cyjs")).0,
            PathBuf::from("map.cyjs.json"),
            "a format powermap does not write becomes powermap JSON beside it"
        );
    }
}
