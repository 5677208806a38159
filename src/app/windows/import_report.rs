//! The import report of a file from another tool: what was mapped onto powermap's fields,
//! what was kept as attributes, and what was dropped or changed, and why.

use crate::app::command::Command;
use crate::interop::ImportReport;

/// `GEXF 1.2`: the format with its version where the file states one.
pub fn format_name(report: &ImportReport) -> String {
    match &report.format_version {
        Some(version) => format!("{} {version}", report.format),
        None => report.format.to_string(),
    }
}

fn attribute_list(attributes: &std::collections::BTreeMap<String, usize>) -> String {
    attributes
        .iter()
        .map(|(name, count)| format!("{name} ({count})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The "Import report" window, until closed.
pub fn import_report_ui(ctx: &egui::Context, report: &ImportReport, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("Import report")
        .id(egui::Id::new("import-report"))
        .open(&mut open)
        .collapsible(false)
        .default_width(560.0)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(-200.0, 60.0))
        .show(ctx, |ui| {
            ui.label(
                egui::RichText::new(format!(
                    "{}: read as {}, {}",
                    report.file.display(),
                    format_name(report),
                    report.encoding
                ))
                .strong(),
            );
            if let Some(nodes) = &report.nodes_table {
                ui.label(format!("Nodes table: {}", nodes.display()));
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| report_body_ui(ui, report));
        });
    if !open {
        commands.push(Command::CloseImportReport);
    }
}

fn report_body_ui(ui: &mut egui::Ui, report: &ImportReport) {
    let counts = &report.counts;
    ui.strong("Mapped");
    ui.label(format!(
        "{} entities: {} named, {} with a kind, {} with a position",
        counts.entities, counts.names, counts.entity_kinds, counts.positions
    ));
    let mut ties = format!(
        "{} ties: {} with a kind, {} dated, {} with evidence",
        counts.ties, counts.tie_kinds, counts.dates, counts.evidence
    );
    if counts.merged_edges > 0 {
        ties.push_str(&format!(
            "; {} edges joined into ties among three or more",
            counts.merged_edges
        ));
    }
    ui.label(ties);
    if !report.entity_attributes.is_empty() || !report.tie_attributes.is_empty() {
        ui.add_space(6.0);
        ui.strong("Kept as attributes (shown in the side panel)");
        for (what, attributes) in [
            ("Entities", &report.entity_attributes),
            ("Ties", &report.tie_attributes),
        ] {
            if !attributes.is_empty() {
                ui.label(format!("{what}: {}", attribute_list(attributes)));
            }
        }
    }
    if !report.findings.is_empty() {
        ui.add_space(6.0);
        ui.strong("Dropped or changed");
        for (finding, examples) in &report.findings {
            ui.label(
                egui::RichText::new(format!(
                    "{}: {} ({})",
                    finding.description(),
                    examples.count,
                    finding.outcome()
                ))
                .color(ui.visuals().warn_fg_color),
            );
            ui.indent(finding.description(), |ui| {
                for example in &examples.examples {
                    ui.label(egui::RichText::new(example).monospace());
                }
                let more = examples.count - examples.examples.len();
                if more > 0 {
                    ui.weak(format!("… and {more} more"));
                }
            });
        }
    }
    if !report.notes.is_empty() || !report.warnings.is_empty() {
        ui.add_space(6.0);
        ui.strong("Notes");
        for note in &report.notes {
            ui.label(note);
        }
        for warning in &report.warnings {
            ui.label(warning.to_string());
        }
    }
    let without = report.ties_without_evidence();
    if without > 0 {
        ui.add_space(6.0);
        ui.weak(format!(
            "{without} of the ties have no evidence: {} files carry none unless powermap \
             wrote them, so this is normal. Add evidence in powermap's own format \
             (File > Save as…).",
            report.format
        ));
    }
}
