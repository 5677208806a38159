//! The map zoomed far out, summed by cell: when more lines are in view than can be drawn
//! one by one, every line and entity instead leaves its ink in the cells of a square grid
//! laid over the map (a line in each cell it crosses, an entity in the cell it sits in),
//! and the grid is drawn as one picture, a texel a cell. Where many lines cross, the cell
//! is dark; its colour is the mean of theirs, and an entity's colour covers the lines'.
//!
//! The grid is in layout units and aligned on multiples of its cell size, so that a
//! picture made once serves every pan and zoom that keeps its cells the same size on
//! screen; only a change of zoom level, of positions or of looks makes it again.

use rayon::prelude::*;

use crate::layout::Point;
use crate::scene::style::Rgba;

/// How dark one line makes a cell it crosses: a cell crossed by `n` lines has an opacity
/// of `1 − e^(−n × LINE_INK)`, so a single line is faint and a bundle is solid.
pub const LINE_INK: f32 = 0.3;
/// How opaque one entity makes its cell, in the same way: one entity of full weight
/// nearly covers it.
pub const ENTITY_INK: f32 = 2.0;
/// The most points a sum inks along lines: past it, only every so many lines are inked,
/// each standing for the ones left out (a million ties zoomed out inks as much as about
/// 150,000 would, each weighing for its share).
const SAMPLE_BUDGET: f64 = 8_000_000.0;
/// Bands of rows summed per worker thread: each band reads every line, so few bands
/// cost less, but more than one a thread evens out bands of unequal work.
const BANDS_PER_THREAD: usize = 2;

/// A square grid over part of the map, in layout units: `cols` × `rows` cells of side
/// `cell`, the first with its corner at `origin`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellGrid {
    pub origin: Point,
    pub cell: f32,
    pub cols: usize,
    pub rows: usize,
}

impl CellGrid {
    /// The cells of side `cell` that cover the rectangle from `min` to `max` (layout
    /// units), aligned on multiples of `cell`, at most `max_cells` a side (the rectangle's
    /// middle is kept if it is larger).
    pub fn covering(min: Point, max: Point, cell: f32, max_cells: usize) -> Self {
        let span = |low: f32, high: f32| {
            let first = (low / cell).floor();
            let count = ((high / cell).ceil() - first).max(1.0) as usize;
            if count <= max_cells {
                (first, count)
            } else {
                let middle = ((low + high) / 2.0 / cell).floor();
                (middle - (max_cells / 2) as f32, max_cells)
            }
        };
        let (x, cols) = span(min[0], max[0]);
        let (y, rows) = span(min[1], max[1]);
        Self {
            origin: [x * cell, y * cell],
            cell,
            cols,
            rows,
        }
    }

    /// The grid's far corner, in layout units.
    pub fn max(&self) -> Point {
        [
            self.origin[0] + self.cols as f32 * self.cell,
            self.origin[1] + self.rows as f32 * self.cell,
        ]
    }

    /// Whether the rectangle from `min` to `max` lies within the grid.
    pub fn contains(&self, min: Point, max: Point) -> bool {
        let far = self.max();
        min[0] >= self.origin[0] && min[1] >= self.origin[1] && max[0] <= far[0] && max[1] <= far[1]
    }

    fn len(&self) -> usize {
        self.cols * self.rows
    }
}

/// Ink left in a cell: how much, and the sum of its colours weighed by it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ink {
    pub weight: f32,
    rgb: [f32; 3],
}

impl Ink {
    fn add(&mut self, color: Rgba, weight: f32) {
        self.weight += weight;
        for (sum, channel) in self.rgb.iter_mut().zip(color.0) {
            *sum += weight * f32::from(channel);
        }
    }

    /// The mean colour of the ink (black when there is none).
    pub fn color(&self) -> [u8; 3] {
        if self.weight <= 0.0 {
            return [0; 3];
        }
        self.rgb
            .map(|sum| (sum / self.weight).round().clamp(0.0, 255.0) as u8)
    }
}

