//! Which names fit: labels are placed greedily, the most important first (best-connected
//! entities), each only where it overlaps no label already placed, so that a crowded map
//! shows the names of its hubs rather than a grey smear. The export and the window share it.

use std::collections::HashMap;

use crate::scene::graph::MapGraph;

/// Networks up to this size label every entity; larger ones only the labels that fit.
pub const LABEL_EVERY_ENTITY_UP_TO: usize = 300;

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
