//! Article analysis, free of any window: the text logic behind reading a news article
//! against a map. An article is split into [`sentences`]; the map's entities are found in
//! it with the rule that found each ([`mentions`]: names, aliases, surname and title,
//! Hanja, dropped subjects…); each sentence gives a [`dates`] guess and a [`kinds`]
//! suggestion; and every sentence naming two or more entities becomes a proposed tie
//! ([`proposals`]) with a sentence saying why. An article comes in as text or a saved page
//! ([`page`]), and a selection of it becomes a tie's evidence ([`accept`]). `docs/articles.md` describes the rules
//! and how far they reach on the default dataset's two articles.

pub mod accept;
pub mod dates;
mod implied;
pub mod kinds;
pub mod mentions;
mod names;
pub mod page;
pub mod particles;
pub mod proposals;
mod script;
pub mod sentences;
mod surnames;

pub use dates::{DateGuess, published_in_text, resolve_date};
pub use kinds::suggest_kind;
pub use mentions::{Mention, MentionRule, find_mentions, find_names};
pub use proposals::{Analysis, Proposal, analyse, analyse_in, propose, quoted_sentences};
pub use script::guess_language;
pub use sentences::split_sentences;
