"""Benchmark: plain sequential ``nbgrader autograde`` versus ``course grade --workers N``.

Builds a synthetic cohort (default 40 learners: a quarter each of solution, blank,
partial and broken submissions) for every graded assignment in ``solutions/``, grades
two identical copies of it, one with plain nbgrader (``generate_assignment`` then
``autograde``, one assignment at a time, as a facilitator would) and one with
``course grade``, checks that both give the same scores, and prints seconds per
submission and the speed ratio. Not a test: it takes minutes.

    .venv/bin/python benchmarks/grading_speed.py [--learners 40] [--workers 2]
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
    """A course root with the cohort's submissions; returns the number of submissions."""
    (dest / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", dest / "nbgrader_config.py")
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


def _env() -> dict[str, str]:
    return dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def plain_nbgrader(root: Path, assignments: list[str], cell_timeout: int) -> float:
    """Sequential plain nbgrader; returns seconds."""
    start = time.perf_counter()
    for a in assignments:
        for args in (["generate_assignment", a, "--force", f"--CourseDirectory.release_directory={root / 'release'}"],
                     ["autograde", a, "--force", "--Autograde.create_student=True", f"--Execute.timeout={cell_timeout}"]):
            done = subprocess.run([sys.executable, "-m", "nbgrader", *args, "--log-level=ERROR",
                                   f"--CourseDirectory.root={root}"], cwd=root, env=_env(),
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0 and args[0] == "generate_assignment":
                raise SystemExit(f"nbgrader generate_assignment failed:\n{done.stderr}")
    return time.perf_counter() - start


def course_grade(root: Path, workers: int, cell_timeout: int) -> tuple[float, str]:
    """``course grade --workers N``; returns seconds and its output."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "course", "grade", "--workers", str(workers), "--no-progress",
                           "--cell-timeout", str(cell_timeout)],
                          cwd=root, env=dict(_env(), COURSE_ROOT=str(root)), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"course grade failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def all_scores(root: Path, assignments: list[str]) -> dict[tuple[str, str], dict[str, float]]:
    """``{(learner, assignment): {grade id: points}}`` for every submission with scores."""
    from course.grading import scores

    out = {}
    for a in assignments:
        for student, per in scores(a, root).items():
            if per:
                out[(student, a)] = per
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--learners", type=int, default=40)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--cell-timeout", type=int, default=60)
    p.add_argument("--assignments", nargs="*", help="default: every assignment in solutions/")
    p.add_argument("--repeat", type=int, default=1, help="rounds, alternating which runs first (default: 1)")
    p.add_argument("--keep", action="store_true", help="keep the temporary course folders")
    args = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from course._paths import assignments as find

    names = args.assignments or find(ROOT / "solutions")
    work = Path(tempfile.mkdtemp(prefix="grading-speed-"))
    try:
        times = {"plain": 0.0, "course": 0.0}
        cpu = {"plain": 0.0, "course": 0.0}
        output = ""
        n = 0
        for rnd in range(args.repeat):
            for kind in ("plain", "course"):
                shutil.rmtree(work / kind, ignore_errors=True)
                n = build_course(work / kind, args.learners, names)
            if rnd == 0:
                print(f"cohort: {args.learners} learners x {len(names)} assignment(s) ({', '.join(names)}) = {n} "
                      f"submissions ({', '.join(KINDS)}); {os.cpu_count()} CPUs; load average "
                      f"{os.getloadavg()[0]:.1f}; {args.repeat} round(s), order alternating", flush=True)
            order = ("plain", "course") if rnd % 2 == 0 else ("course", "plain")
            for kind in order:
                c0 = _child_cpu()
                if kind == "plain":
                    t = plain_nbgrader(work / "plain", names, args.cell_timeout)
                else:
                    t, output = course_grade(work / "course", args.workers, args.cell_timeout)
                times[kind] += t
                cpu[kind] += _child_cpu() - c0
                print(f"  round {rnd + 1}: {kind:<6} {t:6.1f} s  (load average {os.getloadavg()[0]:.1f})", flush=True)
        total = n * args.repeat
        print(f"plain nbgrader (sequential): {times['plain'] / total:.2f} s per submission "
              f"(CPU {cpu['plain'] / total:.2f} s per submission)")
        print(f"course grade --workers {args.workers}:     {times['course'] / total:.2f} s per submission "
              f"(CPU {cpu['course'] / total:.2f} s per submission)")
        print(f"speed ratio: {times['plain'] / times['course']:.2f}  (goal >= 1.7 on 2 cores)")
        print(f"cores actually used (CPU / wall): plain {cpu['plain'] / times['plain']:.2f}, "
              f"course {cpu['course'] / times['course']:.2f} (other work on the machine takes the rest)")
        a, b = all_scores(work / "plain", names), all_scores(work / "course", names)
        same = a == b
        print(f"same scores: {'yes' if same else 'NO'} ({len(a)} graded submissions compared)")
        if not same:
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    print(f"  {key}: plain {a.get(key)} vs course {b.get(key)}")
        problems = [line for line in output.splitlines() if "NOT GRADED" in line]
        print(f"course grade reported {len(problems)} submission(s) it could not grade (the invalid-JSON 'broken' ones).")
        return 0 if same else 1
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
