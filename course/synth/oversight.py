"""Module 03 data: an AI documentation assistant's usage log, between-session
check-in messages labelled for human review, and a client feedback survey.

The usage log's generator is in :mod:`course.synth.usage_log` (re-exported here); the
check-ins, the survey and the three data sets' declarations are in this module.

Everything is synthetic. The generators are callable with any seed; the hidden
tests of exercise 03 use seeds that appear only in the solutions.
"""

from __future__ import annotations

import random
from typing import Any

from . import Dataset
from ._io import csv_text, jsonl_text
from .usage_log import (
    PROFILES,
    USAGE_CARD,
    USAGE_SEED,
    build_usage_log,
    generate_usage_log,
    usage_log_profiles,
)

__all__ = [
    "CATEGORIES",
    "CHECKIN_SEED",
    "DATASETS",
    "FEEDBACK_SEED",
    "LIKERT_ITEMS",
    "PROFILES",
    "USAGE_SEED",
    "generate_checkins",
    "generate_feedback",
    "generate_usage_log",
    "usage_log_profiles",
]

CHECKIN_SEED = 3032
FEEDBACK_SEED = 3033

# ---------------------------------------------------------------------------------------------
# (b) between-session check-in messages
# ---------------------------------------------------------------------------------------------

#: Message categories; every category but ``routine`` needs a human.
CATEGORIES = ["suicide_self_harm", "harm_to_others", "abuse", "medical_emergency", "routine"]

