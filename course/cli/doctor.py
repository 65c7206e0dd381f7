"""course doctor: check this machine is ready for the course."""

from __future__ import annotations

import sys

NAME = "doctor"
HELP = "check the environment: Python, the spaCy pipeline, Presidio, offline isolation"


def add_arguments(p):
    """Declare the command-line options (there are none)."""
    pass


def run(args) -> int:
    """Print each check; exit 1 if one failed (the convention's "ran, but found problems")."""
    from ..offline import isolation_mode
    from ..privacy.engine import ModelNotInstalled, _time_to_ready, model_name

    ok = True
    print(f"Python {sys.version.split()[0]} at {sys.executable}")
    print(f"Offline isolation for notebooks: {isolation_mode()}")
    try:
        seconds = _time_to_ready()  # the engine's own measure: load, then analyse one sentence
    except ModelNotInstalled as exc:
        print(f"spaCy pipeline: PROBLEM - {exc}")
        ok = False
    else:
        print(f"spaCy pipeline {model_name()}: ready; Presidio analyzer loaded in {seconds:.1f} s")
    print("All good." if ok else "Some checks failed; see above.")
    return 0 if ok else 1
