//! A good first picture for the force layout, so that large networks need not untangle
//! from nothing: Harel and Koren's high-dimensional embedding. Each entity is described by
//! its graph distances to a few far-apart "pivot" entities; the two principal axes of those
//! descriptions give a drawing that already has the network's shape (a grid comes out as a
//! grid). Each connected part is embedded on its own, and the parts are set side by side,
//! largest first. O(pivots × (n + m)).

use std::collections::VecDeque;

use super::{LayoutParams, Link, Point, jitter};

/// Distances to this many pivots describe each entity.
const PIVOTS: usize = 24;
/// Power-iteration rounds for each principal axis.
const POWER_ROUNDS: usize = 80;

/// Starting positions for `count` entities joined by `links`.
pub fn pivot_embedding(
    count: usize,
    links: &[Link],
    seed: u64,
    params: &LayoutParams,
) -> Vec<Point> {
    let mut neighbours = vec![Vec::new(); count];
    for link in links {
        if link.a < count && link.b < count && link.a != link.b {
            neighbours[link.a].push(link.b);
            neighbours[link.b].push(link.a);
        }
    }
    let components = components(&neighbours);
    let mut positions = vec![[0.0; 2]; count];
    // Lay out each part, then set the parts out in rows, largest first.
    let mut parts: Vec<(Vec<usize>, Vec<Point>, f32)> = components
        .into_iter()
        .map(|members| {
            let local = embed_component(&members, &neighbours, params);
            let radius = local
                .iter()
                .map(|p| p[0].hypot(p[1]))
                .fold(params.link_distance * 0.5, f32::max);
            (members, local, radius)
        })
        .collect();
    parts.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0[0].cmp(&b.0[0])));
    let total_area: f32 = parts.iter().map(|(_, _, r)| 4.0 * r * r).sum();
    let row_width = total_area.sqrt() * 1.3;
    let gap = params.link_distance;
    let (mut x, mut y, mut row_height) = (0.0_f32, 0.0_f32, 0.0_f32);
    for (members, local, radius) in parts {
        let side = 2.0 * radius;
        if x > 0.0 && x + side > row_width {
            x = 0.0;
            y += row_height + gap;
            row_height = 0.0;
        }
        let centre = [x + radius, y + radius];
        for (&entity, p) in members.iter().zip(local) {
            positions[entity] = [centre[0] + p[0], centre[1] + p[1]];
        }
        x += side + gap;
        row_height = row_height.max(side);
    }
    // Centre the whole picture on the origin, and nudge every entity a little so that
    // entities with the same distances (leaves of one hub) do not start on one spot.
    let count_f = count.max(1) as f32;
    let mean = positions.iter().fold([0.0, 0.0], |m, p| {
        [m[0] + p[0] / count_f, m[1] + p[1] / count_f]
    });
    let nudge = params.link_distance * 0.15;
    for (i, p) in positions.iter_mut().enumerate() {
        p[0] += nudge * jitter(seed ^ (2 * i as u64)) - mean[0];
        p[1] += nudge * jitter(seed ^ (2 * i as u64 + 1)) - mean[1];
    }
    positions
}

/// The connected parts, each in breadth-first order from its lowest index.
fn components(neighbours: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut seen = vec![false; neighbours.len()];
    let mut parts = Vec::new();
    let mut queue = VecDeque::new();
    for root in 0..neighbours.len() {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        queue.push_back(root);
        let mut members = Vec::new();
        while let Some(current) = queue.pop_front() {
            members.push(current);
            for &next in &neighbours[current] {
                if !seen[next] {
                    seen[next] = true;
                    queue.push_back(next);
                }
            }
        }
        parts.push(members);
    }
    parts
}

/// Hop distances from `source` to every member (by local index); unreachable is `u32::MAX`.
fn distances(
    source: usize,
    local_of: &[usize],
    neighbours: &[Vec<usize>],
    size: usize,
) -> Vec<u32> {
    let mut distance = vec![u32::MAX; size];
    let mut queue = VecDeque::new();
    distance[local_of[source]] = 0;
    queue.push_back(source);
    while let Some(current) = queue.pop_front() {
        let next_distance = distance[local_of[current]] + 1;
        for &next in &neighbours[current] {
            let local = local_of[next];
            if distance[local] == u32::MAX {
                distance[local] = next_distance;
                queue.push_back(next);
            }
        }
    }
    distance
}

