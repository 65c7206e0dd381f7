"""Practice scenarios for module 06: which guardrail, which guidance, what to do.

The quiz widget (:mod:`course.widgets.scenario_quiz`) and the autograded checks
(:mod:`course.checks.m06_professional_orgs`) both call :func:`mark`, so a learner sees
the same verdict in the widget as in their grade.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .crosswalk import GUARDRAILS, SHORT

__all__ = ["Scenario", "SCENARIOS", "Mark", "mark", "parse_answer", "scenario", "FEEDBACK"]

#: Feedback strings (tests assert on these).
FEEDBACK = {
    "format": "Give three things for this scenario: (guardrail, guidance, action), for example ('privacy', 'hipaa', 'b').",
    "guardrail_unknown": "'{value}' is not one of the six guardrails: {options}.",
    "source_unknown": "'{value}' is not one of the guidance sources: {options}.",
    "action_unknown": "The action should be one letter: {options}.",
    "guardrail": "Guardrail: not the best fit. {hint}",
    "source": "Guidance: that source is not the one that speaks most directly to this situation. {hint}",
    "action": "Action: not the safest choice. {why}",
    "correct": "Correct. {why}",
}


@dataclass(frozen=True)
class Scenario:
    """One practice scenario.

    ``guardrails`` and ``sources`` are the accepted answers (any one of them counts);
    ``action`` is the letter of the best of ``actions``.
    """

    id: str
    title: str
    text: str
    guardrails: frozenset[str]
    sources: frozenset[str]
    actions: dict[str, str]
    action: str
    hint_guardrail: str
    hint_source: str
    why: str
    wrong_action: dict[str, str] = field(default_factory=dict)


def _s(id, title, text, guardrails, sources, actions, action, hint_guardrail, hint_source, why, wrong_action):
    return Scenario(id, title, text, frozenset(guardrails), frozenset(sources), actions, action,
                    hint_guardrail, hint_source, why, wrong_action)


SCENARIOS: list[Scenario] = [
    _s("S01", "A chatbot for a treatment plan",
       "Dana, a licensed professional counsellor, pastes her session summary, with the client's name and employer, "
       "into a free public chatbot to draft a treatment plan. The practice has no agreement with the chatbot's maker.",
       {"privacy"}, {"aca_code", "aca_ai_2024", "hipaa"},
       {"a": "Carry on: the chatbot's website says it is secure.",
        "b": "Stop; use only an approved tool covered by a business associate agreement, share the minimum necessary (de-identified where possible), and tell the privacy officer so the disclosure can be assessed.",
        "c": "Delete the chat history and carry on as before.",
        "d": "Ask the client at the next session whether they mind."},
       "b",
       "What was put at risk first: the client's information.",
       "Think of Dana's own code's technology section, her profession's AI recommendations, or the federal privacy law.",
       "Client information went to a vendor with no business associate agreement; the practice must assess it as a possible breach and prevent a repeat.",
       {"a": "A website's promise is not a business associate agreement.", "c": "Deleting the history does not undo the disclosure.", "d": "Asking afterwards does not undo the disclosure."}),
    _s("S02", "An ambient scribe nobody mentioned",
       "Dr. Okafor, a psychologist, starts using an ambient AI scribe that listens to sessions and drafts notes. "
       "The practice's intake packet says nothing about it.",
       {"consent"}, {"apa_code", "apa_ai_2025"},
       {"a": "Add one line about 'technology partners' to the intake packet's fine print.",
        "b": "Use it, and explain it if a client asks.",
        "c": "Before first use, explain in plain language what is recorded, how it is used and stored, who can access it, and that the client may decline or withdraw without any effect on care; document the client's consent.",
        "d": "Use it only with clients who seem comfortable with technology."},
       "c",
       "The client does not know the tool is listening: what must happen before it is used?",
       "Psychologists: the Ethics Code's consent standards, and APA's 2025 AI guidance.",
       "Consent must be informed (how the tool works, what data, how it is used) and voluntary, and it comes before use.",
       {"a": "Fine print is not informed consent.", "b": "Consent comes before use, not on request.", "d": "Guessing is not asking."}),
    _s("S03", "A chatbot answers a risk message",
       "An agency's social workers use a between-session check-in chatbot. A client writes late at night: "
       "'I don't see the point of anything any more.' The bot replies with a breathing exercise; no human sees it until the next week.",
       {"oversight"}, {"nasw_code", "sw_tech_standards"},
       {"a": "Follow the agency's safety protocol now (reach the client, assess risk, involve crisis services such as 988 if needed), then fix the tool so that risk messages reach a human at once.",
        "b": "Leave it: the bot responded with a coping skill.",
        "c": "Ask the vendor to improve the bot's replies.",
        "d": "Stop using check-ins with this client."},
       "a",
       "A possible risk message was handled only by a machine.",
       "Social workers: the NASW Code or the joint technology standards.",
       "Messages that may signal suicide risk need a prompt human response; escalation rules must route them to a person.",
       {"b": "A coping exercise is not a risk assessment.", "c": "A better reply still leaves no human in the loop.", "d": "Stopping check-ins does not address the risk in front of you."}),
    _s("S04", "A risk score misses one group",
       "A marriage and family therapy group uses a vendor's intake risk score. An audit finds it flags far fewer "
       "Spanish-speaking clients for follow-up, although their outcomes later turn out no better.",
       {"fairness"}, {"aamft_code", "who_2021", "state_law"},
       {"a": "Keep using the score: it is accurate on average.",
        "b": "Stop offering services in Spanish.",
        "c": "Add a disclaimer to the score.",
        "d": "Stop relying on the score alone for that group (add clinician review), report the finding to the vendor and ask for subgroup evidence, and re-audit on a schedule."},
       "d",
       "One group of clients is treated worse by the tool.",
       "The therapists' code's non-discrimination standard, the WHO principle on inclusiveness and equity, or anti-discrimination law.",
       "An average hides unequal error rates; act on the disparity and keep auditing.",
       {"a": "Average accuracy hides unequal errors.", "b": "That harms the clients the tool already underserves.", "c": "A disclaimer leaves the disparity in place."}),
    _s("S05", "Three tools and no policy",
       "A group practice of counsellors and social workers (no physicians) has no written AI policy. Asked at a staff meeting, "
       "clinicians name three AI tools they use at work; one, a transcription app on a personal phone, nobody had approved.",
       {"guidelines"}, {"hipaa"},
       {"a": "Ban all AI tools permanently.",
        "b": "Inventory every tool in use (including unofficial ones), pause any without a business associate agreement, score the vendors, and adopt a written policy with a review schedule.",
        "c": "Let each clinician decide for themselves.",
        "d": "Approve all three, since staff already rely on them."},
       "b",
       "What is missing is the practice's own framework.",
       "Which law requires written policies and a risk analysis? The AMA's principles are written for physicians, and this practice has none.",
       "A practice needs an inventory, vendor due diligence and a written, regularly reviewed policy; HIPAA's Security Rule already requires written policies and a risk analysis.",
       {"a": "A blanket ban pushes use underground.", "c": "Individual choices leave clients unprotected.", "d": "Approval should follow due diligence, not habit."}),
    _s("S06", "A board asks for comments",
       "A state counselling board publishes a proposed rule on AI in counselling and invites public comment for 60 days. "
       "Lee, a counsellor who has piloted AI tools, thinks part of the rule is unworkable.",
       {"professional"}, {"state_law"},
       {"a": "Ignore it: rules are for lawyers.",
        "b": "Post a complaint about the board on social media.",
        "c": "Read the proposal and submit a comment within the period, alone or through the state counselling association, describing practice realities and client safeguards.",
        "d": "Wait until the rule is final, then object."},
       "c",
       "This is about the profession shaping the rules.",
       "Who writes the rules for Lee's licence?",
       "Comment periods are how practitioners shape rules; associations can pool comments.",
       {"a": "The rule will govern Lee's licence.", "b": "Social media is not the comment process.", "d": "After the period closes, comments no longer count."}),
    _s("S07", "Automated test interpretation",
       "A psychologist uses a service that scores a personality inventory and writes an interpretive report, and pastes the interpretation straight into the client's evaluation.",
       {"oversight"}, {"apa_code"},
       {"a": "Fine: the service is published and validated.",
        "b": "Review the interpretation against everything known about the client, keep professional responsibility for what the evaluation says, and note the tool's limits.",
        "c": "Remove the client's name from the report first.",
        "d": "Ask the client to check the interpretation."},
       "b",
       "Who is responsible for the interpretation?",
       "The psychologists' Ethics Code has a standard on test scoring and interpretation services.",
       "Under the APA Ethics Code (9.09), psychologists keep responsibility for interpretation even when they use automated services.",
       {"a": "Validation does not transfer responsibility.", "c": "Redaction does not address accuracy.", "d": "The professional, not the client, answers for the evaluation."}),
    _s("S08", "Trained on someone else's clients",
       "A clinic director learns that a note-summarising model was trained mostly on English-language notes from one region. "
       "The clinic serves many recent immigrants and clients who speak English as a second language.",
       {"fairness"}, {"who_2021", "ama_2023", "aca_ai_2024", "apa_ai_2025"},
       {"a": "Ask the vendor for performance evidence by language and group, pilot with monitoring of errors by group, and schedule regular audits.",
        "b": "Buy it: more data is always better.",
        "c": "Use it only for English-speaking clients without telling anyone.",
        "d": "Assume it works the same for everyone."},
       "a",
       "Who might the tool serve less well?",
       "International guidance with a principle on inclusiveness and equity, or the AI guidance of a professional body.",
       "Unrepresentative training data can mean unequal performance; ask for evidence and audit.",
       {"b": "Volume does not fix unrepresentative data.", "c": "Quietly rationing the tool is neither transparent nor fair.", "d": "That is exactly the assumption to test."}),
    _s("S09", "A client withdraws consent",
       "Halfway through treatment, a client of a clinical social worker asks that the AI scribe no longer be used in their sessions.",
       {"consent"}, {"nasw_code", "sw_tech_standards"},
       {"a": "Explain that the scribe is practice policy.",
        "b": "Keep using it but delete the recordings afterwards.",
        "c": "Refer the client to another clinician who does not use AI.",
        "d": "Stop using it for this client from now on, document the withdrawal, make sure care is unaffected, and tell the client what happens to data already collected."},
       "d",
       "The client is exercising a right they were told about.",
       "Social workers: the NASW Code's informed consent standard, or the joint technology standards.",
       "Consent is voluntary and can be withdrawn at any time without any effect on care.",
       {"a": "Policy cannot override a client's right to withdraw consent.", "b": "That ignores the request.", "c": "Withdrawing consent must not cost the client their clinician."}),
    _s("S10", "The vendor changes its terms",
       "The practice's note-assistant vendor e-mails new terms: 'de-identified' client data may now be used to improve its models unless the practice opts out.",
       {"guidelines", "privacy"}, {"hipaa", "ama_2023", "who_2021"},
       {"a": "Treat it as a review trigger: opt out now, check the change against the business associate agreement, re-score the vendor and update the policy and client information if needed.",
        "b": "Accept: de-identified data is harmless.",
        "c": "Do nothing until the annual review.",
        "d": "Switch vendors immediately without checking the alternatives."},
       "a",
       "A vendor change is a trigger event.",
       "Which law governs what a business associate may do with client data, or which guidance calls for governance of AI deployment?",
       "Changes in a vendor's data practices should trigger an early review, not wait for the calendar.",
       {"b": "De-identification may be imperfect, and the agreement may not allow it.", "c": "Waiting leaves client data exposed for months.", "d": "A new vendor needs the same due diligence."}),
    _s("S11", "A new trainee on day one",
       "A marriage and family therapy trainee joins the practice and is asked to use the AI note assistant from the first day, with no training.",
       {"guidelines", "professional"}, {"aamft_code", "hipaa"},
       {"a": "Let the trainee learn by doing.",
        "b": "Train the trainee on the tool, its limits and the policy before first use, supervise early use, and record the training.",
        "c": "Keep the trainee off AI tools for good.",
        "d": "Have the trainee read the vendor's marketing page."},
       "b",
       "Think about continuous education and competence.",
       "The therapists' code on competence and technology, or the federal law that requires workforce training.",
       "Competence comes before use; HIPAA requires workforce training, and codes require competence with the technology used.",
       {"a": "Learning on clients' records is not safe.", "c": "Training, not exclusion, is the answer.", "d": "Marketing is not training."}),
    _s("S12", "'The code is too old for AI'",
       "A colleague tells a psychologist: 'Our Ethics Code dates from 2002, so it says nothing about AI and doesn't apply.'",
       {"professional"}, {"apa_code", "apa_ai_2025"},
       {"a": "Agree: only AI-specific rules apply.",
        "b": "Wait for a new code before using any judgement.",
        "c": "Explain that the code's standards on competence, confidentiality, consent and assessment apply to any tool, and read APA's 2025 AI guidance and take AI-focused continuing education.",
        "d": "Ask the vendor what the code requires."},
       "c",
       "This is about knowing and using your profession's guidance.",
       "Psychologists: the Ethics Code and APA's 2025 AI guidance.",
       "General standards apply to new tools; newer guidance interprets them for AI.",
       {"a": "General standards still apply.", "b": "Judgement cannot wait.", "d": "Vendors do not interpret your ethics code."}),
    _s("S13", "An invented history in a court letter",
       "A counsellor drafts a letter to a family court with an AI assistant. Proofreading, she notices the draft describes a prior diagnosis the client never had.",
       {"oversight"}, {"aca_code", "aca_ai_2024"},
       {"a": "Correct that sentence and send the rest unchanged.",
        "b": "Send it: the court will ask if something is unclear.",
        "c": "Check every statement against the record, rewrite what cannot be verified, and report the error so colleagues and the vendor know about it.",
        "d": "Add a footnote saying AI drafted the letter."},
       "c",
       "The tool made something up; who checks?",
       "Counsellors: the ACA Code or ACA's 2024 AI recommendations.",
       "AI can invent plausible facts; the clinician verifies everything before it leaves the practice.",
       {"a": "If it invented one fact it may have invented others.", "b": "A false statement to a court can harm the client.", "d": "A footnote does not make a false statement true."}),
]

_BY_ID = {s.id: s for s in SCENARIOS}


def scenario(sid: str) -> Scenario:
    """The scenario with id *sid* (e.g. ``"S01"``)."""
    if sid not in _BY_ID:
        raise KeyError(f"There is no scenario {sid!r}; they are {', '.join(_BY_ID)}.")
    return _BY_ID[sid]


@dataclass
class Mark:
    """The verdict on one scenario answer."""

    correct: bool
    messages: list[str]
    attempted: bool = True


def parse_answer(answer: Any) -> tuple[str, str, str] | None:
    """Normalise one answer to ``(guardrail, source, action)``; ``None`` if blank.

    Accepts a 3-tuple/list or a dict with keys ``guardrail``, ``source`` and ``action``.
    Raises ``ValueError`` with a learner-facing message for anything else.
    """
    if answer is None or answer is ...:
        return None
    if isinstance(answer, Mapping):
        try:
            answer = (answer["guardrail"], answer["source"], answer["action"])
        except KeyError:
            raise ValueError(FEEDBACK["format"]) from None
    if not isinstance(answer, (tuple, list)) or len(answer) != 3:
        raise ValueError(FEEDBACK["format"])
    if all(a is None or a is ... or (isinstance(a, str) and not a.strip()) for a in answer):
        return None
    if not all(isinstance(a, str) for a in answer):
        raise ValueError(FEEDBACK["format"])
    g, s, a = (x.strip() for x in answer)
    return g.lower(), s.lower(), a.lower()


def mark(sc: Scenario, answer: Any) -> Mark:
    """Mark one answer to scenario *sc*; all three parts must be right."""
    try:
        parsed = parse_answer(answer)
    except ValueError as exc:
        return Mark(False, [str(exc)])
    if parsed is None:
        return Mark(False, [], attempted=False)
    g, s, a = parsed
    if g not in GUARDRAILS:
        return Mark(False, [FEEDBACK["guardrail_unknown"].format(value=g, options=", ".join(GUARDRAILS))])
    if s not in SHORT:
        return Mark(False, [FEEDBACK["source_unknown"].format(value=s, options=", ".join(SHORT))])
    if a not in sc.actions:
        return Mark(False, [FEEDBACK["action_unknown"].format(options=", ".join(sc.actions))])
    messages = []
    if g not in sc.guardrails:
        messages.append(FEEDBACK["guardrail"].format(hint=sc.hint_guardrail))
    if s not in sc.sources:
        messages.append(FEEDBACK["source"].format(hint=sc.hint_source))
    if a != sc.action:
        messages.append(FEEDBACK["action"].format(why=sc.wrong_action.get(a, "")).strip())
    if messages:
        return Mark(False, messages)
    return Mark(True, [FEEDBACK["correct"].format(why=sc.why)])
