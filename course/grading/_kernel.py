"""The Python kernel that runs learner code during ``course grade``.

Started by jupyter_client through a ``python3`` kernelspec that ``course grade`` writes
into a private ``JUPYTER_PATH``. Before the kernel starts it lowers its own resource
limits, so a memory hog gets ``MemoryError`` and a runaway file write stops, and it caps
how much a single cell may print (the rest is dropped with one notice).

Limits come from environment variables set by :mod:`course.grading.engine`:
``COURSE_KERNEL_MEMORY_MB``, ``COURSE_KERNEL_FILE_MB`` and ``COURSE_KERNEL_OUTPUT_MB``.
"""

from __future__ import annotations

import os
import resource
import signal
import sys

OUTPUT_CUT_NOTICE = "\n[course grade: this cell printed more than {mb} MB; the rest of its output was dropped]\n"


def _limit(which: int, megabytes: str | None) -> None:
    if not megabytes:
        return
    value = int(float(megabytes) * 2**20)
    soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, value if hard == resource.RLIM_INFINITY else hard))


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


def main() -> None:
    """Apply the limits, then run an ordinary IPython kernel."""
    _limit(resource.RLIMIT_AS, os.environ.get("COURSE_KERNEL_MEMORY_MB"))
    if os.environ.get("COURSE_KERNEL_FILE_MB"):
        # Past the limit a write fails with an error instead of killing the kernel.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        _limit(resource.RLIMIT_FSIZE, os.environ.get("COURSE_KERNEL_FILE_MB"))
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize()
    out_mb = os.environ.get("COURSE_KERNEL_OUTPUT_MB")
    if out_mb:
        cap = _OutputCap(int(float(out_mb) * 2**20), out_mb)
        cap.wrap(sys.stdout)
        cap.wrap(sys.stderr)
        app.shell.events.register("pre_run_cell", cap.reset)
    app.start()


if __name__ == "__main__":
    main()
