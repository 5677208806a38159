//! The article view: an article's text as sentences, with the map's entities it mentions
//! highlighted, the sentences the map already quotes marked, and for the selected
//! sentence (or words chosen in it) the tie it proposes, to make into a tie or add as
//! evidence to the selected one.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};

use crate::app::articles::{ArticleView, article_field};
use crate::app::command::Command;
use crate::app::map::shapes::color32;
use crate::app::panels::editors::fields::name_for_access;
use crate::app::selection::Selection;
use crate::app::{AppStateRef, Document};
use crate::article::dates::precision_name;
use crate::article::mentions::MentionRule;
use crate::network::model::{EntityKind, Source};
use crate::scene::style::kind_color;

const MARK_QUOTED: &str = "“";
const MARK_PROPOSAL: &str = "+";

/// The article view's window; pushes the commands its clicks ask for.
pub fn article_view_ui(
    ctx: &egui::Context,
    state: &AppStateRef<'_>,
    view: &ArticleView,
    commands: &mut Vec<Command>,
) {
    let network = &state.document.network;
    let Some(source) = network.source(&view.source) else {
        return;
    };
    let text = source.text.as_deref().unwrap_or_default();
    let mut open = true;
    egui::Window::new(format!("Article: {}", source.title))
        .id(egui::Id::new("article-view"))
        .open(&mut open)
        .default_size([860.0, 600.0])
        .default_pos([8.0, 36.0])
        .min_width(640.0)
        .resizable(true)
        .show(ctx, |ui| {
            header_ui(ui, state, source, view, commands);
            ui.separator();
            let height = ui.available_height();
            ui.horizontal_top(|ui| {
                let width = ui.available_width();
                let down = egui::Layout::top_down(egui::Align::Min);
                let left = (width * 0.58).max(320.0);
                ui.allocate_ui_with_layout(egui::vec2(left, height), down, |ui| {
                    ui.set_width(left);
                    egui::ScrollArea::vertical()
                        .id_salt("article-sentences")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            sentences_ui(ui, state, text, view, left - 48.0, commands)
                        });
                });
                ui.separator();
                let right = ui.available_width();
                ui.allocate_ui_with_layout(egui::vec2(right, height), down, |ui| {
                    ui.set_width(right);
                    egui::ScrollArea::vertical()
                        .id_salt("article-selection")
                        .auto_shrink([false, false])
                        .show(ui, |ui| selection_ui(ui, state, text, view, commands));
                });
            });
        });
    if !open {
        commands.push(Command::CloseArticle);
    }
}

/// The outlet, date and counts, the other articles of the map, and who is mentioned.
fn header_ui(
    ui: &mut egui::Ui,
    state: &AppStateRef<'_>,
    source: &Source,
    view: &ArticleView,
    commands: &mut Vec<Command>,
) {
    let network = &state.document.network;
    let language = state.language.code();
    ui.horizontal_wrapped(|ui| {
        let outlet =
            crate::network::model::localized(&source.outlet, language).unwrap_or(&source.id);
        let mut line = outlet.to_owned();
        if let Some(published) = source.published {
            line.push_str(&format!(", {published}"));
        }
        if let Some(author) = &source.author {
            line.push_str(&format!(", {author}"));
        }
        ui.strong(line);
        let with_text: Vec<&Source> = network
            .sources
            .iter()
            .filter(|s| s.text.is_some())
            .collect();
        if with_text.len() > 1 {
            egui::ComboBox::from_id_salt("article-source")
                .selected_text("Another article…")
                .show_ui(ui, |ui| {
                    for other in with_text {
                        if ui
                            .selectable_label(other.id == source.id, &other.title)
                            .clicked()
                        {
                            commands.push(Command::OpenArticle {
                                source: other.id.clone(),
                                highlight: None,
                            });
                        }
                    }
                });
        }
    });
    let analysis = &view.analysis;
    let quoted = view.quoted.iter().filter(|&&q| q).count();
    ui.label(format!(
        "{} sentences · {} mentions · {} proposed ties · {} quoted in the map",
        analysis.sentences.len(),
        analysis
            .mentions
            .iter()
            .filter(|m| !m.range.is_empty())
            .count(),
        analysis.proposals.len(),
        quoted
    ));
    // Who is mentioned, most often first.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for mention in &analysis.mentions {
        match counts.iter_mut().find(|(id, _)| *id == mention.entity) {
            Some((_, count)) => *count += 1,
            None => counts.push((&mention.entity, 1)),
        }
    }
    counts.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
    egui::CollapsingHeader::new(format!("Mentioned: {} entities", counts.len()))
        .id_salt("article-mentioned")
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (id, count) in counts {
                    if let Some(ix) = state.document.index.entity_ix(id) {
                        let name = network[ix].display_name(language);
                        if ui
                            .link(format!("{name} ×{count}"))
                            .on_hover_text("Select it on the map")
                            .clicked()
                        {
                            commands.push(Command::ShowEntity(ix));
                        }
                    }
                }
            });
        });
    if let Some(subject) = analysis
        .subject
        .as_deref()
        .and_then(|id| state.document.index.entity_ix(id))
    {
        ui.label(
            egui::RichText::new(format!(
                "The article is about {}: sentences that leave out who met or visited take them.",
                network[subject].display_name(language)
            ))
            .small()
            .weak(),
        );
    }
}

