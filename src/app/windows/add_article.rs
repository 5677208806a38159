//! File ▸ Add article…: an article's text, pasted or read from a `.txt`, `.md` or saved
//! `.html` file, with its outlet, title, author, date, address and language filled in
//! where the page says them, each shown with where it was found for the person to
//! confirm or correct before the article becomes a source.

use crate::app::command::Command;
use crate::app::panels::editors::fields::name_for_access;
use crate::article::page::{ArticleDraft, Found, from_html, from_text, looks_like_html};

/// The details an article's source has, in the order the dialog asks for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    Title,
    Outlet,
    Author,
    Published,
    Url,
    Language,
}

impl Detail {
    pub const ALL: [Self; 6] = [
        Self::Title,
        Self::Outlet,
        Self::Author,
        Self::Published,
        Self::Url,
        Self::Language,
    ];

    /// The field's label; its accessible name is the label in lower case.
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::Outlet => "Outlet",
            Self::Author => "Author",
            Self::Published => "Published",
            Self::Url => "Address",
            Self::Language => "Language",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Self::Title => "the headline, as published",
            Self::Outlet => "e.g. 아이뉴스24",
            Self::Author => "the reporter, if named",
            Self::Published => "YYYY-MM-DD, YYYY-MM or YYYY",
            Self::Url => "https://…",
            Self::Language => "ko, en…",
        }
    }
}

/// One detail as the dialog holds it: its text, where it was found (if it was), and
/// whether the person changed it (a changed detail is not refilled from the text).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DetailField {
    pub value: String,
    pub from: Option<&'static str>,
    pub changed: bool,
}

/// What File ▸ Add article… holds while it is open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleForm {
    /// The article's text, as it will be stored (a pasted page is made text).
    pub text: String,
    pub details: [DetailField; 6],
    /// Why the last Add was refused, until the form changes.
    pub problem: Option<String>,
}

impl ArticleForm {
    /// The form for an article read from a file or the clipboard.
    pub fn from_draft(draft: ArticleDraft) -> Self {
        let mut form = Self::default();
        form.take_details(&draft);
        form.text = draft.text;
        form
    }

    pub fn detail(&self, detail: Detail) -> &str {
        self.details[detail as usize].value.trim()
    }

    /// New text: a pasted page is made text, and every detail the person has not changed
    /// is found in it again.
    fn set_text(&mut self, text: String) {
        let draft = if looks_like_html(&text) {
            from_html(&text)
        } else {
            from_text(&text)
        };
        self.take_details(&draft);
        self.text = if looks_like_html(&text) {
            draft.text
        } else {
            text
        };
    }

    fn take_details(&mut self, draft: &ArticleDraft) {
        let found = |found: &Option<Found<String>>| {
            found
                .as_ref()
                .map(|found| (found.value.clone(), found.from))
        };
        let values = [
            found(&draft.title),
            found(&draft.outlet),
            found(&draft.author),
            draft
                .published
                .as_ref()
                .map(|found| (found.value.to_string(), found.from)),
            found(&draft.url),
            found(&draft.language),
        ];
        for (field, value) in self.details.iter_mut().zip(values) {
            if !field.changed {
                (field.value, field.from) =
                    value.map_or((String::new(), None), |(v, f)| (v, Some(f)));
            }
        }
    }
}

/// The Add article dialog; pushes `SetArticleForm` as the form changes, and
/// `ChooseArticleFile`, `AddArticle` or `CloseAddArticle`.
pub fn add_article_ui(ctx: &egui::Context, form: &ArticleForm, commands: &mut Vec<Command>) {
    let mut changed = form.clone();
    let mut open = true;
    egui::Window::new("Add article")
        .id(egui::Id::new("add-article"))
        .open(&mut open)
        .default_size([720.0, 560.0])
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Paste the article's text below, or");
                if ui
                    .button("Open a file…")
                    .on_hover_text("A .txt or .md file, or a web page saved as .html")
                    .clicked()
                {
                    commands.push(Command::ChooseArticleFile);
                }
            });
            ui.add_space(4.0);
            let mut text = changed.text.clone();
            egui::ScrollArea::vertical()
                .id_salt("article-text")
                .max_height(ui.available_height() - 230.0)
                .show(ui, |ui| {
                    let edit = ui.add(
                        egui::TextEdit::multiline(&mut text)
                            .hint_text("이재용 삼성전자 회장이 …")
                            .desired_rows(12)
                            .desired_width(f32::INFINITY),
                    );
                    name_for_access(ui, edit.id, "Article text");
                });
            if text != changed.text {
                changed.set_text(text);
            }
            ui.add_space(6.0);
            ui.label(
                egui::RichText::new(
                    "Check each detail: those found in the article say where; correct any that is wrong.",
                )
                .small()
                .weak(),
            );
            egui::Grid::new("article-details")
                .num_columns(3)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    for detail in Detail::ALL {
                        let field = &mut changed.details[detail as usize];
                        ui.label(detail.label());
                        let mut value = field.value.clone();
                        let edit = ui.add(
                            egui::TextEdit::singleline(&mut value)
                                .hint_text(detail.hint())
                                .desired_width(380.0),
                        );
                        name_for_access(ui, edit.id, &detail.label().to_lowercase());
                        if value != field.value {
                            field.value = value;
                            field.changed = true;
                        }
                        let note = match (field.changed, field.from) {
                            (true, _) => "as you wrote it".to_owned(),
                            (false, Some(from)) => format!("found in {from}"),
                            (false, None) => "not found".to_owned(),
                        };
                        ui.label(egui::RichText::new(note).small().weak());
                        ui.end_row();
                    }
                });
            if let Some(problem) = &form.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let ready = !form.text.trim().is_empty();
                if ui
                    .add_enabled(ready, egui::Button::new("Add to the map"))
                    .on_disabled_hover_text("Paste the article's text first")
                    .clicked()
                {
                    commands.push(Command::AddArticle);
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CloseAddArticle);
                }
            });
        });
    if changed != *form {
        changed.problem = None;
        commands.push(Command::SetArticleForm(Box::new(changed)));
    }
    if !open {
        commands.push(Command::CloseAddArticle);
    }
}
