//! How every entity and line of the map looks, decided in one place from the selection,
//! the story step being played and the explore state: hidden by the filter or the
//! timeline, highlighted as part of a story step, a path, a focus, a contact→deal chain or
//! the selection, faded otherwise, and sized by a metric.

use rayon::prelude::*;

use crate::app::explore_state::{ExploreState, SizeBy};
use crate::app::map::shapes::Emphasis;
use crate::app::selection::Selection;
use crate::explore::neighbourhood::neighbourhood;
use crate::network::index::{NetworkIndex, TieIx};
use crate::network::model::{Network, StoryStep};
use crate::scene::graph::MapGraph;

/// The looks of the map: one emphasis per entity and per line, one radius scale per entity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapLooks {
    /// One per entity, at [`EntityIx::index`](crate::network::index::EntityIx::index).
    pub entities: Vec<Emphasis>,
    /// One per line of `map.edges`.
    pub edges: Vec<Emphasis>,
    /// One per entity: how much larger than its kind's radius it is drawn.
    pub scales: Vec<f32>,
}

/// Raises an emphasis: selected beats related beats normal beats faded.
fn raise(current: &mut Emphasis, to: Emphasis) {
    let rank = |emphasis: Emphasis| match emphasis {
        Emphasis::Hidden | Emphasis::Faded => 0,
        Emphasis::Normal => 1,
        Emphasis::Related => 2,
        Emphasis::Selected => 3,
    };
    if rank(to) > rank(*current) {
        *current = to;
    }
}

impl MapLooks {
    /// The looks of the map for this selection, story step (while a story plays) and
    /// explore state, worked out in the memory these looks have: a million entities and
    /// two million lines take a few passes over a few megabytes, and the selection's
    /// lines are found by its ties rather than among all lines.
    pub fn set(
        &mut self,
        network: &Network,
        index: &NetworkIndex,
        map: &MapGraph,
        selection: Option<Selection>,
        story_step: Option<&StoryStep>,
        explore: &mut ExploreState,
    ) {
        for (looks, count) in [
            (&mut self.entities, index.entity_count()),
            (&mut self.edges, map.edges.len()),
        ] {
            looks.clear();
            looks.resize(count, Emphasis::Normal);
        }
        match story_step {
            Some(step) => self.story_emphasis(index, map, step, selection),
            None => self.explore_emphasis(network, index, map, selection, explore),
        }

        let visibility = explore.visibility();
        (self.entities.par_iter_mut())
            .zip(visibility.entities.par_iter())
            .for_each(|(look, &visible)| {
                if !visible {
                    *look = Emphasis::Hidden;
                }
            });
        (map.edges.par_iter())
            .zip(self.edges.par_iter_mut())
            .for_each(|(edge, look)| {
                if !visibility
                    .ties
                    .get(edge.tie.index())
                    .copied()
                    .unwrap_or(true)
                {
                    *look = Emphasis::Hidden;
                }
            });
        set_entity_scales(&mut self.scales, index, explore);
    }

    /// A story step's entities and ties highlighted, the rest faded (unless the step
    /// highlights nothing); what is selected (a tie clicked for its evidence) stands out
    /// too.
    fn story_emphasis(
        &mut self,
        index: &NetworkIndex,
        map: &MapGraph,
        step: &StoryStep,
        selection: Option<Selection>,
    ) {
        let ties: Vec<TieIx> = (step.ties.iter())
            .filter_map(|id| index.tie_ix(id))
            .collect();
        let entities: Vec<usize> = (step.entities.iter())
            .filter_map(|id| Some(index.entity_ix(id)?.index()))
            .collect();
        if ties.is_empty() && entities.is_empty() {
            return;
        }
        self.entities.fill(Emphasis::Faded);
        self.edges.fill(Emphasis::Faded);
        self.highlight(map, &ties, Emphasis::Selected);
        for entity in entities {
            raise(&mut self.entities[entity], Emphasis::Selected);
        }
        match selection {
            Some(Selection::Tie(tie)) => self.highlight(map, &[tie], Emphasis::Selected),
            Some(Selection::Entity(entity)) => {
                if let Some(look) = self.entities.get_mut(entity.index()) {
                    raise(look, Emphasis::Selected);
                }
            }
            Some(Selection::Source(_)) | None => {}
        }
    }

