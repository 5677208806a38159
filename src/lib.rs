//! powermap: power mapping of who meets whom among executives and firms, and which deals follow.
//!
//! The library holds the model and logic, free of any window: the [`network`] (its file
//! format, loading, validation and atomic saving), the [`scene`] the window and the
//! exporters draw alike, the force [`layout`], [`explore`] (search, timeline, paths,
//! contact→deal chains), [`export`] to SVG and PNG, [`interop`] with other tools' formats,
//! [`article`] analysis (the entities and ties a news article names) and the [`cli`]. The
//! window itself, [`app`], is a thin layer on top.

pub mod app;
pub mod article;
pub mod cli;
pub mod edit;
pub mod explore;
pub mod export;
pub mod interop;
pub mod layout;
pub mod network;
pub mod scene;
