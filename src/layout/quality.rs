//! How faithful a drawing is: normalized stress compares drawn distances with graph
//! distances (shortest paths) over sampled pairs, after the best uniform scaling. 0 is a
//! perfect drawing; a random one scores around 0.3–0.6.

use std::collections::VecDeque;

use super::{Link, Point};

/// Normalized stress over the pairs reachable from `sources` sampled start entities
/// (chosen evenly by index, so the result is deterministic):
/// `Σ w (s·d − g)² / Σ w g²` with `w = 1/g²`, `g` the graph distance, `d` the drawn one,
/// and `s` the scale that minimises it.
pub fn normalized_stress(positions: &[Point], links: &[Link], sources: usize) -> f64 {
    let count = positions.len();
    if count < 2 {
        return 0.0;
    }
    let mut neighbours = vec![Vec::new(); count];
    for link in links {
        neighbours[link.a].push(link.b);
        neighbours[link.b].push(link.a);
    }
    let sources = sources.clamp(1, count);
    let step = count / sources;
    // (graph distance, drawn distance) of every sampled pair.
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    let mut distance = vec![u32::MAX; count];
    let mut queue = VecDeque::new();
    for source in (0..sources).map(|i| i * step) {
        distance.fill(u32::MAX);
        distance[source] = 0;
        queue.push_back(source);
        while let Some(current) = queue.pop_front() {
            for &next in &neighbours[current] {
                if distance[next] == u32::MAX {
                    distance[next] = distance[current] + 1;
                    queue.push_back(next);
                }
            }
        }
        for (target, &hops) in distance.iter().enumerate() {
            if target != source && hops != u32::MAX {
                let (p, q) = (positions[source], positions[target]);
                let drawn = f64::from((p[0] - q[0]).hypot(p[1] - q[1]));
                pairs.push((f64::from(hops), drawn));
            }
        }
    }
    let (mut numerator, mut denominator) = (0.0, 0.0);
    for &(graph, drawn) in &pairs {
        let weight = 1.0 / (graph * graph);
        numerator += weight * drawn * graph;
        denominator += weight * drawn * drawn;
    }
    if denominator == 0.0 {
        return 1.0;
    }
    let scale = numerator / denominator;
    let (mut stress, mut norm) = (0.0, 0.0);
    for &(graph, drawn) in &pairs {
        let weight = 1.0 / (graph * graph);
        stress += weight * (scale * drawn - graph).powi(2);
        norm += weight * graph * graph;
    }
    stress / norm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_straight_path_drawn_straight_has_no_stress() {
        let positions: Vec<Point> = (0..10).map(|i| [i as f32 * 3.0, 0.0]).collect();
        let links: Vec<Link> = (0..9).map(|i| Link { a: i, b: i + 1 }).collect();
        assert!(normalized_stress(&positions, &links, 10) < 1e-9);
    }

    #[test]
    fn a_folded_drawing_has_stress() {
        // The path's far end drawn back next to its start.
        let mut positions: Vec<Point> = (0..10).map(|i| [i as f32, 0.0]).collect();
        positions[9] = [0.0, 1.0];
        let links: Vec<Link> = (0..9).map(|i| Link { a: i, b: i + 1 }).collect();
        assert!(normalized_stress(&positions, &links, 10) > 0.01);
    }
}
