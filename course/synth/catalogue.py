"""Which file in ``data/`` holds which data set: the name -> filename catalogue.

:mod:`course.data` looks names up here, so loading a data set never imports the
generators (pandas, numpy, the note templates). It imports nothing itself. The
generators' :func:`course.synth.registry` checks that it agrees with this table, and a
test keeps the two in step: a new data set is added to its generator module *and* here.
"""

from __future__ import annotations

__all__ = ["FILES"]

#: Data set name -> file in ``data/``, sorted by name.
FILES: dict[str, str] = {
    "capstone_practice": "capstone_practice.json",
    "checkin_messages": "checkin_messages.jsonl",
    "client_feedback": "client_feedback.csv",
    "consent_records": "consent_records.jsonl",
    "consent_scripts": "consent_scripts.jsonl",
    "fairness_quarterly": "fairness_quarterly.csv",
    "fairness_representation": "fairness_representation.csv",
    "fairness_screening": "fairness_screening.csv",
    "fairness_text_tool": "fairness_text_tool.jsonl",
    "intake_table": "intake_table.csv",
    "notes": "notes.jsonl",
    "notes_findings": "notes_findings.json",
    "public_roster": "public_roster.csv",
    "quasi_ids": "quasi_ids.csv",
    "scribe_pilot": "scribe_pilot.csv",
    "usage_log": "usage_log.csv",
    "vendor_profiles": "vendor_profiles.csv",
}
