//! Which names fit: labels are placed greedily, the most important first (best-connected
//! entities), each only where it overlaps no label already placed, so that a crowded map
//! shows the names of its hubs rather than a grey smear; a name too long for a label is
//! cut short ([`short_label`]). The export and the window share it.

use std::borrow::Cow;
use std::collections::HashMap;

use unicode_segmentation::UnicodeSegmentation as _;

use crate::scene::graph::MapGraph;

/// Networks up to this size label every entity; larger ones only the labels that fit.
pub const LABEL_EVERY_ENTITY_UP_TO: usize = 300;

/// The most characters a label shows, as a reader counts them (grapheme clusters: an
/// accented letter or a flag is one); a longer name is cut to fit, ending in "…".
pub const LABEL_MAX_CHARS: usize = 60;

/// The most `char`s a label shows, whatever its clusters: a letter under thousands of
/// combining marks is one cluster, but no less slow to lay out.
const LABEL_MAX_CODE_POINTS: usize = 4 * LABEL_MAX_CHARS;

/// `name` as a label on the map shows it: whole if it is at most [`LABEL_MAX_CHARS`]
/// long, else its first characters and "…", cut between grapheme clusters. Looks at no
/// more than the first [`LABEL_MAX_CHARS`] clusters, so a name of a million characters
/// costs what a short one does. The entity's panel shows the whole name.
pub fn short_label(name: &str) -> Cow<'_, str> {
    // No more bytes than the limit: no more clusters either.
    if name.len() <= LABEL_MAX_CHARS {
        return Cow::Borrowed(name);
    }
    let mut clusters = name.grapheme_indices(true);
    let cluster_cut = match (clusters.nth(LABEL_MAX_CHARS - 1), clusters.next()) {
        (Some((last_kept_end, _)), Some(_)) => Some(last_kept_end),
        _ => None,
    };
    let kept = &name[..cluster_cut.unwrap_or(name.len())];
    let mut code_points = kept.char_indices();
    let code_point_cut = match (
        code_points.nth(LABEL_MAX_CODE_POINTS - 1),
        code_points.next(),
    ) {
        (Some((end, _)), Some(_)) => Some(end),
        _ => None,
    };
    match code_point_cut.or(cluster_cut) {
        Some(end) => Cow::Owned(format!("{}\u{2026}", name[..end].trim_end())),
        None => Cow::Borrowed(name),
    }
}

/// A label's box: `[min x, min y, max x, max y]`.
pub type LabelBox = [f32; 4];

/// Entity positions (`EntityIx::index`), best-connected first (by lines drawn), then in file order.
pub fn by_degree(map: &MapGraph, entity_count: usize) -> Vec<usize> {
    let mut degree = vec![0_u32; entity_count];
    for edge in &map.edges {
        degree[edge.a.index()] += 1;
        degree[edge.b.index()] += 1;
    }
    let mut order: Vec<usize> = (0..entity_count).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(degree[i]), i));
    order
}

/// The labels placed so far, bucketed on a grid so that each check looks at a few
/// neighbours only.
#[derive(Clone, Debug)]
pub struct LabelPlacer {
    cell: f32,
    grid: HashMap<(i32, i32), Vec<LabelBox>>,
}

impl LabelPlacer {
    /// An empty placer whose grid cells are `cell` units wide (about a label's size).
    pub fn new(cell: f32) -> Self {
        Self {
            cell: cell.max(1.0),
            grid: HashMap::new(),
        }
    }

    /// Forgets every label placed, keeping the grid's memory.
    pub fn clear(&mut self) {
        self.grid.values_mut().for_each(Vec::clear);
    }

    /// Places `label` if it overlaps no label placed before; says whether it did.
    pub fn try_place(&mut self, label: LabelBox) -> bool {
        let cells = self.cells(&label);
        let overlaps =
            |a: &LabelBox, b: &LabelBox| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        let clear = cells.clone().all(|key| {
            self.grid
                .get(&key)
                .is_none_or(|placed| placed.iter().all(|other| !overlaps(&label, other)))
        });
        if clear {
            for key in cells {
                self.grid.entry(key).or_default().push(label);
            }
        }
        clear
    }