/// The sentences, one a row, paragraphs apart as in the text; a click selects one.
fn sentences_ui(
    ui: &mut egui::Ui,
    state: &AppStateRef<'_>,
    text: &str,
    view: &ArticleView,
    wrap_width: f32,
    commands: &mut Vec<Command>,
) {
    let analysis = &view.analysis;
    let scroll_id = egui::Id::new("article-scrolled");
    let scrolled = ui.data(|data| data.get_temp::<u64>(scroll_id));
    let mut previous_end = 0;
    for (i, sentence) in analysis.sentences.iter().enumerate() {
        if text
            .get(previous_end..sentence.start)
            .is_some_and(|gap| gap.contains("\n\n"))
        {
            ui.add_space(8.0);
        }
        previous_end = sentence.end;
        let proposal = analysis.proposals.iter().any(|p| p.sentence == *sentence);
        let selected = view.sentence == Some(i);
        let job = sentence_job(ui, state.document, text, sentence.clone(), view, wrap_width);
        let response = ui
            .horizontal_top(|ui| {
                let mark = match (view.quoted[i], proposal) {
                    (true, _) => {
                        egui::RichText::new(MARK_QUOTED).color(Color32::from_rgb(40, 150, 80))
                    }
                    (false, true) => egui::RichText::new(MARK_PROPOSAL).strong(),
                    (false, false) => egui::RichText::new(" "),
                };
                ui.add_sized([14.0, 16.0], egui::Label::new(mark))
                    .on_hover_text(match (view.quoted[i], proposal) {
                        (true, _) => "Quoted as evidence in the map",
                        (false, true) => "Names two or more entities: it proposes a tie",
                        (false, false) => "",
                    });
                let frame = egui::Frame::new()
                    .inner_margin(egui::Margin::symmetric(4, 2))
                    .corner_radius(3.0)
                    .fill(if selected {
                        ui.visuals().selection.bg_fill.gamma_multiply(0.35)
                    } else {
                        Color32::TRANSPARENT
                    });
                frame
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(job).wrap().sense(egui::Sense::click()))
                    })
                    .inner
            })
            .inner;
        let label = &text[sentence.clone()];
        name_for_access(ui, response.id, label);
        if response.clicked() {
            commands.push(Command::SelectSentence(i));
        }
        let highlighted = view
            .highlight
            .as_ref()
            .is_some_and(|range| sentence.start <= range.start && range.start < sentence.end);
        if highlighted && scrolled != Some(view.scroll_request) {
            response.scroll_to_me(Some(egui::Align::Center));
            ui.data_mut(|data| data.insert_temp(scroll_id, view.scroll_request));
        }
    }
}

