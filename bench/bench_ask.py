"""Question-answering benchmark: per-question latency in batch mode, peak memory, hit rates,
and the same figures for the naive baseline measured in the same run.

The system: `Assistant.ask` over the index in WPB_DATA_DIR (built with `wpb ingest`), models and
index loaded once, one warm-up pass, then every question of eval/questions.jsonl `--runs` times.
The baseline: the plain pipeline the issue describes, 1,000-character chunks of the source text,
the same embedder, dense top 5, no BM25, no citations (a hit = a chunk overlapping the expected
unit's source lines). Its embeddings are cached in data/cache, so only the first run pays for them.

    python bench/bench_ask.py [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.assistant import Assistant  # noqa: E402
from embeddings import make_embedder  # noqa: E402
from index.embedding_cache import EmbeddingCache  # noqa: E402
from index.reader import Index  # noqa: E402
from retriever.evaluate import evaluate, load_questions  # noqa: E402
from wpb.settings import Settings  # noqa: E402

CHUNK_CHARS = 1000


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def naive_chunks(text: str) -> list[tuple[str, int, int]]:
    """(text, first line, last line) of fixed 1,000-character chunks."""
    chunks, start = [], 0
    while start < len(text):
        piece = text[start : start + CHUNK_CHARS]
        first = text.count("\n", 0, start) + 1
        chunks.append((piece, first, first + piece.count("\n")))
        start += CHUNK_CHARS
    return chunks


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = Settings()
    questions = load_questions()
    base_mb = peak_mb()

    started = time.perf_counter()
    index = Index(settings.data_dir)
    assistant = Assistant(index)
    load_s = time.perf_counter() - started
    for q in questions:  # warm-up
        assistant.ask(q["question"])
    latencies = []
    for _ in range(args.runs):
        for q in questions:
            latencies.append(assistant.ask(q["question"]).elapsed_ms)
    system_mb = peak_mb()
    scores = evaluate(lambda text: [(c.kind, c.id) for c in assistant.ask(text).citations], questions)

    # the naive baseline, in the same process and run
    embedder = make_embedder(index.build["embedder"])
    source = (settings.corpus_dir / "HSP-EB.1-2-Rev.1.zh.txt").read_text(encoding="utf-8")
    chunks = naive_chunks(source)
    cache = EmbeddingCache(settings.data_dir / "cache" / "embeddings.sqlite")
    vectors, _ = cache.embed(
        embedder, [c[0] for c in chunks], [hashlib.sha256(c[0].encode()).hexdigest() for c in chunks]
    )
    cache.close()
    units = {(u.kind, u.id): u for u in index.document.units}
    naive_latency, hits1, hits5 = [], {"zh": [], "en": []}, {"zh": [], "en": []}
    for q in questions:  # warm-up
        vectors @ embedder.embed_query(q["question"])
    for run in range(args.runs):
        for q in questions:
            t = time.perf_counter()
            top = np.argsort(-(vectors @ embedder.embed_query(q["question"])))[:5]
            naive_latency.append((time.perf_counter() - t) * 1000)
            if run:
                continue
            spans = [s for e in q["expected"] if (u := units.get(tuple(e.split(":", 1)))) for s in u.spans]
            hit = [
                any(c[1] <= end and start <= c[2] for start, end in spans) for c in (chunks[i] for i in top)
            ]
            hits1[q["lang"]].append(hit[0])
            hits5[q["lang"]].append(any(hit))
    naive_mb = peak_mb()

    print(f"ask benchmark: {len(questions)} questions x {args.runs} runs after warm-up; load {load_s:.2f} s")
    header = ["median ms", "p95 ms", "hit@1 zh", "hit@5 zh", "hit@1 en", "hit@5 en"]
    print(f"{'':34}" + "".join(f"{h:>10}" for h in header))
    row = scores["all"]
    median, p95 = statistics.median(latencies), percentile(latencies, 95)
    print(
        f"{'WPB hybrid (cited units)':34}{median:>10.1f}{p95:>10.1f}"
        f"{row['zh'].row()['hit@1']:>10.3f}{row['zh'].row()['hit@5']:>10.3f}"
        f"{row['en'].row()['hit@1']:>10.3f}{row['en'].row()['hit@5']:>10.3f}"
    )
    print(
        f"{'naive 1,000-char chunks, dense top 5':34}{statistics.median(naive_latency):>10.1f}"
        f"{percentile(naive_latency, 95):>10.1f}{np.mean(hits1['zh']):>10.3f}{np.mean(hits5['zh']):>10.3f}"
        f"{np.mean(hits1['en']):>10.3f}{np.mean(hits5['en']):>10.3f}"
    )
    print(
        f"latency ratio WPB / naive: x{median / statistics.median(naive_latency):.2f} "
        f"(median); hit@5 ratio zh x{row['zh'].row()['hit@5'] / max(np.mean(hits5['zh']), 1e-9):.2f}, "
        f"en x{row['en'].row()['hit@5'] / max(np.mean(hits5['en']), 1e-9):.2f}"
    )
    print(
        f"peak memory: {system_mb:.0f} MB after the WPB runs (process start {base_mb:.0f} MB), "
        f"{naive_mb:.0f} MB after the baseline"
    )
    print(
        f"targets: median <= 50 ms -> {'met' if statistics.median(latencies) <= 50 else 'MISSED'}; "
        f"p95 <= 150 ms -> {'met' if percentile(latencies, 95) <= 150 else 'MISSED'}; "
        f"peak <= 1024 MB -> {'met' if system_mb <= 1024 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