    /// The grid cells a box covers.
    fn cells(&self, label: &LabelBox) -> impl Iterator<Item = (i32, i32)> + Clone + use<> {
        let key = |v: f32| (v / self.cell).floor() as i32;
        let (x0, y0, x1, y1) = (key(label[0]), key(label[1]), key(label[2]), key(label[3]));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clusters(text: &str) -> usize {
        text.graphemes(true).count()
    }

    #[test]
    fn short_names_are_labels_as_they_are() {
        for name in [
            "",
            "Tesla",
            "이재용",
            "São Paulo",
            &"x".repeat(LABEL_MAX_CHARS),
        ] {
            assert!(
                matches!(short_label(name), Cow::Borrowed(label) if label == name),
                "{name:?} changed to {:?}",
                short_label(name)
            );
        }
        // Sixty clusters are more than sixty bytes in Hangul: still whole.
        let hangul = "삼".repeat(LABEL_MAX_CHARS);
        assert_eq!(short_label(&hangul), hangul);
    }

    #[test]
    fn a_long_name_is_cut_to_the_limit_and_ends_in_an_ellipsis() {
        let name = "a".repeat(LABEL_MAX_CHARS + 1);
        let label = short_label(&name);
        assert_eq!(clusters(&label), LABEL_MAX_CHARS, "{label}");
        assert_eq!(label, format!("{}…", "a".repeat(LABEL_MAX_CHARS - 1)));
        // A cut after a space leaves none before the ellipsis.
        let words = format!("{} {}", "b".repeat(LABEL_MAX_CHARS - 2), "c".repeat(10));
        assert_eq!(
            short_label(&words),
            format!("{}…", "b".repeat(LABEL_MAX_CHARS - 2))
        );
        let hangul = "삼성".repeat(LABEL_MAX_CHARS);
        assert_eq!(
            short_label(&hangul),
            format!(
                "{}…",
                &"삼성".repeat(LABEL_MAX_CHARS)[..3 * (LABEL_MAX_CHARS - 1)]
            )
        );
    }

    #[test]
    fn the_cut_falls_between_clusters_not_inside_one() {
        // "é" as e and a combining acute accent, and a flag of two regional indicators.
        for cluster in ["e\u{301}", "🇰🇷"] {
            let name = cluster.repeat(LABEL_MAX_CHARS + 5);
            let label = short_label(&name);
            assert_eq!(label, format!("{}…", cluster.repeat(LABEL_MAX_CHARS - 1)));
        }
    }

    #[test]
    fn a_million_characters_are_cut() {
        let name = "長".repeat(1_000_000);
        let label = short_label(&name);
        assert_eq!(clusters(&label), LABEL_MAX_CHARS);
        // One cluster of a million code points (a letter under combining marks) is cut too.
        let marks = format!("a{}", "\u{301}".repeat(1_000_000));
        let label = short_label(&marks);
        assert_eq!(label.chars().count(), LABEL_MAX_CODE_POINTS, "{label}");
        assert!(label.ends_with('…'));
    }

    #[test]
    fn overlapping_labels_are_refused_and_apart_ones_placed() {
        let mut placer = LabelPlacer::new(50.0);
        assert!(placer.try_place([0.0, 0.0, 80.0, 15.0]));
        // Overlaps the first across a cell border.
        assert!(!placer.try_place([70.0, 10.0, 150.0, 25.0]));
        // Touching edges do not overlap.
        assert!(placer.try_place([80.0, 0.0, 160.0, 15.0]));
        // Far away, wider than a cell.
        assert!(placer.try_place([500.0, 500.0, 700.0, 515.0]));
        placer.clear();
        assert!(placer.try_place([70.0, 10.0, 150.0, 25.0]));
    }
}
