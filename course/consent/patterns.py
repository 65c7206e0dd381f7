"""Word lists and regular expressions the consent checker is built from.

The checker reasons about *who does what to which information*: a tool (a named
product, "the app", "it") that drafts, translates, scores or flags; information
(messages, answers, audio, scores) that is recorded, read or kept; staff who review,
correct or decide. The word lists below name those classes in general English; the
element rules in :mod:`course.consent.rules` combine them with the sentence structure.

Regular expressions are compiled on first use (:func:`rx`), never at import time.
"""

from __future__ import annotations

import functools
import re

__all__ = ["rx", "forms", "form_index", "verb_rx", "TOOL_NOUNS", "STAFF_NOUNS", "CLIENT_NOUNS", "INFO_NOUNS", "MEDIA_NOUNS",
           "VAGUE_NOUNS", "OUTPUT_NOUNS", "FUNCTION_VERBS", "MAKE_VERBS", "INTAKE_VERBS", "KEEP_VERBS",
           "SEE_VERBS", "PARTICLE_VERBS", "REVIEW_VERBS", "DECIDE_VERBS", "SAY_VERBS", "TOOL_RX", "NAME_STOP"]

# Who and what --------------------------------------------------------------------------------
TOOL_NOUNS = frozenset(
    "ai a.i. intelligence program programme software app application tool technology platform system assistant "
    "chatbot bot scribe notetaker note-taker model algorithm feature solution engine dashboard helper companion "
    "buddy computer machine module plugin service product portal device tablet".split()
)
STAFF_NOUNS = frozenset(
    "i we me us myself ourselves clinician therapist counselor counsellor psychologist psychiatrist doctor physician "
    "nurse provider practitioner worker staff team supervisor coordinator person people human someone somebody manager "
    "director specialist intern trainee receptionist coach advocate interpreter officer leader facilitator "
    "professional reviewer prescriber dr dr. clinicians therapists counselors counsellors staffer member".split()
)
CLIENT_NOUNS = frozenset(
    "you yourself client patient student child teen teenager participant family parent guardian user texter caller "
    "employee partner everyone anyone".split()
)
#: Concrete client information a tool can take in (a head noun of what is collected).
INFO_NOUNS = frozenset(
    "audio voice speech word conversation session talk discussion dialogue message text chat entry journal note "
    "answer response reply score rating questionnaire survey check-in checkin form mood feeling emotion sleep symptom "
    "stress name email e-mail phone address birth birthday age gender demographic demographics race ethnicity diagnosis "
    "medication prescription history record chart attendance appointment visit timestamp location usage activity "
    "video face image photo picture recording transcript keystroke typing attachment contact preference grade school "
    "employer insurance measurement sample pitch tone pace pause comment question goal plan result account login "
    "everything whatever anything language accent encounter sound expression movement step heart "
    "worry thought behavior behaviour progress scale measure test assessment screening intake referral "
    "time date number dictation".split()
)
#: Recorded media: saying these are stored, deleted or processed tells the reader they are captured.
MEDIA_NOUNS = frozenset("audio recording recordings transcript transcripts video".split())
#: Information words too vague to tell a client what is collected ("session information").
VAGUE_NOUNS = frozenset("information info data detail details content material input thing things it them this that".split())
#: What a tool produces.
OUTPUT_NOUNS = frozenset(
    "note draft summary transcript text report score rating level rank ranking flag alert suggestion recommendation "
    "prompt reminder chart graph trend estimate prediction feedback answer reply response translation exercise skill "
    "plan goal list insight theme reflection highlight result documentation record message booking option idea "
    "tip game video activity order queue category match pick output version copy letter summary content entry "
    "work documentation".split()
)

