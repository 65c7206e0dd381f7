"""Quality of the course's de-identification pipeline: per-label recall and precision on
the dev split of ``data/notes.jsonl`` and on freshly generated notes (other seeds), with
what still leaks. Token level; provider names scored apart (see ``course.privacy.evaluate``).

Usage::

    .venv/bin/python benchmarks/deidentify_quality.py [--fresh-seeds 11 22] [--n 300] [--leaks 25]
"""

from __future__ import annotations

import argparse


def report(title: str, notes: list[dict], pipe, leaks: int) -> None:
    from course.privacy import evaluate

    ev = evaluate(notes, list(pipe.analyze_batch([n["text"] for n in notes])))
    print(f"== {title}: {len(notes)} notes: recall {ev.recall:.3f}, precision {ev.precision:.3f}")
    print(ev.table().to_string())
    counts = ev.leak_counts()
    print("leaked identifiers by label:", ", ".join(f"{k} {v}" for k, v in counts.most_common()) or "none")
    for leak in ev.leaks[:leaks]:
        print("   ", leak)
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fresh-seeds", type=int, nargs="*", default=[11, 22])
    parser.add_argument("--n", type=int, default=300, help="fresh notes per seed")
    parser.add_argument("--leaks", type=int, default=25, help="leaks to list per run")
    args = parser.parse_args(argv)

    from course.data import load
    from course.privacy import Pipeline
    from course.synth.notes import generate_notes

    pipe = Pipeline()
    report("dev split", [n for n in load("notes") if n["split"] == "dev"], pipe, args.leaks)
    for seed in args.fresh_seeds:
        report(f"fresh notes, seed {seed}", generate_notes(seed, args.n), pipe, args.leaks)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
