"""The IPython kernel that runs a notebook during ``course grade``.

:mod:`._zygote` forks it (inside the sandbox, with the limits already applied) and
calls :func:`start_kernel`. It caps how much a single cell may print to stdout/stderr
(the rest is dropped with one notice), so an honest but chatty cell does not flood the
notebook; the real caps on output live outside the kernel, in nbgrader's process
(:mod:`._worker`), where the kernel cannot undo them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

__all__ = ["OUTPUT_CUT_NOTICE", "start_kernel"]

OUTPUT_CUT_NOTICE = "\n[course grade: this cell printed more than {mb} MB; the rest of its output was dropped]\n"


class _OutputCap:
    """Counts what a cell writes to stdout/stderr and drops everything past the cap."""

    def __init__(self, limit_bytes: int, mb: str) -> None:
        self.limit = limit_bytes
        self.mb = mb
        self.used = 0
        self.cut = False

    def reset(self, *_args: object) -> None:
        self.used = 0
        self.cut = False

    def wrap(self, stream: object) -> None:
        original = stream.write  # type: ignore[attr-defined]

        def write(text: str) -> int:
            n = len(text)
            if self.cut:
                return n
            self.used += n
            if self.used > self.limit:
                self.cut = True
                original(OUTPUT_CUT_NOTICE.format(mb=self.mb))
                return n
            return original(text)

        stream.write = write  # type: ignore[attr-defined]


def start_kernel(argv: list[str], on_ready: Callable[[], None] | None = None) -> None:
    """Run an IPython kernel with *argv* (``["-f", connection_file]``) until it is shut down."""
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize([*argv, "--HistoryManager.enabled=False", "--IPKernelApp.quiet=True"])
    out_mb = os.environ.get("COURSE_KERNEL_OUTPUT_MB")
    if out_mb:
        cap = _OutputCap(int(float(out_mb) * 2**20), out_mb)
        cap.wrap(sys.stdout)
        cap.wrap(sys.stderr)
        app.shell.events.register("pre_run_cell", cap.reset)
    if on_ready is not None:
        on_ready()
    app.start()
