"""Check a consent script for the nine consent elements a client needs to hear.

The checker is rule-based and runs offline: each sentence is matched against
hand-written patterns for every element (with a few "this does not count" patterns,
so that "we take privacy seriously" alone is not data protection and "consent is
required" is not voluntariness). It also measures the reading grade level
(Flesch-Kincaid, with a syllable-counting heuristic), counts words, and warns when
the text is empty, does not look like English, or is far too long to be a script.

It is a teaching aid and a first screen, not a judge: a person still reads the
script. See ``course/consent/eval_set.jsonl`` and :func:`course.consent.evaluate`
for how well it agrees with careful human labelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ELEMENTS",
    "ELEMENT_NAMES",
    "SUGGESTIONS",
    "MAX_CHARS",
    "LONG_WORDS",
    "ConsentReport",
    "check_script",
    "detect_language",
    "fk_grade",
    "count_syllables",
    "split_sentences",
    "word_count",
]

#: The nine consent elements, in the order the course teaches them.
ELEMENTS: tuple[str, ...] = (
    "ai_description",
    "data_collected",
    "data_use",
    "data_protection",
    "risks_limitations",
    "human_oversight",
    "voluntary",
    "withdrawal",
    "questions",
)

#: Plain-language names of the elements.
ELEMENT_NAMES: dict[str, str] = {
    "ai_description": "What the AI tool is and what it does",
    "data_collected": "What client information it collects or records",
    "data_use": "What the information is used for (sharing, training the vendor's AI)",
    "data_protection": "How it is protected: storage, encryption, retention, deletion, who can access it",
    "risks_limitations": "Risks and limits: errors, bias, breaches, not for emergencies",
    "human_oversight": "The clinician stays responsible and reviews what the tool produces",
    "voluntary": "Saying no is fine and does not affect care",
    "withdrawal": "The client can change their mind later, and how",
    "questions": "An invitation to ask questions, or whom to contact",
}

#: What to add when an element is missing (shown in reports and the widget).
SUGGESTIONS: dict[str, str] = {
    "ai_description": "Say in plain words what the tool is and what it does, e.g. 'a program that listens to our session and writes a first draft of my notes'.",
    "data_collected": "Say what it collects: e.g. 'it records the audio of our conversation' or 'it only sees the notes I type'.",
    "data_use": "Say what the information is used for and what it is not used for, e.g. 'only to write the draft; the company may not use it to train its AI or share it'.",
    "data_protection": "Be specific about protection: encryption, where it is stored, how long it is kept and when it is deleted, who can see it, the agreement with the vendor. 'We take privacy seriously' is not enough.",
    "risks_limitations": "Name the risks and limits: it can make mistakes or mishear, it may be biased, breaches are possible, and it is not for emergencies.",
    "human_oversight": "Say that you review and correct what it produces, and that it does not replace your clinical judgement.",
    "voluntary": "Say that saying no is fine and does not change the client's care.",
    "withdrawal": "Say that the client can change their mind later, and how: e.g. 'just tell me and I will turn it off'.",
    "questions": "Invite questions, or say whom to contact: e.g. 'What questions do you have?'",
}

#: Inputs longer than this many characters are only partly analysed (about 150 pages).
MAX_CHARS = 600_000
#: Scripts longer than this many words get a "too long for a consent script" warning.
LONG_WORDS = 1_500

_F = re.IGNORECASE


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), _F)


# Building blocks ---------------------------------------------------------------------------
_TOOL = (
    r"\b(?:a\.?i\.?|artificial[- ]intelligence|machine[- ]learning|computer|software|program(?:me)?s?|apps?|application|"
    r"tool|technology|platform|system|service|assistant|chat ?bot|scribe|note[- ]?taker|notetaker|dictation|"
    r"transcription|speech[- ]recognition|model|algorithm|automated)\b"
)
_DOES = (
    r"\b(?:listen\w*|recorded|records? what|record(?:s|ing)? (?:the|our|your|what|everything|each|every|all|sessions?|audio|conversations?|visits?|it)\b|transcrib\w*|draft\w*|writ\w*|wrote|types? (?:it|them|up|out)|typing (?:up|out)|summari[sz]\w*|"
    r"(?<!-)(?:generat|produc|creat)\w* (?:an? |the |your |my )?(?:\w+ ){0,2}(?:notes?|summar\w*|drafts?|transcripts?|documentation|text|reminders?|answers?|records?)\b|"
    r"turn\w* .{0,40}\binto\b|convert\w*|transform\w*|takes? notes|note[- ]?tak\w*|"
    r"answer\w*|suggests? (?:a|the) (?:note|draft|summary)|captur\w*|helps? me (?:write|with)|picks? up|prepar\w*|analy[sz]\w*|make\w* (?:a|the) (?:\w+ )?(?:draft|note|summary))"
)
_CLIENT_DATA = (
    r"\b(?:audio|recording|voice|transcript|what (?:we|you|i) (?:both )?(?:say|said|talk|discuss)|our (?:conversation|session|talk)s?|"
    r"the (?:therapy |clinical |counsel+ing |video |telehealth )?(?:conversation|session|encounter|visit)s?|your (?:name|date of birth|messages?|words|symptoms|information|data|details|responses|answers)|"
    r"personal (?:information|data|details)|(?:session|typed|case|clinical|progress) notes|the notes i type|the text i type|"
    r"sound of|metadata|messages you send|date of birth|what we talk about|(?:all )?(?:of )?our voices|your voice|the notes (?:your|my|the) (?:counsel+or|therapist|clinician|provider) types?)"
)

_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    "ai_description": [
        re.compile(rf"{_TOOL}[^.?!]{{0,120}}?{_DOES}", _F),
        re.compile(rf"\b(?:notes?|summar\w+|drafts?|transcripts?|documentation|text)\b (?:are |is |will be |gets? )?(?:written|drafted|generated|produced|prepared|typed|created)\b[^.?!]{{0,30}}?\b(?:by|with|using|through) (?:an? |the |our |this )?[\w-]*\s?{_TOOL}", _F),
        re.compile(r"\b(?:a\.?i\.?|artificial[- ]intelligence|automated)[- ](?:powered )?(?:note[- ]?taker|notetaker|transcription|dictation|note[- ]writing|writing|documentation)\b", _F),
        re.compile(r"\b(?:note[- ]?taking|note[- ]writing|dictation|transcription|speech[- ]recognition|summari[sz]ation) (?:tool|program|app|software|service|assistant)s?\b", _F),
        re.compile(r"\b(?:chat ?bot|automated service)\b", _F),
        re.compile(rf"(?-i:\b[A-Z][a-z]+(?:[A-Z][a-z]+|AI|MD|[A-Z]{2})\b)[^.?!]{{0,30}}?{_DOES}"),
    ],
    "data_collected": [
        re.compile(r"^\W*(?:the )?(?:information|data|what it (?:records|hears|gets|collects|uses))(?: (?:collected|it uses|we collect|recorded))?\s*:", _F),
        re.compile(r"\b(?:what's said|what is said|everything (?:we|you|i) (?:say|said|discuss|talk about|mention)|everything said|(?:captures?|records?|hears?|transcribes?) every word|what we discuss|what we talk about|what gets said|whatever we (?:say|talk about|discuss)|pick\w* up (?:both |all )?(?:of )?(?:our|your) voices)\b", _F),
        re.compile(r"\b(?:transcripts?|recordings?|(?:verbatim |written )?records?) of (?:the |your |our |each |every |all )?(?:\w+ )?(?:sessions?|visits?|conversations?|appointments?|encounters?)\b", _F),
        re.compile(r"\b(?:sessions?|visits?|conversations?|appointments?|encounters?) (?:would|will|are|is|gets?|may|might)? ?(?:be )?recorded\b", _F),
        re.compile(rf"\b(?:record\w*|captur\w*|collect\w*|hears?|listens? to|picks? up|takes? in|works? from|needs?|gets?|receives?|sees?|process\w*|sends?|sent|disclose\w*|convert\w*|notes? of)\b[^.?!]{{0,60}}?{_CLIENT_DATA}", _F),
        re.compile(rf"{_CLIENT_DATA}[^.?!]{{0,60}}\b(?:is|are|will be|gets?|get) (?:recorded|collected|captured|processed|sent|transcribed|shared|uploaded)", _F),
        re.compile(r"\b(?:what (?:it|the \w+|they) (?:collects?|receives?|records?|gets?|sees?|hears?)|what goes to|what (?:information|data) (?:does|will) (?:it|the \w+) (?:get|collect|record|receive|see|hear|use)|we collect|data we (?:collect|process)|information (?:it|we) collects?|the only thing (?:it|the \w+) gets)\b", _F),
        re.compile(r"\b(?:records? (?:our|the|your|each|every|all)? ?(?:therapy |counsel+ing |clinical |video |telehealth |group |family )?(?:sessions?|visits?|conversations?|encounters?|appointments?)|session (?:recording|audio)s?|audio recordings?|voice recordings?|records what (?:we|you))\b", _F),
    ],
    "data_use": [
        re.compile(r"\b(?:is|are|will be|would be|gets?|shall be|may be) (?:only |solely |just )?used\b", _F),
        re.compile(r"\b(?:used|use it|use them|uses it) (?:only |solely |just )?(?:to|for)\b", _F),
        re.compile(r"\btrain(?:s|ed|ing)?\b[^.?!]{0,60}\b(?:ai|models?|algorithms?|software|systems?|products?|tools?)\b|\bfor (?:model )?training\b|\b(?:not|never) (?:to )?(?:re)?use (?:anything|it|them|your|the|any)\b|\breuse\w*|\bsell(?:ing)?\b|\bfeed\w* (?:it|them|your \w+) into\b|\bai training\b|\b(?:only|solely|just) (?:exists? )?(?:to|so) (?:create|make|write|prepare|produce|i can)\b|\b(?:nobody|no one) else (?:gets to |can |will )?(?:use|see|have)\b|\bhelps? (?:make|improve) \w+ (?:smarter|better)|\bmakes? \w+ smarter\b|\b(?:used|for)\b[^.?!]{0,60}\bnothing (?:more|else)\b|\bfor your (?:chart|record|file)\b|\b(?:build|develop) (?:their|its|the company's) (?:technology|products?|ai|models?)\b", _F),
        re.compile(r"\b(?:improv\w* (?:its|their|our) (?:ai|models?|software|products?|services?|tools?)|model training|building their products|improve the service|quality improvement)\b", _F),
        re.compile(r"\b(?:sell|sold|rent|advertis\w*|marketing|third[- ]part\w*|affiliates|research partners|redisclos\w*)\b", _F),
        re.compile(r"\b(?:shar\w*|disclos\w*|hand (?:it|them) on|pass\w* (?:it|them) on)\b[^.?!]{0,60}\b(?:with|to)\b", _F),
        re.compile(r"\b(?:not|never|isn't|aren't|won't) (?:be )?(?:shared|sold|disclosed|passed on|used for)\b", _F),
        re.compile(r"\b(?:purpose|for the sole purpose|what (?:they|it|we) do with it|how (?:is )?(?:that|it|the information|your information|your data) (?:is )?used|how we use)\b", _F),
        re.compile(r"\bjust for your (?:clinical )?record\b|\bpass (?:it|them) along\b|\bmine (?:it|them|your)\b|\b(?:for|exists for) one reason\b|\b(?:only|sole|single) purpose\b|\bno other purpose\b|\bfor anything (?:other than|else but)\b|\bother than (?:your|the) (?:care|record|notes?|treatment)\b", _F),
    ],
    "data_protection": [
        re.compile(r"\b(?:encrypt\w*|aes[- ]?\d+|password[- ]protected|locked|secure (?:server|system|storage)|access controls?)\b", _F),
        re.compile(r"\b(?:delet\w*|eras\w*|destroy\w*|wiped?|purged?|removed (?:after|from|within)|permanently removed|never stored|not stored)\b", _F),
        re.compile(r"\b(?:retained|retention|retains? (?:it|them|data|records|recordings|transcripts|audio|notes)|kept (?:for|on|in|only)|keeps? (?:it|them) for|stored (?:on|in|for|securely|in accordance)|saved in|where (?:it is kept|it lives)|storage:|data cent(?:re|er)s?|servers? in)\b", _F),
        re.compile(r"\b(?:only|no one but|nobody but|just) (?:i|me|you|your (?:clinician|therapist|counsel+or|care team)|authori[sz]ed (?:personnel|staff)|the \w+ and \w+)\b[^.?!]{0,60}\b(?:can|will|may|has|have)\b[^.?!]{0,30}\b(?:see|access|open|read|view)\w*", _F),
        re.compile(r"\b(?:accessible only|access(?:ible)? to (?:your|the|authori[sz]ed)|who can (?:see|access)|only i have access|can access your records)\b", _F),
        re.compile(r"\b(?:business associate|b\.?a\.?a\.?\b|data (?:processing|protection) agreement|confidentiality agreements?|hipaa security rule)", _F),
    ],
    "risks_limitations": [
        re.compile(r"\b(?:mistakes?|errors?|erroneous|inaccura\w*|incorrect|get (?:things|it|words) wrong|gets? (?:things|it|words|something) wrong|mishears?|misheard|misunderstand\w*|misinterpret\w*|miss(?:es)? (?:things|sarcasm|context|important)|leave (?:things|important \w+) out|leave out|add things|incomplete|can'?t understand|cannot understand|not perfect|isn't perfect|imperfect|(?:aren't|isn't|not) flawless|garbl\w*|(?:get|gets|got|getting) [\w ]{0,15}wrong|go(?:es)? wrong|less (?:well|accurate(?:ly)?|reliabl[ey])|accents?|dialects?|not (?:a hundred|100) ?(?:percent|per cent|%)|wrong words?|not (?:always )?(?:accurate|right|correct)|(?:not|less) work as well|may not work|work as well for everyone|mix\w* (?:things|words) up|misses nuance|sometimes it's (?:off|wrong))\b", _F),
        re.compile(r"\b(?:bias\w*|breach\w*|hack\w*|unauthori[sz]ed access|leak\w*)\b", _F),
        re.compile(r"\b(?:emergenc\w*|crisis|988|911|in danger|not (?:monitored|watched)|not a substitute)\b", _F),
        re.compile(r"(?<!\bno )(?<!\bzero )(?<!\bwithout )(?<!\bwithout any )(?<!\bminimi[sz]e )(?<!\bminimi[sz]e the )\b(?:risks?(?!-free)|limitations?|limits|downsides?|drawbacks?)\b|\bno \w+ is risk-free", _F),
    ],
    "human_oversight": [
        re.compile(r"\b(?:i|we|clinicians?|therapists?|counsel+ors?|your (?:clinician|therapist|counsel+or|provider|doctor)|(?:licensed|treating) (?:provider|clinician)|they)\b(?: will| would| always| also| carefully| still| then| personally| myself| do)*\s(?:review\w*|read\w*|double-check\w*|check\w*|edit\w*|correct\w*|approv\w*|go(?:es)? (?:over|through)|look\w* (?:it )?over|fix\w*|sign\w*|rewrit\w*)\b", _F),
        re.compile(r"\b(?:reviewed|checked|approved|edited|corrected|signed|verified|authored)(?: and \w+)* by (?:me|your|the|a|my|licensed|an? \w+)", _F),
        re.compile(r"\b(?:for the clinician to review|must be reviewed|human review|a (?:person|human) (?:checks|reviews|reads))\b", _F),
        re.compile(r"\b(?:clinical judg(?:e)?ment|my judg(?:e)?ment|responsib\w*|final (?:say|word|decision)|in charge|(?:clinical )?(?:decisions?|determinations|calls)\b[^.?!]{0,50}\b(?:are made by|made by|i (?:make|do)|i'm the one|remain))\b", _F),
        re.compile(r"\b(?:does(?:n't| not)|do(?:n't| not)|won't|will not|never|not)\b[^.?!]{0,20}\b(?:replace\w*|make\w* (?:any )?(?:decisions|calls|clinical)|decide\w*|diagnos\w*)\b", _F),
        re.compile(r"\b(?:my|our) (?:own )?(?:careful |personal )?review\b|\bstays? with me\b|\b(?:clinician|therapist|counsel+or|provider|doctor|psychologist|social worker)s? (?:still )?makes? (?:every|all|the|each)(?: \w+)? decisions?\b", _F),
        re.compile(r"\bthe (?:person|one) (?:who )?(?:reads?|reviews?|approves?|checks?|finali[sz]es?|reading|reviewing|approving|checking|finali[sz]ing)\b|\bmy (?:name|signature) on\b", _F),
        re.compile(r"\b(?:(?:i'm|i am) the one (?:who|making|deciding|responsible)|making the (?:calls|decisions)|double-check\w* (?:it|them|everything)|i'm the one who|i am the one who|(?:i'm|i am) (?:always |still )the one who|i decide|i do\b|i still make|nothing\b[^.?!]{0,20}\b(?:ends up|goes) in(?:to)? your)\b", _F),
    ],
    "voluntary": [
        re.compile(r"\b(?:voluntary|optional|your (?:choice|call|decision)|up to you|entirely yours|(?:completely|totally|entirely) (?:your|up to))\b", _F),
        re.compile(r"\b(?:makes? no difference|no difference to|(?:absolutely|perfectly|completely|totally|entirely) (?:okay|ok|fine)|no hard feelings|nothing (?:else )?changes|(?:under )?no obligation|(?:feel )?(?:any|no) pressure|won't be any different|if you'?d prefer not|nothing about (?:our|your) (?:work|care|treatment|sessions?|therapy) (?:changes|will change)|won't be offended|exactly the same|(?:have|has|with) no (?:effect|impact|bearing) on|you get to decide|(?:at|in) (?:the client's|your|the patient's) discretion|without (?:any )?(?:impact|effect|penalty|consequence)s?|(?:nobody's|no one's|not) [\w ]{0,30}(?:is|be|will be) affected|not going to pressure|(?:doesn't|does not|won't|will not|nothing) \w* ?depends? on (?:it|this|your answer)|depends on it)\b", _F),
        re.compile(r"\b(?:if|unless) (?:you|either of you|any of you|anyone|even one of you|one of you|the whole idea|every(?:one| single person| person))\b[^.?!]{0,60}\b(?:we|i) (?:just )?(?:won't|will not|don't|do not)(?: use| record| turn|,|\.|$)", _F),
        re.compile(r"\b(?:you(?:'re| are)? (?:free to|can|may|could|are welcome to)|(?:the )?(?:i|client|patient|either of you|anyone|everyone|each of you) (?:may|can|is free to|are free to)|it's fine to|it is fine to|okay to|ok to|free to)\s(?:\w+\s)?(?:say no|decline|refuse|choose not|opt out|not (?:agree|use))\b", _F),
        re.compile(r"\b(?:do(?:n't| not) (?:have|need) to|not (?:have|need) to|are not required|is not required|not a (?:condition|prerequisite|requirement)|no pressure|you don't need to say yes)\b", _F),
        re.compile(r"\b(?:saying no|if you (?:say no|decline|refuse|don't want|do not want|'d rather not|would rather not)|if (?:any |even )?(?:one of you|anyone|either of you) (?:doesn't|does not|would rather not|objects?|says? no)|declin\w*|refus\w*|either way|whether or not|anyone who'?d rather not)\b[^.?!]{0,120}\b(?:affect\w*|chang\w*|same|fine|okay|ok|still|continue\w*|won't use|will not use|not use|carry on|just as|not result in|denial|penalt\w*|consequence\w*)\b", _F),
        re.compile(r"\b(?:won't|will not|does(?:n't| not)|shall not|is not) (?:affect|change|impact)\w*\b[^.?!]{0,40}\b(?:care|treatment|services?|therapy|sessions?|relationship|place|eligibility|anything|work|us)\b", _F),
        re.compile(r"\b(?:reply \w+ to (?:allow|accept) or \w+ to (?:decline|refuse)|only (?:use it )?if (?:every|each|you)\b[^.?!]{0,20}\b(?:agree|say yes|consent))", _F),
    ],
    "withdrawal": [
        re.compile(r"\b(?:withdraw\w*|revok\w*|revocation|revisit\w*|reconsider\w*|take it back|isn't forever|is not forever|changing your mind|(?:change|switch) (?:your|their|my) (?:mind|answer)|changes? (?:their|your) mind|pull your permission|opt out (?:of [^.?!]{0,40})?(?:any ?time|at any (?:time|point)|later))\b", _F),
        re.compile(r"\b(?:stop\w*|ditch|drop|quit|cancel|turn (?:it )?off|turned off|switch (?:it |\w+ \w+ \w+ )?off|pause|end)\b[^.?!]{0,60}\b(?:any ?time|at any (?:time|point)|at some point|whenever|later|next (?:time|week|visit)|from your next|halfway|in the middle|down the road|in (?:the )?future)\b", _F),
        re.compile(r"\b(?:any ?time|at any (?:time|point)|at some point|whenever you like|later|next (?:time|week)|down the road|feel differently|in (?:the )?future)\b[^.?!]{0,80}\b(?:stop|ditch|drop|quit|cancel|turn (?:it )?off|switch (?:it )?off|say no|rather (?:i|we) (?:not|turn|stop)|not next time|don't want|opt out)\w*", _F),
        re.compile(r"\b(?:isn't|is not) set in stone|not next time|come back and tell me|can stop (?:using it )?at any time|reply stop\b", _F),
    ],
    "questions": [
        re.compile(r"\b(?:any|what|other|more) questions\b|\bquestions\s*\?|\bqs\s*\?|\bany qs\b|\breply here\b", _F),
        re.compile(r"\b(?:questions?|concerns?|inquiries|unsure|confusing|worries you)\b[^.?!]{0,80}\b(?:ask|contact|call|e-?mail|reply|text|talk|reach|directed|let me know|go over)\w*", _F),
        re.compile(r"\b(?:ask (?:me|us|your|at|the)|want to ask (?:me|us|anything)|(?:you'?d|you would) like to ask|feel free to ask|opportunity to ask|happy to (?:explain|discuss|talk|go over|answer)|let's talk it through|talk (?:about it|it over|it through)|let me know (?:if|what) (?:you )?(?:have|think|any|you'?d like|want to talk)|reach (?:me|us|out)|contact (?:us|me|the|our|your)|call (?:us|me|the clinic|our office|the office)|(?:contact|e-?mail|write to)\s+\S+@|call\s+(?!988|911)\(?\d{3}|just text back|reply to this text)\b", _F),
        re.compile(r"\b(?:questions have been answered|my questions|(?:have|got|any) (?:a |any )?questions?)\b", _F),
        re.compile(r"\b(?:what (?:would|else would|do) you (?:like|want) to (?:know|ask)|anything (?:else )?(?:you'?d|you would|you) (?:want|like|need) to (?:know|ask)|(?:want|like) to know more|if you have (?:any )?(?:questions|concerns|worries)|come (?:and )?(?:see|talk to) me|ask away|i can (?:show|explain)|my door is open)\b", _F),
        re.compile(r"[\w.+-]+@[\w-]+\.(?:com|org|net)\b|\b555-01\d\d\b", _F),
    ],
}

# Sentences that match one of these do not count for the element (vague or contrary claims).
_EXCLUDE: dict[str, list[re.Pattern[str]]] = {
    "voluntary": [
        re.compile(r"\b(?:is|are) required\b(?![^.?!]*\bnot\b)|\bmust (?:agree|consent|accept|use)|\bby continuing\b|\bcannot (?:opt out|decline|refuse)|\bmandatory\b|(?<!not a )(?<!never a )\bcondition of (?:receiving )?(?:treatment|services?|care)\b", _F),
    ],
    "data_protection": [
        re.compile(r"^(?:[^.?!]*\b(?:privacy|security|your data) (?:is|are) (?:our|a) (?:top )?priority[^.?!]*|[^.?!]*\btakes? (?:your )?privacy (?:very )?seriously[^.?!]*)$", _F),
    ],
    "ai_description": [
        re.compile(r"^\W*like (?:any|all|every) (?:other )?(?:technology|tool|program|system|software)", _F),
    ],
    "human_oversight": [
        re.compile(r"\bwithout (?:any )?(?:human|clinician|my) review\b|\bno human\b|\bautomatically (?:added|entered|sent|filed)\b", _F),
    ],
    "questions": [
        re.compile(r"\bask (?:me|us|your \w+) to (?:stop|turn|switch|pause|end)\b(?![^.?!]*\bquestions?\b)", _F),
        re.compile(r"^\W*(?:frequently asked questions|faqs?)\W*$", _F),
    ],
}

_SIGNOFF_QUESTION = re.compile(r"^(?:q|question)\s*:\s*", _F)


@dataclass
class ConsentReport:
    """The result of :func:`check_script`.

    Attributes
    ----------
    elements : dict
        ``{element: bool}`` for all nine elements.
    evidence : dict
        ``{element: sentence or None}``: the first sentence that covers each element.
    missing : list of str
        The elements not found, in teaching order.
    grade_level : float
        Flesch-Kincaid grade level (one decimal).
    words : int
        Number of words.
    messages : list of str
        Warnings: empty input, not English, very long, truncated.
    language : str
        ``"en"`` if the text looks like English, else a best guess such as ``"es"``
        or ``"unknown"``.
    """

    elements: dict[str, bool]
    evidence: dict[str, str | None]
    missing: list[str]
    grade_level: float
    words: int
    messages: list[str] = field(default_factory=list)
    language: str = "en"

    @property
    def complete(self) -> bool:
        """True when all nine elements were found."""
        return not self.missing

    def as_dict(self, id: str | None = None) -> dict[str, Any]:
        """The JSON form used by ``course consent-check --json`` (exactly these keys)."""
        return {
            "id": id,
            "elements": dict(self.elements),
            "evidence": dict(self.evidence),
            "missing": list(self.missing),
            "grade_level": self.grade_level,
            "words": self.words,
        }

    def text(self) -> str:
        """A readable report for people."""
        lines = [f"Words: {self.words}    Reading grade level: {self.grade_level:.1f}"]
        lines += [f"Note: {m}" for m in self.messages]
        for el in ELEMENTS:
            mark = "[x]" if self.elements[el] else "[ ]"
            lines.append(f"{mark} {ELEMENT_NAMES[el]}")
            if self.evidence[el]:
                lines.append(f"      \"{_shorten(self.evidence[el])}\"")
        if self.missing:
            lines.append("Missing: " + ", ".join(self.missing))
            lines += [f"  - {el}: {SUGGESTIONS[el]}" for el in self.missing]
        else:
            lines.append("All nine elements are covered.")
        return "\n".join(lines)


def _shorten(s: str, n: int = 160) -> str:
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


# Messages (tests assert on them) -----------------------------------------------------------
EMPTY_MESSAGE = "The script is empty: there is nothing to check. Type or paste the words you would say to a client."
NOT_ENGLISH_MESSAGE = (
    "This does not look like English (it looks like {lang}). The checker only understands English, so its "
    "results would be meaningless; check a translation with a qualified interpreter or translator."
)
LONG_MESSAGE = (
    "This is {words:,} words long: far longer than a consent script a client can take in (aim for "
    "150 to 500 words). The elements were checked, but consider a short plain-language script plus the full document."
)
TRUNCATED_MESSAGE = "Only the first {chars:,} characters (about 150 pages) were checked; the rest was ignored."
NOT_TEXT_MESSAGE = "A consent script must be text (a string), not {kind}."

__all__ += ["EMPTY_MESSAGE", "NOT_ENGLISH_MESSAGE", "LONG_MESSAGE", "TRUNCATED_MESSAGE", "NOT_TEXT_MESSAGE"]

# Text utilities ----------------------------------------------------------------------------
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u024F]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)]|[a-z][.)])\s+", re.M)
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREV = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|Inc|Ltd|Co|e\.g|i\.e|etc|vs|No|approx)\.$", _F)
_MAX_SENTENCE = 800


def _normalise(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("\r\n", "\n")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; lines, bullets and Q/A lines count as separate sentences.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        Non-empty sentences, stripped, in order. Very long run-on "sentences" are cut
        into pieces of at most 800 characters so matching stays fast.
    """
    out: list[str] = []
    for line in _normalise(text).split("\n"):
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        pieces = _SENT_END.split(line)
        merged: list[str] = []
        for piece in pieces:
            if merged and _ABBREV.search(merged[-1]):
                merged[-1] = f"{merged[-1]} {piece}"
            else:
                merged.append(piece)
        for sentence in merged:
            sentence = sentence.strip()
            while len(sentence) > _MAX_SENTENCE:
                cut = sentence.rfind(" ", 0, _MAX_SENTENCE)
                cut = cut if cut > 0 else _MAX_SENTENCE
                out.append(sentence[:cut].strip())
                sentence = sentence[cut:].strip()
            if sentence:
                out.append(sentence)
    return out


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """Number of words in *text* (numbers count as words)."""
    return len(_words(text))