/// A line to sum: its ends in layout units, its colour and how much it counts (1 for a
/// line drawn plainly, less for one faded).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InkLine {
    pub a: Point,
    pub b: Point,
    pub color: Rgba,
    pub weight: f32,
}

/// An entity to sum: where it is, its colour and how much it counts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InkDot {
    pub at: Point,
    pub color: Rgba,
    pub weight: f32,
}

/// The ink of lines and entities in each cell of a grid, row by row.
#[derive(Clone, Debug, Default)]
pub struct Density {
    grid: Option<CellGrid>,
    lines: Vec<Ink>,
    entities: Vec<Ink>,
}

impl Density {
    /// The grid last summed into, if any.
    pub fn grid(&self) -> Option<CellGrid> {
        self.grid
    }

    /// The line ink of the cell at a column and row.
    pub fn line_ink(&self, col: usize, row: usize) -> Ink {
        let cols = self.grid.map_or(0, |grid| grid.cols);
        (col < cols)
            .then(|| self.lines.get(row * cols + col).copied())
            .flatten()
            .unwrap_or_default()
    }

    /// Sums `line_count` lines and `dot_count` entities into `grid`, reusing the memory of
    /// the last sum; `line(i)` and `dot(i)` give each (`None` for one not drawn). Rows are
    /// summed in bands on rayon's threads, each band reading every line but inking only
    /// its own cells, so the result does not depend on the number of threads. Lines that
    /// would ink more than [`SAMPLE_BUDGET`] points in all are thinned out evenly.
    pub fn sum(
        &mut self,
        grid: CellGrid,
        line_count: usize,
        line: impl Fn(usize) -> Option<InkLine> + Sync,
        dot_count: usize,
        dot: impl Fn(usize) -> Option<InkDot> + Sync,
    ) {
        let bands = rayon::current_num_threads().max(1) * BANDS_PER_THREAD;
        let rows_per_band = grid.rows.div_ceil(bands);
        self.sum_in_bands(grid, rows_per_band, line_count, line, dot_count, dot);
    }

    fn sum_in_bands(
        &mut self,
        grid: CellGrid,
        rows_per_band: usize,
        line_count: usize,
        line: impl Fn(usize) -> Option<InkLine> + Sync,
        dot_count: usize,
        dot: impl Fn(usize) -> Option<InkDot> + Sync,
    ) {
        self.grid = Some(grid);
        for inks in [&mut self.lines, &mut self.entities] {
            inks.clear();
            inks.resize(grid.len(), Ink::default());
        }
        // Past the budget, every stride-th line stands for the stride lines from it on.
        let samples: f64 = (0..line_count)
            .into_par_iter()
            .filter_map(&line)
            .map(|line| {
                let length = (line.b[0] - line.a[0]).hypot(line.b[1] - line.a[1]);
                f64::from((length / grid.cell).ceil().max(1.0))
            })
            .sum();
        let stride = ((samples / SAMPLE_BUDGET).ceil() as usize).max(1);
        let band_len = rows_per_band.max(1) * grid.cols.max(1);
        (self.lines.par_chunks_mut(band_len))
            .zip(self.entities.par_chunks_mut(band_len))
            .enumerate()
            .for_each(|(band, (lines, entities))| {
                let first_row = band * rows_per_band.max(1);
                let mut band = Band {
                    grid,
                    first_row,
                    rows: lines.len() / grid.cols.max(1),
                    lines,
                    entities,
                };
                for i in (0..line_count).step_by(stride) {
                    if let Some(line) = line(i) {
                        band.ink_line(&line, stride as f32);
                    }
                }
                for i in 0..dot_count {
                    if let Some(dot) = dot(i) {
                        band.ink_dot(&dot);
                    }
                }
            });
    }

