//! Layout speed and quality: powermap's multilevel layout on preferential-attachment graphs
//! (`powermap gen`'s generator) at 10k, 100k and 1M entities, beside the single-level
//! Barnes–Hut layout of 300 steps it replaced and egui_graphs' Fruchterman–Reingold.
//!
//! `cargo bench --bench layout -- layout/` times the layouts (the 1M one takes about a
//! minute and a half: ten samples of several seconds); `cargo bench --bench layout --
//! comparison` prints the ratio against egui_graphs' FR and the normalized stress of the
//! layouts. See docs/performance.md, which also compares with igraph.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, Rect};
use egui_graphs::{ForceAlgorithm, FruchtermanReingold, FruchtermanReingoldState, Graph, to_graph};
use petgraph::stable_graph::{NodeIndex, StableGraph};
use powermap::layout::quality::normalized_stress;
use powermap::layout::{
    LayoutParams, Link, MultilevelOptions, Point, Simulation, multilevel_layout, pivot_embedding,
};
use powermap::network::generate::preferential_attachment;

const STEPS: u64 = 300;

/// The multilevel layout as `powermap layout` runs it (300 steps at the coarsest level).
fn run_multilevel(nodes: usize, links: &[Link]) -> Vec<Point> {
    let options = MultilevelOptions {
        coarsest_steps: STEPS,
        ..MultilevelOptions::default()
    };
    multilevel_layout(nodes, links, &[], 1, &LayoutParams::default(), &options).0
}

/// The single-level layout: the pivot embedding, then 300 steps.
fn run_single_level(nodes: usize, links: &[Link], steps: u64) -> Vec<Point> {
    let mut params = LayoutParams::default();
    params.alpha_decay = 1.0 - params.alpha_min.powf(1.0 / steps as f32);
    let mut positions = pivot_embedding(nodes, links, 1, &params);
    Simulation::new(nodes).run(&mut positions, links, &[], &params, steps);
    positions
}

fn fruchterman_reingold_graph(nodes: usize, links: &[Link]) -> Graph<(), (), petgraph::Undirected> {
    let mut graph: StableGraph<(), (), petgraph::Undirected> = StableGraph::default();
    for _ in 0..nodes {
        graph.add_node(());
    }
    for link in links {
        graph.add_edge(NodeIndex::new(link.a), NodeIndex::new(link.b), ());
    }
    let mut graph = to_graph(&graph);
    let start = pivot_embedding(nodes, links, 1, &LayoutParams::default());
    for (index, [x, y]) in start.into_iter().enumerate() {
        if let Some(node) = graph.node_mut(NodeIndex::new(index)) {
            node.set_location(Pos2::new(x, y));
        }
    }
    graph
}

fn run_fruchterman_reingold(graph: &mut Graph<(), (), petgraph::Undirected>, steps: u64) {
    let mut layout = FruchtermanReingold::from_state(FruchtermanReingoldState::default());
    let view = Rect::from_min_size(Pos2::ZERO, egui::vec2(1600.0, 1000.0));
    for _ in 0..steps {
        layout.step(graph, view);
    }
}

fn positions_of(graph: &Graph<(), (), petgraph::Undirected>) -> Vec<Point> {
    graph
        .nodes_iter()
        .map(|(_, node)| [node.location().x, node.location().y])
        .collect()
}

fn layout_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (nodes, edges) in [(10_000, 20_000), (100_000, 200_000)] {
        let links = preferential_attachment(nodes, edges, 1);
        group.bench_function(format!("multilevel_{nodes}"), |b| {
            b.iter(|| black_box(run_multilevel(nodes, &links)));
        });
    }
    let links = preferential_attachment(10_000, 20_000, 1);
    group.bench_function("single_level_10000_300_steps", |b| {
        b.iter(|| black_box(run_single_level(10_000, &links, STEPS)));
    });
    // The graph is made only when this bench is chosen: a filter that skips it costs
    // nothing.
    group.bench_function("multilevel_1000000", |b| {
        let links = preferential_attachment(1_000_000, 2_000_000, 1);
        b.iter(|| black_box(run_multilevel(1_000_000, &links)));
    });
    group.finish();
}

/// Not a criterion measurement: one FR step on 10k nodes takes about half a second, so
/// its 300 steps are timed as 3 steps × 100, and the ratio and the stresses printed.
#[allow(
    clippy::print_stdout,
    reason = "the bench's report, beside criterion's"
)]
fn comparison(_: &mut Criterion) {
    let links = preferential_attachment(10_000, 20_000, 1);
    let started = Instant::now();
    let multilevel = run_multilevel(10_000, &links);
    let ours = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let single = run_single_level(10_000, &links, STEPS);
    let single_secs = started.elapsed().as_secs_f64();
    let mut graph = fruchterman_reingold_graph(10_000, &links);
    let started = Instant::now();
    run_fruchterman_reingold(&mut graph, 3);
    let theirs = started.elapsed().as_secs_f64() / 3.0 * STEPS as f64;
    println!(
        "10k/20k: multilevel {ours:.3} s (stress {:.3}), single level 300 steps {single_secs:.3} s \
         (stress {:.3}), egui_graphs FR 300 steps {theirs:.1} s (extrapolated from 3 steps): \
         {:.0}× faster",
        normalized_stress(&multilevel, &links, 100),
        normalized_stress(&single, &links, 100),
        theirs / ours
    );

    let links = preferential_attachment(1_000, 2_000, 1);
    let ours = normalized_stress(&run_multilevel(1_000, &links), &links, 100);
    let single = normalized_stress(&run_single_level(1_000, &links, STEPS), &links, 100);
    let mut graph = fruchterman_reingold_graph(1_000, &links);
    run_fruchterman_reingold(&mut graph, STEPS);
    let theirs = normalized_stress(&positions_of(&graph), &links, 100);
    println!(
        "1k/2k normalized stress: multilevel {ours:.3}, single level {single:.3}, egui_graphs FR \
         {theirs:.3} (lower is better)"
    );
}

criterion_group!(benches, layout_benches, comparison);
criterion_main!(benches);
