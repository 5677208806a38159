//! The runtime state of exploring the open network: the filter, the timeline's position
//! and play button, the focus depth, the path's ends and what sizes the entities, with
//! what the window derives from them (visibility, the path, centrality), kept up to date
//! here so that panels and the map only read it. The indexes behind it (the contacts and
//! deals, their chains, centrality) are built the first time something asks for them, so
//! a large network opens without them.

use std::cell::OnceCell;

use crate::explore::contact_deal::{ContactDeal, ContactDealIndex};
use crate::explore::filter::{Filter, Visibility};
use crate::explore::lag::Lag;
use crate::explore::metrics::{Centrality, centrality, degrees};
use crate::explore::path::{Hop, shortest_path};
use crate::explore::timeline::{TimelineStep, UndatedTies, ties_visible_as_of, timeline_steps};
use crate::network::date::DatePrecision;
use crate::network::index::{EntityIx, NetworkIndex, TieIx};
use crate::network::model::Network;

/// How long the play button shows each date before stepping on.
pub const PLAY_STEP_SECS: f64 = 0.8;

/// The deepest focus offered.
pub const MAX_FOCUS_STEPS: usize = 3;

/// What scales the entities' radii.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SizeBy {
    /// Every entity at its kind's size.
    #[default]
    None,
    /// The number of others an entity shares a tie with.
    Degree,
    /// How often an entity lies on the shortest chains between others.
    Betweenness,
}

impl SizeBy {
    /// Every choice, in menu order.
    pub const ALL: [Self; 3] = [Self::None, Self::Degree, Self::Betweenness];

    /// The choice's name in menus.
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Degree => "degree",
            Self::Betweenness => "betweenness",
        }
    }
}

/// Where the timeline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimelinePosition {
    /// Index into [`ExploreState::steps`]: ties dated up to this step are shown.
    pub step: usize,
    /// Whether ties without a date are shown.
    pub undated: UndatedTies,
}

/// The largest network whose betweenness is computed (in entities).
pub const EXACT_BETWEENNESS_LIMIT: usize = 5_000;

/// Exploring the open network: what the person chose, and what follows from it.
pub struct ExploreState {
    filter: Filter,
    /// `None`: the timeline is off and every date is shown.
    timeline: Option<TimelinePosition>,
    /// Whether ties without a date are shown while the timeline is on.
    undated: UndatedTies,
    /// Whether the timeline steps on by itself.
    playing: bool,
    /// When (egui's time, in seconds) the play button last stepped.
    last_step_secs: Option<f64>,
    /// How many steps around the selected entity the map focuses on; 0 is off.
    focus_steps: usize,
    path_from: Option<EntityIx>,
    path_to: Option<EntityIx>,
    /// What scales the entities' radii.
    size_by: SizeBy,

    /// The distinct dates of the ties, earliest first.
    pub steps: Vec<TimelineStep>,
    /// The network's contacts and deals, indexed when first asked for.
    contact_deals: OnceCell<ContactDealIndex>,
    /// Every dated contact→deal chain, by deal date, found when first asked for.
    chains: OnceCell<Vec<ContactDeal>>,
    /// Degree and betweenness over the whole network, computed once when first asked for.
    centrality: Option<Centrality>,
    /// What the filter and the timeline leave visible.
    visibility: Visibility,
    /// The shortest chain between the path's ends over visible ties, when both are set.
    path: Option<Vec<Hop>>,
    /// Bumped whenever something that changes the map's looks changes.
    generation: u64,
}

impl ExploreState {
    /// Nothing filtered, the timeline off, for `network` and its index.
    pub fn new(network: &Network, index: &NetworkIndex) -> Self {
        let mut state = Self {
            filter: Filter::default(),
            timeline: None,
            undated: UndatedTies::Show,
            playing: false,
            last_step_secs: None,
            focus_steps: 0,
            path_from: None,
            path_to: None,
            size_by: SizeBy::None,
            steps: timeline_steps(network),
            contact_deals: OnceCell::new(),
            chains: OnceCell::new(),
            centrality: None,
            visibility: Visibility::default(),
            path: None,
            generation: 0,
        };
        state.refresh(network, index);
        state
    }

    /// The explore state for the network just edited: the same filter, sizes and focus,
    /// the path between the same ends (found again by the caller), the timeline off.
    pub fn carried_to(
        &self,
        network: &Network,
        index: &NetworkIndex,
        path_from: Option<EntityIx>,
        path_to: Option<EntityIx>,
    ) -> Self {
        let mut state = Self::new(network, index);
        state.filter = self.filter.clone();
        state.undated = self.undated;
        state.focus_steps = self.focus_steps;
        state.size_by = self.size_by;
        state.path_from = path_from;
        state.path_to = path_to;
        state.generation = self.generation + 1;
        state.refresh(network, index);
        state
    }