    /// The picture of the grid, row by row, as unmultiplied RGBA: the lines' ink, darker
    /// where more lines cross, and over it the entities'; clear where there is none.
    pub fn to_rgba(&self) -> Vec<[u8; 4]> {
        (self.lines.par_iter())
            .zip(&self.entities)
            .map(|(line, entity)| {
                let line_alpha = 1.0 - (-line.weight * LINE_INK).exp();
                let entity_alpha = 1.0 - (-entity.weight * ENTITY_INK).exp();
                let alpha = entity_alpha + line_alpha * (1.0 - entity_alpha);
                if alpha <= 1.0 / 255.0 {
                    return [0; 4];
                }
                let (line_rgb, entity_rgb) = (line.color(), entity.color());
                let mut texel = [0, 0, 0, (alpha * 255.0).round() as u8];
                for channel in 0..3 {
                    let mixed = f32::from(entity_rgb[channel]) * entity_alpha
                        + f32::from(line_rgb[channel]) * line_alpha * (1.0 - entity_alpha);
                    texel[channel] = (mixed / alpha).round().clamp(0.0, 255.0) as u8;
                }
                texel
            })
            .collect()
    }
}

/// The rows of the grid one worker inks.
struct Band<'a> {
    grid: CellGrid,
    first_row: usize,
    rows: usize,
    lines: &'a mut [Ink],
    entities: &'a mut [Ink],
}

impl Band<'_> {
    /// The index in this band of the cell holding a point, if the band has it.
    fn cell_of(&self, at: Point) -> Option<usize> {
        let col = ((at[0] - self.grid.origin[0]) / self.grid.cell).floor();
        let row = ((at[1] - self.grid.origin[1]) / self.grid.cell).floor() - self.first_row as f32;
        let inside =
            (0.0..self.grid.cols as f32).contains(&col) && (0.0..self.rows as f32).contains(&row);
        inside.then(|| row as usize * self.grid.cols + col as usize)
    }

    /// Inks the line at points a cell apart along it (as if drawn by a pen as wide as a
    /// cell), each sample worth its share of the line's length in cells, so a line
    /// leaves about as much ink as it is long, wherever the samples fall; `scale` times
    /// that for a line that stands for others left out.
    fn ink_line(&mut self, line: &InkLine, scale: f32) {
        let grid = self.grid;
        // In cells from the grid's corner, the same in every band, so that each point
        // falls in exactly one band.
        let a = [
            (line.a[0] - grid.origin[0]) / grid.cell,
            (line.a[1] - grid.origin[1]) / grid.cell,
        ];
        let b = [
            (line.b[0] - grid.origin[0]) / grid.cell,
            (line.b[1] - grid.origin[1]) / grid.cell,
        ];
        let cols = grid.cols as f32;
        let (top, bottom) = (self.first_row as f32, (self.first_row + self.rows) as f32);
        let Some((enter, leave)) = clip(a, b, [0.0, top], [cols, bottom]) else {
            return;
        };
        let delta = [b[0] - a[0], b[1] - a[1]];
        let length = (delta[0] * delta[0] + delta[1] * delta[1]).sqrt();
        let samples = length.ceil().max(1.0);
        let weight = line.weight * scale * length.max(1.0) / samples;
        let rgb = line.color.0.map(|channel| weight * f32::from(channel));
        // Sample i is at (i + ½) / samples along the line: those in this band, and one more
        // at either end, kept only if rounding put it inside after all.
        let first = ((enter * samples - 0.5).ceil() - 1.0).max(0.0) as usize;
        let last = ((leave * samples - 0.5).floor() + 1.0).min(samples - 1.0);
        if last < 0.0 {
            return;
        }
        for i in first..=last as usize {
            let t = (i as f32 + 0.5) / samples;
            let (x, y) = (a[0] + delta[0] * t, a[1] + delta[1] * t);
            if x >= 0.0 && x < cols && y >= top && y < bottom {
                let row = y as usize - self.first_row;
                let ink = &mut self.lines[row * grid.cols + x as usize];
                ink.weight += weight;
                for (sum, add) in ink.rgb.iter_mut().zip(rgb) {
                    *sum += add;
                }
            }
        }
    }

    fn ink_dot(&mut self, dot: &InkDot) {
        if let Some(cell) = self.cell_of(dot.at) {
            self.entities[cell].add(dot.color, dot.weight);
        }
    }
}

