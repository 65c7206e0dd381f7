"""How well the consent checker agrees with careful human labelling.

:func:`evaluate` runs the checker on labelled scripts and measures, per element,
agreement, precision and recall, and lists every disagreement with the evidence
sentence the checker used. :func:`load_gold` reads labelled scripts in any of the
formats the course meets:

* the course's own evaluation set (``eval_set.jsonl``, next to this file):
  ``{"id", "text", "labels": [elements present], ...}``;
* independent sets such as ``../shared/eval/consent_external.jsonl``:
  ``{"id", "text", "elements": {element: true/false}, ...}``;
* the synthetic scripts in ``data/consent_scripts.jsonl``: ``{"id", "text", "labels": {element: bool}}``.

The course's evaluation set holds consent texts written by hand in many voices and
formats (spoken scripts, handouts, FAQs, text messages, legalistic forms, vendor copy,
family, group and adolescent scripts). Labelling conventions: an element counts when
a careful client would learn it from the text. A tool's name or jargon alone ("an AI
scribe") is not a description of what it does; vague assurance ("we take privacy
seriously", "enterprise-grade security", "HIPAA-ready") is not data protection;
"required", "a condition of treatment" or "by continuing you agree" is not
voluntariness; a phone number or e-mail address offered for enquiries counts as an
invitation to ask. Borderline cases carry a ``note``.

How the numbers were reached matters more than the numbers. The splits of the course's
set were written in rounds, each evaluated once before the rules saw it, and then used to
improve the rules; the rewrite of the checker for issue 18 (layout, dependency parse,
element rules) was developed on all of them, so **every split of the course's own set is
now development data** and its agreement (0.995) is a regression guard, not an estimate.

The estimate for new text comes from an independent set of 80 scripts in 16 layouts
(``../shared/eval/consent_external.jsonl``, not shipped with the course; its texts are never
copied into the rules or tests). Before issue 18 the checker agreed on 0.851 of its
decisions. The rewrite was developed on 48 of its scripts while the other 32 (two scripts of
each layout) were held out; on those 32 the frozen rules agreed on 0.958 of decisions
(lowest element 0.875). The held-out scripts were then used as development data too, so the
final figure on all 80 (0.992) overstates what to expect on new text; expect about 0.95.
``tests/test_consent_external.py`` keeps floors on the independent set where it is present.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .checker import ELEMENTS, check_script

__all__ = ["EVAL_SET", "Agreement", "Disagreement", "GoldFormatError", "load_eval_set", "load_gold", "gold_labels", "evaluate", "main"]

#: The hand-labelled evaluation set shipped with the package.
EVAL_SET = Path(__file__).with_name("eval_set.jsonl")


class GoldFormatError(ValueError):
    """A labelled file that cannot be read; the message names the file and line."""


def load_eval_set(split: str | None = None, path: Path | None = None) -> list[dict[str, Any]]:
    """The course's labelled evaluation records, optionally only one ``split`` (``"dev"``, ``"blind3"``, ...)."""
    with (path or EVAL_SET).open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    if split is not None:
        records = [r for r in records if r["split"] == split]
    return records


def gold_labels(record: dict[str, Any]) -> dict[str, bool]:
    """``{element: bool}`` from a record in any supported format.

    Raises
    ------
    ValueError
        If the record has neither ``labels`` nor ``elements`` in a form we understand.

    """
    for key in ("elements", "labels"):
        value = record.get(key)
        if isinstance(value, dict):
            unknown = sorted(set(value) - set(ELEMENTS))
            if unknown:
                raise ValueError(f"unknown element(s) {', '.join(unknown)}")
            return {el: bool(value.get(el, False)) for el in ELEMENTS}
        if isinstance(value, list) and key == "labels":
            unknown = sorted(set(value) - set(ELEMENTS))
            if unknown:
                raise ValueError(f"unknown element(s) {', '.join(map(str, unknown))}")
            return {el: el in value for el in ELEMENTS}
    raise ValueError('no labels: expected "elements": {element: true/false} or "labels": [elements present]')


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a labelled JSONL file in any supported format; each record gets ``gold`` = ``{element: bool}``.

    Raises
    ------
    GoldFormatError
        For a missing or unreadable file, a line that is not a JSON object with ``text``
        and labels, or a file with no records. The message is one line for people.

    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise GoldFormatError(f"{path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path} cannot be read as UTF-8 text ({exc.__class__.__name__}).") from None
    records = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise ValueError('not a JSON object with a "text" string')
            rec = {**rec, "id": str(rec.get("id", f"line {n}")), "gold": gold_labels(rec)}
        except (json.JSONDecodeError, ValueError) as exc:
            why = f"not valid JSON ({exc.msg})" if isinstance(exc, json.JSONDecodeError) else str(exc)
            raise GoldFormatError(f"{path.name}, line {n}: {why}.") from None
        records.append(rec)
    if not records:
        raise GoldFormatError(f"{path} holds no labelled scripts.")
    return records