    /// A number that changes whenever the map's looks may have.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// What the filter hides.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Hides what `filter` says, and nothing else.
    pub fn set_filter(&mut self, network: &Network, index: &NetworkIndex, filter: Filter) {
        self.filter = filter;
        self.refresh(network, index);
    }

    /// Where the timeline stands; `None` when it is off.
    pub fn timeline(&self) -> Option<TimelinePosition> {
        self.timeline
    }

    /// Whether ties without a date show while the timeline is on.
    pub fn undated(&self) -> UndatedTies {
        self.undated
    }

    /// Whether the timeline steps on by itself.
    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// Moves the timeline to a step (clamped to the last), or turns it off with `None`.
    pub fn set_timeline(&mut self, network: &Network, index: &NetworkIndex, step: Option<usize>) {
        let last = self.steps.len().checked_sub(1);
        self.timeline = step.zip(last).map(|(step, last)| TimelinePosition {
            step: step.min(last),
            undated: self.undated,
        });
        if self.timeline.is_none() {
            self.playing = false;
        }
        self.refresh(network, index);
    }

    /// Shows or hides the ties without a date while the timeline is on.
    pub fn set_undated(&mut self, network: &Network, index: &NetworkIndex, undated: UndatedTies) {
        self.undated = undated;
        if let Some(position) = &mut self.timeline {
            position.undated = undated;
        }
        self.refresh(network, index);
    }

    /// Starts or stops playing; playing from the last step (or with the timeline off)
    /// starts again from the first.
    pub fn set_playing(&mut self, network: &Network, index: &NetworkIndex, playing: bool) {
        self.playing = playing && !self.steps.is_empty();
        self.last_step_secs = None;
        if self.playing {
            let at_end = self
                .timeline
                .is_none_or(|position| position.step + 1 >= self.steps.len());
            if at_end {
                self.set_timeline(network, index, Some(0));
            }
        }
    }

    /// Steps the playing timeline on when its time has come; returns the seconds until the
    /// next step, for a repaint then, while playing.
    pub fn advance(
        &mut self,
        network: &Network,
        index: &NetworkIndex,
        now_secs: f64,
    ) -> Option<f64> {
        if !self.playing {
            return None;
        }
        let Some(last) = self.last_step_secs else {
            self.last_step_secs = Some(now_secs);
            return Some(PLAY_STEP_SECS);
        };
        let due = last + PLAY_STEP_SECS;
        if now_secs < due {
            return Some(due - now_secs);
        }
        self.last_step_secs = Some(now_secs);
        let next = self.timeline.map_or(0, |position| position.step + 1);
        if next >= self.steps.len() {
            self.playing = false;
            return None;
        }
        self.set_timeline(network, index, Some(next));
        if next + 1 >= self.steps.len() {
            self.playing = false;
            return None;
        }
        Some(PLAY_STEP_SECS)
    }

    /// How many steps around the selected entity the map focuses on; 0 is off.
    pub fn focus_steps(&self) -> usize {
        self.focus_steps
    }

    /// Focuses on `steps` steps around the selected entity (0 turns focus off).
    pub fn set_focus_steps(&mut self, steps: usize) {
        self.focus_steps = steps.min(MAX_FOCUS_STEPS);
        self.generation += 1;
    }

    /// What scales the entities' radii.
    pub fn size_by(&self) -> SizeBy {
        self.size_by
    }

    /// Scales the entities' radii by `size_by`.
    pub fn set_size_by(&mut self, size_by: SizeBy) {
        self.size_by = size_by;
        self.generation += 1;
    }

    /// The entity the path starts from, if chosen.
    pub fn path_from(&self) -> Option<EntityIx> {
        self.path_from
    }

    /// The entity the path leads to, if chosen.
    pub fn path_to(&self) -> Option<EntityIx> {
        self.path_to
    }

    /// Sets the path's ends (`None` clears one).
    pub fn set_path(
        &mut self,
        network: &Network,
        index: &NetworkIndex,
        from: Option<EntityIx>,
        to: Option<EntityIx>,
    ) {
        self.path_from = from;
        self.path_to = to;
        self.refresh(network, index);
    }

    /// The shortest chain of visible ties between the path's ends: `None` until both are
    /// chosen or when no chain joins them.
    pub fn path(&self) -> Option<&[Hop]> {
        self.path.as_deref()
    }

    /// What the filter and the timeline leave visible.
    pub fn visibility(&self) -> &Visibility {
        &self.visibility
    }

