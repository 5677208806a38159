//! Positions between tools: Gephi's y axis turned over, and positions drawn in another
//! tool's units scaled to powermap's spacing.

use std::collections::HashMap;

use crate::interop::report::ImportReport;
use crate::network::model::{Network, Position};

/// The same point with the y axis turned over. Gephi's y axis points up (its previews draw
/// `-y`); powermap's map, like the screen, yEd, Cytoscape and d3, points down. Its own
/// inverse, so reading and writing Gephi's positions both use it.
pub(crate) fn turn_y(position: Position) -> Position {
    Position {
        x: position.x,
        // 0 − y rather than −y, so that 0 stays 0 instead of becoming −0.
        y: 0.0 - position.y,
    }
}

/// How far apart a file draws its entities: the median length of its ties' lines, or of
/// each entity's distance to its nearest neighbour when no tie joins two placed entities.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Spacing {
    Lines(f64),
    Neighbours(f64),
}

impl Spacing {
    fn length(self) -> f64 {
        match self {
            Self::Lines(length) | Self::Neighbours(length) => length,
        }
    }
}

/// The median of some lengths; `None` for none.
fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    })
}

fn distance(a: Position, b: Position) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// The lines the map draws between placed entities: one for every pair of a tie's
/// participants, as [`crate::scene::graph::MapGraph`] draws them.
fn line_lengths(network: &Network) -> Vec<f64> {
    let placed: HashMap<&str, Position> = network
        .entities
        .iter()
        .filter_map(|entity| Some((entity.id.as_str(), entity.position?)))
        .collect();
    let mut lengths = Vec::new();
    for tie in &network.ties {
        let ends: Vec<Position> = tie
            .participants
            .iter()
            .filter_map(|id| placed.get(id.as_str()).copied())
            .collect();
        for (i, &a) in ends.iter().enumerate() {
            lengths.extend(ends[i + 1..].iter().map(|&b| distance(a, b)));
        }
    }
    lengths
}

/// At most this many points ask for their nearest neighbour: enough for a median, and a
/// file of points all on one vertical line (where the sweep cannot stop early) stays quick.
const NEAREST_NEIGHBOUR_QUERIES: usize = 2_000;

/// The distance to its nearest other point of every point (or of an even sample of
/// [`NEAREST_NEIGHBOUR_QUERIES`] of them). The points are swept in order of `x`, and the
/// sweep each way stops once `x` alone is farther than the nearest found.
fn nearest_neighbour_distances(points: &[Position]) -> Vec<f64> {
    let mut sorted = points.to_vec();
    sorted.sort_by(|a, b| a.x.total_cmp(&b.x));
    let step = sorted.len().div_ceil(NEAREST_NEIGHBOUR_QUERIES).max(1);
    (0..sorted.len())
        .step_by(step)
        .map(|i| {
            let at = sorted[i];
            let mut nearest = f64::INFINITY;
            for &other in &sorted[i + 1..] {
                if other.x - at.x >= nearest {
                    break;
                }
                nearest = nearest.min(distance(at, other));
            }
            for &other in sorted[..i].iter().rev() {
                if at.x - other.x >= nearest {
                    break;
                }
                nearest = nearest.min(distance(at, other));
            }
            nearest
        })
        .collect()
}

/// How far apart the file draws its entities, when at least two have positions.
fn spacing(network: &Network) -> Option<Spacing> {
    let placed: Vec<Position> = network
        .entities
        .iter()
        .filter_map(|entity| entity.position)
        .collect();
    if placed.len() < 2 {
        return None;
    }
    median(line_lengths(network))
        .map(Spacing::Lines)
        .or_else(|| median(nearest_neighbour_distances(&placed)).map(Spacing::Neighbours))
}

