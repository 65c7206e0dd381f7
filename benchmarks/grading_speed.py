"""Benchmark: plain sequential ``nbgrader autograde`` versus ``course grade --workers N``.

Builds a synthetic cohort (default 40 learners: a quarter each of solution, blank,
partial and broken submissions) for every graded assignment in ``solutions/``, and
grades two identical copies of it, assignment by assignment, as a facilitator would:

* **plain**: stock nbgrader (``generate_assignment`` then ``autograde``, with nbgrader's own
  sanitising steps instead of the course's literal-answers step), one process per
  assignment, learners one after another, every notebook executed as submitted;
* **course**: ``course grade ASSIGNMENT --workers N`` (literal answers only, sandboxed).

Like for like: both course folders are complete (``nbgrader_config.py``, ``solutions/``
and ``data/``), both kernels find the same data through the same ``COURSE_ROOT``, and
both sides get the same cell timeout. The script compares every learner's score on
every question; if anything differs, the speed ratio is void and it exits non-zero.
Not a test: it takes many minutes.

    .venv/bin/python benchmarks/grading_speed.py [--learners 40] [--workers 2] [--assignments ...]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("solution", "blank", "partial", "broken")
STOCK_SANITIZE = """
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput", "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec", "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
"""


def _gid(cell: dict) -> str | None:
    return (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")


def _strip_markers(text: str) -> str:
    return re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION[^\n]*\n?", "", text, flags=re.M)


def make_submission(source: dict, release: dict, kind: str, index: int) -> bytes:
    """One learner's notebook: the release with some answers filled in from the source."""
    if kind == "broken" and index % 2 == 0:
        return b'{"cells": [ {"this is": not json'
    answers = {_gid(c): c for c in source["cells"] if (c.get("metadata", {}).get("nbgrader") or {}).get("solution")}
    ids = list(answers)
    if kind == "solution":
        use = set(ids)
    elif kind == "partial":
        use = set(ids[: len(ids) // 2])
    elif kind == "broken":  # a filled-in notebook whose first answer cell raises
        use = set(ids)
    else:
        use = set()
    nb = json.loads(json.dumps(release))
    first = True
    for cell in nb["cells"]:
        gid = _gid(cell)
        if gid in use:
            text = _strip_markers("".join(answers[gid]["source"]))
            if kind == "broken" and first and cell["cell_type"] == "code":
                text = "raise RuntimeError('learner code broke here')\n" + text
                first = False
            cell["source"] = text
    return json.dumps(nb, indent=1, ensure_ascii=False).encode()


def build_course(dest: Path, learners: int, assignments: list[str]) -> int:
    """A complete course root (config, solutions, data) with the cohort's submissions."""
    (dest / "solutions").mkdir(parents=True)
    config = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    if dest.name == "plain":  # stock nbgrader: without the course's literal-answers step
        config += STOCK_SANITIZE
    (dest / "nbgrader_config.py").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "data", dest / "data")
    count = 0
    for a in assignments:
        shutil.copytree(ROOT / "solutions" / a, dest / "solutions" / a)
        for src in sorted((ROOT / "solutions" / a).glob("*.ipynb")):
            source = json.loads(src.read_text(encoding="utf-8"))
            release = json.loads((ROOT / "exercises" / a / src.name).read_text(encoding="utf-8"))
            for i in range(learners):
                kind = KINDS[i % len(KINDS)]
                folder = dest / "submitted" / f"learner{i:02d}-{kind}" / a
                folder.mkdir(parents=True, exist_ok=True)
                (folder / src.name).write_bytes(make_submission(source, release, kind, i // len(KINDS)))
        count += learners
    return count


def _child_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _env(root: Path) -> dict[str, str]:
    return dict(os.environ, COURSE_ROOT=str(root),
                PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def plain_nbgrader(root: Path, assignment: str, cell_timeout: int) -> float:
    """Stock nbgrader for one assignment; returns seconds."""
    start = time.perf_counter()
    for args in (["generate_assignment", assignment, "--force", f"--CourseDirectory.release_directory={root / 'release'}"],
                 ["autograde", assignment, "--force", "--Autograde.create_student=True", f"--Execute.timeout={cell_timeout}"]):
        done = subprocess.run([sys.executable, "-m", "nbgrader", *args, "--log-level=ERROR",
                               f"--CourseDirectory.root={root}"], cwd=root, env=_env(root),
                              capture_output=True, text=True, check=False)
        if done.returncode != 0 and args[0] == "generate_assignment":
            raise SystemExit(f"nbgrader generate_assignment failed:\n{done.stderr}")
    return time.perf_counter() - start


def course_grade(root: Path, assignment: str, workers: int, cell_timeout: int) -> tuple[float, str]:
    """``course grade ASSIGNMENT --workers N``; returns seconds and its output."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "course", "grade", assignment, "--workers", str(workers), "--no-progress",
                           "--cell-timeout", str(cell_timeout)],
                          cwd=root, env=_env(root), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"course grade failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def all_scores(root: Path, assignment: str) -> dict[str, dict[str, float]]:
    """``{learner: {grade id: points}}`` for every submission with scores."""
    from course.grading import scores

    return {student: per for student, per in scores(assignment, root).items() if per}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--learners", type=int, default=40)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--cell-timeout", type=int, default=120)
    p.add_argument("--assignments", nargs="*", help="default: every assignment in solutions/")
    p.add_argument("--keep", action="store_true", help="keep the temporary course folders")
    args = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from course._paths import assignments as find

    names = args.assignments or find(ROOT / "solutions")
    work = Path(tempfile.mkdtemp(prefix="grading-speed-"))
    try:
        for kind in ("plain", "course"):
            build_course(work / kind, args.learners, names)
        print(f"cohort: {args.learners} learners ({', '.join(KINDS)}) x {len(names)} assignment(s) = "
              f"{args.learners * len(names)} submissions; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}; "
              f"course grade --workers {args.workers}; the two sides alternate which runs first", flush=True)
        print(f"{'assignment':<24} {'plain s/sub':>11} {'course s/sub':>12} {'ratio':>6}  scores   (CPU s/sub plain, course)")
        totals = {"plain": 0.0, "course": 0.0}
        cpus = {"plain": 0.0, "course": 0.0}
        all_same = True
        setup_flags = 0
        for i, a in enumerate(names):
            t: dict[str, float] = {}
            cpu: dict[str, float] = {}
            for kind in (("plain", "course") if i % 2 == 0 else ("course", "plain")):
                c0 = _child_cpu()
                if kind == "plain":
                    t[kind] = plain_nbgrader(work / "plain", a, args.cell_timeout)
                else:
                    t[kind], output = course_grade(work / "course", a, args.workers, args.cell_timeout)
                    setup_flags += output.count("CHECK SET-UP")
                cpu[kind] = _child_cpu() - c0
                totals[kind] += t[kind]
                cpus[kind] += cpu[kind]
            plain, course = all_scores(work / "plain", a), all_scores(work / "course", a)
            same = plain == course and len(plain) > 0
            all_same &= same
            n = args.learners
            print(f"{a:<24} {t['plain'] / n:>11.2f} {t['course'] / n:>12.2f} {t['plain'] / t['course']:>6.2f}  "
                  f"{'same' if same else 'DIFFER':<8} ({cpu['plain'] / n:.2f}, {cpu['course'] / n:.2f}; "
                  f"load {os.getloadavg()[0]:.1f})", flush=True)
            if not same:
                for key in sorted(set(plain) | set(course)):
                    if plain.get(key) != course.get(key):
                        print(f"    {key}: plain {plain.get(key)} vs course {course.get(key)}")
        n = args.learners * len(names)
        print(f"{'all':<24} {totals['plain'] / n:>11.2f} {totals['course'] / n:>12.2f} "
              f"{totals['plain'] / totals['course']:>6.2f}  {'same' if all_same else 'DIFFER':<8} "
              f"({cpus['plain'] / n:.2f}, {cpus['course'] / n:.2f})")
        if all_same:
            print(f"speed ratio: {totals['plain'] / totals['course']:.2f} (goal >= 3 on 2 cores); "
                  f"identical scores for every learner and question")
        else:
            print("speed ratio: VOID - the two sides gave different scores, so the comparison is not like for like")
        print(f"course grade flagged {setup_flags} submission(s) as a probable set-up problem (expected: 0)")
        return 0 if all_same and setup_flags == 0 else 1
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
