"""course doctor: check this machine is ready for the course."""

from __future__ import annotations

import sys
import time

NAME = "doctor"
HELP = "check the environment: Python, the spaCy pipeline, Presidio, offline isolation"


def add_arguments(p):
    pass


def run(args) -> int:
    from ..offline import isolation_mode
    from ..privacy.engine import ModelNotInstalled, analyzer, model_name

    ok = True
    print(f"Python {sys.version.split()[0]} at {sys.executable}")
    print(f"Offline isolation for notebooks: {isolation_mode()}")
    start = time.perf_counter()
    try:
        analyzer().analyze("Call 555-0123.", language="en")
    except ModelNotInstalled as exc:
        print(f"spaCy pipeline: PROBLEM - {exc}")
        ok = False
    else:
        print(f"spaCy pipeline {model_name()}: ready; Presidio analyzer loaded in {time.perf_counter() - start:.1f} s")
    print("All good." if ok else "Some checks failed; see above.")
    return 0 if ok else 1
