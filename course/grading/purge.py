"""Remove a cohort's learner data after export: ``course purge``.

Deletes, for the chosen assignments (default: all), the learners' files in
``submitted/``, ``autograded/``, ``feedback/`` and ``collected/`` (and, for a full purge,
the PDFs in ``certificates/``: hand them out first), and their submissions
in the gradebook; learners left with no submission are removed from the gradebook, and
so is the certificate register unless it is kept on purpose. Refuses to run before the
grades have been exported with ``course report`` unless told otherwise.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import _paths
from .gradebook import resolve_db_url

__all__ = ["PurgeResult", "purge"]


@dataclass
class PurgeResult:
    """What :func:`purge` removed."""

    folders: list[Path] = field(default_factory=list)
    submissions: int = 0
    learners: int = 0
    certificates: int = 0


def purge(root: Path | None = None, assignments: list[str] | None = None, db_url: str | None = None,
          keep_register: bool = False, require_export: bool = True) -> PurgeResult:
    """Remove submissions and gradebook entries of a cohort.

    Parameters
    ----------
    root : Path, optional
        Course root.
    assignments : list of str, optional
        Only these assignments (default: all, which also removes ``collected/``).
    db_url : str, optional
        Gradebook URL.
    keep_register : bool
        Keep the certificate register (each code with every printed field: name, licence
        number and state, dates, hours, modules, provider) so issued certificates can still
        be verified for the provider's record-retention period; see
        ``course/guide/ce-certificates.md``.
    require_export : bool
        Refuse unless ``reports/grades.csv`` exists (written by ``course report``).

    Returns
    -------
    PurgeResult

    """
    from nbgrader.api import MissingEntry

    from .gradebook import open_gradebook

    root = Path(root or _paths.root()).resolve()
    url = resolve_db_url(root, db_url)
    if require_export and not (root / "reports" / "grades.csv").is_file():
        raise RuntimeError("export the grades first with `course report` (reports/grades.csv not found), "
                           "or pass --no-export-check")
    result = PurgeResult()
    everything = not assignments
    result.folders += _remove_learner_folders(root, assignments)
    with open_gradebook(url) as gb:
        names = [a.name for a in gb.assignments] if everything else assignments
        for a in names:
            try:
                subs = list(gb.assignment_submissions(a))
            except MissingEntry:
                continue
            for sub in subs:
                gb.remove_submission(a, sub.student.id)
                result.submissions += 1
        for student in list(gb.students):
            if not student.submissions:
                gb.remove_student(student.id)
                result.learners += 1
    if everything and not keep_register:
        import sqlalchemy as sa

        from .certificates import _table

        engine, table = _table(url)
        with engine.begin() as conn:
            result.certificates = conn.execute(sa.delete(table)).rowcount or 0
        engine.dispose()
    return result


def _remove_learner_folders(root: Path, assignments: list[str] | None) -> list[Path]:
    """Delete learners' folders (only *assignments*' parts, unless that is empty): their
    submissions, autograded copies and feedback, filed versions, and with everything also
    ``certificates/`` and ``collected/``. Returns what was removed.
    """
    removed: list[Path] = []
    everything = not assignments
    for area in ("submitted", "autograded", "feedback"):
        base = root / area
        if not base.is_dir():
            continue
        for learner in sorted(p for p in base.iterdir() if p.is_dir()):
            targets = [learner] if everything else [learner / a for a in assignments if (learner / a).exists()]
            for t in targets:
                shutil.rmtree(t)
                removed.append(t)
            if learner.exists() and not any(learner.iterdir()):
                learner.rmdir()
    certificates = root / "certificates"
    if everything and certificates.is_dir():
        shutil.rmtree(certificates)
        removed.append(certificates)
    collected = root / "collected"
    if collected.is_dir():
        if everything:
            shutil.rmtree(collected)
            removed.append(collected)
        else:
            for learner in (collected / "superseded").glob("*"):
                for a in assignments:
                    if (learner / a).exists():
                        shutil.rmtree(learner / a)
                        removed.append(learner / a)
    return removed
