"""nbgrader orchestration for facilitators: release, autograde, scores.

A face (names load on first use, :mod:`course._lazy`); the work lives in submodules:

* :mod:`.releasing` - regenerate ``exercises/`` from ``solutions/``;
* :mod:`.collect` - file returned notebooks;
* :mod:`.engine` - parallel, sandboxed autograding (``course grade``), with its
  :mod:`.limits`, :mod:`.sandbox`, :mod:`.answers` (literal answers only) and
  :mod:`.notebook` (reading notebooks as JSON);
* :mod:`.results`, :mod:`.feedback`, :mod:`.report`, :mod:`.certificates`;
* :mod:`.gradebook` (where it lives, what it holds) and :mod:`.purge`.
"""

from __future__ import annotations

from .._lazy import face

__all__ = ["CELL_TIMEOUT", "GradeReport", "Limits", "Problem", "autograde", "release", "scores"]

__getattr__, __dir__ = face(__name__, {
    "CELL_TIMEOUT": "limits",
    "Limits": "limits",
    "GradeReport": "results",
    "Problem": "results",
    "autograde": "engine",
    "release": "releasing",
    "scores": "gradebook",
})
