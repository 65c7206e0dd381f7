"""course.fairness: group fairness metrics (as fairlearn computes them), audits and reports.

``from course.fairness import audit, group_rates``; the ``course audit`` command wraps
:func:`audit`; :func:`html_report` writes the self-contained report. The one-call tables
of the module 04 exercise (:func:`representation_table`, :func:`outcome_table`, ...) are
in :mod:`course.fairness.tables`.
"""

from .metrics import (
    FOUR_FIFTHS,
    AuditError,
    GroupAudit,
    audit,
    audit_column,
    audit_frames,
    group_rates,
    intersect,
    prepare,
)
from .report import html_report, plain_summary, plot_audit
from .tables import (
    disparity_summary,
    outcome_table,
    quarterly_disparity,
    representation_table,
    text_tool_table,
)

__all__ = [
    "FOUR_FIFTHS",
    "AuditError",
    "GroupAudit",
    "audit",
    "audit_column",
    "audit_frames",
    "disparity_summary",
    "group_rates",
    "html_report",
    "intersect",
    "outcome_table",
    "plain_summary",
    "plot_audit",
    "prepare",
    "quarterly_disparity",
    "representation_table",
    "text_tool_table",
]
