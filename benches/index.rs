//! How long the network index takes to build: `NetworkIndex::new` on `powermap gen`'s
//! preferential-attachment networks of 10k entities / 20k ties and 100k / 200k (seed 1).
//! The index is rebuilt whenever a network opens (and, later, after each edit), so the
//! 100k build must stay within 50 ms. See docs/performance.md.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use powermap::network::generate::generate_network;
use powermap::network::index::NetworkIndex;

fn index(c: &mut Criterion) {
    let mut group = c.benchmark_group("network-index");
    group.sample_size(20);
    for (entities, ties) in [(10_000, 20_000), (100_000, 200_000)] {
        let network = generate_network(entities, ties, 1);
        group.bench_with_input(
            BenchmarkId::new("new", format!("{entities}/{ties}")),
            &network,
            |b, network| b.iter(|| black_box(NetworkIndex::new(network))),
        );
    }
    group.finish();
}

criterion_group!(benches, index);
criterion_main!(benches);
