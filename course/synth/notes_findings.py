"""What Presidio finds in the dev notes, stored so that module 01 need not run it again.

``data/notes_findings.json`` holds every finding of every option of the module 01
exercise (Presidio's built-in entity types and the course's recognizers) in the ``dev``
split of ``data/notes.jsonl``: offsets and scores, no text. It is built from the notes
this package generates, by the same code the exercise runs
(:class:`course.privacy.exercise.Findings`), and carries a fingerprint of that code and
a digest of the texts; :func:`course.privacy.exercise.findings` ignores it when either
differs and runs Presidio instead. Regenerating ``data/`` and comparing bytes (the data
tests) is what keeps it current.
"""

from __future__ import annotations

import json

from . import Dataset
from ._io import json_text
from .notes import NOTES_SEED, build_notes

__all__ = ["DATASETS", "build_notes_findings"]


def build_notes_findings() -> str:
    """The text of ``data/notes_findings.json`` (runs Presidio on the dev notes: about ten seconds)."""
    from ..privacy.exercise import Findings

    notes = [json.loads(line) for line in build_notes().splitlines() if line.strip()]
    texts = [n["text"] for n in notes if n["split"] == "dev"]
    return json_text(Findings(texts).to_json())


_CARD = """\
What it represents: not new data, but what Presidio finds in the `dev` notes of
`notes.jsonl`, for every option the module 01 exercise offers (Presidio's built-in
entity types and the course's recognizers), as `start:end:score` per note, with no
text. Module 01 reads it instead of running Presidio again on every run of the
notebook.

Known limits: it is used only when `fingerprint` (the pinned Presidio, spaCy and model,
and the source of `course/privacy/`) and `texts_sha256` (the dev notes' texts) match
what is installed and what `notes.jsonl` holds; otherwise the exercise runs Presidio,
with the same results, in about ten seconds. Any change to `course/privacy/`, even to a
comment, makes it stale: run `make data`. The hidden tests' own notes are never stored.
"""

DATASETS = [
    Dataset(
        name="notes_findings",
        filename="notes_findings.json",
        purpose="module 01: Presidio's findings on the dev notes, stored (the exercise opens in a second)",
        seed=NOTES_SEED,
        build=build_notes_findings,
        card=_CARD,
        generator="course.synth.notes_findings.build_notes_findings",
    ),
]