/// A number for the report, to about three significant digits: `0.148`, `812`, `3022`.
fn approximately(value: f64) -> String {
    let magnitude = value.abs().log10().floor();
    let decimals = if magnitude.is_finite() {
        (2.0 - magnitude).clamp(0.0, 12.0) as usize
    } else {
        0
    };
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// Brings positions from other tools to powermap's spacing. Each tool draws in its own
/// units (Gephi's layouts span thousands, networkx's one); when the file's median line is
/// not within a factor of four of the layout's link distance, every position is scaled
/// about the origin so that it is, and the report says so. Positions at powermap's spacing
/// stay exactly as they are.
pub(super) fn fit_spacing(network: &mut Network, report: &mut ImportReport) {
    let link_distance = f64::from(crate::layout::LayoutParams::default().link_distance);
    let Some(spacing) = spacing(network) else {
        return;
    };
    let length = spacing.length();
    let fits = (link_distance / 4.0..=link_distance * 4.0).contains(&length);
    // Entities all on one spot say nothing about the file's units.
    if fits || !(length.is_finite() && length > 0.0) {
        return;
    }
    let factor = link_distance / length;
    // To a millionth of a unit, far finer than the map shows: short decimals, which save
    // and load as they are (long ones may come back a last digit off).
    let scale = |value: f64| (value * factor * 1e6).round() / 1e6;
    for position in network
        .entities
        .iter_mut()
        .filter_map(|entity| entity.position.as_mut())
    {
        position.x = scale(position.x);
        position.y = scale(position.y);
    }
    let measured = match spacing {
        Spacing::Lines(_) => format!("their median line was {} units long", approximately(length)),
        Spacing::Neighbours(_) => format!(
            "no tie joins two placed entities; their median distance to the nearest one was {} units",
            approximately(length)
        ),
    };
    report.note(format!(
        "positions scaled ×{} to powermap's spacing ({measured})",
        approximately(factor)
    ));
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::build;
    use super::super::raw::{RawEdge, RawGraph, RawNode};
    use super::super::testing::{edge, node, report};
    use super::*;

    /// A node drawn at (`x`, `y`) by a tool whose y axis points down.
    fn placed(id: &str, x: f64, y: f64) -> RawNode {
        RawNode {
            position: Some(Position { x, y }),
            ..node(id, &[])
        }
    }

    fn positions(network: &Network) -> Vec<Option<Position>> {
        network
            .entities
            .iter()
            .map(|entity| entity.position)
            .collect()
    }

    fn scaled_note(report: &ImportReport) -> Option<&String> {
        report
            .notes
            .iter()
            .find(|note| note.starts_with("positions scaled"))
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 10.0]), Some(3.0));
    }

    #[test]
    fn nearest_neighbours_match_a_search_of_every_pair() {
        let points: Vec<Position> = [
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 1.0),
            (-4.0, 30.0),
            (3.0, -3.0),
            (50.0, 50.0),
            (3.0, -3.0),
        ]
        .into_iter()
        .map(|(x, y)| Position { x, y })
        .collect();
        let mut swept = nearest_neighbour_distances(&points);
        assert_eq!(swept.len(), points.len(), "few points: every one asks");
        let mut every_pair: Vec<f64> = points
            .iter()
            .enumerate()
            .map(|(i, &a)| {
                points
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, &b)| distance(a, b))
                    .fold(f64::INFINITY, f64::min)
            })
            .collect();
        swept.sort_by(f64::total_cmp);
        every_pair.sort_by(f64::total_cmp);
        assert_eq!(swept, every_pair);
    }

    #[test]
    fn report_numbers_have_about_three_digits() {
        assert_eq!(approximately(120.0 / 812.4), "0.148");
        assert_eq!(approximately(812.4), "812");
        assert_eq!(approximately(3021.7), "3022");
        assert_eq!(approximately(0.5), "0.5");
        assert_eq!(approximately(0.08), "0.08");
        assert_eq!(approximately(240.0), "240");
        assert_eq!(approximately(12.345), "12.3");
    }

    #[test]
    fn many_points_on_one_line_are_measured_from_a_sample() {
        // The sweep cannot stop early when every x is the same: only a sample asks.
        let points: Vec<Position> = (0..20_000)
            .map(|i| Position {
                x: 0.0,
                y: f64::from(i) * 3.0,
            })
            .collect();
        let distances = nearest_neighbour_distances(&points);
        assert_eq!(distances.len(), NEAREST_NEIGHBOUR_QUERIES);
        assert_eq!(median(distances), Some(3.0));
    }

    #[test]
    fn tiny_layouts_without_ties_scale_by_nearest_neighbours() {
        // networkx draws in a unit square; no tie joins two placed nodes here.
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![
                placed("a", 0.0, 0.0),
                placed("b", 0.5, 0.0),
                placed("c", 0.5, -0.5),
                placed("d", -1.0, 1.0),
                node("e", &[]),
            ],
            edges: vec![edge(None, "a", "e", &[])],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("t.json"), &mut report).expect("builds");
        // Nearest neighbours: 0.5, 0.5, 0.5 and √2 ≈ 1.414: a median of 0.5, so ×240.
        assert_eq!(
            positions(&network),
            [
                Some(Position { x: 0.0, y: 0.0 }),
                Some(Position { x: 120.0, y: 0.0 }),
                Some(Position {
                    x: 120.0,
                    y: -120.0
                }),
                Some(Position {
                    x: -240.0,
                    y: 240.0
                }),
                None,
            ]
        );
        assert_eq!(
            scaled_note(&report).map(String::as_str),
            Some(
                "positions scaled ×240 to powermap's spacing (no tie joins two placed \
                 entities; their median distance to the nearest one was 0.5 units)"
            )
        );
    }

    #[test]
    fn every_pair_of_a_tie_is_a_line() {
        // A tie among three draws three lines, 3000, 4000 and 5000 long: a median of 4000.
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![
                placed("a", 0.0, 0.0),
                placed("b", 3000.0, 0.0),
                placed("c", 0.0, 4000.0),
            ],
            edges: vec![RawEdge {
                endpoints: vec!["a".into(), "b".into(), "c".into()],
                ..edge(None, "a", "b", &[])
            }],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("t.graphml"), &mut report).expect("builds");
        assert_eq!(
            positions(&network)[1..],
            [
                Some(Position { x: 90.0, y: 0.0 }),
                Some(Position { x: 0.0, y: 120.0 })
            ]
        );
        assert!(
            scaled_note(&report).is_some_and(|note| note.contains("4000 units long")),
            "{report}"
        );
    }

    #[test]
    fn positions_at_powermaps_spacing_or_from_powermap_stay_as_they_are() {
        let far = |written_by_powermap: bool, length: f64| RawGraph {
            nodes: vec![placed("a", 0.1, 0.2), placed("b", 0.1 + length, 0.2)],
            edges: vec![edge(None, "a", "b", &[])],
            written_by_powermap,
            ..RawGraph::default()
        };
        for (written_by_powermap, length) in [
            (false, 30.0),
            (false, 480.0),
            (false, 0.0),
            (true, 5000.0),
            (true, 0.01),
        ] {
            let mut report = report();
            let raw = far(written_by_powermap, length);
            let expected: Vec<Option<Position>> =
                raw.nodes.iter().map(|node| node.position).collect();
            let network = build(raw, Path::new("t.gexf"), &mut report).expect("builds");
            assert_eq!(positions(&network), expected, "{length}");
            assert_eq!(scaled_note(&report), None, "{length}");
        }
        for length in [29.9, 480.1] {
            let mut report = report();
            build(far(false, length), Path::new("t.gexf"), &mut report).expect("builds");
            assert!(scaled_note(&report).is_some(), "{length}");
        }
        // One placed entity says nothing about spacing.
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![placed("a", 5000.0, 0.0), node("b", &[])],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("t.gexf"), &mut report).expect("builds");
        assert_eq!(
            network.entities[0].position,
            Some(Position { x: 5000.0, y: 0.0 })
        );
        assert_eq!(scaled_note(&report), None);
    }
}
