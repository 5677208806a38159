//! powermap's own fields that its writers put in attributes as JSON (names in several
//! languages, aliases, evidence, sources, amounts), read back only when they are what
//! powermap writes.

use serde::de::DeserializeOwned;

use crate::interop::report::{Finding, ImportReport};
use crate::network::model::{Amount, LocalizedText, Source};

use super::attributes::Attrs;
use super::raw::Context;

/// Reads the powermap JSON that powermap's writers put in an attribute. A value that is
/// not JSON is someone else's attribute and stays as it is; JSON that is not what powermap
/// writes is reported and stays too.
pub(super) fn take_json<T: DeserializeOwned>(
    attrs: &mut Attrs,
    name: &str,
    valid: impl FnOnce(&T) -> bool,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> Option<T> {
    let text = attrs.get(name)?;
    let trimmed = text.trim_start();
    if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
        return None;
    }
    match serde_json::from_str::<T>(text) {
        Ok(value) if valid(&value) => attrs.take(name).map(|_| value),
        _ => {
            report.record(Finding::UnreadableValue, || {
                format!(
                    "{} {name:?}: not powermap's {name} JSON",
                    context.describe()
                )
            });
            None
        }
    }
}

pub(super) fn valid_text(text: &LocalizedText) -> bool {
    !text.is_empty() && text.values().all(|value| !value.trim().is_empty())
}

pub(super) fn valid_source(source: &Source) -> bool {
    !source.id.trim().is_empty()
        && !source.title.trim().is_empty()
        && valid_text(&source.outlet)
        && source
            .url
            .as_ref()
            .is_none_or(|url| url.starts_with("https://") || url.starts_with("http://"))
}

pub(super) fn valid_amount(amount: &Amount) -> bool {
    amount.value.is_finite()
        && amount.value >= 0.0
        && amount.currency.len() == 3
        && amount.currency.bytes().all(|b| b.is_ascii_uppercase())
}
