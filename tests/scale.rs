//! The layout at scale: its quality on known shapes, and the `gen` and `layout` commands.

use powermap::layout::quality::normalized_stress;
use powermap::layout::{LayoutParams, Link, Point, Simulation, pivot_embedding};
use powermap::network::generate::preferential_attachment;

mod common;
use common::{powermap_command, succeeds};

fn lay_out(count: usize, links: &[Link]) -> Vec<Point> {
    let params = LayoutParams::default();
    let mut positions = pivot_embedding(count, links, 3, &params);
    Simulation::new(count).run(&mut positions, links, &[], &params, 2_000);
    positions
}

fn distance(a: Point, b: Point) -> f32 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

#[test]
fn a_grid_comes_out_as_a_grid() {
    const SIDE: usize = 20;
    let index = |row: usize, column: usize| row * SIDE + column;
    let mut links = Vec::new();
    for row in 0..SIDE {
        for column in 0..SIDE {
            if column + 1 < SIDE {
                links.push(Link {
                    a: index(row, column),
                    b: index(row, column + 1),
                });
            }
            if row + 1 < SIDE {
                links.push(Link {
                    a: index(row, column),
                    b: index(row + 1, column),
                });
            }
        }
    }
    let positions = lay_out(SIDE * SIDE, &links);
    // Every node is nearer to each of its grid neighbours than to any node three or more
    // grid steps away.
    let mut violations = 0;
    for row in 0..SIDE {
        for column in 0..SIDE {
            let here = positions[index(row, column)];
            let nearest_far = (0..SIDE * SIDE)
                .filter(|&other| {
                    let (r, c) = (other / SIDE, other % SIDE);
                    r.abs_diff(row) + c.abs_diff(column) >= 3
                })
                .map(|other| distance(here, positions[other]))
                .fold(f32::MAX, f32::min);
            let farthest_neighbour = links
                .iter()
                .filter(|l| l.a == index(row, column) || l.b == index(row, column))
                .map(|l| distance(positions[l.a], positions[l.b]))
                .fold(0.0, f32::max);
            if farthest_neighbour >= nearest_far {
                violations += 1;
            }
        }
    }
    assert!(
        violations <= SIDE * SIDE / 50,
        "{violations} of 400 nodes sit nearer to far nodes than to a neighbour"
    );
    let stress = normalized_stress(&positions, &links, 40);
    assert!(
        stress < 0.08,
        "a grid should draw almost faithfully; stress {stress:.3}"
    );
}

#[test]
fn two_disconnected_communities_come_out_apart() {
    // Two preferential-attachment communities of 300 with no tie between them.
    let mut links = preferential_attachment(300, 600, 1);
    links.extend(
        preferential_attachment(300, 600, 2)
            .into_iter()
            .map(|l| Link {
                a: l.a + 300,
                b: l.b + 300,
            }),
    );
    let positions = lay_out(600, &links);
    let centre = |range: std::ops::Range<usize>| {
        let count = range.len() as f32;
        let (x, y) = range.fold((0.0, 0.0), |(x, y), i| {
            (x + positions[i][0], y + positions[i][1])
        });
        [x / count, y / count]
    };
    let (first, second) = (centre(0..300), centre(300..600));
    let spread = |range: std::ops::Range<usize>, middle: Point| {
        range.map(|i| distance(positions[i], middle)).sum::<f32>() / 300.0
    };
    let gap = distance(first, second);
    assert!(
        gap > spread(0..300, first) + spread(300..600, second),
        "the communities overlap: centres {gap:.0} apart, mean radii {:.0} and {:.0}",
        spread(0..300, first),
        spread(300..600, second)
    );
}

/// Runs `powermap layout INPUT --steps STEPS -o OUTPUT`, which must succeed; returns what
/// it printed.
fn layout_command(input: &std::path::Path, steps: u32, output: &std::path::Path) -> String {
    succeeds(
        powermap_command()
            .arg("layout")
            .arg(input)
            .args(["--steps", &steps.to_string(), "-o"])
            .arg(output),
    )
}

#[test]
fn gen_and_layout_commands_make_valid_laid_out_files() {
    let folder = tempfile::tempdir().expect("tempdir");
    let generated = folder.path().join("g.json");
    succeeds(
        powermap_command()
            .args([
                "gen",
                "--entities",
                "2000",
                "--ties",
                "4000",
                "--seed",
                "9",
                "-o",
            ])
            .arg(&generated),
    );
    let network = powermap::network::load::load_file(&generated)
        .expect("a valid file")
        .network;
    assert_eq!((network.entities.len(), network.ties.len()), (2_000, 4_000));
    assert!(network.ties.iter().all(|t| !t.evidence.is_empty()));
    assert!(network.ties.iter().filter(|t| t.date.is_some()).count() > 3_000);

    let laid_out = folder.path().join("laid-out.json");
    let report = layout_command(&generated, 100, &laid_out);
    assert!(
        report.contains("laid out in 100 steps") && report.contains(" s ("),
        "{report}"
    );
    let network = powermap::network::load::load_file(&laid_out)
        .expect("a valid file")
        .network;
    assert!(network.entities.iter().all(|e| e.position.is_some()));
    // The same file and steps give the same positions.
    let again = folder.path().join("again.json");
    layout_command(&generated, 100, &again);
    assert_eq!(
        std::fs::read(&laid_out).expect("read"),
        std::fs::read(&again).expect("read")
    );
}

#[test]
fn layout_reads_and_writes_other_tools_formats() {
    let folder = tempfile::tempdir().expect("tempdir");
    // A d3 node-link file without positions, laid out into GraphML.
    let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop/d3-index.json");
    let laid_out = folder.path().join("laid-out.graphml");
    layout_command(&input, 50, &laid_out);
    let imported = powermap::interop::import_file(&laid_out).expect("a GraphML file");
    assert_eq!(imported.format, powermap::interop::Format::GraphMl);
    let original = powermap::interop::import_file(&input)
        .expect("opens")
        .network;
    assert_eq!(imported.network.entities.len(), original.entities.len());
    assert!(
        imported
            .network
            .entities
            .iter()
            .all(|e| e.position.is_some()),
        "every entity placed"
    );
}
