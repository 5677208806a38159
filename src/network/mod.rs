//! The network a map shows, free of any window: the file [`model`] and its dates, its
//! names packed in [`text_map`]s, the
//! [`load`]er and [`validate`]or that report every problem with its place
//! ([`diagnostic`]), the [`index`] that looks entities and ties up once for everyone,
//! [`quotes`] checked against their articles, [`save`] for atomic writes, [`combine`] for joining another map into one, the embedded
//! [`dataset`] and the synthetic networks of [`generate`].

pub mod combine;
pub mod dataset;
pub mod date;
pub mod diagnostic;
pub mod generate;
pub mod index;
pub mod load;
pub mod model;
pub mod quotes;
pub mod save;
mod stream;
pub mod text_map;
pub mod validate;
