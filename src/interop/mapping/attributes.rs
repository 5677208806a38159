//! Attributes as fields take them: one element's attributes taken one by one as fields
//! recognise them, `attribute:`-prefixed ones kept verbatim, and what no field took kept as
//! the entity's or tie's attributes.

use crate::interop::report::{Finding, ImportReport};
use crate::network::model::Attributes;

use super::raw::Context;

/// The prefix that marks an attribute to keep as it is, whatever its name.
pub(super) const VERBATIM: &str = "attribute:";

/// The attributes of one element, taken one by one as fields are recognised.
pub(super) struct Attrs {
    list: Vec<(String, String)>,
}

impl Attrs {
    pub fn index(&self, name: &str) -> Option<usize> {
        self.list
            .iter()
            .position(|(key, _)| key.eq_ignore_ascii_case(name))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.index(name).map(|i| self.list[i].1.as_str())
    }

    pub fn take(&mut self, name: &str) -> Option<String> {
        self.index(name).map(|i| self.list.remove(i).1)
    }

    /// Takes the attribute only if `parse` reads it.
    pub fn take_if<T>(&mut self, name: &str, parse: impl FnOnce(&str) -> Option<T>) -> Option<T> {
        let i = self.index(name)?;
        let parsed = parse(&self.list[i].1)?;
        self.list.remove(i);
        Some(parsed)
    }
}

/// Splits off `attribute:`-prefixed attributes and drops empty values, keeping file order
/// and the first of names given twice (dynamic values over time, repeated columns).
pub(super) fn split_attributes(
    list: Vec<(String, String)>,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> (Attrs, Vec<(String, String)>) {
    let mut mapped: Vec<(String, String)> = Vec::new();
    let mut verbatim: Vec<(String, String)> = Vec::new();
    for (name, value) in list {
        if value.trim().is_empty() || name.trim().is_empty() {
            continue;
        }
        let (list, name) = match name
            .get(..VERBATIM.len())
            .filter(|prefix| prefix.eq_ignore_ascii_case(VERBATIM))
        {
            Some(_) => (&mut verbatim, name[VERBATIM.len()..].to_owned()),
            None => (&mut mapped, name),
        };
        if list
            .iter()
            .any(|(known, _)| known.eq_ignore_ascii_case(&name))
        {
            report.record(Finding::LaterValue, || {
                format!("{}: a second {name:?}", context.describe())
            });
        } else {
            list.push((name, value));
        }
    }
    (Attrs { list: mapped }, verbatim)
}

/// Puts what no field took into `attributes`; a verbatim attribute whose name another
/// attribute kept is reported and left out.
pub(super) fn keep_rest(
    rest: Attrs,
    verbatim: Vec<(String, String)>,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> Attributes {
    // Gathered first and made an `Attributes` once, which packs them in one go.
    let mut kept: Vec<(String, String)> = Vec::new();
    for (name, value) in rest.list.into_iter().chain(verbatim) {
        if kept.iter().any(|(taken, _)| *taken == name) {
            report.record(Finding::LaterValue, || {
                format!("{}: a second {name:?}", context.describe())
            });
        } else {
            kept.push((name, value));
        }
    }
    kept.into_iter().collect()
}