_VOWELS = re.compile(r"[aeiouy]+")


def count_syllables(word: str) -> int:
    """Estimate the syllables in one English word (a heuristic, right for most words).

    Counts groups of vowels, then corrects for a silent final *e*, *-es*/*-ed*
    endings, and consonant + *le* endings. Every word has at least one syllable.

    Examples
    --------
    >>> [count_syllables(w) for w in ["cat", "make", "table", "information", "recorded"]]
    [1, 1, 2, 4, 3]
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1 if any(ch.isdigit() for ch in word) else 0
    if len(w) <= 3:
        return 1
    groups = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    elif w.endswith("le") and len(w) > 2 and w[-3] not in "aeiouy" and groups == 1:
        groups += 1
    elif w.endswith(("es", "ed")) and groups > 1 and not re.search(r"(?:[td]ed|[szxg]es|[cs]hes|[aeiouy][aeiouy]s)$", w):
        groups -= 1
    if re.search(r"(?:ia|io[^u]|ua|ie[rt]|eo[^u])", w):
        groups += len(re.findall(r"(?:ia|ua|ier|iet|eo(?!u))", w))
    return max(1, groups)


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade level of *text*, rounded to one decimal.

    ``0.39 * words/sentences + 11.8 * syllables/words - 15.59`` (Kincaid et al.,
    1975). Each line or bullet counts as a sentence. Returns 0.0 for text without
    words; never negative.
    """
    words = [w for w in _words(text) if not w.isdigit()] or _words(text)
    if not words:
        return 0.0
    sentences = max(1, len(split_sentences(text)))
    syllables = sum(count_syllables(w) for w in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59
    return round(max(0.0, grade), 1)


# Language detection ------------------------------------------------------------------------
_STOPWORDS = {
    "en": "the and to of a in is it you that i for this we your be with are on not will can or have as do if what our they my me about at by from",
    "es": "el la de que y en los las un una es por con para su se al lo del como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también usted puede",
    "fr": "le la les de des et en un une est que qui dans pour pas sur au du ce il elle vous nous avec ne se plus par son sont cette votre peut",
    "de": "der die das und ist nicht zu den von mit sich des auf für im dem ein eine als auch es an werden aus er hat dass sie nach bei ihre sind wir können",
    "pt": "o a os as de que e do da em um uma para com não no na por mais dos das se ao ele ela seu sua ou você são pode",
    "it": "il lo la i gli le di che e è un una per con non del della sono come anche ma si può suo sua questo questa",
    "nl": "de het een en van is dat op te in voor niet met zijn je ik wij ze er maar om aan ook als dan u kunt",
}
_STOPSETS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_LANG_NAMES = {
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "zh": "Chinese or Japanese",
    "ar": "Arabic",
    "ru": "Russian or another Cyrillic-script language",
    "el": "Greek",
    "he": "Hebrew",
    "hi": "Hindi or another Indic-script language",
    "ko": "Korean",
    "unknown": "another language",
}
_SCRIPTS = [
    ("zh", re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("hi", re.compile(r"[\u0900-\u0dff]")),
]


def detect_language(text: str) -> str:
    """Guess whether *text* is English.

    Returns ``"en"``, an ISO 639-1 code for a few common languages (by script or by
    their most frequent short words), or ``"unknown"``. Good enough to say "this
    does not look like English"; not a general language identifier. Short texts
    (fewer than four words) are given the benefit of the doubt.
    """
    sample = text[:20_000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "en"
    for code, rx in _SCRIPTS:
        if len(rx.findall(sample)) > 0.3 * len(letters):
            return code
    tokens = [w.lower() for w in _words(sample)]
    if len(tokens) < 4:
        return "en"
    scores = {lang: sum(t in stops for t in tokens) / len(tokens) for lang, stops in _STOPSETS.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores["en"] >= 0.12 and (best == "en" or scores["en"] >= 0.6 * scores[best]):
        return "en"
    if scores[best] >= 0.12:
        return best
    ascii_share = sum(ch.isascii() for ch in letters) / len(letters)
    if ascii_share > 0.97 and (scores["en"] >= 0.05 or len(tokens) < 40):
        return "en"  # terse English: headings, text messages, form fields
    return "unknown"


# The checker -------------------------------------------------------------------------------
# "It transcribes what we say ...": a pronoun doing a tool's job, once a tool has been named.
_TOOL_RX = re.compile(_TOOL, _F)
_IT_DOES = re.compile(rf"^(?:[\w ]{{0,40}}:\s*)?(?:so |then |basically |and )?\bit\b(?:'s| is| will| would| just| also| then| basically| simply| automatically| only| can)*\s+{_DOES}", _F)


_WHAT_IS_IT = re.compile(r"\bwhat (?:does it do|is it|it does)\b", _F)


def _matches(element: str, sentence: str, tool_seen: bool = False) -> bool:
    if any(rx.search(sentence) for rx in _EXCLUDE.get(element, ())):
        return False
    if any(rx.search(sentence) for rx in _PATTERNS[element]):
        return True
    return element == "ai_description" and tool_seen and bool(_IT_DOES.search(sentence))


def check_script(text: str) -> ConsentReport:
    """Check a consent script for the nine consent elements.

    Parameters
    ----------
    text : str
        The script, as the client would hear or read it.

    Returns
    -------
    ConsentReport
        Which elements were found (with the sentence that covers each), which are
        missing, the reading grade level, the word count and any warnings. Empty,
        non-English and very long input give a clear message rather than an error.

    Raises
    ------
    TypeError
        If *text* is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(NOT_TEXT_MESSAGE.format(kind=type(text).__name__))
    messages: list[str] = []
    if not text.strip() or not _WORD.search(text):
        return ConsentReport(
            elements=dict.fromkeys(ELEMENTS, False),
            evidence=dict.fromkeys(ELEMENTS),
            missing=list(ELEMENTS),
            grade_level=0.0,
            words=0,
            messages=[EMPTY_MESSAGE],
        )
    words = word_count(text)
    if len(text) > MAX_CHARS:
        messages.append(TRUNCATED_MESSAGE.format(chars=MAX_CHARS))
        text = text[:MAX_CHARS]
    language = detect_language(text)
    if language != "en":
        messages.append(NOT_ENGLISH_MESSAGE.format(lang=_LANG_NAMES.get(language, "another language")))
    if words > LONG_WORDS:
        messages.append(LONG_MESSAGE.format(words=words))
    evidence: dict[str, str | None] = dict.fromkeys(ELEMENTS)
    todo = set(ELEMENTS)
    tool_seen = False
    for sentence in split_sentences(text):
        for element in list(todo):
            if _matches(element, sentence, tool_seen):
                evidence[element] = sentence
                todo.discard(element)
        tool_seen = tool_seen or bool(_TOOL_RX.search(sentence) or _WHAT_IS_IT.search(sentence))
        if not todo:
            break
    elements = {el: evidence[el] is not None for el in ELEMENTS}
    return ConsentReport(
        elements=elements,
        evidence=evidence,
        missing=[el for el in ELEMENTS if not elements[el]],
        grade_level=fk_grade(text),
        words=words,
        messages=messages,
        language=language,
    )


def check_many(items: Iterable[tuple[str, str]]) -> list[tuple[str, ConsentReport]]:
    """Check several ``(id, text)`` scripts; returns ``[(id, report), ...]``."""
    return [(i, check_script(t)) for i, t in items]


__all__ += ["check_many"]
