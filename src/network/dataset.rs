//! The embedded default network: Samsung chairman Lee Jae-yong's meetings with the heads
//! of global firms and the deals Samsung affiliates signed after them, from two Korean
//! news articles (see `docs/dataset.md`).

use crate::network::diagnostic::LoadError;
use crate::network::load::{Loaded, embedded_file_name, parse_network};

/// The default dataset's JSON, as shipped in `assets/`.
pub const DEFAULT_DATASET_JSON: &str = include_str!("../../assets/samsung-network.json");

/// The name the default dataset goes by in the window and in errors.
pub const DEFAULT_DATASET_NAME: &str = "samsung-network.json";

/// Parses and validates the embedded default network.
pub fn load_default_network() -> Result<Loaded, LoadError> {
    parse_network(
        DEFAULT_DATASET_JSON.as_bytes(),
        &embedded_file_name(DEFAULT_DATASET_NAME),
    )
}
