"""course.fairness: group fairness metrics (as fairlearn computes them), audits and reports.

``from course.fairness import audit, group_rates``; the ``course audit`` command wraps
:func:`audit`; :func:`html_report` writes the self-contained report.
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

__all__ = [
    "FOUR_FIFTHS",
    "AuditError",
    "GroupAudit",
    "audit",
    "audit_column",
    "audit_frames",
    "group_rates",
    "html_report",
    "intersect",
    "plain_summary",
    "plot_audit",
    "prepare",
]
