"""Resource limits for grading one submission, and the one cell-timeout default.

This module imports nothing heavy: the course's ``nbgrader_config.py`` reads
:data:`CELL_TIMEOUT` from here, so nbgrader's formgrader and ``course grade`` stop a cell
after the same number of seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CELL_TIMEOUT", "Limits"]

#: Seconds one cell may run when a submission is graded (``course grade --cell-timeout``,
#: and ``c.Execute.timeout`` in nbgrader_config.py for the formgrader).
CELL_TIMEOUT = 60


@dataclass
class Limits:
    """Resource limits for one submission.

    Attributes
    ----------
    cell_timeout : float
        Seconds one cell may run before it is interrupted.
    memory_mb : int
        Memory all of a submission's processes may use together (watched), and what any
        one of them may add to its address space (enforced by the kernel), in MB.
    output_mb : float
        Output one cell may produce before the rest is dropped, in MB.
    notebook_mb : float
        Output the whole notebook may produce, in MB.
    file_mb : int
        Largest file the kernel may write, in MB.
    disk_mb : int
        Everything the kernel may write, all files together (a size-capped tmpfs), in MB.
    processes : int
        Processes and threads the kernel may have at once.
    learner_timeout : float or None
        Seconds for a whole submission (default: derived from *cell_timeout*).

    """

    cell_timeout: float = CELL_TIMEOUT
    memory_mb: int = 4096
    output_mb: float = 1
    notebook_mb: float = 16
    file_mb: int = 50
    disk_mb: int = 256
    processes: int = 256
    learner_timeout: float | None = None

    def submission_timeout(self, code_cells: int) -> float:
        """The backstop for one whole submission."""
        if self.learner_timeout:
            return self.learner_timeout
        return 120 + 3 * self.cell_timeout + 2 * code_cells
