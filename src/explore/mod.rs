//! Exploring a network without a window: search, the timeline, neighbourhoods, paths,
//! the contacts that came before deals, centrality and filters.
//!
//! Everything here is pure: functions of a [`Network`](crate::network::model::Network)
//! and its [`NetworkIndex`](crate::network::index::NetworkIndex), which name entities and
//! ties by the index's [`EntityIx`](crate::network::index::EntityIx) and
//! [`TieIx`](crate::network::index::TieIx). Visibility masks (`&[bool]`, one per tie, at
//! [`TieIx::index`](crate::network::index::TieIx::index)) let the filters and the timeline
//! compose with every walk over the network.

pub mod adjacency;
pub mod contact_deal;
pub mod family;
pub mod filter;
pub mod lag;
pub mod metrics;
pub mod neighbourhood;
pub mod path;
pub mod search;
pub mod timeline;

#[cfg(test)]
pub(crate) mod test_support;