/// A sentence laid out with its mentions coloured by their entity's kind and the
/// highlighted quote marked.
fn sentence_job(
    ui: &egui::Ui,
    document: &Document,
    text: &str,
    sentence: std::ops::Range<usize>,
    view: &ArticleView,
    wrap_width: f32,
) -> LayoutJob {
    let font = FontId::proportional(14.5);
    let plain = TextFormat::simple(font.clone(), ui.visuals().text_color());
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    // Each byte's look: 0 plain, else the mention's colour.
    let mut at = sentence.start;
    let mentions: Vec<_> = view
        .analysis
        .mentions
        .iter()
        .filter(|m| {
            !m.range.is_empty() && sentence.start <= m.range.start && m.range.end <= sentence.end
        })
        .collect();
    let highlight = view.highlight.clone().unwrap_or(0..0);
    let push = |job: &mut LayoutJob, range: std::ops::Range<usize>, format: TextFormat| {
        if range.is_empty() {
            return;
        }
        // The highlighted quote, inside any part.
        let mut cut = vec![range.start, range.end];
        for edge in [highlight.start, highlight.end] {
            if range.start < edge && edge < range.end {
                cut.push(edge);
            }
        }
        cut.sort_unstable();
        for pair in cut.windows(2) {
            let mut format = format.clone();
            if highlight.start <= pair[0] && pair[1] <= highlight.end {
                format.underline = egui::Stroke::new(2.0, Color32::from_rgb(230, 160, 0));
            }
            job.append(&text[pair[0]..pair[1]], 0.0, format);
        }
    };
    for mention in mentions {
        if mention.range.start < at {
            continue;
        }
        push(&mut job, at..mention.range.start, plain.clone());
        let kind = document
            .index
            .entity_ix(&mention.entity)
            .map_or(EntityKind::Other, |ix| document.network[ix].kind);
        let color = color32(kind_color(kind));
        let mut format = plain.clone();
        format.background = color.gamma_multiply(0.28);
        if mention.rule != MentionRule::Name && mention.rule != MentionRule::Alias {
            format.italics = true;
        }
        push(&mut job, mention.range.clone(), format);
        at = mention.range.end;
    }
    push(&mut job, at..sentence.end, plain);
    job
}

