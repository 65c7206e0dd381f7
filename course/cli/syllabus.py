"""course syllabus: the course plan (modules, minutes, objectives, items, CE hours, formats)."""

from __future__ import annotations

import argparse
import sys
import textwrap

from ._common import BadInput, add_json, print_json

NAME = "syllabus"
HELP = "print the course plan: modules, minutes, objectives and their items, CE hours, session formats"
DESCRIPTION = (
    "Print the syllabus (course/syllabus.toml, the one source for titles, minutes, objectives, CE hours, "
    "session formats and the completion rule). --json prints it for machines; --measure re-measures every "
    "module notebook and exercise (words / 200 per minute, plus time per code cell and question) and shows "
    "where the syllabus is out of step."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    add_json(p, "print the syllabus as JSON")
    p.add_argument("--format", dest="session_format", metavar="FORMAT",
                   help="show only this session format (staff-90, half-day, full-day, self-paced)")
    p.add_argument("--measure", action="store_true",
                   help="re-measure the notebooks and compare with the syllabus (exit 1 if out of step)")
    p.add_argument("--sync-notebooks", action="store_true",
                   help="(maintainers) rewrite each module notebook's 'Estimated time' line and objectives list "
                        "from the syllabus; nothing else in the notebooks changes")


def _hours(h: float) -> str:
    return f"{h:g} h"


def _print_plan(syl, only: str | None) -> None:
    out = sys.stdout
    if not only:
        print(f"{syl.title}: syllabus", file=out)
        print("", file=out)
        print(f"{'Module':<50} {'Teach':>5} {'Exer.':>5} {'Total':>5} {'CE h':>5}  Ethics", file=out)
        for m in syl.modules:
            ce = f"{m.ce_hours:.2f}" if m.ce_credit else "—"
            print(f"{m.label[:50]:<50} {m.teaching_minutes:>5} {m.exercise_minutes:>5} {m.minutes:>5} {ce:>5}  "
                  f"{'yes' if m.ethics else ''}", file=out)
            for o in m.objectives:
                lines = textwrap.wrap(f"{o.id}  {o.text}", width=96, initial_indent="    ", subsequent_indent="            ")
                print("\n".join(lines), file=out)
                print(textwrap.fill("assessed by: " + ", ".join(o.items), width=96, initial_indent="            ",
                                    subsequent_indent="              "), file=out)
        print("", file=out)
        print(f"Total: {syl.total_minutes} minutes of modules; {_hours(syl.total_ce_hours)} CE "
              f"({_hours(syl.total_ethics_hours)} ethics) for the whole course; {len(syl.objectives)} objectives; "
              f"pre-test and post-test of {len(syl.test_items('post'))} items each "
              f"({syl.pre_test}, {syl.post_test}); evaluation: {syl.evaluation}.", file=out)
        print(f"Completion: {syl.describe_completion()}.", file=out)
        print("", file=out)
    formats = [syl.format(only)] if only else syl.formats
    for f in formats:
        print(f"{f.title} ({f.id}): {f.minutes} minutes; {_hours(f.ce_hours)} CE, {_hours(f.ethics_hours)} ethics; "
              f"delivery: {' or '.join(f.delivery)}", file=out)
        print(f"  modules: {', '.join(f.modules)}; post-test items scored: {len(f.test_items('post'))}", file=out)
        for b in f.before:
            print(f"  before     {b.minutes:>3} min  {b.label}", file=out)
        t = 0
        for b in f.blocks:
            print(f"  {t // 60}:{t % 60:02d}-{(t + b.minutes) // 60}:{(t + b.minutes) % 60:02d}  {b.minutes:>3} min  {b.label}",
                  file=out)
            t += b.minutes
        print("", file=out)


def _measure(syl) -> int:
    from .. import _paths
    from ..syllabus import estimate_exercise, estimate_test, measure_module

    root = _paths.package_root()
    bad = 0
    print(f"{'Module':<26} {'words':>6} {'code':>4} {'teach':>5} {'syll.':>5}   {'ex.words':>8} {'q':>3} {'w':>2} "
          f"{'exer.':>5} {'syll.':>5}  basis")
    for m in syl.modules:
        t = measure_module(_paths.lesson_path(m.id, root), syl.words_per_minute)
        ex = next(iter(sorted((root / "solutions" / m.id).glob("*.ipynb"))), None)
        e = estimate_exercise(ex, syl.words_per_minute) if ex else None
        flag = []
        if t.minutes != m.teaching_minutes:
            flag.append(f"teaching {t.minutes} measured")
        if e and m.exercise_basis == "estimate" and e.minutes != m.exercise_minutes:
            flag.append(f"exercise {e.minutes} estimated")
        bad += bool(flag)
        print(f"{m.id:<26} {t.words:>6} {t.code_cells:>4} {t.minutes:>5} {m.teaching_minutes:>5}   "
              f"{e.words if e else 0:>8} {e.autograded if e else 0:>3} {e.written if e else 0:>2} "
              f"{e.minutes if e else 0:>5} {m.exercise_minutes:>5}  {m.exercise_basis}"
              + (f"   OUT OF STEP: {'; '.join(flag)}" if flag else ""))
    for test in ("pre", "post"):
        name = syl.pre_test if test == "pre" else syl.post_test
        path = root / "solutions" / name / f"{name}.ipynb"
        if not path.is_file():
            print(f"{name}: notebook missing")
            bad += 1
            continue
        for f in syl.formats:
            est = estimate_test(path, f.test_items(test), syl.words_per_minute)
            stated = f.minutes_of(f"{test}_test")
            ok = stated >= est.minutes
            bad += not ok
            print(f"{name} in {f.id}: {len(f.test_items(test))} items, {est.minutes} min measured, {stated} planned"
                  + ("" if ok else "   OUT OF STEP"))
    print("In step with the syllabus." if not bad else f"{bad} line(s) out of step: update course/syllabus.toml.")
    return 1 if bad else 0


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..syllabus import load

    syl = load()
    try:
        if args.session_format:
            syl.format(args.session_format)
    except KeyError as exc:
        raise BadInput(exc.args[0]) from None
    if args.measure:
        return _measure(syl)
    if args.sync_notebooks:
        from .. import _paths
        from ..syllabus import sync_module_notebook

        for m in syl.modules:
            path = _paths.lesson_path(m.id)
            print(f"{'updated' if sync_module_notebook(path, m) else 'in step'}: {path}")
        return 0
    if args.json:
        data = syl.to_dict()
        if args.session_format:
            data["formats"] = [f for f in data["formats"] if f["id"] == args.session_format]
        print_json(data)
        return 0
    _print_plan(syl, args.session_format)
    return 0

