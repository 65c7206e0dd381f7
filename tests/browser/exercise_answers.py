"""What a clinician types into each exercise, for the browser suite (issue 14 item 7).

One :class:`Typed` entry per assignment. ``code`` maps each answer variable to the text
typed after its ``=`` (a literal: a number, text in quotes, True/False, a list or a dict);
``text`` maps the grade id of each written (Markdown) answer to the words typed into it;
``actions`` is an optional function ``actions(page, cells)`` for the widgets a learner uses
(it runs after the answers are typed and before the final Run All).

``test_browser_exercise.py`` reads every ``ANSWERS`` dict of the modules named
``exercise_answers*.py`` in this folder, so modules 04-07 can live in their own file
(``exercise_answers_late.py``) next to this one. ``tests/test_exercise_answers.py`` checks,
without a browser, that each table scores full marks (through ``tests/agreement.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Typed:
    """The answers typed into one exercise."""

    code: dict[str, str]
    text: dict[str, str] = field(default_factory=dict)
    actions: Callable | None = None
    #: Our estimate of the minutes a non-programmer needs (reading and thinking included).
    minutes: int = 0


REFLECTION = (
    "We use a transcription app on a work phone and a colleague drafts letters with a chatbot. "
    "Privacy worries me most, because nobody has checked what these tools keep."
)

ANSWERS: dict[str, Typed] = {
    "00_welcome": Typed(
        code={
            "answer_q1": "6",
            "answer_q2": '"c"',
            "answer_q3": '["A", "C", "D", "F", "H"]',
            "answer_q4": '["Jane", "Doe", "Janey", "Ruth"]',
        },
        text={"m00_q5": REFLECTION},
        minutes=15,
    ),
}
