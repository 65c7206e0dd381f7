"""course.oversight: tools for module 03, balancing AI and human interaction.

* :mod:`.usage`: audit an AI documentation assistant's usage log (rates per clinician
  and month, automation-bias flags with documented thresholds);
* :mod:`.escalation`: the reference ``needs_human`` rule for between-session check-ins
  and its evaluation (recall and false-alarm rate);
* :mod:`.feedback`: client feedback survey summaries.

Imports are lazy: ``from course.oversight import needs_human`` loads only what it needs.
"""

from __future__ import annotations

from .._lazy import face

__all__ = [
    "ACCEPT_MIN",
    "REVIEW_MAX_SECONDS",
    "RISE_MIN",
    "EscalationReport",
    "agreement",
    "agreement_by",
    "automation_bias_flags",
    "comment_themes",
    "evaluate",
    "flagged_clinicians",
    "monthly_rates",
    "needs_human",
    "triage",
]

__getattr__, __dir__ = face(__name__, {
    "ACCEPT_MIN": "usage",
    "REVIEW_MAX_SECONDS": "usage",
    "RISE_MIN": "usage",
    "automation_bias_flags": "usage",
    "flagged_clinicians": "usage",
    "monthly_rates": "usage",
    "EscalationReport": "escalation",
    "evaluate": "escalation",
    "needs_human": "escalation",
    "triage": "escalation",
    "agreement": "feedback",
    "agreement_by": "feedback",
    "comment_themes": "feedback",
})
