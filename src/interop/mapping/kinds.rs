//! Kinds by name: the attributes that name an entity's or a tie's kind, and the words
//! (with common synonyms, in English and Korean) that name each kind.

use crate::network::model::{EntityKind, TieKind};

/// Attribute names read as an entity kind, in order of preference.
pub(super) const ENTITY_KIND_NAMES: &[&str] = &["kind", "type", "category"];
/// Attribute names read as a tie kind, in order of preference.
pub(crate) const TIE_KIND_NAMES: &[&str] = &[
    "kind",
    "type",
    "category",
    "label",
    "edge label",
    "interaction",
    "relation",
    "relationship",
];

fn normalize(value: &str) -> String {
    value.trim().to_lowercase().replace([' ', '-'], "_")
}

/// The entity kind a value names, accepting common synonyms.
pub(super) fn entity_kind(value: &str) -> Option<EntityKind> {
    Some(match normalize(value).as_str() {
        "person" | "people" | "individual" | "human" | "executive" | "인물" | "사람" => {
            EntityKind::Person
        }
        "company" | "organization" | "organisation" | "org" | "firm" | "corporation" | "corp"
        | "business" | "enterprise" | "기업" | "회사" => EntityKind::Company,
        "government" | "gov" | "ministry" | "정부" => EntityKind::Government,
        "project" | "프로젝트" => EntityKind::Project,
        "other" => EntityKind::Other,
        _ => return None,
    })
}

/// The tie kind a value names, accepting common synonyms.
pub(crate) fn tie_kind(value: &str) -> Option<TieKind> {
    Some(match normalize(value).as_str() {
        "meeting" | "meet" | "met" | "meets" | "met_with" | "회동" | "만남" | "회담" | "면담" => {
            TieKind::Meeting
        }
        "contract" | "contracts" | "계약" => TieKind::Contract,
        "letter_of_intent"
        | "loi"
        | "mou"
        | "memorandum_of_understanding"
        | "memorandum"
        | "양해각서"
        | "업무협약" => TieKind::LetterOfIntent,
        "supply" | "supplies" | "supplier" | "supplies_to" | "공급" => TieKind::Supply,
        "partnership" | "partner" | "partners" | "cooperation" | "collaboration" | "alliance"
        | "협력" | "제휴" => TieKind::Partnership,
        "visit" | "visits" | "visited" | "방문" => TieKind::Visit,
        "role" | "employment" | "employed_by" | "works_at" | "works_for" | "employee" => {
            TieKind::Role
        }
        "affiliate" | "affiliation" | "subsidiary" | "subsidiary_of" | "owned_by" | "계열사" => {
            TieKind::Affiliate
        }
        "other" => TieKind::Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_accept_synonyms_in_any_case() {
        assert_eq!(entity_kind("Organisation"), Some(EntityKind::Company));
        assert_eq!(entity_kind(" FIRM "), Some(EntityKind::Company));
        assert_eq!(entity_kind("person"), Some(EntityKind::Person));
        assert_eq!(entity_kind("planet"), None);
        assert_eq!(tie_kind("LOI"), Some(TieKind::LetterOfIntent));
        assert_eq!(tie_kind("MOU"), Some(TieKind::LetterOfIntent));
        assert_eq!(tie_kind("Letter of intent"), Some(TieKind::LetterOfIntent));
        assert_eq!(tie_kind("works_at"), Some(TieKind::Role));
        assert_eq!(tie_kind("Employment"), Some(TieKind::Role));
        assert_eq!(tie_kind("friendship"), None);
    }
}
