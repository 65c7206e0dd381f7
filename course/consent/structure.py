"""The layout of a consent text: which sentence sits under which heading.

Consent texts come as spoken paragraphs, FAQs, forms with numbered clauses, bulleted
handouts, Markdown, tables, app screens, text-message parts and transcripts. A sentence
often only makes sense with its heading: under "What does it collect?" the answer may be
a bare list of nouns; under "Can I stop?" the answer may be "Yes." :func:`segment` turns
any of these layouts into a flat list of :class:`Unit` (one sentence each) that knows its
heading and, for a yes/no heading, whether the answer was yes or no. :func:`tool_names`
finds the names a text gives its tool ("an app called X", "X, an AI program").
"""

from __future__ import annotations

from dataclasses import dataclass

from .patterns import CLIENT_NOUNS, NAME_STOP, STAFF_NOUNS, TOOL_NOUNS, rx
from .readability import normalise, split_line

__all__ = ["Unit", "segment", "tool_names", "clean_inline"]

_MAX_HEADING_WORDS = 14


@dataclass
class Unit:
    """One sentence of a consent text, with its place in the layout.

    Attributes
    ----------
    text : str
        The sentence, without bullets, numbering, speaker labels or table bars.
    heading : str or None
        The heading the sentence sits under: a section heading, an FAQ question, a
        table row's first cell, a form clause's title or an inline label ("Limits: ...").
    is_heading : bool
        The sentence *is* a heading (it is kept so that "Questions?" still counts).
    answer : str or None
        ``"yes"`` or ``"no"`` when the sentence starts the answer to a yes/no heading.
    index : int
        Position in the text.

    """

    text: str
    heading: str | None = None
    is_heading: bool = False
    answer: str | None = None
    index: int = 0

    @property
    def with_heading(self) -> str:
        """The sentence preceded by its heading (what a reader takes in)."""
        return f"{self.heading}: {self.text}" if self.heading and not self.is_heading else self.text


def clean_inline(text: str) -> str:
    """Remove Markdown emphasis and surrounding space."""
    if "*" in text or "_" in text or "`" in text:
        text = rx("emphasis").sub("", text)
    return text.strip()


def _polarity(sentence: str) -> str | None:
    s = sentence.strip(" \"'(").lower()
    if rx("yes").match(s):
        return "yes"
    if rx("no").match(s) and not s.startswith(("no one", "nobody", "nothing", "none of", "no-one")):
        return "no"
    return None


def _is_question(sentence: str) -> bool:
    return sentence.rstrip(" *\"')").endswith("?")


def _headingish(line: str) -> bool:
    """A short line with no closing full stop: a title or heading."""
    words = line.split()
    return 0 < len(words) <= _MAX_HEADING_WORDS and not line.rstrip(" *\"')").endswith((".", ",", ";", "!"))


def _strip_prefixes(line: str) -> tuple[str, bool, str | None, bool]:
    """Remove text-message part numbers, screen labels, speaker labels and bullets.

    Returns ``(rest, is_speaker_turn, qa, bulleted)`` where *qa* is ``"q"`` or ``"a"``
    for FAQ prefixes and *bulleted* says the line was a list item.
    """
    speaker = False
    qa = None
    bulleted = bool(rx("bullet").match(line))
    for _ in range(3):
        before = line
        line = rx("part_prefix").sub("", line, count=1)
        line = rx("part_suffix").sub("", line, count=1)
        m = rx("qa_prefix").match(line)
        if m:
            qa = "q" if m.group(1).lower().startswith("q") else "a"
            line = line[m.end():]
        m = rx("speaker").match(line)
        if m and not qa and len(m.group(1).split()) <= 4 and not m.group(1).lower().startswith(("note", "tip", "important")):
            label = m.group(1)
            if label.isupper() or "(" in label or label.split()[0].rstrip(".").lower() in {"dr", "mr", "ms", "mrs", "mx"}:
                speaker = True
                line = line[m.end():]
        line = rx("bullet").sub("", line, count=1)
        if line == before:
            break
    return line.strip(), speaker, qa, bulleted


