#!/usr/bin/env python3
"""powermap layout beside igraph's Fruchterman-Reingold, in one run, on the same files.

For each powermap file given: runs each powermap binary's `layout` command on it (its
own printed time is the layout's), lays the same graph out with python-igraph's
Fruchterman-Reingold (grid variant, 300 iterations, timed around the call alone), and
prints the normalized stress of every drawing, computed as src/layout/quality.rs does
(pairs from 100 sources chosen evenly by index, after the best uniform scaling).

    pip install igraph
    scripts/compare-layouts.py --powermap target/release/powermap g10k.json g100k.json
    scripts/compare-layouts.py --powermap old/powermap --powermap target/release/powermap \
        --igraph-up-to 100000 g10k.json

Needs python-igraph (for FR and the distances). Prints one Markdown table row per file
and tool.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import igraph


def load_graph(path):
    """The graph of a powermap JSON file: its entities in order, its ties' pairs."""
    with open(path, encoding="utf-8") as file:
        network = json.load(file)
    index = {entity["id"]: i for i, entity in enumerate(network["entities"])}
    edges = set()
    for tie in network["ties"]:
        ends = [index[p] for p in tie["participants"] if p in index]
        for a in ends:
            for b in ends:
                if a < b:
                    edges.add((a, b))
    return len(index), sorted(edges)


def positions_of(path):
    with open(path, encoding="utf-8") as file:
        network = json.load(file)
    return [(e["position"]["x"], e["position"]["y"]) for e in network["entities"]]


def normalized_stress(graph, positions, sources=100):
    count = graph.vcount()
    sources = max(1, min(sources, count))
    step = count // sources
    chosen = [i * step for i in range(sources)]
    pairs = []
    for source, hops_row in zip(chosen, graph.distances(source=chosen)):
        px, py = positions[source]
        for target, hops in enumerate(hops_row):
            if target != source and hops != float("inf"):
                qx, qy = positions[target]
                pairs.append((hops, ((px - qx) ** 2 + (py - qy) ** 2) ** 0.5))
    numerator = sum(d / g for g, d in pairs)
    denominator = sum(d * d / (g * g) for g, d in pairs)
    scale = numerator / denominator
    stress = sum(((scale * d - g) / g) ** 2 for g, d in pairs)
    return stress / len(pairs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--powermap", action="append", required=True,
                        help="a powermap binary (repeat to compare builds)")
    parser.add_argument("--igraph-up-to", type=int, default=10**9,
                        help="skip igraph on graphs with more entities than this")
    parser.add_argument("--iterations", type=int, default=300)
    args = parser.parse_args()
    print("| graph | tool | layout time | normalized stress |")
    print("|---|---|---|---|")
    for path in args.files:
        count, edges = load_graph(path)
        graph = igraph.Graph(n=count, edges=edges)
        name = f"{count:,} / {len(edges):,}"
        for binary in args.powermap:
            with tempfile.TemporaryDirectory() as folder:
                output = os.path.join(folder, "laid.json")
                report = subprocess.run(
                    [binary, "layout", path, "-o", output],
                    check=True, capture_output=True, text=True,
                ).stdout
                seconds = re.search(r", ([0-9.]+) s", report).group(1)
                stress = normalized_stress(graph, positions_of(output))
            print(f"| {name} | powermap ({binary}) | {float(seconds):.3f} s | {stress:.4f} |",
                  flush=True)
        if count <= args.igraph_up_to:
            started = time.perf_counter()
            layout = graph.layout_fruchterman_reingold(niter=args.iterations, grid=True)
            seconds = time.perf_counter() - started
            stress = normalized_stress(graph, layout.coords)
            print(f"| {name} | igraph {igraph.__version__} FR, grid, {args.iterations} "
                  f"iterations | {seconds:.3f} s | {stress:.4f} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