    /// The path, the focus, the selection and what it brings along highlighted, the rest
    /// faded when any of them is there.
    fn explore_emphasis(
        &mut self,
        network: &Network,
        index: &NetworkIndex,
        map: &MapGraph,
        selection: Option<Selection>,
        explore: &ExploreState,
    ) {
        let focus_centre = match selection {
            Some(Selection::Entity(entity)) if explore.focus_steps() > 0 => Some(entity),
            _ => None,
        };
        if let Some(hops) = explore.path() {
            self.entities.fill(Emphasis::Faded);
            let ties: Vec<TieIx> = hops.iter().map(|hop| hop.tie).collect();
            self.highlight(map, &ties, Emphasis::Selected);
            for end in [explore.path_from(), explore.path_to()]
                .into_iter()
                .flatten()
            {
                if let Some(look) = self.entities.get_mut(end.index()) {
                    raise(look, Emphasis::Selected);
                }
            }
        } else if let Some(centre) = focus_centre {
            let around = neighbourhood(
                index,
                centre,
                explore.focus_steps(),
                Some(&explore.visibility().ties),
            );
            self.entities.fill(Emphasis::Faded);
            self.highlight(map, &around.ties, Emphasis::Related);
            for member in &around.members {
                raise(&mut self.entities[member.entity.index()], Emphasis::Related);
            }
        } else if selection.is_some() {
            self.entities.fill(Emphasis::Faded);
        }
        if explore.path().is_some() || focus_centre.is_some() || selection.is_some() {
            self.edges.par_iter_mut().for_each(|look| {
                if *look == Emphasis::Normal {
                    *look = Emphasis::Faded;
                }
            });
        }

        match selection {
            // A source is not on the map; its panel lists the ties that quote it.
            None | Some(Selection::Source(_)) => {}
            Some(Selection::Tie(tie)) => {
                // A deal brings its earlier contacts along, a contact the deals that followed.
                let contact_deals = explore.contact_deals(network, index);
                let chained = contact_deals.contacts_before(tie);
                let followed = contact_deals.deals_after(tie);
                let related: Vec<TieIx> = (chained.dated.iter().map(|pair| pair.contact))
                    .chain(chained.undated.iter().map(|pair| pair.contact))
                    .chain(followed.dated.iter().map(|pair| pair.deal))
                    .chain(followed.undated.iter().map(|pair| pair.deal))
                    .collect();
                self.highlight(map, &related, Emphasis::Related);
                self.highlight(map, &[tie], Emphasis::Selected);
            }
            Some(Selection::Entity(entity)) => {
                if focus_centre.is_none() && explore.path().is_none() {
                    // Its ties are those with a line at it.
                    self.highlight(map, index.ties_of(entity), Emphasis::Related);
                }
                if let Some(look) = self.entities.get_mut(entity.index()) {
                    *look = Emphasis::Selected;
                }
            }
        }

        if explore.path().is_none() {
            // A path's chosen end stands out while the other is being picked.
            for end in [explore.path_from(), explore.path_to()]
                .into_iter()
                .flatten()
            {
                if let Some(look) = self.entities.get_mut(end.index()) {
                    raise(look, Emphasis::Related);
                }
            }
        }
    }

    /// Raises the lines of `ties` to `emphasis`, and the entities they join to related.
    fn highlight(&mut self, map: &MapGraph, ties: &[TieIx], emphasis: Emphasis) {
        for &tie in ties {
            for line in map.lines_of(tie) {
                let edge = &map.edges[line];
                raise(&mut self.edges[line], emphasis);
                raise(&mut self.entities[edge.a.index()], Emphasis::Related);
                raise(&mut self.entities[edge.b.index()], Emphasis::Related);
            }
        }
    }
}

/// Radius scales by the chosen metric, into `scales`: `1 + 2·√(value / largest value)`.
fn set_entity_scales(scales: &mut Vec<f32>, index: &NetworkIndex, explore: &mut ExploreState) {
    let entity_count = index.entity_count();
    scales.clear();
    let values: Vec<f64> = match explore.size_by() {
        SizeBy::None => Vec::new(),
        SizeBy::Degree => explore
            .centrality(index)
            .degree
            .iter()
            .map(|&degree| degree as f64)
            .collect(),
        SizeBy::Betweenness => explore.centrality(index).betweenness.clone(),
    };
    if values.len() != entity_count {
        // Not sized, or not computed for this network (betweenness of a very large one).
        scales.resize(entity_count, 1.0);
        return;
    }
    let largest = values.iter().copied().fold(0.0, f64::max);
    scales.extend(values.iter().map(|&value| {
        if largest > 0.0 {
            (1.0 + 2.0 * (value / largest).sqrt()) as f32
        } else {
            1.0
        }
    }));
}
