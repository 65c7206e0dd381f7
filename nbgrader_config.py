"""nbgrader configuration for the course. The course root is this folder.

solutions/  is nbgrader's *source*: solution code and hidden tests (facilitators only).
exercises/  is the *release*: generated from solutions/ by `make exercises`; committed.
Learner work (submitted/, autograded/, feedback/, gradebook.db) is personal data and is
git-ignored; `course purge` removes it after export.
"""

import os

from course.grading.limits import CELL_TIMEOUT

c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "ai-guardrails"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.solution_directory = "answer_keys"

# What replaces a solution region in the release. No `raise NotImplementedError`:
# an unanswered exercise runs cleanly and its self-check reports "not attempted".
c.ClearSolutions.code_stub = {"python": "# ✏️ YOUR ANSWER HERE"}
c.ClearSolutions.text_stub = "✏️ YOUR ANSWER HERE (double-click to edit)"

# Learner code gets a bounded time per cell when graded: the same default as `course grade`.
c.Execute.timeout = CELL_TIMEOUT
c.Execute.interrupt_on_timeout = True

# Autograding never runs learner-written code, not even from the formgrader's "Autograde"
# button: before anything executes, each answer becomes the literal value the learner typed
# (anything else counts as not attempted) and other learner code cells are dropped
# (course.grading.nbgrader_hooks.LiteralAnswers). `course grade` adds a sandbox on top.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "course.grading.nbgrader_hooks.LiteralAnswers",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# nbgrader's own feedback (`nbgrader generate_feedback`, the formgrader's "Generate Feedback"
# button) writes the course's safe page instead of the notebook: no hidden tests, no kernel
# output, nothing loaded from the internet (course.grading.feedback).
c.GenerateFeedback.exporter_class = "course.grading.nbgrader_hooks.FeedbackExporter"