def _structural(line: str) -> bool:
    """A line that starts something of its own (heading, list item, table row, label, part)."""
    return bool(
        line.startswith(("|", "#", "**", "__"))
        or rx("bullet").match(line) or rx("numbered").match(line) or rx("part_prefix").match(line)
        or rx("qa_prefix").match(line) or rx("speaker").match(line)
    )


def _unwrap(lines: list[str]) -> list[str]:
    """Join prose that was wrapped by hand ("It listens" / "to our session ..."): a line with no
    closing punctuation continues on the next when that one starts in lower case, or when the
    line is too long to be a title; headings, list items, table rows and labels stay apart.
    """
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        joinable = (
            prev and line and not _structural(line) and not prev.startswith(("|", "#"))
            and not prev.rstrip(" *\"')").endswith((".", "?", "!", ":", ";"))
            and (line[0].islower() or len(prev.split()) > _MAX_HEADING_WORDS)
        )
        if joinable:
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def segment(text: str) -> list[Unit]:
    """Split *text* into :class:`Unit` sentences, each with the heading it sits under.

    Recognised layouts: Markdown headings and bold lines, short title lines, question
    lines followed by an answer (FAQs, transcripts), ``Q:``/``A:`` pairs, ``Label: text``
    lines, numbered clauses with a title ("3. Purpose. ..."), table rows (the first cell
    is the heading of the others), text-message part numbers and app-screen labels.
    """
    lines = _unwrap([ln.strip() for ln in normalise(text).split("\n")])
    seg = _Segmenter()
    for i, raw in enumerate(lines):
        if not raw:
            continue
        nxt = next((ln for ln in lines[i + 1:] if ln), "")
        if raw.startswith("|") and raw.count("|") >= 2:
            seg.table_row(raw, nxt)
        else:
            seg.line(raw, nxt, last=i == len(lines) - 1)
    return seg.units


