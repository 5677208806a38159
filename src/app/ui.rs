//! One frame of the window: input and background work first, then the panels (from a
//! read-only view of the state), the map, and the app's windows; the commands they pushed
//! are applied last.

use crate::app::AppStateRef;
use crate::app::PowermapApp;
use crate::app::SETTINGS_KEY;
use crate::app::command::Command;
use crate::app::loader;
use crate::app::panels::filter_panel;
use crate::app::panels::legend;
use crate::app::panels::menu_bar;
use crate::app::panels::side_panel;
use crate::app::panels::status_bar;
use crate::app::panels::story_caption;
use crate::app::panels::timeline_bar;
use crate::app::saving;
use crate::app::selection::Selection;
use crate::app::windows::add_article;
use crate::app::windows::article_view;
use crate::app::windows::columns;
use crate::app::windows::export_dialog;
use crate::app::windows::failures;
use crate::app::windows::help;
use crate::app::windows::import_report;
use crate::app::windows::merge;
use crate::app::windows::new_map;
use crate::app::windows::questions;
use crate::app::windows::story;

impl eframe::App for PowermapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.hold_close_for_unsaved(&ctx);
        self.input_commands(&ctx);
        self.poll_loading(&ctx);
        self.save_screenshots(&ctx);
        self.before_drawing(&ctx);

        let mut commands = std::mem::take(&mut self.commands);
        panels_ui(ui, &self.state(), &mut commands);
        self.map_ui(ui, &mut commands);
        windows_ui(&ctx, &self.state(), &mut commands);
        self.commands = commands;

        self.run_commands(&ctx);
        self.was_typing = ctx.egui_wants_keyboard_input();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

impl PowermapApp {
    /// What must be up to date before anything is drawn: the window's title when it
    /// changed and what the panels and the map show; a playing timeline asks to step on.
    fn before_drawing(&mut self, ctx: &egui::Context) {
        if let Some(title) = self.pending_title.take() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
        }
        self.copy_for_recovery(ctx);
        let document = &mut self.document;
        if document.explore.is_playing() {
            self.commands.push(Command::AdvanceTimeline);
        }
        if matches!(self.selection, Some(Selection::Entity(_))) {
            // The entity panel shows degree and betweenness, computed once.
            document.explore.centrality(&document.index);
        }
        document.update_looks(self.selection, self.presenting.map(|p| p.step));
    }

    /// The map and its legend, filling what the panels leave.
    fn map_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let (document, language) = (&mut self.document, self.language);
        let picking = self
            .picking
            .map(|picking| picking.prompt(document, language));
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| {
                let map = document.view.ui(ui, commands);
                let legend = legend::legend_ui(
                    ui.ctx(),
                    map.rect,
                    &document.network,
                    &document.legend,
                    language,
                );
                document.view.keep_clear_of(legend);
                if let Some(prompt) = picking {
                    picking_banner_ui(ui.ctx(), map.rect, &prompt, commands);
                }
            });
    }
}

/// What is being picked, over the top of the map, with Cancel.
fn picking_banner_ui(
    ctx: &egui::Context,
    map: egui::Rect,
    prompt: &str,
    commands: &mut Vec<Command>,
) {
    egui::Area::new(egui::Id::new("picking-banner"))
        .fixed_pos(map.center_top() + egui::vec2(-240.0, 10.0))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(480.0);
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(prompt).strong());
                    if ui.button("Cancel").on_hover_text("Esc").clicked() {
                        commands.push(Command::CancelPicking);
                    }
                });
            });
        });
}

/// The menu bar, the status bar, the timeline, the side panel and, while a story plays,
/// its caption box on the other side of the map.
fn panels_ui(ui: &mut egui::Ui, state: &AppStateRef<'_>, commands: &mut Vec<Command>) {
    menu_bar::menu_bar_ui(ui, state, commands);
    status_bar::status_bar_ui(ui, state, commands);
    timeline_bar::timeline_bar_ui(ui, &state.document.explore, commands);
    side_panel::side_panel_ui(ui, state, commands);
    if let Some(presentation) = state.presenting {
        story_caption::story_caption_ui(ui, state, presentation, commands);
    }
}

/// The app's own windows: filters, export, the import report, help, a load's progress,
/// the story (put away while it plays), Save's question and what went wrong.
fn windows_ui(ctx: &egui::Context, state: &AppStateRef<'_>, commands: &mut Vec<Command>) {
    let document = state.document;
    if state.windows.story && state.presenting.is_none() {
        story::story_window_ui(ctx, state, commands);
    }
    if state.windows.filters {
        filter_panel::filters_window_ui(
            ctx,
            &document.network,
            document.explore.filter(),
            state.language,
            commands,
        );
    }
    if state.windows.export {
        export_dialog::export_dialog_ui(ctx, state.export_settings, commands);
    }
    if let Some(report) = &document.import
        && state.windows.import_report
    {
        import_report::import_report_ui(ctx, report, commands);
    }
    if state.windows.shortcuts {
        help::shortcuts_window_ui(ctx, commands);
    }
    if state.windows.about {
        help::about_window_ui(ctx, commands);
    }
    if let Some(loading) = state.loading {
        loader::loading_ui(ctx, loading, commands);
    }
    if let Some(path) = state.confirm_replace {
        commands.extend(saving::confirm_replace_ui(ctx, path));
    }
    if state.windows.new_map {
        new_map::new_map_ui(ctx, state.language, commands);
    }
    if state.windows.duplicates {
        merge::duplicates_window_ui(ctx, document, state.language, commands);
    }
    if let Some(view) = state.article {
        article_view::article_view_ui(ctx, state, view, commands);
    }
    if let Some(form) = state.add_article {
        add_article::add_article_ui(ctx, form, commands);
    }
    if let Some(report) = state.merge_report {
        merge::merge_report_ui(ctx, report, commands);
    }
    if let Some(pair) = state.merging {
        merge::merge_dialog_ui(ctx, document, pair, state.language, commands);
    }
    if let Some(entity) = state.confirm_delete {
        commands.extend(questions::confirm_delete_ui(
            ctx,
            document,
            entity,
            state.language,
        ));
    }
    if let Some(then) = state.unsaved_question {
        commands.extend(questions::unsaved_question_ui(ctx, document, then));
    }
    if let Some(dialog) = state.column_dialog {
        columns::column_dialog_ui(ctx, dialog, commands);
    }
    if let Some(work) = &state.recovery.found {
        commands.extend(questions::recovery_offer_ui(ctx, work));
    }
    failures::failures_ui(ctx, state.failures, commands);
}
