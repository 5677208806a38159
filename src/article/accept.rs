//! A sentence of an article made into the map's evidence: a new tie with the quote, the
//! proposed ends, kind and date, or one more evidence item on a tie. The quote is always
//! a slice of the article's text, so it is verbatim by construction.

use std::ops::Range;

use crate::article::proposals::Analysis;
use crate::edit::{Edit, List, ops};
use crate::network::date::PartialDate;
use crate::network::model::{Evidence, Network, Tie, TieKind};

/// What a selection in an article proposes: its quote, the entities it names (each
/// once, in order) and the kind and date of the sentence it is in.
#[derive(Clone, Debug, PartialEq)]
pub struct Selected {
    pub quote: String,
    pub entities: Vec<String>,
    pub kind: Option<TieKind>,
    pub date: Option<PartialDate>,
}

/// What `span` of `text` (a sentence, or part of one) proposes. The entities are those
/// mentioned in the span, with the sentence's dropped subject; when the span names fewer
/// than two, those of its whole sentence's proposal.
pub fn selected(text: &str, analysis: &Analysis, span: Range<usize>) -> Option<Selected> {
    let quote = text.get(span.clone())?.trim();
    if quote.is_empty() {
        return None;
    }
    let sentence = analysis
        .sentences
        .iter()
        .position(|sentence| sentence.start <= span.start && span.start < sentence.end);
    let proposal = sentence.and_then(|s| {
        analysis
            .proposals
            .iter()
            .find(|proposal| proposal.sentence == analysis.sentences[s])
    });
    let mut entities: Vec<String> = Vec::new();
    if let Some(subject) = proposal.and_then(|p| p.dropped_subject.as_ref()) {
        entities.push(subject.clone());
    }
    for mention in &analysis.mentions {
        let inside = span.start <= mention.range.start && mention.range.end <= span.end;
        if inside && !mention.range.is_empty() && !entities.contains(&mention.entity) {
            entities.push(mention.entity.clone());
        }
    }
    if entities.len() < 2
        && let Some(proposal) = proposal
    {
        entities.clone_from(&proposal.entities);
    }
    Some(Selected {
        quote: quote.to_owned(),
        entities,
        kind: proposal.and_then(|p| p.kind),
        date: proposal
            .and_then(|p| p.date.as_ref())
            .map(|guess| guess.date),
    })
}

/// The edit that makes `selected` a new tie quoting `source`, and the new tie's id.
/// A tie needs two ends: with fewer entities found, `None`.
pub fn new_tie(network: &Network, source: &str, selected: &Selected) -> Option<(Edit, String)> {
    if selected.entities.len() < 2 {
        return None;
    }
    let kind = selected.kind.unwrap_or(TieKind::Meeting);
    // "lee-jae-yong-sam-altman-meeting-2025-10-01", as the dataset names its ties.
    let mut stem = format!(
        "{}-{}-{}",
        selected.entities[0],
        selected.entities[1],
        kind.label().to_lowercase().replace(' ', "-")
    );
    if let Some(date) = selected.date {
        stem.push_str(&format!("-{date}"));
    }
    let id = ops::fresh_id(network, List::Ties, &stem, "tie");
    let participants: Vec<&str> = selected.entities.iter().map(String::as_str).collect();
    let mut tie = Tie::new(id.clone(), kind, &participants);
    tie.date = selected.date;
    tie.evidence.push(Evidence {
        source: source.to_owned(),
        quote: selected.quote.clone(),
        translation: None,
    });
    Some((ops::add_tie(network, tie), id))
}