/// One connected part, centred on the origin, with links about `link_distance` long.
fn embed_component(
    members: &[usize],
    neighbours: &[Vec<usize>],
    params: &LayoutParams,
) -> Vec<Point> {
    let size = members.len();
    match size {
        1 => return vec![[0.0, 0.0]],
        2 => {
            return vec![
                [-params.link_distance / 2.0, 0.0],
                [params.link_distance / 2.0, 0.0],
            ];
        }
        _ => {}
    }
    let mut local_of = vec![usize::MAX; neighbours.len()];
    for (local, &entity) in members.iter().enumerate() {
        local_of[entity] = local;
    }
    // Far-apart pivots: start at the best-connected member, then each next pivot is the
    // member farthest from all pivots so far.
    let first = *members
        .iter()
        .max_by_key(|&&e| (neighbours[e].len(), std::cmp::Reverse(e)))
        .unwrap_or(&members[0]);
    let pivot_count = PIVOTS.min(size);
    let mut columns: Vec<Vec<f32>> = Vec::with_capacity(pivot_count);
    let mut nearest_pivot = vec![u32::MAX; size];
    let mut pivot = first;
    for _ in 0..pivot_count {
        let distance = distances(pivot, &local_of, neighbours, size);
        for (nearest, &d) in nearest_pivot.iter_mut().zip(&distance) {
            *nearest = (*nearest).min(d);
        }
        let mean = distance.iter().map(|&d| d as f32).sum::<f32>() / size as f32;
        columns.push(distance.iter().map(|&d| d as f32 - mean).collect());
        let farthest = (0..size)
            .max_by_key(|&l| (nearest_pivot[l], std::cmp::Reverse(l)))
            .unwrap_or(0);
        pivot = members[farthest];
    }
    // Covariance of the pivot distances, then its two principal axes.
    let k = columns.len();
    let mut covariance = vec![0.0_f64; k * k];
    for i in 0..k {
        for j in i..k {
            let value: f64 = columns[i]
                .iter()
                .zip(&columns[j])
                .map(|(a, b)| f64::from(a * b))
                .sum();
            covariance[i * k + j] = value;
            covariance[j * k + i] = value;
        }
    }
    let first_axis = principal_axis(&covariance, k, None);
    let second_axis = principal_axis(&covariance, k, Some(&first_axis));
    let mut local: Vec<Point> = (0..size)
        .map(|l| {
            let project = |axis: &[f64]| {
                axis.iter()
                    .zip(&columns)
                    .map(|(w, c)| w * f64::from(c[l]))
                    .sum::<f64>() as f32
            };
            [project(&first_axis), project(&second_axis)]
        })
        .collect();
    // Scale so that links have about their rest length.
    let (mut total, mut links) = (0.0_f32, 0_usize);
    for &entity in members {
        for &next in &neighbours[entity] {
            let (p, q) = (local[local_of[entity]], local[local_of[next]]);
            total += (p[0] - q[0]).hypot(p[1] - q[1]);
            links += 1;
        }
    }
    let mean_link = if links == 0 {
        1.0
    } else {
        total / links as f32
    };
    let scale = if mean_link > 1e-6 {
        params.link_distance / mean_link
    } else {
        1.0
    };
    for p in &mut local {
        p[0] *= scale;
        p[1] *= scale;
    }
    local
}

/// The dominant eigenvector of a symmetric k×k matrix by power iteration, orthogonal to
/// `except` when given (deflation by projection). Deterministic start.
fn principal_axis(matrix: &[f64], k: usize, except: Option<&[f64]>) -> Vec<f64> {
    let mut vector: Vec<f64> = (0..k)
        .map(|i| 1.0 + i as f64 / k as f64 * if i % 2 == 0 { 1.0 } else { -1.0 })
        .collect();
    for _ in 0..POWER_ROUNDS {
        if let Some(other) = except {
            let along: f64 = vector.iter().zip(other).map(|(a, b)| a * b).sum();
            for (v, o) in vector.iter_mut().zip(other) {
                *v -= along * o;
            }
        }
        let next: Vec<f64> = (0..k)
            .map(|row| {
                (0..k)
                    .map(|column| matrix[row * k + column] * vector[column])
                    .sum()
            })
            .collect();
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm < 1e-12 {
            break;
        }
        vector = next.into_iter().map(|v| v / norm).collect();
    }
    if let Some(other) = except {
        let along: f64 = vector.iter().zip(other).map(|(a, b)| a * b).sum();
        for (v, o) in vector.iter_mut().zip(other) {
            *v -= along * o;
        }
    }
    vector
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::quality::normalized_stress;

    #[test]
    fn a_path_is_embedded_along_a_line() {
        let links: Vec<Link> = (0..19).map(|i| Link { a: i, b: i + 1 }).collect();
        let positions = pivot_embedding(20, &links, 1, &LayoutParams::default());
        assert!(normalized_stress(&positions, &links, 20) < 0.01);
    }

    #[test]
    fn disconnected_parts_do_not_overlap() {
        let mut links: Vec<Link> = (0..9).map(|i| Link { a: i, b: i + 1 }).collect();
        links.extend((10..19).map(|i| Link { a: i, b: i + 1 }));
        let positions = pivot_embedding(21, &links, 1, &LayoutParams::default());
        let lowest =
            |range: std::ops::Range<usize>| range.map(|i| positions[i][1]).fold(f32::MAX, f32::min);
        let highest =
            |range: std::ops::Range<usize>| range.map(|i| positions[i][1]).fold(f32::MIN, f32::max);
        let leftmost =
            |range: std::ops::Range<usize>| range.map(|i| positions[i][0]).fold(f32::MAX, f32::min);
        let rightmost =
            |range: std::ops::Range<usize>| range.map(|i| positions[i][0]).fold(f32::MIN, f32::max);
        let apart = rightmost(0..10) < leftmost(10..20)
            || rightmost(10..20) < leftmost(0..10)
            || highest(0..10) < lowest(10..20)
            || highest(10..20) < lowest(0..10);
        assert!(apart, "{positions:?}");
        assert!(
            positions
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite())
        );
    }
}