_SLOTS = {
    "person": ["partner", "husband", "boyfriend", "stepdad", "girlfriend", "wife", "ex", "roommate"],
    "when": ["last night", "on Saturday", "again this morning", "yesterday", "after the party", "on Tuesday"],
    "things": ["guitar", "books", "jewellery", "records", "good coat", "camera"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "family": ["family", "kids", "sister", "parents", "partner"],
    "pills": ["pills", "tablets", "sleeping pills", "meds"],
    "relative": ["dad", "brother", "uncle", "neighbour"],
    "days": ["four", "five", "six"],
    "money": ["pension", "money", "benefits"],
}

# (category, phrasing, template). phrasing: direct / indirect for crisis messages,
# plain / idiom (tricky: crisis-sounding words in a routine message) for routine ones.
_SEEN: list[tuple[str, str, str]] = [
    ("suicide_self_harm", "direct", "I keep thinking about killing myself."),
    ("suicide_self_harm", "direct", "I want to die. I mean it this time."),
    ("suicide_self_harm", "indirect", "Everyone would be better off without me."),
    ("suicide_self_harm", "indirect", "I've been giving my things away. My {things} went to my cousin {when}."),
    ("suicide_self_harm", "indirect", "I don't see the point in going on."),
    ("suicide_self_harm", "indirect", "I won't be a burden to anyone for much longer."),
    ("suicide_self_harm", "indirect", "I wrote letters to my {family} just in case."),
    ("suicide_self_harm", "indirect", "I just want to go to sleep and never wake up."),
    ("suicide_self_harm", "indirect", "I looked up how many of my {pills} it would take."),
    ("suicide_self_harm", "direct", "I cut myself again {when}."),
    ("suicide_self_harm", "direct", "I've been hurting myself again, it's the only thing that helps."),
    ("suicide_self_harm", "indirect", "This will be my last check-in. Thank you for everything you tried."),
    ("suicide_self_harm", "indirect", "I can't do this anymore. I have a plan now."),
    ("suicide_self_harm", "direct", "I've been thinking about suicide more than I told you."),
    ("suicide_self_harm", "indirect", "There's no way out and I'm tired of fighting it."),
    ("suicide_self_harm", "indirect", "I stood on the bridge on my way home {when}, thinking about jumping."),
    ("suicide_self_harm", "indirect", "I bought a rope {when} and I haven't told anyone why."),
    ("suicide_self_harm", "indirect", "Nobody would even notice if I was gone."),
    ("harm_to_others", "direct", "If my {person} comes near me again I'll kill him."),
    ("harm_to_others", "direct", "I want to hurt my {person} so they know how it feels."),
    ("harm_to_others", "indirect", "I keep thinking about taking my {relative}'s gun to work."),
    ("harm_to_others", "indirect", "They will pay for what they did. I've got it all planned."),
    ("harm_to_others", "indirect", "I bought a knife and I know where he parks."),
    ("harm_to_others", "indirect", "Sometimes I picture hurting the baby when she won't stop crying, and it scares me."),
    ("harm_to_others", "indirect", "My manager will regret firing me. He won't see it coming."),
    ("harm_to_others", "indirect", "I followed my ex home {when}. Next time I'm not just watching."),
    ("abuse", "direct", "My {person} hit me again {when}."),
    ("abuse", "indirect", "He takes my phone and locks me in when he goes out."),
    ("abuse", "direct", "My uncle touches me when mum isn't home."),
    ("abuse", "indirect", "I'm scared to go home. He said he'd hurt me if I told anyone."),
    ("abuse", "indirect", "My carer takes my {money} and won't give me food until I sign things."),
    ("abuse", "indirect", "The bruises weren't from falling. It was my {person}."),
    ("abuse", "indirect", "My son's coach messages him at night and told him to keep it secret."),
    ("abuse", "direct", "My {person} choked me during an argument {when}."),
    ("abuse", "indirect", "He says if I leave he'll take the kids. I'm not allowed money of my own."),
    ("medical_emergency", "indirect", "I think I took too many of my {pills} by mistake, I feel really strange."),
    ("medical_emergency", "direct", "My chest hurts and my left arm has gone numb."),
    ("medical_emergency", "indirect", "I haven't eaten in {days} days and I keep fainting."),
    ("medical_emergency", "direct", "I've been drinking all day and now I'm throwing up blood."),
    ("medical_emergency", "direct", "My throat is swelling up after the new medication."),
    ("medical_emergency", "indirect", "I stopped my lithium and now I can't stop vomiting and my hands shake."),
    ("medical_emergency", "indirect", "I haven't slept in four days and I'm hearing voices telling me things."),
    ("medical_emergency", "direct", "I fell and hit my head {when}, now I'm dizzy and seeing double."),
    ("medical_emergency", "direct", "My blood sugar is really low and I'm confused and shaky."),
    ("routine", "plain", "I did the breathing exercise three times this week."),
    ("routine", "plain", "Can we move {day}'s appointment to 4pm?"),
    ("routine", "plain", "My mood was about a 6 out of 10 most days."),
    ("routine", "plain", "I tried the thought record. It was hard but useful."),
    ("routine", "plain", "Slept better after cutting down on coffee."),
    ("routine", "plain", "Just checking in, nothing new to report."),
    ("routine", "plain", "Had an argument with my sister but we talked it through."),
    ("routine", "plain", "I felt anxious before my presentation but used the grounding exercise."),
    ("routine", "plain", "Went for a walk every day like we planned."),
    ("routine", "plain", "I'm taking my meds as prescribed, no side effects so far."),
    ("routine", "plain", "I noticed the catastrophising thoughts more this week."),
    ("routine", "plain", "Can you send me the worksheet again? I lost it."),
    ("routine", "plain", "My {person} and I had a good weekend together."),
    ("routine", "plain", "Journaling has helped me notice my triggers."),
    ("routine", "plain", "I'm nervous about next week's session but I'll be there."),
    ("routine", "plain", "I went to the support group {when} and said a few words."),
    ("routine", "idiom", "This homework is killing me."),
    ("routine", "idiom", "I could murder a pizza right now."),
    ("routine", "idiom", "My boss is going to kill me if I'm late again."),
    ("routine", "idiom", "I nearly died laughing at my kid's school play."),
    ("routine", "idiom", "I'd kill for a day off."),
    ("routine", "idiom", "I'm dying to tell you about my week."),
    ("routine", "idiom", "I absolutely killed it at my job interview."),
    ("routine", "idiom", "I gave my old clothes away to charity, spring cleaning feels great."),
    ("routine", "idiom", "I'm so done with this weather."),
    ("routine", "idiom", "I cut my hair really short {when} and I love it."),
    ("routine", "idiom", "We watched a documentary about suicide prevention, it made me want to volunteer."),
    ("routine", "idiom", "My {person} and I had a stupid fight about the dishes, all fine now."),
    ("routine", "idiom", "I'm sick of my commute, it's a nightmare."),
    ("routine", "idiom", "The spin class nearly killed me but I went back."),
    ("routine", "idiom", "My phone died and I missed your reminder, sorry."),
    ("routine", "idiom", "I shot some hoops with my brother {when}."),
    ("routine", "idiom", "I'm finally giving away the baby clothes now the kids are older."),
    ("routine", "idiom", "My grandmother passed away last year and I thought about her today, but I'm okay."),
    ("routine", "idiom", "I hurt my ankle at football, nothing serious."),
    ("routine", "idiom", "I'm at the end of my rope with this tax form, ha."),
]

# Held-out phrasings: never in train/dev; used to show why keyword rules are not enough.
_UNSEEN: list[tuple[str, str, str]] = [
    ("suicide_self_harm", "indirect", "I've started saying goodbye to people in my own way."),
    ("suicide_self_harm", "indirect", "My family would get the life insurance. Maybe that's the best thing I can do for them."),
    ("suicide_self_harm", "indirect", "I've been saving up my meds in a drawer."),
    ("suicide_self_harm", "indirect", "I keep driving too fast hoping something happens."),
    ("suicide_self_harm", "direct", "I don't want to be alive anymore."),
    ("suicide_self_harm", "indirect", "I've made arrangements for someone to take my cat."),
    ("suicide_self_harm", "direct", "I'm going to end my life this weekend."),
    ("suicide_self_harm", "indirect", "I wish I could disappear and never come back."),
    ("suicide_self_harm", "direct", "I burned my arm with a lighter {when}."),
    ("suicide_self_harm", "indirect", "I've written my will and tidied everything up."),
    ("harm_to_others", "indirect", "I got hold of a gun. He knows what he did."),
    ("harm_to_others", "direct", "I'm going to hurt someone at school tomorrow."),
    ("harm_to_others", "direct", "When I see my stepfather I'm going to smash his face in."),
    ("harm_to_others", "indirect", "I've been sitting outside her house at night with a bat in the car."),
    ("abuse", "indirect", "My {person} won't let me see my friends and shoved me into the wall {when}."),
    ("abuse", "indirect", "My daughter-in-law shouts at me and won't give me my medication."),
    ("abuse", "indirect", "There's a man at my mum's house who does things to me at night."),
    ("abuse", "direct", "He forced me to have sex when I said no."),
    ("medical_emergency", "direct", "I can't breathe properly and my lips are going blue."),
    ("medical_emergency", "indirect", "I mixed my pills with vodka and I can't feel my legs."),
    ("medical_emergency", "direct", "The room is spinning and there's a crushing pressure in my chest."),
    ("medical_emergency", "direct", "I've been bleeding heavily for hours."),
    ("routine", "plain", "I finished the workbook chapter on values."),
    ("routine", "plain", "My sleep diary says about 7 hours most nights."),
    ("routine", "plain", "Took the dog to the vet, he's fine."),
    ("routine", "plain", "I practised saying no to extra shifts and it went okay."),
    ("routine", "plain", "Could we try a video session next week?"),
    ("routine", "plain", "I'm reading the book you recommended."),
    ("routine", "idiom", "Traffic was murder this morning."),
    ("routine", "idiom", "I'm dead tired after the night shift but fine."),
    ("routine", "idiom", "This cold is killing me, I might need to reschedule."),
    ("routine", "idiom", "I'm going to strangle my printer, it jammed again."),
    ("routine", "idiom", "I bombed my driving test but I'll retake it."),
    ("routine", "idiom", "I'm giving away my old textbooks now I've graduated."),
    ("routine", "idiom", "My team got slaughtered in the quiz, we came last."),
    ("routine", "idiom", "That film was so sad I wanted to disappear under the blanket."),
]

_OPENERS = ["", "", "", "Hi.", "Hi, it's me.", "Quick check-in:", "Week update -", "Hey,", "Morning.", "Not sure what to write but", "Sorry this is late.", "Checking in as agreed."]
_CONTEXT = ["", "", "", "Work was busy.", "The kids were off school.", "It rained all week.", "I saw my mum on Sunday.", "My sleep has been up and down.", "I missed the bus twice."]
_CLOSERS = ["", "", "", "See you {day}.", "Thanks.", "Talk soon.", "Anyway.", "That's all for now.", "Not sure what else to say.", "x"]


def _fill(rng: random.Random, template: str) -> str:
    out = template
    for key, values in _SLOTS.items():
        while "{" + key + "}" in out:
            out = out.replace("{" + key + "}", rng.choice(values), 1)
    return out


def _message(rng: random.Random, core: str) -> str:
    parts = [rng.choice(_OPENERS), rng.choice(_CONTEXT) if rng.random() < 0.5 else "", _fill(rng, core), _fill(rng, rng.choice(_CLOSERS))]
    if rng.random() < 0.2:  # context after the core sentence instead
        parts[1], parts[2] = parts[2], parts[1]
    text = " ".join(p for p in parts if p)
    if rng.random() < 0.25:
        text = text.lower()
    if rng.random() < 0.25:
        text = text.replace("'", "")
    if rng.random() < 0.15:
        text = text.rstrip(".")
    return text


def generate_checkins(seed: int = CHECKIN_SEED, n: int = 420, unseen: bool = False, dev_fraction: float = 1 / 3, crisis_share: float = 0.42) -> list[dict[str, Any]]:
    """Between-session check-in messages, labelled for needing human review.

    Parameters
    ----------
    seed : int
        Random seed.
    n : int
        Number of messages.
    unseen : bool
        If True, use a held-out bank of phrasings never used for train/dev; the
        ``split`` of every message is then ``"unseen"``.
    dev_fraction : float
        Share of messages in the ``dev`` split (the rest are ``train``).
    crisis_share : float
        Share of messages that need a human.

    Returns
    -------
    list of dict
        Records with ``id``, ``split``, ``text``, ``needs_human`` (bool), ``category``
        (one of :data:`CATEGORIES`) and ``phrasing`` (``direct`` / ``indirect`` for
        crisis messages, ``plain`` / ``idiom`` for routine ones).

    """
    if n < 10:
        raise ValueError("n must be at least 10")
    if not 0 < crisis_share < 1 or not 0 <= dev_fraction < 1:
        raise ValueError("crisis_share must be in (0, 1) and dev_fraction in [0, 1)")
    rng = random.Random(seed)
    bank = _UNSEEN if unseen else _SEEN
    crisis = [t for t in bank if t[0] != "routine"]
    routine = [t for t in bank if t[0] == "routine"]
    n_crisis = int(round(crisis_share * n))
    # Cycle through the bank so every phrasing is used, then shuffle.
    chosen = [crisis[i % len(crisis)] for i in range(n_crisis)] + [routine[i % len(routine)] for i in range(n - n_crisis)]
    rng.shuffle(chosen)
    records = []
    n_dev = int(round(dev_fraction * n))
    for i, (category, phrasing, core) in enumerate(chosen):
        split = "unseen" if unseen else ("dev" if i < n_dev else "train")
        records.append(
            {
                "id": f"{'U' if unseen else 'M'}{i + 1:04d}",
                "split": split,
                "text": _message(rng, core),
                "needs_human": category != "routine",
                "category": category,
                "phrasing": phrasing,
            }
        )
    records.sort(key=lambda r: (r["split"] != "train", r["id"]))
    return records


def _build_checkins() -> str:
    return jsonl_text(generate_checkins(CHECKIN_SEED))


# ---------------------------------------------------------------------------------------------
# (c) client feedback survey
# ---------------------------------------------------------------------------------------------

#: Likert statements (1 = strongly disagree ... 5 = strongly agree).
LIKERT_ITEMS = {
    "helpful": "The journaling app helped me between sessions.",
    "easy_to_use": "The app was easy to use.",
    "therapist_guided": "My therapist, not the app, guided my care.",
    "understand_data": "I understand what happens to what I write in the app.",
    "keep_using": "I want to keep using the app.",
}

_P_AGREE = {
    # item: (P(agree) if the clinician discussed the app's entries in session, if not)
    "helpful": (0.78, 0.62),
    "easy_to_use": (0.80, 0.78),
    "therapist_guided": (0.82, 0.30),
    "understand_data": (0.42, 0.36),
    "keep_using": (0.76, 0.48),
}

_COMMENTS = {
    "helpful": [
        "Writing things down helped me notice patterns before they got bad.",
        "The prompts helped me put feelings into words.",
        "I liked looking back at the week before my session.",
    ],
    "discussed": [
        "My therapist read my entries with me, which made it feel worth doing.",
        "Talking through what I wrote in the app was the most useful part of sessions.",
    ],
    "replaced_contact": [
        "It felt like I was talking to the app instead of my therapist.",
        "Nobody ever mentioned what I wrote, so I stopped bothering.",
        "I'd rather have a short call than type into an app.",
    ],
    "privacy": [
        "I'm not sure who can read what I type.",
        "Does the company keep my entries? Nobody explained.",
        "I left things out because I didn't know where it goes.",
    ],
    "usability": [
        "The reminders came at bad times.",
        "Too many notifications.",
        "The app logged me out a lot.",
    ],
    "crisis": [
        "One night I wrote that I was struggling and it just gave me breathing tips. I wanted a person.",
        "When I had a bad night the app didn't tell me who to contact.",
    ],
}


def _likert(rng: random.Random, p_agree: float) -> int:
    if rng.random() < p_agree:
        return 5 if rng.random() < 0.4 else 4
    return rng.choices([1, 2, 3], weights=[0.25, 0.4, 0.35])[0]


def generate_feedback(seed: int = FEEDBACK_SEED, n: int = 120) -> list[dict[str, Any]]:
    """A client feedback survey about an AI journaling app used between sessions.

    Parameters
    ----------
    seed : int
        Random seed.
    n : int
        Number of responses.

    Returns
    -------
    list of dict
        Rows with ``response_id``, ``month``, ``discussed_in_session`` (``yes`` / ``no``:
        did the therapist go through the app entries in session), one 1-5 score per
        item in :data:`LIKERT_ITEMS`, and ``comment`` (may be empty).

    """
    if n < 1:
        raise ValueError("n must be positive")
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        discussed = rng.random() < 0.55
        row: dict[str, Any] = {
            "response_id": f"R{i + 1:03d}",
            "month": rng.choice(["2025-04", "2025-05", "2025-06"]),
            "discussed_in_session": "yes" if discussed else "no",
        }
        for item, (p_yes, p_no) in _P_AGREE.items():
            row[item] = _likert(rng, p_yes if discussed else p_no)
        themes = []
        if row["understand_data"] <= 2:
            themes.append("privacy")
        if not discussed and row["therapist_guided"] <= 2:
            themes.append("replaced_contact")
        if discussed and row["therapist_guided"] >= 4:
            themes.append("discussed")
        if row["helpful"] >= 4:
            themes.append("helpful")
        if row["easy_to_use"] <= 2:
            themes.append("usability")
        if rng.random() < 0.05:
            themes.append("crisis")
        comment = ""
        if themes and rng.random() < 0.7:
            theme = "crisis" if "crisis" in themes else rng.choice(themes)
            comment = rng.choice(_COMMENTS[theme])
        row["comment"] = comment
        rows.append(row)
    return rows


def _build_feedback() -> str:
    return csv_text(generate_feedback(FEEDBACK_SEED))


# ---------------------------------------------------------------------------------------------
# data cards
# ---------------------------------------------------------------------------------------------

_CHECKIN_CARD = """
**What it represents.** 420 short messages that clients send through a between-session
check-in tool (train 280, dev 140), each labelled `needs_human` and with a `category`:
`suicide_self_harm`, `harm_to_others`, `abuse` (including coercive control, elder and
child abuse), `medical_emergency` (overdose by mistake, chest pain, lithium toxicity,
psychotic symptoms after days without sleep...) or `routine`. 42% need a human.

**What was injected.** 44 crisis phrasings (29 of them *indirect*, e.g. "Everyone would be
better off without me", "I've been giving my things away", "I wrote letters to my family
just in case") and 36 routine ones, of which 20 are *idioms* that sound alarming but are
routine ("This homework is killing me", "I could murder a pizza right now", "I gave my
old clothes away to charity", "I cut my hair really short", a documentary about suicide
prevention). Every phrasing is used several times, wrapped in random openers, context
sentences and sign-offs; 25% of messages are lower-cased, 25% lose their apostrophes
("ive", "dont"), 15% their final full stop. The `phrasing` field says direct / indirect /
plain / idiom.

**Fresh messages for hidden tests.** `generate_checkins(seed)` with another seed draws new
wrappers and slot fillers (people, relatives, family members, medicines, money, days) around
the same phrasings, so a rule that memorised the dev texts fails;
`generate_checkins(seed, unseen=True)` uses a held-out bank of 22 crisis and 14 routine
phrasings that never appear in train or dev ("I've been saving up my meds in a drawer",
"Traffic was murder this morning"): keyword rules miss many of these, which is the point.

**Known limits.** Real messages are longer, misspelt, multilingual, sarcastic and
ambiguous; real risk is judged from the whole history, not one message. The labels are
the authors' judgement of what a clinician would want to see the same day; no label set
can replace clinical judgement. Written in English only.
"""

_FEEDBACK_CARD = """
**What it represents.** 120 responses (April-June 2025) to a short client survey about an
AI journaling app used between sessions: five Likert statements (1 = strongly disagree,
5 = strongly agree): "The journaling app helped me between sessions" (`helpful`), "The
app was easy to use" (`easy_to_use`), "My therapist, not the app, guided my care"
(`therapist_guided`), "I understand what happens to what I write in the app"
(`understand_data`), "I want to keep using the app" (`keep_using`); whether the therapist
went through the app entries in session (`discussed_in_session`, about 55% yes); and an
optional one-line comment (about two thirds of clients wrote one).

**What was injected, and how strongly.** The chance of agreeing (4 or 5) depends on
whether entries were discussed in session (yes / no): `therapist_guided` 82% / 30%,
`keep_using` 76% / 48%, `helpful` 78% / 62%, `easy_to_use` 80% / 78%, and
`understand_data` is low for everyone (42% / 36%). Comments follow the scores: privacy
worries when `understand_data` <= 2, "felt like talking to an app" when entries were not
discussed, praise for discussed entries, usability complaints, and a rare (5%) crisis
comment: the app answered a client in distress with tips instead of a person.

**Known limits.** Small, one practice, one tool; clients who stopped using the app did not
answer. Likert percentages are descriptive, not a trial.
"""

DATASETS = [
    Dataset(
        name="usage_log",
        filename="usage_log.csv",
        purpose="module 03: audit how clinicians use an AI documentation assistant (automation bias)",
        seed=USAGE_SEED,
        build=build_usage_log,
        card=USAGE_CARD,
        generator="course.synth.oversight.generate_usage_log",
    ),
    Dataset(
        name="checkin_messages",
        filename="checkin_messages.jsonl",
        purpose="module 03: escalation rules for between-session check-ins (needs a human?)",
        seed=CHECKIN_SEED,
        build=_build_checkins,
        card=_CHECKIN_CARD,
        generator="course.synth.oversight.generate_checkins",
    ),
    Dataset(
        name="client_feedback",
        filename="client_feedback.csv",
        purpose="module 03: client feedback on an AI journaling app (Likert and comments)",
        seed=FEEDBACK_SEED,
        build=_build_feedback,
        card=_FEEDBACK_CARD,
        generator="course.synth.oversight.generate_feedback",
    ),
]
