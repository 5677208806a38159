//! Ties an article proposes: each sentence that names two or more entities, with the
//! kind its words suggest, the date it gives and a sentence saying why; and which
//! sentences a map already quotes as evidence.

use std::collections::HashMap;
use std::ops::Range;

use crate::article::dates::{DateGuess, precision_name, resolve_date};
use crate::article::kinds::suggest_kind;
use crate::article::mentions::{Mention, MentionRule, mentions_and_subject};
use crate::article::script::guess_language;
use crate::article::sentences::split_sentences;
use crate::network::date::PartialDate;
use crate::network::model::{Entity, TieKind};

/// What an article says about a map's entities.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Its sentences, as byte ranges of its text.
    pub sentences: Vec<Range<usize>>,
    /// Every mention of an entity, in order.
    pub mentions: Vec<Mention>,
    /// The id of the person the article is about (its headline's), if it names one.
    pub subject: Option<String>,
    /// The ties it proposes, one per sentence naming two or more entities.
    pub proposals: Vec<Proposal>,
}

/// A tie a sentence proposes.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// The sentence, as a byte range of the article's text.
    pub sentence: Range<usize>,
    /// The ids of the entities it names, in order of appearance, each once.
    pub entities: Vec<String>,
    /// The kind its words suggest.
    pub kind: Option<TieKind>,
    /// The date it gives, resolved against the publication.
    pub date: Option<DateGuess>,
    /// Why, in a sentence: "names 이재용 (surname + title '이 회장') and 샘 올트먼; '만나' →
    /// meeting; '지난 10월 1일' → 2025-10-01 (day)".
    pub because: String,
    /// The article's subject, when the sentence leaves its subject out and the subject
    /// was taken for it.
    pub dropped_subject: Option<String>,
}

/// Analyses `text`, an article published on `published`, for mentions of `entities`, in
/// the language its script says (see [`analyse_in`]).
pub fn analyse(text: &str, published: Option<PartialDate>, entities: &[Entity]) -> Analysis {
    analyse_in(text, published, entities, guess_language(text))
}

/// Analyses `text`, naming entities in `because` by their names in `language`.
pub fn analyse_in(
    text: &str,
    published: Option<PartialDate>,
    entities: &[Entity],
    language: &str,
) -> Analysis {
    let sentences = split_sentences(text);
    let (mentions, subject) = mentions_and_subject(text, &sentences, entities);
    let proposals = propose(text, &sentences, &mentions, published, entities, language);
    Analysis {
        sentences,
        mentions,
        subject,
        proposals,
    }
}

