//! The CPU time of one full frame of the map showing all of a 10k-entity / 20k-tie and of
//! a 100k / 200k network, fitted to the window: the egui run (layout of the widgets, the
//! map's shapes) plus tessellation into meshes,
//! headless, laid out ahead so that the layout rests and only drawing is measured. Each
//! frame carries a pointer move, as a frame the person causes does (a frame with no input
//! at all is not drawn by the window, which rests). A frame of the 100k map that zooms by
//! 40 %, in and out in turn, also makes its picture summed by cell again (see
//! `scene::density`), as a frame of zooming does when the zoom changes level; and that
//! summing alone. Also the time to parse and validate a 100k / 200k file (its bytes in
//! memory, and the file on disk) and to export a 4096-pixel PNG of the 10k network.
//! See docs/performance.md.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use powermap::app::{LabelLanguage, MapView, font_definitions};
use powermap::export::{Background, ExportOptions, map_svg, svg_to_png};
use powermap::layout::lay_out;
use powermap::network::generate::generate_network;
use powermap::network::index::NetworkIndex;
use powermap::network::load::{load_file, parse_network};
use powermap::network::model::Position;
use powermap::network::save::{Overwrite, network_to_json, write_atomically};
use powermap::scene::density::{CellGrid, Density, InkDot, InkLine};
use powermap::scene::graph::MapGraph;
use powermap::scene::style::Rgba;

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        events: vec![egui::Event::PointerMoved(egui::pos2(5.0, 5.0))],
        ..Default::default()
    }
}

/// A map of a generated network of `entities` and `ties`, laid out ahead (every entity has
/// a position, so the layout rests and only drawing is measured), fitted to the window
/// after a few frames.
fn resting_map(entities: usize, ties: usize, ctx: &egui::Context) -> MapView {
    let mut network = generate_network(entities, ties, 1);
    let index = NetworkIndex::new(&network);
    let map = MapGraph::new(&index);
    let positions = lay_out(&network, &map.links());
    for (entity, [x, y]) in network.entities.iter_mut().zip(positions) {
        entity.position = Some(Position {
            x: f64::from(x),
            y: f64::from(y),
        });
    }
    let mut view = MapView::new(&network, &index, &map, LabelLanguage::English);
    let mut commands = Vec::new();
    for _ in 0..4 {
        let output = ctx.run_ui(raw_input(), |ui| {
            egui::CentralPanel::default().show(ui, |ui| view.ui(ui, &mut commands));
        });
        assert_eq!(view.layout_moving(), Some(false), "the layout rests");
        ctx.tessellate(output.shapes, output.pixels_per_point);
    }
    view
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(20);
    for (name, entities, ties) in [
        ("full_map_10k_entities_20k_ties", 10_000, 20_000),
        ("full_map_100k_entities_200k_ties", 100_000, 200_000),
    ] {
        let ctx = egui::Context::default();
        ctx.set_fonts(font_definitions());
        let mut view = resting_map(entities, ties, &ctx);
        let mut commands = Vec::new();
        group.bench_function(name, |b| {
            b.iter(|| {
                let output = ctx.run_ui(raw_input(), |ui| {
                    egui::CentralPanel::default().show(ui, |ui| view.ui(ui, &mut commands));
                });
                black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
            });
        });
        if entities == 100_000 {
            let (centre, fitted) = view.view();
            let mut zoomed_in = false;
            group.bench_function("zoom_step_100k_entities_200k_ties", |b| {
                b.iter(|| {
                    zoomed_in = !zoomed_in;
                    view.look_at(centre, if zoomed_in { fitted * 1.4 } else { fitted });
                    let output = ctx.run_ui(raw_input(), |ui| {
                        egui::CentralPanel::default().show(ui, |ui| view.ui(ui, &mut commands));
                    });
                    black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
                });
            });
        }
    }
    group.finish();
}

/// Summing the 100k / 200k network's lines and entities by cell (`scene::density`), as a
/// zoomed-out frame does when its zoom changes level: 1,200 × 750 cells over the network.
fn density(c: &mut Criterion) {
    let network = generate_network(100_000, 200_000, 1);
    let map = MapGraph::new(&NetworkIndex::new(&network));
    let positions = lay_out(&network, &map.links());
    let (mut min, mut max) = ([f32::MAX; 2], [f32::MIN; 2]);
    for point in &positions {
        for axis in 0..2 {
            min[axis] = min[axis].min(point[axis]);
            max[axis] = max[axis].max(point[axis]);
        }
    }
    let cell = ((max[0] - min[0]) / 1200.0).max((max[1] - min[1]) / 750.0);
    let grid = CellGrid::covering(min, max, cell, 4096);
    let color = Rgba::rgb(200, 80, 90);
    let mut summed = Density::default();
    let mut group = c.benchmark_group("density");
    group.sample_size(10);
    group.bench_function("sum_100k_entities_200k_ties", |b| {
        b.iter(|| {
            summed.sum(
                grid,
                map.edges.len(),
                |i| {
                    let edge = &map.edges[i];
                    Some(InkLine {
                        a: positions[edge.a.index()],
                        b: positions[edge.b.index()],
                        color,
                        weight: 1.0,
                    })
                },
                positions.len(),
                |i| {
                    Some(InkDot {
                        at: positions[i],
                        color,
                        weight: 1.0,
                    })
                },
            );
            black_box(summed.to_rgba())
        });
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let json = network_to_json(&generate_network(100_000, 200_000, 1)).expect("encodes");
    let folder = tempfile::tempdir().expect("a temporary folder");
    let file = folder.path().join("big.json");
    write_atomically(&file, json.as_bytes(), Overwrite::Refuse).expect("written");
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    // The bytes in memory, read in pieces as a file is.
    group.bench_function("parse_and_validate_100k_entities_200k_ties", |b| {
        b.iter(|| black_box(parse_network(json.as_bytes(), Path::new("big.json")).expect("valid")));
    });
    // The file on disk (in the page cache after the first run), as the window and
    // `powermap validate` open it.
    group.bench_function("load_file_100k_entities_200k_ties", |b| {
        b.iter(|| black_box(load_file(&file).expect("valid")));
    });
    group.finish();
}

fn export(c: &mut Criterion) {
    let network = generate_network(10_000, 20_000, 1);
    let map = MapGraph::new(&NetworkIndex::new(&network));
    let positions = lay_out(&network, &map.links());
    let options = ExportOptions {
        width_px: 4096,
        background: Background::White,
        language: "en".to_owned(),
    };
    let mut group = c.benchmark_group("export");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("png_4096px_10k_entities", |b| {
        b.iter(|| {
            let svg = map_svg(&network, &map, &positions, &options).expect("draws");
            black_box(svg_to_png(&svg).expect("renders"))
        });
    });
    group.finish();
}

criterion_group!(benches, frame, density, load, export);
criterion_main!(benches);
