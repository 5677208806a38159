//! The app's own windows: the export dialog, the import report, help (keyboard shortcuts,
//! about), what went wrong, File ▸ New, merging duplicates, the questions that keep work
//! from being lost, File ▸ Add article…, the article view, the Story window and the
//! column-mapping dialog of spreadsheets.

pub mod add_article;
pub mod article_view;
pub mod columns;
pub mod export_dialog;
pub mod failures;
pub mod help;
pub mod import_report;
pub mod merge;
pub mod new_map;
pub mod questions;
pub mod story;
