"""Where the gradebook lives and what it may hold.

SQLite (``gradebook.db`` in the course root) by default; any SQLAlchemy URL nbgrader
supports (PostgreSQL: ``postgresql://user@host:port/db``) through ``--db-url``, the
``COURSE_DB_URL`` environment variable or ``c.CourseDirectory.db_url`` in
``nbgrader_config.py``.

Data minimisation: for a learner the gradebook holds an id and the name to print on the
certificate (in nbgrader's ``first_name`` column), nothing more: no e-mail, no LMS id.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from .. import _paths

__all__ = [
    "DB_URL_ENV",
    "course_id",
    "learner_names",
    "minimise_learners",
    "normalise_db_url",
    "generate",
    "open_gradebook",
    "patch_nbgrader",
    "scores",
    "resolve_db_url",
    "set_learner_name",
]

DB_URL_ENV = "COURSE_DB_URL"


def _config(root: Path) -> object | None:
    path = Path(root) / "nbgrader_config.py"
    if not path.is_file():
        return None
    from traitlets.config.loader import PyFileConfigLoader

    try:
        return PyFileConfigLoader(path.name, str(path.parent)).load_config()
    except Exception:  # noqa: BLE001 - a broken config falls back to defaults
        return None


def course_id(root: Path | None = None) -> str:
    """The course id from ``nbgrader_config.py`` (``"ai-guardrails"`` by default)."""
    cfg = _config(Path(root or _paths.root()))
    try:
        value = cfg.CourseDirectory.course_id  # type: ignore[union-attr]
        if isinstance(value, str) and value:
            return value
    except AttributeError:
        pass
    return "ai-guardrails"


def resolve_db_url(root: Path | None = None, db_url: str | None = None) -> str:
    """The gradebook URL: *db_url*, else ``$COURSE_DB_URL``, else the nbgrader config,
    else ``sqlite:///ROOT/gradebook.db``.

    Parameters
    ----------
    root : Path, optional
        Course root (default: this checkout).
    db_url : str, optional
        An explicit SQLAlchemy URL.

    Returns
    -------
    str

    """
    root = Path(root or _paths.root()).resolve()
    if db_url:
        return normalise_db_url(db_url)
    if os.environ.get(DB_URL_ENV):
        return normalise_db_url(os.environ[DB_URL_ENV])
    cfg = _config(root)
    try:
        value = cfg.CourseDirectory.db_url  # type: ignore[union-attr]
        if isinstance(value, str) and value:
            return normalise_db_url(value)
    except AttributeError:
        pass
    return f"sqlite:///{root / 'gradebook.db'}"


def normalise_db_url(url: str) -> str:
    """Pin a plain ``postgresql://`` URL to the installed driver (psycopg2).

    SQLAlchemy 2.1 picks psycopg 3 for ``postgresql://``; the course ships psycopg2.
    """
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            import importlib.util

            if importlib.util.find_spec("psycopg") is None and importlib.util.find_spec("psycopg2") is not None:
                return "postgresql+psycopg2://" + url[len(prefix):]
    return url


@functools.cache
def _alembic_head() -> str:
    """The nbgrader schema version, read in-process (nbgrader itself runs ``alembic heads``
    in a subprocess, by name, for every new gradebook: slow, and it needs ``PATH``).
    """
    import nbgrader
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(nbgrader.__file__).parent / "alembic"))
    return ScriptDirectory.from_config(cfg).get_current_head()


def patch_nbgrader() -> None:
    """Make nbgrader in this process read its schema version without a subprocess."""
    import nbgrader.api

    nbgrader.api.get_alembic_version = _alembic_head


def open_gradebook(db_url: str):
    """An nbgrader ``Gradebook`` for *db_url* (created, with its schema, if new)."""
    from nbgrader.api import Gradebook

    patch_nbgrader()
    return Gradebook(db_url)


def generate(root: Path, assignment: str, db_url: str, release_dir: Path) -> None:
    """``nbgrader generate_assignment`` in-process: record *assignment* (cells, points,
    locked-cell checksums) in the gradebook at *db_url* and write its release to
    *release_dir*.

    Raises
    ------
    RuntimeError
        When nbgrader reports a failure.

    """
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    patch_nbgrader()
    root = Path(root).resolve()
    cfg = Config()
    if (root / "nbgrader_config.py").is_file():
        cfg.merge(PyFileConfigLoader("nbgrader_config.py", str(root)).load_config())
    cfg.CourseDirectory.root = str(root)
    cfg.CourseDirectory.db_url = db_url
    cfg.CourseDirectory.release_directory = str(Path(release_dir).resolve())
    coursedir = CourseDirectory(config=cfg)
    api = NbGraderAPI(coursedir=coursedir, config=cfg)
    result = api.generate_assignment(assignment, force=True, create=True)
    if not result.get("success"):
        raise RuntimeError(f"nbgrader could not register {assignment}:\n{result.get('error') or result.get('log')}")


def set_learner_name(db_url: str, student: str, name: str | None) -> None:
    """Create learner *student* (or update the certificate *name*); store nothing else."""
    with open_gradebook(db_url) as gb:
        student_row = gb.update_or_create_student(student)
        if name:
            student_row.first_name = name
        student_row.last_name = None
        student_row.email = None
        student_row.lms_user_id = None
        gb.db.commit()


def learner_names(db_url: str) -> dict[str, str | None]:
    """``{learner id: certificate name or None}`` for every learner in the gradebook."""
    with open_gradebook(db_url) as gb:
        return {s.id: s.first_name for s in gb.students}


def minimise_learners(db_url: str) -> int:
    """Blank any learner field other than id and certificate name; returns rows changed."""
    changed = 0
    with open_gradebook(db_url) as gb:
        for s in gb.students:
            if s.last_name or s.email or s.lms_user_id:
                s.last_name = s.email = s.lms_user_id = None
                changed += 1
        gb.db.commit()
    return changed


def scores(assignment: str, root: Path, db_url: str | None = None) -> dict[str, dict[str, float]]:
    """``{student: {grade_id: points}}`` for autograded cells, from the gradebook
    (``root/gradebook.db`` unless *db_url* is given).
    """
    out: dict[str, dict[str, float]] = {}
    with open_gradebook(normalise_db_url(db_url) if db_url else f"sqlite:///{Path(root) / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(assignment):
            per = {}
            for nb in sub.notebooks:
                for grade in nb.grades:
                    if grade.cell.cell_type == "code" and grade.auto_score is not None:
                        per[grade.cell.name] = float(grade.auto_score)
            out[sub.student.id] = per
    return out