/// The ties `sentences` propose given `mentions` (from
/// [`find_mentions`](crate::article::mentions::find_mentions), or any other finder such
/// as [`find_names`](crate::article::mentions::find_names)), in order.
pub fn propose(
    text: &str,
    sentences: &[Range<usize>],
    mentions: &[Mention],
    published: Option<PartialDate>,
    entities: &[Entity],
    language: &str,
) -> Vec<Proposal> {
    let by_id: HashMap<&str, &Entity> = entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let name_of = |id: &str| {
        by_id
            .get(id)
            .map_or(id, |e| e.display_name(language))
            .to_owned()
    };
    let mut proposals = Vec::new();
    for sentence in sentences {
        let inside: Vec<&Mention> = mentions
            .iter()
            .filter(|m| sentence.start <= m.range.start && m.range.end <= sentence.end)
            .collect();
        let mut ids: Vec<String> = Vec::new();
        for mention in &inside {
            if !ids.contains(&mention.entity) {
                ids.push(mention.entity.clone());
            }
        }
        if ids.len() < 2 {
            continue;
        }
        let words = &text[sentence.clone()];
        let kind = suggest_kind(words);
        let date = resolve_date(words, published);
        let dropped_subject = inside
            .iter()
            .find(|m| m.rule == MentionRule::DroppedSubject)
            .map(|m| m.entity.clone());
        let named: Vec<String> = ids
            .iter()
            .map(|id| {
                let name = name_of(id);
                let of_it: Vec<&&Mention> = inside.iter().filter(|m| &m.entity == id).collect();
                match of_it.first() {
                    Some(_) if of_it.iter().any(|m| m.rule == MentionRule::Name) => name,
                    Some(m) if m.rule == MentionRule::DroppedSubject => name,
                    Some(m) => {
                        let surface = &text[m.range.clone()];
                        format!("{name} ({} '{surface}')", m.rule.label())
                    }
                    None => name,
                }
            })
            .collect();
        let mut because = vec![format!("names {}", and_list(&named))];
        if let Some((kind, word)) = kind {
            because.push(format!("'{word}' → {}", kind.label().to_lowercase()));
        }
        if let Some(date) = &date {
            because.push(format!(
                "'{}' → {} ({})",
                date.words,
                date.date,
                precision_name(date.date.precision())
            ));
        }
        if let Some(subject) = &dropped_subject {
            because.push(format!(
                "subject dropped: the article is about {}",
                name_of(subject)
            ));
        }
        proposals.push(Proposal {
            sentence: sentence.clone(),
            entities: ids,
            kind: kind.map(|(kind, _)| kind),
            date,
            because: because.join("; "),
            dropped_subject,
        });
    }
    proposals
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// For each of `sentences`, whether one of `quotes` (evidence already in a map) covers
/// some of it: the quote is found in `text` and overlaps the sentence.
pub fn quoted_sentences<'q>(
    text: &str,
    sentences: &[Range<usize>],
    quotes: impl IntoIterator<Item = &'q str>,
) -> Vec<bool> {
    let mut quoted = vec![false; sentences.len()];
    for quote in quotes {
        let quote = quote.trim();
        if quote.is_empty() {
            continue;
        }
        for (start, _) in text.match_indices(quote) {
            let end = start + quote.len();
            for (is_quoted, sentence) in quoted.iter_mut().zip(sentences) {
                *is_quoted |= sentence.start < end && start < sentence.end;
            }
        }
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::dataset::load_default_network;

    fn entities() -> Vec<Entity> {
        load_default_network()
            .expect("the default network")
            .network
            .entities
    }

    const HEADLINE: &str = "이재용 \"삼성답게 미래 개척\"…美출장서 빅테크 CEO 연쇄 회동\n\n";

    fn published() -> Option<PartialDate> {
        "2024-06-13".parse().ok()
    }

    #[test]
    fn a_sentence_naming_two_entities_proposes_a_tie() {
        let text = format!(
            "{HEADLINE}이 회장은 앞서 지난 10일에는 새너제이에 위치한 삼성전자 DSA에서 크리스티아노 아몬 퀄컴 \
             사장 겸 CEO를 만나 AI 반도체와 차세대 통신칩 등 미래 반도체 시장에서의 협력 확대 방안을 논의했다."
        );
        let analysis = analyse(&text, published(), &entities());
        assert_eq!(analysis.subject.as_deref(), Some("lee-jae-yong"));
        let [headline, proposal] = &analysis.proposals[..] else {
            panic!("two proposals: {:#?}", analysis.proposals);
        };
        assert_eq!(headline.entities, ["lee-jae-yong", "samsung-group"]);
        assert_eq!(
            proposal.entities,
            [
                "lee-jae-yong",
                "samsung-electronics",
                "cristiano-amon",
                "qualcomm"
            ]
        );
        assert_eq!(proposal.kind, Some(TieKind::Meeting));
        assert_eq!(
            proposal
                .date
                .as_ref()
                .map(|d| d.date.to_string())
                .as_deref(),
            Some("2024-06-10")
        );
        assert_eq!(
            proposal.because,
            "names 이재용 (alias '이 회장'), 삼성전자, 크리스티아노 아몬 and 퀄컴; '만나' → meeting; \
             '지난 10일' → 2024-06-10 (day)"
        );
        assert_eq!(proposal.dropped_subject, None);
    }

    #[test]
    fn the_dropped_subject_joins_the_tie_and_says_so() {
        let text =
            format!("{HEADLINE}지난 12일에는 시애틀 아마존 본사를 찾아 앤디 재시 CEO를 만났다.");
        let analysis = analyse(&text, published(), &entities());
        let proposal = analysis.proposals.last().expect("a proposal");
        assert_eq!(proposal.entities, ["lee-jae-yong", "amazon", "andy-jassy"]);
        assert_eq!(proposal.dropped_subject.as_deref(), Some("lee-jae-yong"));
        assert_eq!(
            proposal.because,
            "names 이재용, 아마존 and 앤디 재시; '만났' → meeting; \
             '지난 12일' → 2024-06-12 (day); subject dropped: the article is about 이재용"
        );
        let english = analyse_in(&text, published(), &entities(), "en");
        assert!(
            english.proposals[1]
                .because
                .starts_with("names Lee Jae-yong, Amazon and Andy Jassy"),
            "{}",
            english.proposals[1].because
        );
    }

    #[test]
    fn one_entity_proposes_nothing() {
        let text = "이재용 삼성전자 회장이 2주간의 미국 출장을 마치고 13일 김포공항을 통해 귀국했다.\n\
                    이 회장은 이날 오후 7시 35쯤 김포국제공항을 통해 귀국했다.";
        let analysis = analyse(text, published(), &entities());
        assert_eq!(analysis.sentences.len(), 2);
        assert_eq!(analysis.proposals.len(), 1);
        assert_eq!(analysis.proposals[0].kind, Some(TieKind::Role));
    }

    #[test]
    fn quoted_sentences_are_those_a_quote_overlaps() {
        let text = "첫 문장이다. 둘째 문장이다. 셋째 문장이다.";
        let sentences = split_sentences(text);
        assert_eq!(
            quoted_sentences(text, &sentences, ["둘째 문장이다.", "없는 인용", " "]),
            [false, true, false]
        );
        assert_eq!(
            quoted_sentences(text, &sentences, ["문장이다. 셋째"]),
            [false, true, true],
            "a quote across two sentences covers both"
        );
        assert_eq!(and_list(&["A".to_owned()]), "A");
    }
}
