//! Sources and groups, which files repeat on every element that carries them, gathered
//! once each with the first description kept.

use std::collections::HashMap;

use crate::interop::report::{Finding, ImportReport};
use crate::network::model::Source;

use super::raw::Context;

/// Sources and groups gathered from the elements that carry them, first description kept.
pub(super) struct Registry<T> {
    pub items: Vec<T>,
    pub index: HashMap<String, usize>,
}

impl<T: PartialEq> Registry<T> {
    pub fn new() -> Self {
        Self {
            items: Vec::new(),
            index: HashMap::new(),
        }
    }

    pub fn add(&mut self, id: &str, item: T, context: &Context<'_>, report: &mut ImportReport) {
        match self.index.get(id) {
            Some(&i) if self.items[i] != item => {
                report.record(Finding::ConflictingDefinition, || {
                    format!(
                        "{}: {id:?} described differently before",
                        context.describe()
                    )
                });
            }
            Some(_) => {}
            None => {
                self.index.insert(id.to_owned(), self.items.len());
                self.items.push(item);
            }
        }
    }
}

impl Registry<Source> {
    /// As [`Registry::add`], for a source whose article text the exporters write only on
    /// the first element that cites it: a copy without the text agrees with one that has
    /// it, and the text is taken from whichever copy carries it.
    pub fn add_source(&mut self, source: Source, context: &Context<'_>, report: &mut ImportReport) {
        if let Some(&i) = self.index.get(&source.id) {
            let known = &mut self.items[i];
            let same_but_text = Source {
                text: known.text.clone(),
                ..source.clone()
            } == *known;
            if same_but_text && (source.text.is_none() || known.text.is_none()) {
                if known.text.is_none() {
                    known.text = source.text;
                }
                return;
            }
        }
        self.add(&source.id.clone(), source, context, report);
    }
}
