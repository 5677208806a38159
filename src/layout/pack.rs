//! Setting laid-out parts side by side: the connected components of a network, each laid
//! out on its own around the origin, packed largest first into a picture about as wide as
//! a window (bottom-left skyline packing of their bounding boxes, as igraph and Graphviz
//! pack components), and the entities without a tie in a tidy grid of their own below.

use super::Point;

/// The picture's width over its height: about a desktop window's.
const ASPECT: f32 = 1.6;

/// An axis-aligned box, `[min, max]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min: Point,
    pub max: Point,
}

impl Bounds {
    /// The box around `points` (a zero box at the origin when there are none).
    pub fn of(points: impl IntoIterator<Item = Point>) -> Self {
        let (mut min, mut max) = ([f32::MAX; 2], [f32::MIN; 2]);
        for p in points {
            for axis in 0..2 {
                min[axis] = min[axis].min(p[axis]);
                max[axis] = max[axis].max(p[axis]);
            }
        }
        if min[0] > max[0] {
            return Self {
                min: [0.0; 2],
                max: [0.0; 2],
            };
        }
        Self { min, max }
    }

    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }

    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }

    /// Whether the two boxes share any area.
    pub fn overlaps(&self, other: &Self) -> bool {
        self.min[0] < other.max[0]
            && other.min[0] < self.max[0]
            && self.min[1] < other.max[1]
            && other.min[1] < self.max[1]
    }
}

/// Where to put the lower-left corner of each box, in the order given (largest first,
/// say), `gap` apart: each box goes where it ends lowest along a skyline of the boxes
/// placed so far, leftmost on ties, within a width that makes the picture about
/// [`ASPECT`] wide (never narrower than the widest box). Returns the corners and the
/// packing's width.
pub fn pack(sizes: &[[f32; 2]], gap: f32) -> (Vec<Point>, f32) {
    let area: f32 = sizes.iter().map(|s| (s[0] + gap) * (s[1] + gap)).sum();
    let widest = sizes.iter().map(|s| s[0] + gap).fold(0.0, f32::max);
    let width = (area * ASPECT).sqrt().max(widest);
    // The skyline: runs of the x axis, each at the height the boxes below it reach,
    // as (start x, height), ordered by x; a run ends where the next begins (the last at
    // `width`).
    let mut skyline: Vec<(f32, f32)> = vec![(0.0, 0.0)];
    let mut corners = Vec::with_capacity(sizes.len());
    for size in sizes {
        let (w, h) = (size[0] + gap, size[1] + gap);
        // The lowest place for the box: for each run it could start at, the highest run
        // it would cover.
        let mut best: Option<(f32, usize, f32)> = None;
        for start in 0..skyline.len() {
            let x = skyline[start].0;
            if x + w > width + 1e-3 && x > 0.0 {
                break;
            }
            let mut top = 0.0_f32;
            for &(run_x, run_height) in &skyline[start..] {
                if run_x >= x + w {
                    break;
                }
                top = top.max(run_height);
            }
            if best.is_none_or(|(y, _, _)| top < y) {
                best = Some((top, start, x));
            }
        }
        let (y, start, x) = best.unwrap_or((0.0, 0, 0.0));
        corners.push([x, y]);
        // Raise the skyline under the box: runs it covers fully go, the one it ends in is
        // cut to start at its right side.
        let right = x + w;
        let mut end = start;
        while end < skyline.len() && skyline[end].0 < right {
            end += 1;
        }
        let resumes = skyline[end - 1].1;
        let mut replaced = vec![(x, y + h)];
        if end == skyline.len() || skyline[end].0 > right {
            replaced.push((right, resumes));
        }
        skyline.splice(start..end, replaced);
        skyline.dedup_by(|next, run| run.1 == next.1);
    }
    (corners, width)
}

/// Positions for `count` entities in rows `spacing` apart, `columns` to a row, starting
/// at `corner` (the grid's lower-left).
pub fn grid(count: usize, columns: usize, spacing: f32, corner: Point) -> Vec<Point> {
    let columns = columns.max(1);
    (0..count)
        .map(|i| {
            [
                corner[0] + (i % columns) as f32 * spacing,
                corner[1] + (i / columns) as f32 * spacing,
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(sizes: &[[f32; 2]], corners: &[Point]) -> Vec<Bounds> {
        sizes
            .iter()
            .zip(corners)
            .map(|(s, c)| Bounds {
                min: *c,
                max: [c[0] + s[0], c[1] + s[1]],
            })
            .collect()
    }

    #[test]
    fn packed_boxes_do_not_overlap_and_fill_the_width() {
        let sizes: Vec<[f32; 2]> = (0..60)
            .map(|i| {
                let side = 200.0 / (1.0 + i as f32 * 0.3);
                [side * (1.0 + (i % 3) as f32 * 0.4), side]
            })
            .collect();
        let (corners, width) = pack(&sizes, 10.0);
        let placed = boxes(&sizes, &corners);
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
            assert!(a.max[0] <= width + 1e-3, "{a:?} past the width {width}");
        }
        // Tight: the boxes cover most of the picture's area.
        let picture = Bounds::of(placed.iter().flat_map(|b| [b.min, b.max]));
        let covered: f32 = sizes.iter().map(|s| (s[0] + 10.0) * (s[1] + 10.0)).sum();
        let ratio = covered / (picture.width() * picture.height());
        assert!(ratio > 0.6, "the boxes cover {ratio:.2} of the picture");
    }

    #[test]
    fn the_largest_box_goes_first_at_the_corner() {
        let (corners, _) = pack(&[[500.0, 400.0], [50.0, 50.0], [50.0, 50.0]], 0.0);
        assert_eq!(corners[0], [0.0, 0.0]);
        assert!(corners[1][0] >= 500.0 || corners[1][1] >= 400.0);
    }

    #[test]
    fn a_grid_has_rows_of_the_given_width() {
        let points = grid(7, 3, 10.0, [5.0, 5.0]);
        assert_eq!(points[0], [5.0, 5.0]);
        assert_eq!(points[2], [25.0, 5.0]);
        assert_eq!(points[3], [5.0, 15.0]);
        assert_eq!(points[6], [5.0, 25.0]);
    }
}
