"""Scale benchmark: `course deidentify` on 1,000, 10,000 and 50,000 notes.

For each size it writes fresh notes from the generator to a ``.jsonl`` file (streamed:
one note at a time, never the corpus in memory), then runs the command line,

    python -m course deidentify NOTES.jsonl --out OUT.jsonl --no-progress

in a child process and reads the child's own resource usage from the kernel
(``os.wait4``): wall time, CPU time (user + system) and peak resident memory (max RSS).
Generating the input is not timed.

"After" is a copy of this working tree's ``course`` package taken at the start. With
``--before REF`` the same runs are made, in the same session and interleaved size
by size, with the ``course`` package as it is at the git revision REF (exported with
``git archive`` to a temporary folder and put first on ``PYTHONPATH``; the same
virtual environment), and the two outputs are compared byte for byte. The machine is
shared and noisy, so read the *ratios* within one run, not the absolute figures.

Usage::

    .venv/bin/python benchmarks/deidentify_scale.py [--sizes 1000 10000 50000] [--before main] [--parallel]

Acceptance (issue 21): peak RSS at the largest size within 10% of the figure at the
smallest, and notes per CPU-second no worse than before.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    version: str
    size: int
    wall: float
    cpu: float
    rss_mb: float
    status: int
    digest: str

    @property
    def per_cpu(self) -> float:
        return self.size / self.cpu if self.cpu else float("nan")


def write_notes(path: Path, seed: int, n: int) -> int:
    """Write *n* fresh notes (``id`` and ``text``) to *path*, one at a time; returns characters."""
    from course.synth.notes import iter_notes

    chars = 0
    with path.open("w", encoding="utf-8") as f:
        for note in iter_notes(seed, n):
            f.write(json.dumps({"id": note["id"], "text": note["text"]}, ensure_ascii=False) + "\n")
            chars += len(note["text"])
    return chars


def export(ref: str, dest: Path) -> Path:
    """The ``course`` package at git revision *ref*, unpacked under *dest*."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "course"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def start_cli(pythonpath: Path | None, src: Path, out: Path) -> tuple[subprocess.Popen, float]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cmd = [sys.executable, "-m", "course", "deidentify", str(src), "--out", str(out), "--no-progress"]
    started = time.perf_counter()
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err, cwd=tempfile.gettempdir())
    proc.err_file = err
    return proc, started


def reap(pids: set[int]) -> dict[int, tuple[int, object, float]]:
    """Wait for every child in *pids*, each as it ends: ``{pid: (status, rusage, when)}``.
    wait4 gives each child's own usage (getrusage(RUSAGE_CHILDREN) would add up every child)."""
    done = {}
    while pids - set(done):
        pid, status, usage = os.wait4(-1, 0)
        if pid in pids:
            done[pid] = (status, usage, time.perf_counter())
    return done


def finish_cli(version: str, proc: subprocess.Popen, started: float, out: Path, size: int, reaped=None) -> Run:
    status, usage, ended = (reaped or reap({proc.pid}))[proc.pid]
    wall = ended - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.err_file.seek(0)
    err = proc.err_file.read().decode("utf-8", "replace")
    proc.err_file.close()
    if proc.returncode != 0:
        print(f"  {version} exited {proc.returncode}: {err.strip()[-500:]}", file=sys.stderr)
    digest = hashlib.sha256()
    with out.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    out.unlink()
    return Run(version, size, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, digest.hexdigest())


def which_course(pythonpath: Path | None) -> str:
    env = dict(os.environ, PYTHONPATH=str(pythonpath)) if pythonpath else dict(os.environ)
    return subprocess.run([sys.executable, "-c", "import course; print(course.__file__)"], env=env,
                          capture_output=True, text=True, check=True, cwd=tempfile.gettempdir()).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 50_000], help="numbers of notes")
    parser.add_argument("--seed", type=int, default=20261128, help="seed for the fresh notes")
    parser.add_argument("--before", metavar="REF", help="also run the course package at this git revision (e.g. main)")
    parser.add_argument("--work", type=Path, help="folder for the input files (default: a temporary folder)")
    parser.add_argument("--parallel", action="store_true",
                        help="run the two versions of each size at the same time (CPU time and peak RSS are per process)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="deid-scale-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        # a snapshot of this working tree's package, so that edits made while it runs do not count
        now = Path(tmp) / "after"
        shutil.copytree(ROOT / "course", now / "course", ignore=shutil.ignore_patterns("__pycache__"))
        versions: list[tuple[str, Path | None]] = [("after", now)]
        if args.before:
            old = export(args.before, Path(tmp) / "before")
            assert which_course(old).startswith(str(old)), "the exported package is not the one imported"
            versions.append((f"before ({args.before})", old))
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; "
              f"after = {which_course(now)} (copy of {ROOT / 'course'})")
        runs: list[Run] = []
        for size in args.sizes:
            src = work / f"notes-{size}.jsonl"
            chars = write_notes(src, args.seed, size)
            print(f"\n{size:,} notes ({chars / size:.0f} characters on average, {src.stat().st_size / 1e6:.1f} MB)")
            order = versions if len(runs) % 2 == 0 else versions[::-1]  # alternate who goes first
            outs = {version: work / f"out-{size}-{k}.jsonl" for k, (version, _) in enumerate(versions)}
            if args.parallel:  # both at once: the same noise for both
                started = [(version, *start_cli(path, src, outs[version])) for version, path in order]
                reaped = reap({proc.pid for _, proc, _ in started})
                done = [finish_cli(version, proc, t0, outs[version], size, reaped) for version, proc, t0 in started]
            else:
                done = [finish_cli(version, *start_cli(path, src, outs[version]), outs[version], size) for version, path in order]
            for run in sorted(done, key=lambda r: r.version):
                runs.append(run)
                print(f"  {run.version:<16} wall {run.wall:8.1f} s   CPU {run.cpu:8.1f} s   peak RSS {run.rss_mb:7.1f} MB   "
                      f"{run.per_cpu:5.1f} notes/CPU-s   exit {run.status}", flush=True)
            src.unlink()
            if args.before:
                a, b = runs[-2:]
                print(f"  same output bytes: {'yes' if a.digest == b.digest else 'NO'}")

        print("\n| version | notes | wall (s) | CPU (s) | peak RSS (MB) | notes per CPU-second |")
        print("|---|---:|---:|---:|---:|---:|")
        for version, _ in versions:
            for r in (r for r in runs if r.version == version):
                print(f"| {version} | {r.size:,} | {r.wall:.1f} | {r.cpu:.1f} | {r.rss_mb:.0f} | {r.per_cpu:.1f} |")
        print()
        small, large = min(args.sizes), max(args.sizes)
        for version, _ in versions:
            by = {r.size: r for r in runs if r.version == version}
            print(f"{version}: peak RSS at {large:,} / at {small:,} = {by[large].rss_mb / by[small].rss_mb:.3f}"
                  f" (acceptance: <= 1.10)")
        if args.before:
            before = versions[1][0]
            for size in args.sizes:
                a = next(r for r in runs if r.version == "after" and r.size == size)
                b = next(r for r in runs if r.version == before and r.size == size)
                print(f"{size:,} notes: notes per CPU-second after / before = {a.per_cpu / b.per_cpu:.3f}, "
                      f"peak RSS after / before = {a.rss_mb / b.rss_mb:.3f}, same output: {a.digest == b.digest}")
        bad = [r for r in runs if r.status != 0]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
