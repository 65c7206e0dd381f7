"""Quality of the course's de-identification pipeline, side by side on the course's own
notes and on independently written ones: per-label recall and precision (token level,
provider names scored apart, see ``course.privacy.evaluate``), the notes in which at least
one identifier leaked, and optionally the speed against Presidio's defaults.

* **dev**: the dev split of ``data/notes.jsonl`` (the course's generator);
* **fresh**: notes freshly generated with other seeds (``--fresh-seeds``);
* **external**: ``../shared/eval/notes_external.jsonl`` next to the repository, written
  by someone who never saw the course's generators or rules (skipped, with a message,
  when it is not there). Use it to measure, never to copy from.

Usage::

    .venv/bin/python benchmarks/deidentify_quality.py [--fresh-seeds 11] [--n 300] [--leaks 10]
    .venv/bin/python benchmarks/deidentify_quality.py --speed [--speed-n 300]

``--speed`` times Presidio's default ``AnalyzerEngine`` (one note at a time, as people run
it) and the course pipeline (batched) on the same notes, in this one process, alternating
the two, and prints the ratio of wall-clock and of CPU time (CPU time is steadier on a
busy machine).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXTERNAL = REPO.parent / "shared" / "eval" / "notes_external.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def provider_as_name(notes: list[dict]) -> list[dict]:
    """The same notes with provider names scored as names (a stricter reading)."""
    return [{**n, "spans": [{**s, "label": "NAME" if s["label"] == "PROVIDER" else s["label"]} for s in n["spans"]]}
            for n in notes]


def evaluate_sets(sets: dict[str, list[dict]], pipe) -> dict:
    from course.privacy import evaluate

    out = {}
    for name, notes in sets.items():
        predictions = list(pipe.analyze_batch([n["text"] for n in notes]))
        out[name] = (evaluate(notes, predictions), evaluate(provider_as_name(notes), predictions), len(notes))
    return out


def side_by_side(results: dict) -> str:
    """One row per label; for each set, its recall and precision."""
    from course.privacy.evaluate import APART

    labels = sorted({lab for ev, _, _ in results.values() for lab in ev.gold}, key=lambda x: (x in APART, x))
    head = f"{'label':24}" + "".join(f"{name + ' recall':>17}{name + ' precision':>20}" for name in results)
    lines = [head, "-" * len(head)]

    def cell(value: float) -> str:
        return "-" if value != value else f"{value:.3f}"  # nan: the label does not occur

    for lab in labels:
        row = f"{lab + (' (apart)' if lab in APART else ''):24}"
        for ev, _, _ in results.values():
            row += f"{cell(ev.label_recall(lab)):>17}{cell(ev.label_precision(lab)):>20}"
        lines.append(row)
    lines.append("-" * len(head))
    row = f"{'ALL (Safe Harbor)':24}"
    for ev, _, _ in results.values():
        row += f"{ev.recall:>17.3f}{ev.precision:>20.3f}"
    lines.append(row)
    row = f"{'ALL, provider = name':24}"
    for _, strict, _ in results.values():
        row += f"{strict.recall:>17.3f}{strict.precision:>20.3f}"
    lines.append(row)
    row = f"{'notes with a leak':24}"
    for ev, _, n in results.values():
        row += f"{len({leak.doc_id for leak in ev.leaks}):>17d}{'of ' + str(n):>20}"
    lines.append(row)
    row = f"{'identifiers leaked':24}"
    for ev, _, _ in results.values():
        row += f"{len(ev.leaks):>17d}{'':>20}"
    lines.append(row)
    return "\n".join(lines)


def speed(pipe, sets: dict[str, list[str]], repeats: int = 2) -> list[str]:
    """Presidio's defaults vs the course pipeline on the same texts, alternating; best of
    *repeats* for each, wall-clock and CPU seconds."""
    from course.privacy import analyzer, default_spans

    engine = analyzer()
    first = next(iter(sets.values()))[:3]
    default_spans(first, analyzer=engine)  # warm up both, outside the timings
    list(pipe.analyze_batch(first))

    def timed(run) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        return time.perf_counter() - wall, time.process_time() - cpu

    lines = [f"{'notes':28}{'Presidio wall':>15}{'course wall':>13}{'ratio':>8}{'Presidio CPU':>15}{'course CPU':>12}{'ratio':>8}"]
    for name, texts in sets.items():
        presidio, course = [], []
        for _ in range(repeats):
            presidio.append(timed(lambda texts=texts: default_spans(texts, analyzer=engine)))
            course.append(timed(lambda texts=texts: list(pipe.analyze_batch(texts))))
        pw, pc = min(t[0] for t in presidio), min(t[1] for t in presidio)
        cw, cc = min(t[0] for t in course), min(t[1] for t in course)
        lines.append(f"{name + f' ({len(texts)})':28}{pw:>14.2f}s{cw:>12.2f}s{pw / cw:>7.2f}x"
                     f"{pc:>14.2f}s{cc:>11.2f}s{pc / cc:>7.2f}x")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fresh-seeds", type=int, nargs="*", default=[11], help="seeds for freshly generated notes")
    parser.add_argument("--n", type=int, default=300, help="fresh notes per seed")
    parser.add_argument("--external", type=Path, default=EXTERNAL, help="independent gold notes (.jsonl)")
    parser.add_argument("--leaks", type=int, default=10, help="leaks to list per set")
    parser.add_argument("--speed", action="store_true", help="also time Presidio's defaults against the pipeline")
    parser.add_argument("--speed-n", type=int, default=300, help="generated notes for the speed run")
    args = parser.parse_args(argv)

    from course.data import load
    from course.privacy import Pipeline
    from course.synth.notes import generate_notes

    pipe = Pipeline().load()
    sets = {"dev": [n for n in load("notes") if n["split"] == "dev"]}
    for seed in args.fresh_seeds:
        sets[f"fresh{seed}"] = generate_notes(seed, args.n)
    if args.external.is_file():
        sets["external"] = read_jsonl(args.external)
    else:
        print(f"(no external set at {args.external}: that column is skipped)")
    results = evaluate_sets(sets, pipe)
    print(f"token level; provider names scored apart unless the row says otherwise; "
          f"{', '.join(f'{k}: {n} notes' for k, (_, _, n) in results.items())}\n")
    print(side_by_side(results))
    for name, (ev, _, _) in results.items():
        counts = ev.leak_counts()
        print(f"\n{name}: leaked identifiers by label:", ", ".join(f"{k} {v}" for k, v in counts.most_common()) or "none")
        for leak in ev.leaks[:args.leaks]:
            print("   ", leak)
    if args.speed:
        texts = {"generated": [n["text"] for n in generate_notes(20261128, args.speed_n)]}
        if "external" in sets:
            texts = {"external": [n["text"] for n in sets["external"]], **texts}
        print("\nspeed: Presidio's default AnalyzerEngine vs the course pipeline, same notes, one run")
        print("\n".join(speed(pipe, texts)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
