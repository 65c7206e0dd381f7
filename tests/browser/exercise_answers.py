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

CONSENT_SCRIPT = '''"""Before we start, I'd like to ask you about something new. I use a program on this tablet. It listens
to our session and writes a first draft of my notes. To do that, it records what we both say and sends the recording
to the company that makes it. The recording is used only to write the draft. The company may not use it to train its
AI or share it. The recording is locked with encryption, and the company deletes it after three days. The program is
not perfect. It can mishear words or leave things out. No one watches it during our session, so it cannot help in an
emergency. I read and fix every draft, and it never makes decisions about your care. It is your choice. You can say
no, and your care stays the same. If you change your mind later, just tell me and I will turn it off. What questions
do you have?"""'''

ALL_COURSE_RECOGNIZERS = (
    '["NAME", "PROVIDER", "DATE", "AGE_OVER_89", "LOCATION", "ORGANIZATION", "PHONE", "FAX", "EMAIL", "URL", '
    '"IP_ADDRESS", "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE", "OTHER_ID"]'
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
    "01_privacy": Typed(
        code={
            "answer_q1": '["referral_reason", "diagnosis_code", "phq9_intake", "gad7_intake"]',
            "answer_q2": '["Hope Moody", "Hope", "91", "5/6", "666-27-4653"]',
            "answer_q3_off": '["DATE_TIME"]',
            "answer_q3_on": ALL_COURSE_RECOGNIZERS,
            "answer_q4_deny": '["jean-luc", "Riverside Junior High", "Olumide Castillo-Reyes", "Yusuf", '
                              '"cedar hill behavioral health", "rowan", "unity care medicaid"]',
            "answer_q4_operator": '"replace"',
            "answer_q5": '"F"',
        },
        text={"m01_q6": "Referral letters leave by fax. An approved tool under a BAA, with a person reading every note first."},
        minutes=60,
    ),
    "02_consent": Typed(
        code={
            "answer_q1": CONSENT_SCRIPT,
            "answer_q2": '["data_protection", "risks_limitations", "human_oversight", "voluntary", "withdrawal", "questions"]',
            "answer_q3": '{"a": True, "b": False, "c": False, "d": True, "e": False, "f": True, "g": False, "h": True}',
            "answer_q5": '{"A": True, "B": True, "C": True, "D": False, "E": True, "F": False, "G": True, "H": False}',
        },
        text={
            "m02_q4": "(a) To both of you: I use a note-taking program and I need a parent's permission and your agreement. "
                      "(b) To the young person: if you do not want it, I will not use it. I would check my state's rules.",
            "m02_q6": "Clients rarely hear how long recordings are kept. I will ask each vendor and say it plainly.",
        },
        minutes=70,
    ),
    "03_human_ai_balance": Typed(
        code={
            "answer_q1": '"b"',
            "answer_q2": '["C04", "C05"]',
            "answer_q3": '["A", "D", "E", "H", "J"]',
            "answer_q4": '{"weakest": "understand_data", "first_step": "b"}',
            "answer_q5": '"a"',
            "answer_q7": '["B", "D", "A", "C", "E", "F", "G"]',
            "answer_q8": '["B", "C", "E", "G"]',
        },
        text={
            "m03_q6": "Discuss the entries in every session, explain who can read them, and survey again in three months.",
            "m03_q9": "Share the dashboard with the whole team first, and protect ten minutes after each session for notes.",
        },
        minutes=50,
    ),
}
