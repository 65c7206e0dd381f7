"""The one loader for the course's synthetic data. No notebook builds a data path by hand.

Names are looked up in :mod:`course.synth.catalogue`, which imports no generator, so
finding or loading a file costs no more than reading it (pandas only for ``.csv``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from . import _paths

__all__ = ["data_dir", "load", "names", "path"]

DATA_ENV = "COURSE_DATA_DIR"


def data_dir() -> Path:
    """The ``data/`` folder: ``$COURSE_DATA_DIR``, else ``data/`` in the course root,
    else (a course folder without ``data/``, such as a grading copy) the one this
    package ships.
    """
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).resolve()
    here = _paths.root() / "data"
    return here if here.is_dir() else _paths.package_root() / "data"


def names() -> list[str]:
    """The names of all data sets, sorted."""
    from .synth.catalogue import FILES

    return sorted(FILES)


def path(name: str) -> Path:
    """The file behind data set *name*."""
    from .synth.catalogue import FILES

    if name not in FILES:
        raise KeyError(f"There is no data set called {name!r}. Available: {', '.join(sorted(FILES)) or 'none'}.")
    p = data_dir() / FILES[name]
    if not p.exists():
        raise FileNotFoundError(f"{p} is missing; regenerate the course data with `make data`.")
    return p


def load(name: str) -> Any:
    """Load data set *name*.

    Returns
    -------
    list of dict
        For ``.jsonl`` sets (one record per line).
    pandas.DataFrame
        For ``.csv`` sets.
    dict or list
        For ``.json`` sets.

    """
    p = path(name)
    if p.suffix == ".csv":
        import pandas as pd

        return pd.read_csv(p)
    if p.suffix == ".jsonl":
        with p.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    return json.loads(p.read_text(encoding="utf-8"))
