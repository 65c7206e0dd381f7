"""How well the consent checker agrees with careful human labelling.

The evaluation set ``eval_set.jsonl`` (next to this file) holds consent texts written
by hand in many voices and formats (spoken scripts, handouts, FAQs, text messages,
legalistic forms, vendor copy, family, group and adolescent scripts), deliberately
unlike the templates of the synthetic generator. Each record has ``id``, ``split``,
``format``, ``text``, ``labels`` (the elements a careful reader finds) and ``note`` (why a
hard case is labelled as it is).

Labelling conventions: an element counts when a careful client would learn it from the
text. A tool's name or jargon alone ("an AI scribe") is not a description of what it does;
vague assurance ("we take privacy seriously", "enterprise-grade security", "HIPAA-ready")
is not data protection; "required", "a condition of treatment" or "by continuing you
agree" is not voluntariness; a phone number or e-mail address offered for enquiries
counts as an invitation to ask. Borderline cases carry a ``note``.

The splits were written in rounds. Each new split was written before the checker saw
it and evaluated once (the "first pass" below); every split except ``blind3`` was then
used to improve the rules. Only first-pass numbers measure generalisation:

========  ====  ============================================================  =======
split     n     first pass: elements below 0.96                               overall
========  ====  ============================================================  =======
dev       18    (used while writing the first rules)                          --
test      25    ai_description 0.88, data_collected 0.92, voluntary 0.92      0.960
holdout   25    questions 0.72, voluntary 0.76, ai_description 0.80, more     0.867
final     30    data_collected 0.87, voluntary 0.87, ai_description 0.90,     0.922
                data_use 0.90, risks_limitations 0.93, withdrawal 0.93
blind     25    human_oversight 0.92, voluntary 0.92                          0.960
blind2    25    data_collected 0.88, data_use 0.88, human_oversight 0.92,     0.938
                voluntary 0.92
blind3    25    withdrawal 0.88                                               0.973
========  ====  ============================================================  =======

Pooled over the three blind first passes (75 texts, three successive versions of the
rules) every element agrees on at least 0.93 and overall agreement is 0.957. ``blind3``
was written after the rules were frozen and has never been used for tuning; it is the
current honest estimate, and ``tests/test_consent.py`` asserts floors on it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checker import ELEMENTS, check_script

__all__ = ["EVAL_SET", "Agreement", "load_eval_set", "evaluate", "main"]

#: The hand-labelled evaluation set shipped with the package.
EVAL_SET = Path(__file__).with_name("eval_set.jsonl")


def load_eval_set(split: str | None = None, path: Path | None = None) -> list[dict[str, Any]]:
    """The labelled evaluation records, optionally only one ``split`` (``"dev"`` or ``"test"``)."""
    with (path or EVAL_SET).open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    if split is not None:
        records = [r for r in records if r["split"] == split]
    return records


@dataclass
class Agreement:
    """Per-element and overall agreement between the checker and the labels.

    Attributes
    ----------
    n : int
        Number of scripts.
    per_element : dict
        ``{element: share of scripts where checker and label agree}``.
    overall : float
        Share of all ``n * 9`` decisions that agree.
    disagreements : list of tuple
        ``(id, element, label, predicted)`` for every disagreement.
    """

    n: int
    per_element: dict[str, float]
    overall: float
    disagreements: list[tuple[str, str, bool, bool]]

    def table(self) -> str:
        """A plain-text table of the numbers."""
        lines = [f"{'element':20} agreement   (n = {self.n} scripts)"]
        lines += [f"{el:20} {self.per_element[el]:.3f}" for el in ELEMENTS]
        lines.append(f"{'overall':20} {self.overall:.3f}")
        return "\n".join(lines)


def evaluate(records: Iterable[dict[str, Any]]) -> Agreement:
    """Run :func:`~course.consent.checker.check_script` on labelled *records* and measure agreement."""
    records = list(records)
    if not records:
        raise ValueError("No records to evaluate.")
    hits = dict.fromkeys(ELEMENTS, 0)
    disagreements = []
    for rec in records:
        found = check_script(rec["text"]).elements
        gold = set(rec["labels"])
        for el in ELEMENTS:
            if found[el] == (el in gold):
                hits[el] += 1
            else:
                disagreements.append((rec["id"], el, el in gold, found[el]))
    n = len(records)
    per = {el: hits[el] / n for el in ELEMENTS}
    return Agreement(n, per, sum(hits.values()) / (n * len(ELEMENTS)), disagreements)


def main(argv: list[str] | None = None) -> int:
    """Print the agreement table and disagreements per split: ``python -m course.consent [SPLIT ...]``."""
    import sys

    splits = (sys.argv[1:] if argv is None else argv) or ["dev", "test", "holdout", "final", "blind", "all"]
    for split in splits:
        result = evaluate(load_eval_set(None if split == "all" else split))
        print(f"== {split} ==")
        print(result.table())
        for record_id, element, label, predicted in result.disagreements:
            print(f"   {record_id}: {element} labelled {label}, checker says {predicted}")
    return 0