/// The part of the segment `a`–`b` inside the rectangle from `min` to `max`, as shares of
/// its length from `a` (Liang–Barsky); `None` when it misses.
fn clip(a: Point, b: Point, min: Point, max: Point) -> Option<(f32, f32)> {
    let delta = [b[0] - a[0], b[1] - a[1]];
    let (mut enter, mut leave) = (0.0_f32, 1.0_f32);
    for axis in 0..2 {
        for (towards, room) in [
            (-delta[axis], a[axis] - min[axis]),
            (delta[axis], max[axis] - a[axis]),
        ] {
            if towards == 0.0 {
                if room < 0.0 {
                    return None;
                }
            } else if towards < 0.0 {
                enter = enter.max(room / towards);
            } else {
                leave = leave.min(room / towards);
            }
        }
    }
    (enter <= leave).then_some((enter, leave))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RED: Rgba = Rgba::rgb(255, 0, 0);
    const BLUE: Rgba = Rgba::rgb(0, 0, 255);

    fn line(a: Point, b: Point, color: Rgba) -> InkLine {
        InkLine {
            a,
            b,
            color,
            weight: 1.0,
        }
    }

    fn summed(grid: CellGrid, lines: &[InkLine], dots: &[InkDot]) -> Density {
        let mut density = Density::default();
        density.sum(
            grid,
            lines.len(),
            |i| Some(lines[i]),
            dots.len(),
            |i| Some(dots[i]),
        );
        density
    }

    /// The total line ink of a grid.
    fn total(density: &Density) -> f32 {
        density.lines.iter().map(|ink| ink.weight).sum()
    }

    #[test]
    fn grids_of_one_cell_size_share_their_cells() {
        let grid = CellGrid::covering([3.0, -7.0], [41.0, 12.0], 10.0, 1000);
        assert_eq!(grid.origin, [0.0, -10.0]);
        assert_eq!((grid.cols, grid.rows), (5, 3));
        assert!(grid.contains([3.0, -7.0], [41.0, 12.0]));
        assert!(!grid.contains([3.0, -7.0], [51.0, 12.0]));
        // Too large a rectangle: its middle, at most `max_cells` a side.
        let capped = CellGrid::covering([0.0, 0.0], [1000.0, 10.0], 1.0, 100);
        assert_eq!((capped.cols, capped.origin[0]), (100, 450.0));
    }

    #[test]
    fn a_line_inks_the_cells_it_crosses_about_as_much_as_it_is_long() {
        let grid = CellGrid::covering([0.0, 0.0], [100.0, 100.0], 10.0, 1000);
        // Along the middle of the second row, from x = 0 to x = 40: four cells long.
        let density = summed(grid, &[line([0.0, 15.0], [40.0, 15.0], RED)], &[]);
        let inked: Vec<(usize, usize)> = (0..10)
            .flat_map(|row| (0..10).map(move |col| (col, row)))
            .filter(|&(col, row)| density.line_ink(col, row).weight > 0.0)
            .collect();
        assert_eq!(inked, [(0, 1), (1, 1), (2, 1), (3, 1)]);
        assert!((total(&density) - 4.0).abs() < 1e-4, "{}", total(&density));
        assert_eq!(density.line_ink(2, 1).color(), [255, 0, 0]);
        // A diagonal across the whole grid leaves its length in cells too.
        let diagonal = summed(grid, &[line([0.0, 0.0], [100.0, 100.0], RED)], &[]);
        let length = 100.0 * std::f32::consts::SQRT_2 / 10.0;
        assert!((total(&diagonal) - length).abs() < 1e-3);
        // A line shorter than a cell still shows, as one cell's worth.
        let dot_like = summed(grid, &[line([52.0, 52.0], [53.0, 52.0], RED)], &[]);
        assert_eq!(dot_like.line_ink(5, 5).weight, 1.0);
    }

    #[test]
    fn only_the_part_of_a_line_inside_the_grid_is_inked() {
        let grid = CellGrid::covering([0.0, 0.0], [100.0, 100.0], 10.0, 1000);
        let outside = summed(grid, &[line([-50.0, -5.0], [150.0, -5.0], RED)], &[]);
        assert_eq!(total(&outside), 0.0);
        // A million units long, 100 of them inside: ten cells' worth, each inked once.
        let long = summed(grid, &[line([-1.0e6, 55.0], [1.0e6, 55.0], RED)], &[]);
        assert!((total(&long) - 10.0).abs() < 0.1, "{}", total(&long));
        assert!((0..10).all(|col| density_close(long.line_ink(col, 5).weight, 1.0)));
    }

    fn density_close(weight: f32, expected: f32) -> bool {
        (weight - expected).abs() < 0.05
    }

    #[test]
    fn the_sum_does_not_depend_on_how_rows_are_banded() {
        let grid = CellGrid::covering([0.0, 0.0], [64.0, 64.0], 1.0, 1000);
        let lines: Vec<InkLine> = (0..200)
            .map(|i| {
                let f = i as f32;
                line(
                    [(f * 7.3) % 64.0, (f * 3.1) % 64.0],
                    [(f * 1.7) % 64.0, (f * 5.9) % 64.0],
                    if i % 2 == 0 { RED } else { BLUE },
                )
            })
            .collect();
        let dots: Vec<InkDot> = (0..50)
            .map(|i| InkDot {
                at: [(i as f32 * 11.0) % 64.0, (i as f32 * 13.0) % 64.0],
                color: BLUE,
                weight: 1.0,
            })
            .collect();
        let sum = |rows_per_band| {
            let mut density = Density::default();
            density.sum_in_bands(
                grid,
                rows_per_band,
                lines.len(),
                |i| Some(lines[i]),
                dots.len(),
                |i| Some(dots[i]),
            );
            density
        };
        let (whole, banded) = (sum(64), sum(3));
        assert_eq!(whole.lines, banded.lines);
        assert_eq!(whole.entities, banded.entities);
    }

    #[test]
    fn many_lines_darken_a_cell_and_an_entity_covers_them_in_its_colour() {
        let grid = CellGrid::covering([0.0, 0.0], [30.0, 10.0], 10.0, 1000);
        // One red line through the first cell, ten through the second (half red, half
        // blue), and a blue entity in the third over a red line.
        let mut lines = vec![line([1.0, 5.0], [9.0, 5.0], RED)];
        for i in 0..10 {
            let color = if i % 2 == 0 { RED } else { BLUE };
            lines.push(line([11.0, 5.0], [19.0, 5.0], color));
        }
        lines.push(line([21.0, 5.0], [29.0, 5.0], RED));
        let dots = [InkDot {
            at: [25.0, 5.0],
            color: BLUE,
            weight: 1.0,
        }];
        let texels = summed(grid, &lines, &dots).to_rgba();
        let [one, ten, covered] = [texels[0], texels[1], texels[2]];
        assert!(one[3] < ten[3], "{one:?} {ten:?}");
        assert_eq!(&one[..3], &[255, 0, 0]);
        assert_eq!(&ten[..3], &[128, 0, 128], "the mean of red and blue");
        assert!(covered[2] > 200 && covered[0] < 60, "{covered:?}");
        // The empty rest is clear.
        let empty = summed(grid, &[], &[]).to_rgba();
        assert!(empty.iter().all(|texel| *texel == [0; 4]));
    }
}
