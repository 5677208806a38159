//! The article workbench in the window: adding an article as a source (File ▸ Add
//! article…), the article view (its sentences, the map's entities mentioned in them, the
//! ties they propose, which are already quoted), and making a selected sentence a tie's
//! evidence, each as one step of the history.

use std::ops::Range;
use std::path::Path;

use crate::app::PowermapApp;
use crate::app::selection::Selection;
use crate::app::windows::add_article::{ArticleForm, Detail};
use crate::article::accept::{self, Selected};
use crate::article::page::read_article;
use crate::article::proposals::{Analysis, analyse_in, quoted_sentences};
use crate::edit::{List, ops};
use crate::network::date::PartialDate;
use crate::network::index::TieIx;
use crate::network::model::{Entity, EntityKind, LocalizedText, Network, Source};

/// An article open in the article view, analysed against the map.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleView {
    /// The source's id.
    pub source: String,
    pub analysis: Analysis,
    /// For each sentence, whether the map quotes it as evidence.
    pub quoted: Vec<bool>,
    /// The selected sentence.
    pub sentence: Option<usize>,
    /// Part of the selected sentence chosen to quote (bytes of the text), if not all of it.
    pub span: Option<Range<usize>>,
    /// A quote shown from the tie panel, highlighted; it is scrolled to once per request.
    pub highlight: Option<Range<usize>>,
    pub scroll_request: u64,
    /// The document version it was analysed for: a change to the map analyses it again.
    analysed_for: u64,
}

impl ArticleView {
    /// The selection to quote: the chosen part of the selected sentence, or all of it.
    pub fn quote_range(&self) -> Option<Range<usize>> {
        let sentence = self.analysis.sentences.get(self.sentence?)?.clone();
        Some(
            self.span
                .clone()
                .filter(|span| {
                    !span.is_empty() && sentence.start <= span.start && span.end <= sentence.end
                })
                .unwrap_or(sentence),
        )
    }

    /// What the selection proposes, read from `text`, the article's.
    pub fn selected(&self, text: &str) -> Option<Selected> {
        accept::selected(text, &self.analysis, self.quote_range()?)
    }
}

/// The article's text stored with source `id`.
pub fn article_text<'a>(network: &'a Network, id: &str) -> Option<&'a str> {
    network.source(id)?.text.as_deref()
}

fn analysed(network: &Network, source: &Source, language: &str) -> (Analysis, Vec<bool>) {
    let text = source.text.as_deref().unwrap_or_default();
    let analysis = analyse_in(text, source.published, &network.entities, language);
    let quotes = network
        .ties
        .iter()
        .flat_map(|tie| &tie.evidence)
        .filter(|item| item.source == source.id)
        .map(|item| item.quote.as_str());
    let quoted = quoted_sentences(text, &analysis.sentences, quotes);
    (analysis, quoted)
}

impl PowermapApp {
    /// Opens the article view on source `id`, with `highlight` (a quote's bytes) shown.
    pub(super) fn open_article(&mut self, id: &str, highlight: Option<Range<usize>>) {
        let network = &self.document.network;
        let Some(source) = network.source(id).filter(|s| s.text.is_some()) else {
            self.notice = Some(format!("Source {id:?} stores no article text"));
            return;
        };
        let (analysis, quoted) = analysed(network, source, self.language.code());
        let sentence = highlight.as_ref().and_then(|range| {
            analysis
                .sentences
                .iter()
                .position(|sentence| sentence.start <= range.start && range.start < sentence.end)
        });
        let scroll_request = self.article.as_ref().map_or(0, |view| view.scroll_request) + 1;
        self.article = Some(ArticleView {
            source: id.to_owned(),
            analysis,
            quoted,
            sentence,
            span: None,
            highlight,
            scroll_request,
            analysed_for: self.document.id(),
        });
    }

    /// Analyses the open article again if the map changed since (an entity added, a
    /// tie quoting it), keeping the selected sentence; closes it if its source is gone.
    pub(super) fn refresh_article(&mut self) {
        let Some(view) = &self.article else {
            return;
        };
        if view.analysed_for == self.document.id() {
            return;
        }
        let network = &self.document.network;
        match network.source(&view.source).filter(|s| s.text.is_some()) {
            Some(source) => {
                let (analysis, quoted) = analysed(network, source, self.language.code());
                let id = self.document.id();
                if let Some(view) = &mut self.article {
                    view.analysis = analysis;
                    view.quoted = quoted;
                    view.analysed_for = id;
                }
            }
            None => self.article = None,
        }
    }

    pub(super) fn select_sentence(&mut self, sentence: usize) {
        if let Some(view) = &mut self.article {
            view.sentence = (sentence < view.analysis.sentences.len()).then_some(sentence);
            view.span = None;
        }
    }

    pub(super) fn set_article_span(&mut self, span: Option<Range<usize>>) {
        if let Some(view) = &mut self.article {
            view.span = span;
        }
    }

