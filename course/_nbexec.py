"""Execute one notebook in a fresh kernel: ``python -m course._nbexec IN OUT [options]``.

Used by ``course handouts`` (:mod:`course.handouts` runs each lesson before printing it)
and by the tests (``tests/helpers.py``), both inside :func:`course.offline.offline_command`:
a process of its own, so the kernel runs with the network switched off. Writes the
executed notebook to OUT; exit status 1 if a cell failed and errors were not allowed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def execute(src: Path, dest: Path, cwd: Path | None = None, timeout: int = 600, allow_errors: bool = False) -> int:
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(cwd or src.parent)}},
    )
    status = 0
    try:
        client.execute()
    except CellExecutionError as exc:
        print(str(exc)[-3000:], file=sys.stderr)
        status = 1
    nbformat.write(nb, dest)
    return status


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("src", type=Path)
    p.add_argument("dest", type=Path)
    p.add_argument("--cwd", type=Path)
    p.add_argument("--timeout", type=int, default=600)
    p.add_argument("--allow-errors", action="store_true")
    a = p.parse_args(argv)
    return execute(a.src, a.dest, a.cwd, a.timeout, a.allow_errors)


if __name__ == "__main__":
    sys.exit(main())
