"""AI guardrails for mental-health practice: the course toolkit.

Every notebook imports from here. Sub-packages, one per practical tool:
``course.privacy`` (de-identification), ``course.consent``, ``course.fairness``,
``course.oversight``; ``course.checks`` holds the self-checks and grade functions,
``course.widgets`` the interactive explorers, ``course.grading`` the facilitator
tools, ``course.synth`` the synthetic-data generators and ``course.data`` the one
data loader. Importing ``course`` does no work.
"""

__version__ = "0.1.0"
COURSE_TITLE = "AI Guardrails for Mental Health Practice"

__all__ = ["COURSE_TITLE", "__version__"]
