//! Where every [`Command`] is applied, in one place at the end of the frame, and where
//! shortcuts and dropped files (networks to open, articles to add) become commands.

use std::path::{Path, PathBuf};

use crate::app::command::Command;
use crate::app::editing::Picking;
use crate::app::export_settings::{ExportRequest, ExportScope};
use crate::app::panels::editors::fields::{field_id, focus_and_select};
use crate::app::saving;
use crate::app::selection::Selection;
use crate::app::{ArticleForm, PowermapApp};
use crate::edit::history::Direction;
use crate::export::film::{FILM_WIDTH_PX, FilmFormat, timeline_film, write_film};
use crate::export::{ExportOptions, ImageFormat, encode_png, export_map, file_stem};
use crate::interop::{ExportFormat, ImportOptions};
use crate::network::model::is_web_address;
use crate::network::save::{Overwrite, write_atomically};

impl PowermapApp {
    /// Applies the commands queued this frame, and those they queue in turn.
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        // What a command changed is drawn by the next frame, so one is asked for; the
        // playing timeline asks for its own when its next date is due.
        if (self.commands.iter()).any(|command| *command != Command::AdvanceTimeline) {
            ctx.request_repaint();
        }
        while !self.commands.is_empty() {
            for command in std::mem::take(&mut self.commands) {
                tracing::debug!("command: {}", command.text());
                self.run_command(ctx, command);
            }
        }
        // An open article is read against the map as it is now.
        self.refresh_article();
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog => {
                if !self.may_drop_changes(&Command::OpenDialog) {
                    return;
                }
                let picked = pick_network_file("Open a network");
                if let Some(path) = picked {
                    self.open_path(ctx, &path);
                }
            }
            Command::Open(path) => {
                if self.may_drop_changes(&Command::Open(path.clone())) {
                    self.open_path(ctx, &path);
                }
            }
            Command::OpenWithColumns {
                path,
                headers,
                columns,
                sheets,
            } => {
                self.column_dialog = None;
                self.settings.remember_columns(headers, columns.clone());
                self.open_path_with(ctx, &path, Some(ImportOptions { columns, sheets }));
            }
            Command::SetColumns(columns) => {
                if let Some(dialog) = &mut self.column_dialog {
                    dialog.columns = columns;
                }
            }
            Command::SetSheets { ties, entities } => {
                if let Some(dialog) = &mut self.column_dialog {
                    dialog.choose_sheets(&ties, entities, &self.settings);
                }
            }
            Command::CloseColumnDialog => self.column_dialog = None,
            Command::OpenDefault => {
                if !self.may_drop_changes(&Command::OpenDefault) {
                    return;
                }
                self.cancel_loading();
                let settings = std::mem::take(&mut self.settings);
                let stopping_loads = std::mem::take(&mut self.stopping_loads);
                let recovery = std::mem::take(&mut self.recovery);
                *self = Self::with_default_network(settings);
                self.stopping_loads = stopping_loads;
                self.recovery = recovery;
                self.recovery.remove();
            }
            Command::CancelLoad => self.cancel_loading(),
            Command::Save => match self.document.own_file() {
                // A file changed by something else since it was opened is asked about.
                Some(path) if self.document.file_changed_on_disk() => {
                    self.confirm_replace = Some(path.to_owned());
                }
                Some(path) => {
                    self.save(path.to_owned(), ExportFormat::Powermap, Overwrite::Replace);
                }
                None => self.commands.push(Command::SaveAsDialog),
            },
            Command::SaveAsDialog => {
                if let Some(path) = saving::save_as_dialog(&self.document).save_file() {
                    self.commands.push(Command::SaveAs(path));
                }
            }
            Command::SaveAs(path) => {
                let (path, format, overwrite) = saving::save_target(path);
                self.save(path, format, overwrite);
            }
            Command::ReplaceFile(path) => {
                self.confirm_replace = None;
                self.save(path, ExportFormat::Powermap, Overwrite::Replace);
            }
            Command::CancelSave => self.confirm_replace = None,
            Command::ShowImportReport => self.windows.import_report = true,
            Command::CloseImportReport => self.windows.import_report = false,
            Command::Select(Selection::Entity(entity)) if self.picking.is_some() => {
                self.pick(entity);
            }
            Command::Select(selection) => {
                if self.selection != Some(selection) {
                    self.refusal = None;
                }
                self.selection = Some(selection);
            }
            Command::ClearSelection => {
                if self.picking.take().is_none() {
                    self.selection = None;
                    self.editing = false;
                }
            }
            Command::SetLanguage(language) => {
                self.language = language;
                self.document
                    .view
                    .set_language(&self.document.network, language);
            }
            Command::ToggleLayout => self.document.view.toggle_layout(),
            Command::Relayout => self.document.view.relayout(&self.document.network),
            Command::TogglePin => self.toggle_pin(),
            Command::MoveEntity { entity, from, to } => self.move_entity(entity, from, to),
            Command::NewMapDialog => {
                if self.may_drop_changes(&Command::NewMapDialog) {
                    self.windows.new_map = true;
                }
            }
            Command::CreateMap { title, language } => self.create_map(title, language),
            Command::CloseNewMap => self.windows.new_map = false,
            Command::MergeMapDialog => {
                let picked = pick_network_file("Merge another map into this one");
                if let Some(path) = picked {
                    self.commands.push(Command::MergeMap(path));
                }
            }
            Command::MergeMap(path) => self.merge_map(&path),
            Command::CloseMergeReport => self.merge_report = None,
            Command::AddArticleDialog => {
                self.add_article.get_or_insert_with(ArticleForm::default);
            }
            Command::ChooseArticleFile => {
                let picked = rfd::FileDialog::new()
                    .set_title("Add an article")
                    .add_filter(
                        "Articles (text, Markdown, saved web pages)",
                        &["txt", "md", "html", "htm"],
                    )
                    .add_filter("All files", &["*"])
                    .pick_file();
                if let Some(path) = picked {
                    self.read_article_file(&path);
                }
            }
            Command::ReadArticleFile(path) => self.read_article_file(&path),
            Command::SetArticleForm(form) => self.add_article = Some(*form),
            Command::AddArticle => self.add_article(),
            Command::CloseAddArticle => self.add_article = None,
            Command::OpenArticle { source, highlight } => self.open_article(&source, highlight),
            Command::CloseArticle => self.article = None,
            Command::SelectSentence(sentence) => self.select_sentence(sentence),
            Command::SetArticleSpan(span) => self.set_article_span(span),
            Command::MakeTieFromArticle => self.make_tie_from_article(),
            Command::AddEvidenceFromArticle(tie) => self.add_evidence_from_article(tie),
            Command::EntityFromArticle(kind) => self.entity_from_article(kind),
            Command::Undo => self.walk_history(Direction::Undo),
            Command::Redo => self.walk_history(Direction::Redo),
            Command::Edit { what, edit, field } => {
                self.apply_edit(what, edit, field);
            }
            Command::AddEntity(at) => {
                self.add_entity(at);
                // Typing names the entity just added.
                if let Some(Selection::Entity(entity)) = self.selection {
                    let entity = &self.document.network[entity];
                    let language = self.language.code();
                    let id = field_id(&entity.id, &format!("name.{language}"), self.document.id());
                    focus_and_select(ctx, id);
                }
            }
            Command::AddSource => self.add_source(),
            Command::AddTieBetween(a, b) => self.add_tie_between(a, b),
            Command::StartTie(from) => self.picking = Some(Picking::TieFrom(from)),
            Command::StartAddingParticipant(tie) => {
                self.picking = Some(Picking::Participant(tie));
            }
            Command::StartMerging(entity) => self.picking = Some(Picking::MergeWith(entity)),
            Command::CancelPicking => self.picking = None,
            Command::ShowMerge { kept, merged } => self.merging = Some((kept, merged)),
            Command::Merge {
                kept,
                merged,
                choices,
            } => self.merge(kept, merged, &choices),
            Command::CloseMerge => self.merging = None,
            Command::TogglePossibleDuplicates => {
                self.windows.duplicates = !self.windows.duplicates;
            }
            Command::DeleteSelected => self.delete_selected(),
            Command::DeleteEntity(entity) => self.delete_entity(entity),
            Command::CancelDelete => self.confirm_delete = None,
            Command::SetEditing(editing) => {
                self.editing = editing;
                self.refusal = None;
            }
            Command::SaveThenContinue => self.save_then_continue(),
            Command::DiscardThenContinue => self.discard_then_continue(),
            Command::CancelUnsaved => self.unsaved_question = None,
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => self.discard_recovery(),
            Command::FitView => self.document.view.fit(),
            Command::DismissErrors => self.failures = Default::default(),
            Command::ShowExportDialog => self.windows.export = true,
            Command::CloseExportDialog => self.windows.export = false,
            Command::SetExportSettings(settings) => self.export_settings = settings,
            Command::ChooseExportFile(settings) => {
                let extension = settings.format.extension();
                let picked = rfd::FileDialog::new()
                    .set_title("Export the map")
                    .set_file_name(format!(
                        "{}.{extension}",
                        file_stem(&self.document.network, &self.document.name)
                    ))
                    .add_filter(extension.to_uppercase(), &[extension])
                    .save_file();
                if let Some(path) = picked {
                    self.commands
                        .push(Command::Export(ExportRequest { path, settings }));
                }
            }
            Command::Export(request) => self.export(ctx, request),
            Command::ExportFilmDialog => {
                let stem = file_stem(&self.document.network, "powermap");
                let picked = rfd::FileDialog::new()
                    .set_title("Export the timeline as a film")
                    .add_filter("Animated GIF", &["gif"])
                    .add_filter("Animated PNG", &["png"])
                    .set_file_name(format!("{stem}-timeline.gif"))
                    .save_file();
                if let Some(path) = picked {
                    self.commands.push(Command::ExportFilm(path));
                }
            }
            Command::ExportFilm(path) => self.export_film(path),
            Command::OpenLink(url) => {
                if is_web_address(&url) {
                    ctx.open_url(egui::OpenUrl::new_tab(url));
                }
            }
            Command::Quit => {
                if self.may_drop_changes(&Command::Quit) {
                    self.quit(ctx);
                }
            }
            Command::FocusSearch => crate::app::panels::search_bar::focus_search(ctx),
            Command::ShowEntity(entity) if self.picking.is_some() => self.pick(entity),
            Command::ShowEntity(entity) => {
                if entity.index() < self.document.index.entity_count() {
                    self.selection = Some(Selection::Entity(entity));
                    self.document.view.centre_on(entity);
                }
            }
            Command::ToggleFilters => self.windows.filters = !self.windows.filters,
            Command::ToggleStory => self.windows.story = !self.windows.story,
            Command::AddStoryStep => self.add_story_step(ctx),
            Command::PlayStory => self.show_story_step(0),
            Command::ShowStoryStep(step) => self.show_story_step(step),
            Command::NextStoryStep => self.step_story(true),
            Command::PreviousStoryStep => self.step_story(false),
            Command::LeaveStory => self.leave_story(),
            Command::ToggleShortcuts => self.windows.shortcuts = !self.windows.shortcuts,
            Command::ToggleAbout => self.windows.about = !self.windows.about,
            Command::SetFilter(filter) => {
                let (explore, network, index) = self.document.explore_mut();
                explore.set_filter(network, index, filter);
            }
            Command::SetTimeline(step) => {
                let (explore, network, index) = self.document.explore_mut();
                // A hand on the slider stops the play button.
                explore.set_playing(network, index, false);
                explore.set_timeline(network, index, step);
            }
            Command::SetPlaying(playing) => {
                let (explore, network, index) = self.document.explore_mut();
                explore.set_playing(network, index, playing);
            }
            Command::AdvanceTimeline => {
                let (explore, network, index) = self.document.explore_mut();
                let before = explore.timeline();
                let wait_secs = explore.advance(network, index, ctx.input(|input| input.time));
                if explore.timeline() != before {
                    // Draw the new date now; the next frame asks when the one after is due.
                    ctx.request_repaint();
                } else if let Some(wait_secs) = wait_secs {
                    ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait_secs));
                }
            }
            Command::SetUndatedTies(undated) => {
                let (explore, network, index) = self.document.explore_mut();
                explore.set_undated(network, index, undated);
            }
            Command::SetFocusSteps(steps) => self.document.explore.set_focus_steps(steps),
            Command::SetPathFrom(from) => {
                let (explore, network, index) = self.document.explore_mut();
                explore.set_path(network, index, from, explore.path_to());
            }
            Command::SetPathTo(to) => {
                let (explore, network, index) = self.document.explore_mut();
                explore.set_path(network, index, explore.path_from(), to);
            }
            Command::ClearPath => {
                let (explore, network, index) = self.document.explore_mut();
                explore.set_path(network, index, None, None);
            }
            Command::SetSizeBy(size_by) => self.document.explore.set_size_by(size_by),
        }
    }

    /// Exports the whole map now, or asks for a screenshot of the current view, which
    /// [`Self::save_screenshots`] saves when it arrives.
    fn export(&mut self, ctx: &egui::Context, request: ExportRequest) {
        let ExportRequest { path, settings } = request;
        match settings.scope {
            ExportScope::WholeMap => {
                let (path, overwrite) = with_extension(path, settings.format);
                let document = &self.document;
                let options = ExportOptions {
                    width_px: settings.size.width_px(),
                    background: settings.background,
                    language: self.language.code().to_owned(),
                };
                let positions = document.view.positions();
                let result = export_map(
                    &document.network,
                    &document.map,
                    &positions,
                    &options,
                    &path,
                    overwrite,
                );
                self.report_export(&path, result.map_err(|err| err.to_string()));
            }
            ExportScope::CurrentView => {
                let target = with_extension(path, ImageFormat::Png);
                ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(egui::UserData::new(
                    target,
                )));
            }
        }
    }

    /// Saves the current-view screenshots that arrived this frame, cropped to the map.
    pub(super) fn save_screenshots(&mut self, ctx: &egui::Context) {
        let screenshots: Vec<((PathBuf, Overwrite), std::sync::Arc<egui::ColorImage>)> =
            ctx.input(|input| {
                input
                    .events
                    .iter()
                    .filter_map(|event| match event {
                        egui::Event::Screenshot {
                            user_data, image, ..
                        } => {
                            let target = user_data
                                .data
                                .as_ref()?
                                .downcast_ref::<(PathBuf, Overwrite)>()?
                                .clone();
                            Some((target, image.clone()))
                        }
                        _ => None,
                    })
                    .collect()
            });
        for ((path, overwrite), image) in screenshots {
            let map = image.region(
                &self.document.view.screen_rect(),
                Some(ctx.pixels_per_point()),
            );
            let [width, height] = map.size;
            let result = encode_png(map.as_raw(), width as u32, height as u32)
                .map_err(|err| err.to_string())
                .and_then(|png| {
                    write_atomically(&path, &png, overwrite).map_err(|err| err.to_string())
                });
            self.report_export(&path, result);
        }
    }

    /// Plays the timeline into a film, with the entities where the map has them.
    fn export_film(&mut self, path: PathBuf) {
        // The dialog confirmed replacing the name it returned; a name without a film's
        // ending is given .gif, and replaces nothing.
        let (path, overwrite) = match FilmFormat::from_path(&path) {
            Some(FilmFormat::Gif | FilmFormat::Apng) => (path, Overwrite::Replace),
            _ => {
                let mut name = path.into_os_string();
                name.push(".gif");
                (PathBuf::from(name), Overwrite::Refuse)
            }
        };
        let format = FilmFormat::from_path(&path).unwrap_or(FilmFormat::Gif);
        let document = &self.document;
        let options = ExportOptions {
            width_px: FILM_WIDTH_PX,
            background: self.export_settings.background,
            language: self.language.code().to_owned(),
        };
        let result = timeline_film(&document.network, &document.view.positions(), &options)
            .and_then(|film| write_film(&film, &path, format, overwrite))
            .map(drop)
            .map_err(|err| err.to_string());
        self.report_export(&path, result);
    }

    fn report_export(&mut self, path: &Path, result: Result<(), String>) {
        match result {
            Ok(()) => {
                tracing::info!("exported {}", path.display());
                self.notice = Some(format!("Exported {}", path.display()));
            }
            Err(err) => {
                tracing::warn!("export failed: {err}");
                self.failures.export = Some(err);
            }
        }
    }

    /// Shortcuts and dropped files become commands; no shortcut while a question or a
    /// dialog (Save's, Delete's, a merge, File ▸ New) waits for its answer.
    pub(super) fn input_commands(&mut self, ctx: &egui::Context) {
        let asking = self.confirm_replace.is_some()
            || self.unsaved_question.is_some()
            || self.confirm_delete.is_some()
            || self.merging.is_some()
            || self.windows.new_map
            || self.recovery.found.is_some();
        if !asking {
            let typing = self.was_typing || ctx.egui_wants_keyboard_input();
            // Ctrl+Y redoes too, as on Windows; a text field keeps its own undo.
            let redo_y = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Y);
            if !typing && ctx.input_mut(|input| input.consume_shortcut(&redo_y)) {
                self.commands.push(Command::Redo);
            }
            // While a story plays, the arrows step it and Esc leaves it, unless typing.
            let story_keys = Command::while_story_plays();
            let story_keys = if self.presenting.is_some() && !typing {
                &story_keys[..]
            } else {
                &[]
            };
            for command in (story_keys.iter())
                .chain(Command::with_shortcuts().iter())
                .cloned()
            {
                let Some(shortcut) = command.shortcut() else {
                    continue;
                };
                // Plain keys (Space, P, F) belong to a text field being typed in, and so do
                // undo and redo.
                let text_keys = matches!(command, Command::Undo | Command::Redo);
                if typing && (shortcut.modifiers.is_none() || text_keys) {
                    continue;
                }
                if ctx.input_mut(|input| input.consume_shortcut(&shortcut)) {
                    self.commands.push(command);
                }
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next_back() {
            // An article (text, Markdown, a saved page) is added to the map, not opened.
            let article = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                ["txt", "md", "html", "htm"].contains(&e.to_ascii_lowercase().as_str())
            });
            self.commands.push(if article {
                Command::ReadArticleFile(path)
            } else {
                Command::Open(path)
            });
        }
    }
}

/// Asks for a network file in any format powermap reads, with the native dialog.
fn pick_network_file(title: &str) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title(title)
        .add_filter(
            "Networks (powermap, GEXF, GraphML, CSV, spreadsheets, node-link, Cytoscape, GML, FollowTheMoney)",
            &[
                "json", "gexf", "graphml", "xml", "csv", "tsv", "xlsx", "ods", "cyjs", "gml", "ftm",
                "ijson", "jsonl", "ndjson",
            ],
        )
        .add_filter("All files", &["*"])
        .pick_file()
}

/// `path` with the format's extension, unless it already has it. The file dialog only
/// confirmed replacing the name it returned, so a changed name must not replace a file.
fn with_extension(path: PathBuf, format: ImageFormat) -> (PathBuf, Overwrite) {
    if ImageFormat::from_path(&path) == Some(format) {
        (path, Overwrite::Replace)
    } else {
        let mut name = path.into_os_string();
        name.push(".");
        name.push(format.extension());
        (PathBuf::from(name), Overwrite::Refuse)
    }
}
