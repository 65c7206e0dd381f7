"""Speed and quality benchmark: Presidio's defaults vs the course's pipeline.

In one process and one run, on the same freshly generated notes (never the committed
data set), it times

* Presidio's ``AnalyzerEngine`` with its default recognizers, called once per note
  (``course.privacy.analyzer()``: how people usually run it), and
* the pipeline behind ``course deidentify`` (``course.privacy.Pipeline``), in batches,

then prints notes per second for both, the ratio, and what each one found (token-level
recall and precision against the gold spans, provider names scored apart).

Usage::

    .venv/bin/python benchmarks/deidentify_speed.py [--n 1000] [--seed 20261128]

Both engines are loaded and warmed up before timing starts; the timings are wall-clock
on whatever else the machine is doing, so run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="how many fresh notes (default 1000)")
    parser.add_argument("--seed", type=int, default=20261128, help="seed for the fresh notes")
    parser.add_argument("--order", choices=["defaults-first", "course-first"], default="defaults-first")
    args = parser.parse_args(argv)

    from course.privacy import Pipeline, analyzer, default_spans, evaluate
    from course.synth.notes import generate_notes

    notes = generate_notes(args.seed, args.n)
    texts = [n["text"] for n in notes]
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} fresh notes (seed {args.seed}), {chars / len(texts):.0f} characters on average")

    engine = analyzer()
    pipe = Pipeline().load()
    # Warm up both (model loading, regex compilation) outside the timed region.
    default_spans(texts[:5], analyzer=engine)
    list(pipe.analyze_batch(texts[:5]))

    def run_defaults():
        start = time.perf_counter()
        out = default_spans(texts, analyzer=engine)
        return out, time.perf_counter() - start

    def run_course():
        start = time.perf_counter()
        out = list(pipe.analyze_batch(texts))
        return out, time.perf_counter() - start

    if args.order == "defaults-first":
        (d_pred, d_time), (c_pred, c_time) = run_defaults(), run_course()
    else:
        (c_pred, c_time), (d_pred, d_time) = run_course(), run_defaults()

    d_eval, c_eval = evaluate(notes, d_pred), evaluate(notes, c_pred)
    d_rate, c_rate = len(texts) / d_time, len(texts) / c_time
    print()
    print(f"{'':34}{'notes/s':>10}{'recall':>9}{'precision':>11}{'leaks':>8}")
    print(f"{'Presidio defaults (per note)':34}{d_rate:10.1f}{d_eval.recall:9.3f}{d_eval.precision:11.3f}{len(d_eval.leaks):8d}")
    print(f"{'course deidentify (batched)':34}{c_rate:10.1f}{c_eval.recall:9.3f}{c_eval.precision:11.3f}{len(c_eval.leaks):8d}")
    print()
    print(f"speed ratio (course / defaults): {c_rate / d_rate:.2f}x")
    print(f"identifier tokens found: defaults {sum(v for k, v in d_eval.found.items() if k != 'PROVIDER')}, "
          f"course {sum(v for k, v in c_eval.found.items() if k != 'PROVIDER')} "
          f"of {sum(v for k, v in c_eval.gold.items() if k != 'PROVIDER')}")
    print()
    print("course pipeline, per label:")
    print(c_eval.table().to_string())
    leaks = c_eval.leak_counts()
    print("\nstill leaking (course pipeline):", ", ".join(f"{k} {v}" for k, v in leaks.most_common()) or "nothing")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
