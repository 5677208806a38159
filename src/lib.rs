//! powermap: power mapping of who meets whom among executives and firms, and which deals follow.
//!
//! The library holds the model and logic, free of any window: the file [`model`] and its
//! [`load`]er and [`validate`]or, [`save`] for atomic writes, and the embedded [`dataset`].

pub mod app;
pub mod cli;
pub mod dataset;
pub mod date;
pub mod diagnostic;
pub mod explore;
pub mod export;
pub mod fonts;
pub mod generate;
pub mod graph;
pub mod interop;
pub mod labels;
pub mod layout;
pub mod load;
pub mod model;
pub mod save;
pub mod style;
pub mod validate;
