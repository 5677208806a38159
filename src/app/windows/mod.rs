//! The app's own windows: the export dialog, the import report, help (keyboard shortcuts,
//! about) and what went wrong.

pub mod export_dialog;
pub mod failures;
pub mod help;
pub mod import_report;
