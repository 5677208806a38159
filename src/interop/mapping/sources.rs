//! Sources and groups, which files repeat on every element that carries them, gathered
//! once each with the first description kept.

use std::collections::HashMap;

use crate::interop::report::{Finding, ImportReport};

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