    /// File ▸ Add article…: the form filled from a file's text and details.
    pub(super) fn read_article_file(&mut self, file: &Path) {
        match read_article(file) {
            Ok(draft) => self.add_article = Some(ArticleForm::from_draft(draft)),
            Err(err) => self.failures.save = Some(err.to_string()),
        }
    }

    /// Adds the form's article as a source, one step, and opens it in the article view.
    pub(super) fn add_article(&mut self) {
        let Some(form) = &self.add_article else {
            return;
        };
        let published = match form.detail(Detail::Published) {
            "" => None,
            date => match date.parse::<PartialDate>() {
                Ok(date) => Some(date),
                Err(err) => {
                    self.refuse_article(format!("Published: {err}"));
                    return;
                }
            },
        };
        let optional = |detail| Some(form.detail(detail).to_owned()).filter(|v| !v.is_empty());
        let language = optional(Detail::Language);
        let title = match form.detail(Detail::Title) {
            "" => form
                .text
                .lines()
                .map(str::trim)
                .find(|line| !line.is_empty())
                .unwrap_or("Untitled article")
                .to_owned(),
            title => title.to_owned(),
        };
        let outlet = form.detail(Detail::Outlet);
        if outlet.is_empty() {
            self.refuse_article("Name the outlet that published the article".to_owned());
            return;
        }
        let outlet_language = language.clone().unwrap_or_else(|| "en".to_owned());
        let network = &self.document.network;
        // "inews24-2025-12-23"; an outlet in Hangul only gives "article-2025-12-23".
        let named = if outlet.chars().any(|c| c.is_ascii_alphabetic()) {
            outlet
        } else {
            "article"
        };
        let stem = published.map_or_else(|| named.to_owned(), |date| format!("{named}-{date}"));
        let id = ops::fresh_id(network, List::Sources, &stem, "article");
        let source = Source {
            id: id.clone(),
            outlet: LocalizedText::from([(outlet_language, outlet.to_owned())]),
            title,
            author: optional(Detail::Author),
            published,
            url: optional(Detail::Url),
            language,
            text: Some(form.text.clone()),
        };
        let edit = ops::add_source(network, source);
        if self.apply_edit("add article".to_owned(), edit, Some(article_field())) {
            self.add_article = None;
            self.open_article(&id, None);
        } else if let Some(refusal) = self.refusal.take() {
            self.refuse_article(refusal.message);
        }
    }

    fn refuse_article(&mut self, problem: String) {
        if let Some(form) = &mut self.add_article {
            form.problem = Some(problem);
        }
    }

    /// "Make a tie from this": the selection becomes a new tie with its quote, ends, kind
    /// and date, one step, selected and open in the tie editor.
    pub(super) fn make_tie_from_article(&mut self) {
        let Some((source, selected)) = self.article_selection() else {
            return;
        };
        let network = &self.document.network;
        let Some((edit, id)) = accept::new_tie(network, &source, &selected) else {
            self.notice = Some("A tie needs two entities: this sentence names fewer".to_owned());
            return;
        };
        if self.apply_edit(
            "make tie from article".to_owned(),
            edit,
            Some(article_field()),
        ) {
            self.selection = self.document.index.tie_ix(&id).map(Selection::Tie);
            self.editing = true;
        }
    }

    /// "Add as evidence to the selected tie": the selection quoted on `tie`, one step.
    pub(super) fn add_evidence_from_article(&mut self, tie: TieIx) {
        let Some((source, selected)) = self.article_selection() else {
            return;
        };
        let network = &self.document.network;
        match accept::added_evidence(network, tie.index(), &source, &selected.quote) {
            Some(edit) => {
                self.apply_edit("add evidence".to_owned(), edit, Some(article_field()));
            }
            None => self.notice = Some("The tie already quotes this".to_owned()),
        }
    }

    /// A name chosen in the article made an entity of `kind`, one step.
    pub(super) fn entity_from_article(&mut self, kind: EntityKind) {
        let Some(view) = &self.article else {
            return;
        };
        let network = &self.document.network;
        let Some(source) = network.source(&view.source) else {
            return;
        };
        let text = source.text.as_deref().unwrap_or_default();
        let Some(name) = view
            .span
            .clone()
            .and_then(|span| text.get(span))
            .map(str::trim)
            .filter(|name| !name.is_empty())
        else {
            return;
        };
        let language = source.language.clone().unwrap_or_else(|| "en".to_owned());
        let names = LocalizedText::from([(language, name.to_owned())]);
        let id = ops::fresh_id(network, List::Entities, name, "entity");
        let entity = Entity::new(id, kind, names);
        let edit = ops::add_entity(network, entity);
        self.apply_edit(format!("add entity {name}"), edit, Some(article_field()));
    }

    fn article_selection(&self) -> Option<(String, Selected)> {
        let view = self.article.as_ref()?;
        let text = article_text(&self.document.network, &view.source)?;
        Some((view.source.clone(), view.selected(text)?))
    }
}

/// The field refusals of the article view's actions show beside.
pub fn article_field() -> egui::Id {
    egui::Id::new("article-actions")
}