/// The selected sentence: words to choose, its mentions and proposal, and the actions.
fn selection_ui(
    ui: &mut egui::Ui,
    state: &AppStateRef<'_>,
    text: &str,
    view: &ArticleView,
    commands: &mut Vec<Command>,
) {
    let network = &state.document.network;
    let language = state.language.code();
    let Some((i, sentence)) = view
        .sentence
        .and_then(|i| Some((i, view.analysis.sentences.get(i)?.clone())))
    else {
        ui.label("Click a sentence to see what it proposes.");
        ui.add_space(6.0);
        ui.label(
            egui::RichText::new(format!(
                "{MARK_PROPOSAL} a sentence naming two or more entities: it proposes a tie\n\
                 {MARK_QUOTED} a sentence the map quotes already\n\
                 coloured: a mention of an entity (slanted: found by a title, a short form or \
                 another spelling)"
            ))
            .small()
            .weak(),
        );
        return;
    };
    ui.strong(format!(
        "Sentence {} of {}",
        i + 1,
        view.analysis.sentences.len()
    ));
    ui.label(
        egui::RichText::new("Select words in it to quote only them, or to make a new entity.")
            .small()
            .weak(),
    );
    let mut shown = &text[sentence.clone()];
    let output = egui::TextEdit::multiline(&mut shown)
        .desired_width(f32::INFINITY)
        .desired_rows(2)
        .show(ui);
    name_for_access(ui, output.response.id, "Selected sentence");
    if output.response.has_focus()
        && let Some(range) = output.cursor_range
    {
        let chars = range.as_sorted_char_range();
        let byte = |char_at: usize| {
            shown
                .char_indices()
                .nth(char_at)
                .map_or(shown.len(), |(at, _)| at)
        };
        let span = (!chars.is_empty())
            .then(|| sentence.start + byte(chars.start.0)..sentence.start + byte(chars.end.0));
        if span != view.span {
            commands.push(Command::SetArticleSpan(span));
        }
    }

    let selected = view.selected(text);
    let proposal = view
        .analysis
        .proposals
        .iter()
        .find(|p| p.sentence == sentence);
    let name = |id: &str| {
        (state.document.index.entity_ix(id)).map_or(id.to_owned(), |ix| {
            network[ix].display_name(language).to_owned()
        })
    };

    ui.add_space(6.0);
    let mentions: Vec<_> = view
        .analysis
        .mentions
        .iter()
        .filter(|m| {
            sentence.start <= m.range.start
                && m.range.start <= sentence.end
                && (!m.range.is_empty()
                    || proposal.is_some_and(|p| p.dropped_subject.as_ref() == Some(&m.entity)))
        })
        .collect();
    if mentions.is_empty() {
        ui.label("It mentions no entity of the map.");
    } else {
        ui.strong("Mentions");
        for mention in mentions {
            let words = if mention.range.is_empty() {
                "(left out: the article's subject)".to_owned()
            } else {
                format!("“{}”", &text[mention.range.clone()])
            };
            ui.label(format!(
                "{} — {} {words}",
                name(&mention.entity),
                mention.rule.label()
            ));
        }
    }

    ui.add_space(6.0);
    if let Some(selected) = &selected
        && selected.entities.len() >= 2
    {
        ui.strong("Proposed tie");
        egui::Grid::new("article-proposal")
            .num_columns(2)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                ui.label("Between");
                let names: Vec<String> = selected.entities.iter().map(|id| name(id)).collect();
                ui.label(names.join(", "));
                ui.end_row();
                ui.label("Kind");
                ui.label(
                    selected
                        .kind
                        .map_or("meeting (no kind word)", |k| k.label()),
                );
                ui.end_row();
                ui.label("Date");
                match proposal.and_then(|p| p.date.as_ref()) {
                    Some(guess) => ui.label(format!(
                        "{} ({}), from “{}”",
                        guess.date,
                        precision_name(guess.date.precision()),
                        guess.words
                    )),
                    None => ui.label("none: the sentence has no date word"),
                };
                ui.end_row();
            });
        if let Some(proposal) = proposal {
            ui.label(egui::RichText::new(&proposal.because).small().weak());
        }
    } else {
        ui.label("It proposes no tie: it names fewer than two entities.");
    }

    ui.add_space(8.0);
    let can_make = selected.as_ref().is_some_and(|s| s.entities.len() >= 2);
    let make = ui
        .add_enabled(can_make, egui::Button::new("Make a tie from this"))
        .on_hover_text(
            "A new tie quoting the selection, with its entities, kind and date filled in",
        )
        .on_disabled_hover_text("A tie needs two entities");
    if make.clicked() {
        commands.push(Command::MakeTieFromArticle);
    }
    let selected_tie = match state.selection {
        Some(Selection::Tie(tie)) => Some(tie),
        _ => None,
    };
    let add = ui
        .add_enabled(
            selected_tie.is_some(),
            egui::Button::new("Add as evidence to the selected tie"),
        )
        .on_disabled_hover_text("Select a tie on the map first");
    if let Some(tie) = selected_tie {
        ui.label(
            egui::RichText::new(format!("selected: {}", network[tie].id))
                .small()
                .weak(),
        );
        if add.clicked() {
            commands.push(Command::AddEvidenceFromArticle(tie));
        }
    }

    ui.add_space(8.0);
    let chosen = view
        .span
        .clone()
        .and_then(|span| text.get(span))
        .map(str::trim)
        .filter(|words| !words.is_empty());
    ui.horizontal_wrapped(|ui| {
        let label = match chosen {
            Some(words) => format!("Make “{words}” a new"),
            None => "Select a name above to make it a new".to_owned(),
        };
        ui.label(label);
        for (kind, text) in [
            (EntityKind::Person, "person"),
            (EntityKind::Company, "company"),
            (EntityKind::Other, "other"),
        ] {
            if ui
                .add_enabled(chosen.is_some(), egui::Button::new(text))
                .clicked()
            {
                commands.push(Command::EntityFromArticle(kind));
            }
        }
    });
    if let Some(refusal) = state.refusal.filter(|r| r.field == Some(article_field())) {
        ui.colored_label(ui.visuals().error_fg_color, &refusal.message);
    }

    let quoting: Vec<_> = network
        .ties
        .iter()
        .enumerate()
        .filter(|(_, tie)| {
            tie.evidence.iter().any(|item| {
                item.source == view.source
                    && text.find(&item.quote).is_some_and(|at| {
                        at < sentence.end && sentence.start < at + item.quote.len()
                    })
            })
        })
        .collect();
    if !quoting.is_empty() {
        ui.add_space(8.0);
        ui.strong("Quoted by");
        for (at, tie) in quoting {
            if let Some(ix) = state.document.index.tie_ix_at(at)
                && ui.link(&tie.id).clicked()
            {
                commands.push(Command::Select(Selection::Tie(ix)));
            }
        }
    }
}