# What a tool does: verbs that say what it produces or decides (ai_description).
FUNCTION_VERBS = frozenset(
    "draft write summarise summarize transcribe translate interpret convert turn score rate rank sort "
    "flag mark highlight point predict estimate forecast suggest recommend propose answer reply respond chat talk "
    "converse analyse analyze measure detect identify spot recognise recognize classify triage prioritise prioritize "
    "chart plot graph remind book schedule pick choose select match guide walk coach calculate add compute "
    "compare type organise organize structure fill speak say alert notify sum tally grade assess screen evaluate "
    "track monitor spell caption transform document summarise".split()
)
#: Function verbs that need a particle to mean a tool's function ("adds up", "points out").
PARTICLE_VERBS = {"add": {"up"}, "point": {"out"}, "walk": {"through"}, "fill": {"in", "out"}, "sum": {"up"}, "turn": {"into"}}
#: Generic verbs that describe a tool's function only with an output noun ("makes a summary").
MAKE_VERBS = frozenset("make prepare create generate produce output give provide offer send show display build put deliver return draw".split())
#: Taking information in (data_collected): any subject.
INTAKE_VERBS = frozenset(
    "collect gather record capture store save keep log track process receive upload transmit transcribe register "
    "retain hold send pass feed extract measure".split()
)
#: Reading information (data_collected when the tool or nobody in particular does it).
SEE_VERBS = frozenset(
    "read see hear listen watch view scan analyse analyze review access use get obtain take pick look check monitor "
    "need require ask pull draw combine note detect examine consider".split()
)
#: Keeping or deleting (data_protection, and a sign that media are captured).
KEEP_VERBS = frozenset("store keep save retain delete erase destroy encrypt hold process purge remove wipe discard".split())
#: Staff checking what a tool produced (human_oversight).
REVIEW_VERBS = frozenset(
    "review read check double-check edit correct fix approve sign verify look go interpret confirm oversee supervise "
    "watch rewrite finalise finalize complete accept reject modify change discuss examine evaluate consider "
    "proofread amend revise okay ok author vet validate".split()
)
DECIDE_VERBS = frozenset("decide make determine choose judge".split())
#: Saying or typing: "what you say", "everything you type" is client information.
SAY_VERBS = frozenset("say type write share tell discuss talk enter post send mention speak ask disclose".split())

NAME_STOP = frozenset(
    "The This That These It Its Our We You Your I If When What Who How Why Where Only Each Every All Any Some "
    "A An In On At For From With By To Of And Or But Not No Yes Please Dear Hi Hello Thanks Questions Consent "
    "Before After Also So Then Now Here There Data Information Security Risks Limits Screen Section Part".split()
)

_IRREGULAR = {
    "write": "wrote written writes writing", "take": "took taken takes taking", "hear": "heard hears hearing",
    "read": "reads reading", "see": "saw seen sees seeing", "keep": "kept keeps keeping",
    "make": "made makes making", "give": "gave given gives giving", "get": "got gotten gets getting",
    "send": "sent sends sending", "choose": "chose chosen chooses choosing", "draw": "drew drawn draws drawing",
    "hold": "held holds holding", "tell": "told tells telling", "say": "said says saying",
    "speak": "spoke spoken speaks speaking", "build": "built builds building", "put": "puts putting",
    "go": "went gone goes going", "find": "found finds finding", "feed": "fed feeds feeding",
    "sign": "signed signs signing", "do": "did done does doing",
}


def forms(lemma: str) -> set[str]:
    """Inflected forms of an English verb (a heuristic good enough for the word lists here)."""
    out = {lemma}
    if lemma in _IRREGULAR:
        return out | set(_IRREGULAR[lemma].split())
    if lemma.endswith("e"):
        out |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "x", "z", "ch", "sh")):
        out |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        out |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if re.fullmatch(r"[a-z]*[^aeiou][aeiou][bdgklmnprt]", lemma) and len(lemma) <= 5:
            out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


@functools.cache
def form_index(*groups: frozenset[str]) -> dict[str, str]:
    """``{inflected form: lemma}`` for the verbs in *groups*."""
    out: dict[str, str] = {}
    for g in groups:
        for lemma in sorted(g):
            for f in forms(lemma):
                out.setdefault(f, lemma)
    return out


