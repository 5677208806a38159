//! Exploring a network without a window: search, the timeline, neighbourhoods, paths,
//! the contacts that came before deals, centrality and filters.
//!
//! Everything here is pure: functions of a [`Network`](crate::network::model::Network) that name
//! entities and ties by their indexes in `network.entities` and `network.ties`. Visibility
//! masks (`&[bool]`, one per tie) let the filters and the timeline compose with every
//! walk over the network.

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
