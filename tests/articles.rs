//! The article analysis against the default dataset's own two articles: with the map's
//! ties taken away, how many of them do the proposals on their quoted sentences find
//! again, with their participants and their dates? And how many would a plain match of
//! names and aliases find? `docs/articles.md` quotes the figures this prints:
//! `cargo test --test articles -- --nocapture`.

use std::collections::HashMap;
use std::fmt;

use powermap::article::{Proposal, analyse, find_names, propose, split_sentences};
use powermap::network::dataset::load_default_network;
use powermap::network::model::{Network, Tie};

/// The share of the dataset's ties the proposals must find.
const REACH: f64 = 0.85;
/// Of the dated ties found, the share whose proposals must give the dataset's date.
const DATES: f64 = 0.90;

/// Which rules find the mentions.
#[derive(Clone, Copy, PartialEq)]
enum Rules {
    All,
    NamesAndAliases,
}

/// What the proposals found of the dataset's ties.
struct Recall {
    ties: usize,
    reached: usize,
    dated: usize,
    dated_right: usize,
    /// The ties found by no proposal, with their quotes.
    missed: Vec<String>,
    /// The dated ties found whose proposals give another date (or none).
    wrong_dates: Vec<String>,
}

impl Recall {
    fn reach(&self) -> f64 {
        self.reached as f64 / self.ties as f64
    }

    fn dates(&self) -> f64 {
        self.dated_right as f64 / self.dated.max(1) as f64
    }
}

impl fmt::Display for Recall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} of {} ties reached ({:.1}%); {} of {} dated ties reached get their date ({:.1}%)",
            self.reached,
            self.ties,
            100.0 * self.reach(),
            self.dated_right,
            self.dated,
            100.0 * self.dates()
        )?;
        for miss in &self.missed {
            writeln!(f, "  not reached: {miss}")?;
        }
        for wrong in &self.wrong_dates {
            writeln!(f, "  date not found: {wrong}")?;
        }
        Ok(())
    }
}

/// The dataset with its ties, and each source's proposals from its stored text, found
/// with the map's entities alone (the ties are not given to the analysis).
fn proposals_by_source(network: &Network, rules: Rules) -> HashMap<&str, (&str, Vec<Proposal>)> {
    let entities = &network.entities;
    network
        .sources
        .iter()
        .map(|source| {
            let text = source
                .text
                .as_deref()
                .unwrap_or_else(|| panic!("source {} stores its article's text", source.id));
            let proposals = match rules {
                Rules::All => analyse(text, source.published, entities).proposals,
                Rules::NamesAndAliases => {
                    let mentions = find_names(text, entities);
                    let sentences = split_sentences(text);
                    propose(
                        text,
                        &sentences,
                        &mentions,
                        source.published,
                        entities,
                        "ko",
                    )
                }
            };
            (source.id.as_str(), (text, proposals))
        })
        .collect()
}

/// Whether `proposal` names the tie's participants: both of a tie of two, at least two
/// of a larger one.
fn names_participants(proposal: &Proposal, tie: &Tie) -> bool {
    let named = tie
        .participants
        .iter()
        .filter(|id| proposal.entities.contains(id))
        .count();
    named == tie.participants.len() || (tie.participants.len() > 2 && named >= 2)
}

fn recall(network: &Network, rules: Rules) -> Recall {
    let by_source = proposals_by_source(network, rules);
    let mut recall = Recall {
        ties: network.ties.len(),
        reached: 0,
        dated: 0,
        dated_right: 0,
        missed: Vec::new(),
        wrong_dates: Vec::new(),
    };
    for tie in &network.ties {
        // The proposals on the tie's quoted sentences (a sentence holding the quote, or
        // held in it) that name its participants.
        let reaching: Vec<&Proposal> = tie
            .evidence
            .iter()
            .flat_map(|evidence| {
                let (text, proposals) = &by_source[evidence.source.as_str()];
                proposals.iter().filter(|proposal| {
                    let sentence = &text[proposal.sentence.clone()];
                    sentence.contains(&evidence.quote) || evidence.quote.contains(sentence)
                })
            })
            .filter(|proposal| names_participants(proposal, tie))
            .collect();
        let quotes: Vec<&str> = tie.evidence.iter().map(|e| e.quote.as_str()).collect();
        if reaching.is_empty() {
            recall.missed.push(format!(
                "{} ({}) from {:?}",
                tie.id,
                tie.participants.join(", "),
                quotes
            ));
            continue;
        }
        recall.reached += 1;
        let Some(date) = tie.date else {
            continue;
        };
        recall.dated += 1;
        if reaching.iter().any(|proposal| {
            proposal
                .date
                .as_ref()
                .is_some_and(|guess| guess.date == date)
        }) {
            recall.dated_right += 1;
        } else {
            let suggested: Vec<String> = reaching
                .iter()
                .map(|proposal| match &proposal.date {
                    Some(guess) => format!("{} from {:?}", guess.date, guess.words),
                    None => "none".to_owned(),
                })
                .collect();
            recall.wrong_dates.push(format!(
                "{} is dated {date}; its proposals suggest {}",
                tie.id,
                suggested.join(", ")
            ));
        }
    }
    recall
}

#[test]
#[allow(clippy::print_stderr, reason = "the figures docs/articles.md quotes")]
fn proposals_find_the_datasets_ties_and_their_dates() {
    let network = load_default_network().expect("the default network").network;
    let all = recall(&network, Rules::All);
    let plain = recall(&network, Rules::NamesAndAliases);
    eprintln!("all rules: {all}\nnames and aliases only: {plain}");
    assert!(
        all.reach() >= REACH,
        "fewer than {:.0}% of the ties reached: {all}",
        100.0 * REACH
    );
    assert!(
        all.dates() >= DATES,
        "fewer than {:.0}% of the dated ties get their date: {all}",
        100.0 * DATES
    );
    assert!(
        plain.reached < all.reached,
        "the rules beyond names and aliases reach nothing more:\n{plain}\n{all}"
    );
}
