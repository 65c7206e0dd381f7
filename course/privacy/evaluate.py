"""How well a de-identifier did, token by token, against gold annotations.

A *token* is a run of letters or digits (``555-0123`` is two tokens, ``O'Neil`` two).
A gold token is **found** when any predicted span covers it, whatever label the
prediction gave: what matters for privacy is that the identifier is hidden.

* **recall** of a label: found gold tokens of that label / all gold tokens of it;
* **precision** of a predicted label: its tokens that are gold identifiers / all its tokens;
* provider names (``PROVIDER``: clinicians and staff) are **scored apart**: Safe Harbor
  is about the client and their relatives, employers and household, so provider tokens
  are left out of the overall recall, and a prediction on them is neither right nor wrong
  for precision (their own recall is reported on its own row);
* a **leak** is a gold identifier (not a provider name) with at least one token left visible:
  the course's one definition, :mod:`course.privacy.leaks` (:func:`~course.privacy.find_leaks`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .leaks import APART, Leak, find_leaks, tokens

__all__ = ["Evaluation", "Leak", "evaluate", "token_labels", "tokens"]


def _get(span, key):
    if isinstance(span, dict):
        return span[key] if key != "label" else span.get("label", span.get("entity_type"))
    if key == "label" and not hasattr(span, "label"):
        from .recognizers import to_course_label

        return to_course_label(span.entity_type) or span.entity_type
    return getattr(span, key)


def _cover(n: int, spans: Iterable, text_tokens: list[tuple[int, int]]) -> list[str | None]:
    """The label covering each token (``None``: not covered)."""
    labels: list[str | None] = [None] * n
    spans = sorted(spans, key=lambda s: (_get(s, "start"), _get(s, "end")))
    j0 = 0
    for s in spans:
        start, end, label = _get(s, "start"), _get(s, "end"), _get(s, "label")
        while j0 < n and text_tokens[j0][1] <= start:
            j0 += 1
        j = j0
        while j < n and text_tokens[j][0] < end:
            if labels[j] is None:
                labels[j] = label
            j += 1
    return labels


def token_labels(text: str, spans: Iterable) -> list[tuple[int, int, str | None]]:
    """Every token of *text* with the label of the span that covers it, as
    ``(start, end, label)``; ``label`` is ``None`` for a token no span covers (for gold
    spans: an ordinary word). Tokens and coverage are those :func:`evaluate` counts.
    """
    toks = tokens(text)
    return [(a, b, label) for (a, b), label in zip(toks, _cover(len(toks), spans, toks), strict=True)]


@dataclass
class Evaluation:
    """Per-label recall and precision, and the identifiers that leaked."""

    gold: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    correct: Counter = field(default_factory=Counter)
    leaks: list[Leak] = field(default_factory=list)
    documents: int = 0

    @property
    def recall(self) -> float:
        """Overall token recall of the Safe Harbor identifiers (providers apart)."""
        g = sum(v for k, v in self.gold.items() if k not in APART)
        return sum(v for k, v in self.found.items() if k not in APART) / g if g else 1.0

    @property
    def precision(self) -> float:
        """Overall token precision (predictions on provider names left out)."""
        p = sum(self.predicted.values())
        return sum(self.correct.values()) / p if p else 1.0

    def label_recall(self, label: str) -> float:
        """Recall of one gold label (``nan`` when it never occurs)."""
        return self.found[label] / self.gold[label] if self.gold[label] else float("nan")

    def label_precision(self, label: str) -> float:
        """Precision of one predicted label (``nan`` when never predicted)."""
        return self.correct[label] / self.predicted[label] if self.predicted[label] else float("nan")

    def table(self):
        """A pandas DataFrame: one row per label, with token counts, recall and precision."""
        import pandas as pd

        labels = sorted(set(self.gold) | set(self.predicted), key=lambda x: (x in APART, x))
        rows = []
        for lab in labels:
            rows.append({
                "label": lab + (" (scored apart)" if lab in APART else ""),
                "gold tokens": self.gold[lab],
                "found": self.found[lab],
                "recall": round(self.label_recall(lab), 3),
                "predicted tokens": self.predicted[lab],
                "precision": round(self.label_precision(lab), 3),
            })
        rows.append({
            "label": "ALL (Safe Harbor)",
            "gold tokens": sum(v for k, v in self.gold.items() if k not in APART),
            "found": sum(v for k, v in self.found.items() if k not in APART),
            "recall": round(self.recall, 3),
            "predicted tokens": sum(self.predicted.values()),
            "precision": round(self.precision, 3),
        })
        return pd.DataFrame(rows).set_index("label")

    def leak_counts(self) -> Counter:
        """How many leaked identifiers there are per label."""
        return Counter(leak.label for leak in self.leaks)

    def summary(self, max_leaks: int = 20) -> str:
        """Plain-text report: the table and the first *max_leaks* leaks."""
        lines = [f"{self.documents} documents: recall {self.recall:.3f}, precision {self.precision:.3f} "
                 "(token level; provider names scored apart)", "", self.table().to_string(), ""]
        if self.leaks:
            lines.append(f"{len(self.leaks)} identifiers leaked (at least one token left visible):")
            lines += [f"  {leak}" for leak in self.leaks[:max_leaks]]
            if len(self.leaks) > max_leaks:
                lines.append(f"  ... and {len(self.leaks) - max_leaks} more")
        else:
            lines.append("No identifier leaked.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        leaks = "".join(f"<li>{html.escape(str(leak))}</li>" for leak in self.leaks[:20])
        more = f"<li>... and {len(self.leaks) - 20} more</li>" if len(self.leaks) > 20 else ""
        return (
            f'<div class="course-evaluation"><p><b>Recall {self.recall:.3f}, precision {self.precision:.3f}</b> '
            f"on {self.documents} notes (token level; provider names scored apart).</p>"
            f"{self.table().to_html()}"
            f"<p><b>{len(self.leaks)} identifiers leaked</b></p><ul>{leaks}{more}</ul></div>"
        )

    def __repr__(self) -> str:
        return self.summary()


def evaluate(documents: Sequence[dict], predictions: Sequence[Iterable]) -> Evaluation:
    """Score *predictions* against the gold ``spans`` of *documents*.

    Parameters
    ----------
    documents : sequence of dict
        Records with ``text`` and gold ``spans`` (``start``, ``end``, ``label``), and
        optionally ``id``.
    predictions : sequence
        For each document, its predicted spans: :class:`~course.privacy.Span` objects,
        Presidio ``RecognizerResult`` objects or dicts with ``start``, ``end``, ``label``.

    Returns
    -------
    Evaluation
    """
    if len(documents) != len(predictions):
        raise ValueError(f"{len(documents)} documents but {len(predictions)} lists of predictions")
    ev = Evaluation(documents=len(documents))
    for index, (doc, pred) in enumerate(zip(documents, predictions, strict=False)):
        text = doc["text"]
        toks = tokens(text)
        gold = _cover(len(toks), doc.get("spans", []), toks)
        predicted = _cover(len(toks), list(pred), toks)
        for g, p in zip(gold, predicted, strict=False):
            if g is not None:
                ev.gold[g] += 1
                if p is not None:
                    ev.found[g] += 1
            if p is not None and g not in APART:
                ev.predicted[p] += 1
                if g is not None:
                    ev.correct[p] += 1
        ev.leaks += find_leaks(doc, readable=[p is None for p in predicted], doc_id=str(doc.get("id", index)))
    return ev