    /// The network's contacts and deals, indexed on the first call.
    pub fn contact_deals(&self, network: &Network, index: &NetworkIndex) -> &ContactDealIndex {
        (self.contact_deals).get_or_init(|| ContactDealIndex::new(network, index))
    }

    /// Every dated contact→deal chain, by deal date, found on the first call.
    pub fn chains(&self, network: &Network, index: &NetworkIndex) -> &[ContactDeal] {
        self.chains
            .get_or_init(|| self.contact_deals(network, index).chains())
    }

    /// The chains, if they have been found.
    pub fn found_chains(&self) -> Option<&[ContactDeal]> {
        self.chains.get().map(Vec::as_slice)
    }

    /// Whether the contacts and deals have been indexed yet.
    #[cfg(feature = "testing")]
    pub fn has_contact_deals(&self) -> bool {
        self.contact_deals.get().is_some()
    }

    /// The contact→deal chains whose deal and contact are both visible, by deal date.
    pub fn visible_chains<'a>(
        &'a self,
        network: &Network,
        index: &NetworkIndex,
    ) -> impl Iterator<Item = &'a ContactDeal> {
        (self.chains(network, index).iter())
            .filter(|chain| self.is_tie_visible(chain.deal) && self.is_tie_visible(chain.contact))
    }

    /// How many chains the filter or the timeline hides.
    pub fn hidden_chains(&self, network: &Network, index: &NetworkIndex) -> usize {
        let all = self.chains(network, index).len();
        all - self.visible_chains(network, index).count()
    }

    /// Whether a tie is visible under the filter and the timeline.
    pub fn is_tie_visible(&self, tie: TieIx) -> bool {
        self.visibility
            .ties
            .get(tie.index())
            .copied()
            .unwrap_or(true)
    }

    /// Degree and betweenness, computed on the first call. Exact betweenness costs
    /// O(entities × ties), minutes at 100k: above [`EXACT_BETWEENNESS_LIMIT`] entities only
    /// degree is computed (and `betweenness` is empty), so the window never freezes; it is
    /// computed with the state itself then.
    pub fn centrality(&mut self, index: &NetworkIndex) -> &Centrality {
        self.centrality.get_or_insert_with(|| {
            if index.entity_count() <= EXACT_BETWEENNESS_LIMIT {
                centrality(index, None)
            } else {
                Centrality {
                    degree: degrees(index, None),
                    betweenness: Vec::new(),
                }
            }
        })
    }

    /// Degree and betweenness if already computed.
    pub fn computed_centrality(&self) -> Option<&Centrality> {
        self.centrality.as_ref()
    }

    /// Recomputes what follows from the choices: visibility and the path.
    fn refresh(&mut self, network: &Network, index: &NetworkIndex) {
        let mut visibility = self.filter.visibility(network, index);
        if let Some(position) = self.timeline
            && let Some(step) = self.steps.get(position.step)
        {
            let as_of = ties_visible_as_of(network, step.first_day, position.undated);
            visibility = visibility.with_tie_mask(&as_of);
            hide_entities_not_yet_tied(index, &as_of, &mut visibility.entities);
        }
        self.visibility = visibility;
        self.path = match (self.path_from, self.path_to) {
            (Some(from), Some(to)) => shortest_path(index, from, to, Some(&self.visibility.ties)),
            _ => None,
        };
        self.generation += 1;
    }
}

/// Hides the entities whose every tie comes later on the timeline: as of a date, someone
/// first met after it is not yet on the map. Entities with no tie at all stay.
fn hide_entities_not_yet_tied(index: &NetworkIndex, as_of: &[bool], entities: &mut [bool]) {
    for (entity, shown) in index.entities().zip(entities) {
        let ties = index.ties_of(entity);
        let tied_as_of = ties
            .iter()
            .any(|tie| as_of.get(tie.index()).copied().unwrap_or(false));
        *shown &= tied_as_of || ties.is_empty();
    }
}

/// A date's precision in words, as the panels give it: "day", "month only", "year only".
pub fn precision_text(precision: DatePrecision) -> &'static str {
    match precision {
        DatePrecision::Year => "year only",
        DatePrecision::Month => "month only",
        DatePrecision::Day => "day",
    }
}

/// How long before a deal a contact came: "83 days before", "about 2 years before", or
/// "same month" when the dates share a period and their order is unknown.
pub fn lag_before_text(lag: &Lag) -> String {
    if lag.calendar_units() > 0 {
        format!("{lag} before")
    } else {
        format!("{lag}, order unknown")
    }
}

/// How long after a contact a deal came: "83 days later".
pub fn lag_after_text(lag: &Lag) -> String {
    if lag.calendar_units() > 0 {
        format!("{lag} later")
    } else {
        format!("{lag}, order unknown")
    }
}
