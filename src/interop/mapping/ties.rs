//! One edge's attributes as a tie's fields: its direction, kind, date, place, amount,
//! summary, status, evidence and sources, the tie it is part of, and the rest kept as
//! attributes.

use crate::interop::report::ImportReport;
use crate::network::date::PartialDate;
use crate::network::model::{
    Amount, Attributes, Evidence, LocalizedText, Source, TieKind, TieStatus,
};

use super::attributes::{keep_rest, split_attributes};
use super::dates::take_date;
use super::json_fields::{take_json, valid_amount, valid_source, valid_text};
use super::kinds::{TIE_KIND_NAMES, tie_kind};
use super::raw::Context;

/// What mapping an edge's attributes gave.
pub(super) struct TieFields {
    pub kind: Option<TieKind>,
    pub date: Option<PartialDate>,
    pub place: Option<LocalizedText>,
    pub amount: Option<Amount>,
    pub summary: String,
    pub status: TieStatus,
    pub evidence: Vec<Evidence>,
    pub sources: Vec<Source>,
    pub tie: Option<String>,
    pub participants: Option<Vec<String>>,
    pub attributes: Attributes,
    pub directed: bool,
}

pub(super) fn map_tie_fields(
    attributes: Vec<(String, String)>,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> TieFields {
    let (mut attrs, verbatim) = split_attributes(attributes, context, report);
    // Gephi's `Type` column and GEXF's edge `type`: a direction, not a kind.
    let directed = attrs
        .take_if("type", |value| {
            let value = value.trim().to_ascii_lowercase();
            matches!(value.as_str(), "directed" | "undirected" | "mutual")
                .then(|| value == "directed")
        })
        .unwrap_or(false);
    let kind = TIE_KIND_NAMES
        .iter()
        .find_map(|key| attrs.take_if(key, tie_kind));
    let date = take_date(&mut attrs, context, report);
    let place = take_json(&mut attrs, "place", valid_text, context, report);
    let amount = take_json(&mut attrs, "amount", valid_amount, context, report);
    let summary = attrs
        .take("summary")
        .map(|text| text.trim().to_owned())
        .unwrap_or_default();
    // Another tool's `status` that names none of powermap's stays an attribute.
    let status = attrs.take_if("status", tie_status).unwrap_or_default();
    let evidence = take_json::<Vec<Evidence>>(
        &mut attrs,
        "evidence",
        |items| {
            items
                .iter()
                .all(|item| !item.quote.trim().is_empty() && !item.source.trim().is_empty())
        },
        context,
        report,
    );
    let sources = take_json::<Vec<Source>>(
        &mut attrs,
        "sources",
        |sources| sources.iter().all(valid_source),
        context,
        report,
    );
    let tie = attrs.take("tie").map(|id| id.trim().to_owned());
    let participants = take_json::<Vec<String>>(
        &mut attrs,
        "participants",
        |ids| ids.len() >= 2,
        context,
        report,
    );
    TieFields {
        kind,
        date,
        place,
        amount,
        summary,
        status,
        evidence: evidence.unwrap_or_default(),
        sources: sources.unwrap_or_default(),
        tie,
        participants,
        attributes: keep_rest(attrs, verbatim, context, report),
        directed,
    }
}

/// The status a value names, as powermap writes it (`alleged`), in any case.
fn tie_status(value: &str) -> Option<TieStatus> {
    let value = value.trim();
    TieStatus::ALL
        .into_iter()
        .find(|status| status.label().eq_ignore_ascii_case(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_read_by_name_and_other_values_are_left_alone() {
        assert_eq!(tie_status("alleged"), Some(TieStatus::Alleged));
        assert_eq!(tie_status(" Unverified "), Some(TieStatus::Unverified));
        assert_eq!(tie_status("active"), None);
    }
}