class Disagreement(NamedTuple):
    """One element on which the checker and the label differ."""

    id: str
    element: str
    label: bool
    predicted: bool
    evidence: str | None  # the checker's sentence when it said yes; None when it found nothing


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
    disagreements : list of Disagreement
        ``(id, element, label, predicted, evidence)`` for every disagreement.
    counts : dict
        ``{element: {"tp", "fp", "fn", "tn"}}``.

    """

    n: int
    per_element: dict[str, float]
    overall: float
    disagreements: list[Disagreement]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def precision(self) -> dict[str, float | None]:
        """``{element: tp / (tp + fp)}``; ``None`` when the checker never said yes."""
        return {el: (c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None) for el, c in self.counts.items()}

    @property
    def recall(self) -> dict[str, float | None]:
        """``{element: tp / (tp + fn)}``; ``None`` when no script has the element."""
        return {el: (c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None) for el, c in self.counts.items()}

    def table(self) -> str:
        """A plain-text table: agreement, precision and recall per element."""
        def f(x: float | None) -> str:
            return "  n/a" if x is None else f"{x:.3f}"

        prec, rec = self.precision, self.recall
        lines = [f"{'element':20} agreement  precision  recall   (n = {self.n} scripts)"]
        for el in ELEMENTS:
            lines.append(f"{el:20} {self.per_element[el]:.3f}      {f(prec.get(el))}      {f(rec.get(el))}")
        lines.append(f"{'overall':20} {self.overall:.3f}")
        return "\n".join(lines)

    def report(self, max_disagreements: int | None = None) -> str:
        """The table followed by each disagreement and the sentence the checker used."""
        lines = [self.table(), "", f"Disagreements: {len(self.disagreements)}"]
        shown = self.disagreements if max_disagreements is None else self.disagreements[:max_disagreements]
        for d in shown:
            said = "yes" if d.predicted else "no"
            gold = "yes" if d.label else "no"
            why = f'evidence: "{_one_line(d.evidence)}"' if d.evidence else "no sentence found"
            lines.append(f"  {d.id}  {d.element:18} label {gold:3}  checker {said:3}  {why}")
        if len(shown) < len(self.disagreements):
            lines.append(f"  ... and {len(self.disagreements) - len(shown)} more")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (``course consent-check --evaluate ... --json``)."""
        prec, rec = self.precision, self.recall
        return {
            "n": self.n,
            "overall": self.overall,
            "elements": {
                el: {"agreement": self.per_element[el], "precision": prec.get(el), "recall": rec.get(el), **self.counts.get(el, {})}
                for el in ELEMENTS
            },
            "disagreements": [d._asdict() for d in self.disagreements],
        }


def _one_line(s: str, n: int = 140) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def evaluate(records: Iterable[dict[str, Any]]) -> Agreement:
    """Run :func:`~course.consent.checker.check_script` on labelled *records* and measure agreement.

    Records may be in any format :func:`gold_labels` reads.
    """
    records = list(records)
    if not records:
        raise ValueError("No records to evaluate.")
    counts = {el: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for el in ELEMENTS}
    disagreements: list[Disagreement] = []
    for i, rec in enumerate(records):
        gold = rec.get("gold") or gold_labels(rec)
        report = check_script(rec["text"])
        for el in ELEMENTS:
            said, truth = report.elements[el], gold[el]
            counts[el]["tp" if said and truth else "fp" if said else "fn" if truth else "tn"] += 1
            if said != truth:
                disagreements.append(Disagreement(str(rec.get("id", i)), el, truth, said, report.evidence[el]))
    n = len(records)
    per = {el: (c["tp"] + c["tn"]) / n for el, c in counts.items()}
    overall = sum(c["tp"] + c["tn"] for c in counts.values()) / (n * len(ELEMENTS))
    return Agreement(n, per, overall, disagreements, counts)


def main(argv: list[str] | None = None) -> int:
    """Print the agreement table and disagreements per split of the course's own set (for
    maintainers, e.g. ``python -c "from course.consent.evaluate import main; main(['blind3'])"``).
    ``course consent-check --evaluate GOLD.jsonl`` measures any labelled file, this set included.
    """
    import sys

    splits = (sys.argv[1:] if argv is None else argv) or ["dev", "test", "holdout", "final", "blind", "blind2", "blind3", "all"]
    for split in splits:
        result = evaluate(load_eval_set(None if split == "all" else split))
        print(f"== {split} ==")
        print(result.report())
    return 0