@functools.cache
def verb_rx(*groups: frozenset[str]) -> re.Pattern[str]:
    """A regex matching any inflected form of the verbs in *groups*, as whole words."""
    words = sorted({f for g in groups for lemma in g for f in forms(lemma)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)


# Regular expressions, compiled on first use ---------------------------------------------------
_TOOL_WORDS = (
    r"a\.?i\.?|artificial[- ]intelligence|machine[- ]learning|computer|software|program(?:me)?s?|apps?|application|"
    r"tools?|technology|platform|system|assistant|chat ?bots?|bots?|scribe|note[- ]?takers?|model|algorithm|automated|"
    r"features?|dashboard|helper|solution"
)

_SOURCES: dict[str, str] = {
    "tool": rf"\b(?:{_TOOL_WORDS})\b",
    # Naming a tool: "called X", "X, an AI program", "X is a chat app", '"X" ("the Software")'.
    "named": r"\b(?:called|named|known as|introducing|[Mm]eet|name of it is|its name is|name is)\s+\"?([A-Z][\w-]*(?:\s[A-Z][\w-]*){0,2})",
    "appos": rf"\b([A-Z][\w-]*(?:\s[A-Z][\w-]*){{0,2}})\"?(?:,|\s+is|\s+\(|\s+will be|\s+would be)\s+(?:(?:a|an|the|our|your|this)\s+)?(?:[\w-]+\s+){{0,4}}?(?:{_TOOL_WORDS})\b",
    "defined": r"\"([A-Z][\w ]{1,40}?)\"\s*\(\"the\s+\w+\"\)|\(\"(the\s+(?:software|platform|tool|app|system|program|service|features?))\"\)|\(\"([A-Z][\w ]{1,40}?)\"\)",
    "camel": r"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b",
    "staff_title": r"\b(?:dr|mr|mrs|ms|mx|prof|nurse|coach|officer)\.?\s+([A-Z][\w-]+)",
    # Structure.
    "table_sep": r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$",
    "md_heading": r"^#{1,6}\s+(.*)$",
    "part_prefix": r"^(?:\[\s*\d+\s*(?:/|of)\s*\d+\s*\]|\(\s*\d+\s*(?:/|of)\s*\d+\s*\)|(?:part|screen|page|step|slide|text|msg|message|sms)\s*\d+\s*(?:(?:/|of)\s*\d+)?\s*[:.)-]?)\s*",
    "part_suffix": r"\s*\((?:screen|page|part|step|slide)?\s*\d+\s*(?:/|of)\s*\d+\)\s*$",
    "speaker": r"^((?:[A-Z][A-Z.'-]+|Dr\.?|Mr\.?|Ms\.?|Mrs\.?|Mx\.?)(?:\s+[A-Z][\w.'-]*){0,2}(?:\s*\([^)]{1,30}\))?|[A-Z][a-z]+(?:\s+\([^)]{1,30}\))?)\s*:\s+",
    "qa_prefix": r"^(q|a|question|answer)\s*[:.)-]\s*",
    "bullet": r"^\s*(?:[-*•·▪►✓✔☐☑]|\[\s?[x ]?\s?\])\s+",
    "numbered": r"^\s*(?:(?:section|clause|article|part|item)\s+)?(?:[A-Z]\.?\d+(?:\.\d+)*[.)]?|\d+(?:\.\d+)*[.)]?|[A-Za-z][.)]|\(?[ivx]+[.)])\s+(?=\S)",
    "clause_title": r"^((?:[A-Z][\w'/-]*|of|and|the|to|for|in|on|a|an|with|or|&)(?:\s+(?:[A-Z][\w'/-]*|of|and|the|to|for|in|on|a|an|with|or|&|AI)){0,5})\.\s+(?=[A-Z\"(])(.+)$",
    "inline_label": r"^([A-Za-z][^:.!?|]{0,50}?)\s*:\s+(\S.*)$",
    "emphasis": r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|`",
    "yes": r"^(?:yes|yeah|yep|sure|of course|absolutely|certainly|definitely|correct|right)\b",
    "no": r"^(?:no|nope|not at all|never|not really|no way|not necessarily|none)\b",
    "question_word": r"^(?:so,?\s+|and\s+|but\s+|ok(?:ay)?,?\s+)?(?:what|how|who|why|where|when|which|whom|do|does|did|can|could|is|are|will|would|should|must|may|am|have|has|if|need|want|got|any|still|questions?)\b",
    "shallow_token": r"[A-Za-z][\w'-]*|[.,;:]",
    # Negation and modality near a word.
    "negation": r"\b(?:not|never|no|n't|cannot|nothing|nobody|none|neither|nor|without)\b|n't\b",
}


@functools.cache
def rx(name: str) -> re.Pattern[str]:
    """The compiled pattern *name* (case-insensitive unless it is a structure pattern)."""
    case_sensitive = {"named", "appos", "defined", "camel", "speaker", "clause_title"}
    return re.compile(_SOURCES[name], 0 if name in case_sensitive else re.I | re.M)


TOOL_RX = "tool"