/// The edit that adds `quote` from `source` to the tie at `at` as one more evidence item;
/// `None` when the tie already quotes it.
pub fn added_evidence(network: &Network, at: usize, source: &str, quote: &str) -> Option<Edit> {
    let mut tie = network.ties.get(at)?.clone();
    if tie
        .evidence
        .iter()
        .any(|item| item.source == source && item.quote == quote)
    {
        return None;
    }
    tie.evidence.push(Evidence {
        source: source.to_owned(),
        quote: quote.to_owned(),
        translation: None,
    });
    Some(ops::change_tie(network, at, tie))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::proposals::analyse;
    use crate::network::dataset::load_default_network;

    const TEXT: &str = "이재용은 테슬라 문 열고\n\n\
        이후 이 회장은 지난 10월 1일 서초사옥에서 올트먼 CEO와 다시 만나 논의를 진전시키고 전방위 협력 의향서(LOI)를 체결했다. \
        삼성전자가 지난 7월 테슬라와 체결한 165억달러 규모 반도체 공급 계약도 비슷한 과정을 거쳤다.\n";

    fn network() -> Network {
        let mut network = load_default_network().expect("loads").network;
        network.ties.clear();
        network
    }

    fn sentence_with(analysis: &Analysis, words: &str) -> Range<usize> {
        analysis
            .sentences
            .iter()
            .find(|s| TEXT[(*s).clone()].contains(words))
            .expect("the sentence")
            .clone()
    }

    #[test]
    fn a_sentence_becomes_a_tie_with_its_quote_ends_kind_and_date() {
        let network = network();
        let analysis = analyse(TEXT, "2025-12-23".parse().ok(), &network.entities);
        let sentence = sentence_with(&analysis, "테슬라와 체결한");
        let selected = selected(TEXT, &analysis, sentence.clone()).expect("a selection");
        assert_eq!(selected.quote, &TEXT[sentence]);
        assert_eq!(selected.entities, ["samsung-electronics", "tesla"]);
        assert_eq!(selected.kind, Some(TieKind::Contract));
        assert_eq!(
            selected.date.map(|d| d.to_string()).as_deref(),
            Some("2025-07")
        );

        let (edit, id) = new_tie(&network, "inews24-2025-12-23", &selected).expect("a tie");
        assert_eq!(id, "samsung-electronics-tesla-contract-2025-07");
        let mut changed = network.clone();
        crate::edit::apply(&mut changed, edit).expect("applies");
        let tie = changed.ties.last().expect("the new tie");
        assert_eq!(tie.participants, ["samsung-electronics", "tesla"]);
        assert_eq!(tie.evidence[0].quote, selected.quote);
        assert_eq!(
            tie.evidence[0].translation, None,
            "the translation is left to fill"
        );
    }

    #[test]
    fn words_chosen_in_a_sentence_quote_only_them_with_their_own_entities() {
        let network = network();
        let analysis = analyse(TEXT, "2025-12-23".parse().ok(), &network.entities);
        let sentence = sentence_with(&analysis, "올트먼 CEO와");
        let start = sentence.start + TEXT[sentence.clone()].find("이 회장은").expect("words");
        let end =
            sentence.start + TEXT[sentence.clone()].find("만나").expect("words") + "만나".len();
        let chosen = selected(TEXT, &analysis, start..end).expect("a selection");
        assert_eq!(
            chosen.quote,
            "이 회장은 지난 10월 1일 서초사옥에서 올트먼 CEO와 다시 만나"
        );
        assert_eq!(chosen.entities, ["lee-jae-yong", "sam-altman"]);
        assert_eq!(
            chosen.date.map(|d| d.to_string()).as_deref(),
            Some("2025-10-01")
        );
    }

    #[test]
    fn evidence_is_added_once_and_a_tie_needs_two_ends() {
        let network = load_default_network().expect("loads").network;
        let at = network
            .ties
            .iter()
            .position(|t| t.id == "lee-altman-2025-10-01-meeting")
            .expect("the meeting");
        let quote = network.ties[at].evidence[0].quote.clone();
        assert!(added_evidence(&network, at, "inews24-2025-12-23", &quote).is_none());
        assert!(added_evidence(&network, at, "inews24-2025-12-23", "다른 문장이다.").is_some());
        let alone = Selected {
            quote: "이재용".to_owned(),
            entities: vec!["lee-jae-yong".to_owned()],
            kind: None,
            date: None,
        };
        assert!(new_tie(&network, "inews24-2025-12-23", &alone).is_none());
    }
}
