"""Consent reports as HTML: the nine elements with their evidence, the reading level and
suggestions. Used by the consent-script builder widget and by a report shown in a notebook
(``ConsentReport`` displays itself this way), so they look the same everywhere.
"""

from __future__ import annotations

import html

from .checker import ELEMENT_NAMES, ELEMENTS, SUGGESTIONS, ConsentReport

__all__ = ["GRADE_TARGET", "NO_GRADE_YET", "grade_html", "report_html"]

GRADE_TARGET = 8.0
#: Shown in place of a reading level while there is nothing to read.
NO_GRADE_YET = "Reading grade level: not measured yet (type or paste a script above)"


def grade_html(grade: float, words: int) -> str:
    """The reading-level gauge: a bar coloured by how easy the script is to read.

    With no words there is no reading level: it says so instead of "0.0 (easy to follow)".
    """
    if words == 0:
        return f'<div class="course-consent-grade" data-grade="" style="margin:4px 0 8px 0"><b>{NO_GRADE_YET}</b></div>'
    colour = "#1e7e34" if grade <= GRADE_TARGET else ("#a05a00" if grade <= 10 else "#b00020")
    verdict = "easy to follow" if grade <= GRADE_TARGET else ("a bit hard" if grade <= 10 else "hard for many clients")
    width = min(100, int(grade / 16 * 100))
    return (
        f'<div class="course-consent-grade" data-grade="{grade:.1f}" style="margin:4px 0 8px 0">'
        f"<b>Reading grade level: {grade:.1f}</b> ({verdict}; aim for {GRADE_TARGET:.0f} or below) &middot; {words} words"
        f'<div style="background:#eee;height:8px;border-radius:4px;margin-top:3px">'
        f'<div style="background:{colour};width:{width}%;height:8px;border-radius:4px"></div></div></div>'
    )


def report_html(report: ConsentReport) -> str:
    """HTML for a :class:`~course.consent.ConsentReport`: nine elements, evidence, suggestions."""
    parts = [grade_html(report.grade_level, report.words)]
    for message in report.messages:
        parts.append(
            f'<div class="course-consent-message" style="background:#fff4e5;border-left:4px solid #a05a00;'
            f'padding:4px 8px;margin:4px 0">⚠️ {html.escape(message)}</div>'
        )
    found = sum(report.elements.values())
    parts.append(f"<div><b>{found} of 9 elements covered</b></div><ul style='list-style:none;padding-left:0'>")
    for el in ELEMENTS:
        ok = report.elements[el]
        cls = "course-consent-found" if ok else "course-consent-missing"
        bg = "#e6f4ea" if ok else "#f1f3f4"
        icon = "✅" if ok else "⬜"
        # In words as well as colour and symbol (emoji fonts and colour vision vary).
        word = '<span class="course-consent-state">Covered:</span>' if ok else '<span class="course-consent-state">Missing:</span>'
        detail = (
            f"<br><i>“{html.escape(report.evidence[el] or '')}”</i>"
            if ok
            else f"<br><span style='color:#5f6368'>Suggestion: {html.escape(SUGGESTIONS[el])}</span>"
        )
        parts.append(
            f'<li class="course-consent-element {cls}" data-element="{el}" '
            f'style="background:{bg};margin:3px 0;padding:4px 8px;border-radius:4px">'
            f"{icon} {word} <b>{html.escape(ELEMENT_NAMES[el])}</b>{detail}</li>"
        )
    parts.append("</ul>")
    return "".join(parts)