class _Segmenter:
    """The reading state of :func:`segment`, one line at a time."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.section: str | None = None  # a heading that lasts until the next one
        self.pending: str | None = None  # a heading for the next line only (a question in a transcript)
        self.answer_due = False
        self.table_header_next = False

    def emit(self, sentence: str, heading: str | None, *, is_heading: bool = False, first: bool = False) -> None:
        sentence = clean_inline(sentence)
        if not sentence or not any(ch.isalnum() for ch in sentence):
            return
        answer = None
        if first and self.answer_due and not is_heading:
            answer = _polarity(sentence)
            self.answer_due = False
        self.units.append(Unit(sentence, heading, is_heading, answer, len(self.units)))

    def heading(self, title: str) -> None:
        """A heading that lasts until the next one."""
        self.section, self.pending = title, None
        self.emit(title, None, is_heading=True)

    def table_row(self, raw: str, nxt: str) -> None:
        """Tables: the first cell is the heading of the rest of the row."""
        if rx("table_sep").match(raw):
            return
        cells = [clean_inline(c) for c in raw.strip().strip("|").split("|")]
        cells = [c for c in cells if c]
        if rx("table_sep").match(nxt) or self.table_header_next:
            self.table_header_next = False
            return  # the header row names the columns, not a topic
        if len(cells) >= 2:
            head = cells[0].rstrip(":")
            self.answer_due = True
            for j, sentence in enumerate(split_line(" ".join(c if c.endswith((".", "?", "!")) else c + "." for c in cells[1:]))):
                self.emit(sentence, head, first=j == 0)
            self.answer_due = False
        elif cells:
            for sentence in split_line(cells[0]):
                self.emit(sentence, self.section)

    def line(self, raw: str, nxt: str, last: bool) -> None:
        """Any other line: a heading of some kind, or sentences under the current heading."""
        m = rx("md_heading").match(raw)
        if m:
            self.section = clean_inline(m.group(1)).rstrip(":") or self.section
            self.emit(self.section, None, is_heading=True)
            self.answer_due = _is_question(self.section)
            self.pending = None
            return
        line, speaker, qa, bulleted = _strip_prefixes(raw)
        line = clean_inline(line)
        if not line:
            return
        if raw.startswith(("**", "__")) and raw.rstrip().endswith(("**", "__")) and _headingish(line):
            self.heading(line.rstrip(":"))
            self.answer_due = _is_question(self.section)
            return
        sentences = split_line(line)
        whole_question = all(_is_question(s) for s in sentences)
        # A question line followed by a non-question line: the question heads the answer.
        if qa == "q" or (whole_question and nxt and not all(_is_question(s) for s in split_line(_strip_prefixes(nxt)[0] or "x")) and len(line.split()) <= 25):
            heading = line.rstrip(":")
            for s in sentences:
                self.emit(s, None, is_heading=True)
            if speaker:
                self.pending = heading
            else:
                self.section, self.pending = heading, None
            self.answer_due = True
            return
        # A short title line with more text after it (list items are content, not titles).
        if not speaker and qa is None and not bulleted and _headingish(line) and nxt and not last and not line.endswith("?"):
            self.heading(line.rstrip(":"))
            self.answer_due = False
            return
        heading = self.pending if self.pending is not None else self.section
        self.pending = None
        heading, sentences = self._own_heading(line, sentences, heading, speaker)
        self.paragraph(sentences, heading)
        # A transcript turn that ends with a question heads the next speaker's answer.
        if speaker and len(sentences) > 1 and _is_question(sentences[-1]) and nxt and not _is_question(nxt):
            self.pending, self.answer_due = sentences[-1], True

    def _own_heading(self, line: str, sentences: list[str], heading: str | None, speaker: bool) -> tuple[str | None, list[str]]:
        """"3. Purpose. Information is ..." and "Limits: it can ..." carry their own heading."""
        m = rx("numbered").match(line) if not speaker else None
        if m and m.end() < len(line):
            line = line[m.end():]
            t = rx("clause_title").match(line)
            if t and len(t.group(1).split()) <= 6:
                heading, line = t.group(1), t.group(2)
                self.emit(heading, None, is_heading=True)
            sentences = split_line(line)
            self.answer_due = False
        m = rx("inline_label").match(line)
        if m and len(m.group(1).split()) <= 7 and not m.group(1)[-1:].isdigit() and "http" not in m.group(1).lower():
            heading, line = clean_inline(m.group(1)), m.group(2)
            sentences = split_line(line)
            self.answer_due = _is_question(heading) or heading.lower().rstrip("?") in {"optional", "required"}
            self.emit(heading, None, is_heading=True)
        return heading, sentences

    def paragraph(self, sentences: list[str], heading: str | None) -> None:
        """Inside a paragraph, a question answered by the next sentence heads that sentence."""
        local: str | None = None
        for j, s in enumerate(sentences):
            if _is_question(s) and j + 1 < len(sentences) and rx("question_word").match(s.lower()):
                self.emit(s, heading, is_heading=True)
                local = s
                self.answer_due = True
                continue
            self.emit(s, local or heading, first=j == 0 or local is not None)
            local = None
        self.answer_due = False


def tool_names(text: str) -> frozenset[str]:
    """Names the text gives its AI tool ("an app called Sunny", "Tonalis, a machine-learning program")."""
    sample = clean_inline(normalise(text[:50_000]))  # tools are named near the start
    staff = {m.group(1) for m in rx("staff_title").finditer(sample)}
    names: set[str] = set()
    for key in ("named", "appos"):
        for m in rx(key).finditer(sample):
            names.add(m.group(1))
    for m in rx("defined").finditer(sample):
        names.update(g for g in m.groups() if g)
    for m in rx("camel").finditer(sample):
        names.add(m.group(0))
    out: set[str] = set()
    for name in names:
        name = name.strip(" \"'")
        words = name.split()
        while words and (words[0] in NAME_STOP or words[0].lower() in TOOL_NOUNS):
            words = words[1:]
        if not words or words[0] in staff or len(words[0]) < 3 or words[0].lower() in STAFF_NOUNS | CLIENT_NOUNS:
            continue
        out.add(" ".join(words))
        out.add(words[0])
    return frozenset(w for w in out if w.lower() not in TOOL_NOUNS)
