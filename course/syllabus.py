"""The course plan, from one file: ``course/syllabus.toml``.

Module ids, titles, minutes, measurable objectives and the items that assess them, CE
hours, session formats and the completion rule live there and nowhere else. Notebooks,
``course/guide/session-plans.md``, ``course report`` and the certificates read or are
checked against :func:`load`. ``course syllabus`` prints it.

Times are measured (:func:`measure_module`, :func:`estimate_exercise`): a reader's pace
of 200 words a minute on the notebook's text, plus time to run each code cell and to
answer each question; see the comments at the top of ``syllabus.toml``.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = [
    "BANNED_VERBS",
    "Block",
    "Measure",
    "Module",
    "Objective",
    "SessionFormat",
    "Syllabus",
    "estimate_exercise",
    "estimate_test",
    "estimated_time_line",
    "load",
    "measure_module",
    "round_up",
    "words",
]

SYLLABUS_FILE = Path(__file__).with_name("syllabus.toml")

#: Objectives must say what a learner will *do*; these verbs cannot be observed.
BANNED_VERBS = ("know", "understand", "learn", "appreciate", "be aware", "be familiar", "grasp", "realise", "realize")
#: Allowed first words of an objective (action verbs).
ACTION_VERBS = (
    "Identify", "Apply", "Distinguish", "Evaluate", "Draft", "Determine", "Interpret", "Use", "Design",
    "Calculate", "Select", "Schedule", "Plan", "Compare", "Explain", "Describe", "Justify", "Sequence",
)
BLOCK_KINDS = ("admin", "break", "pre_test", "post_test", "evaluation", "module", "discussion")
DELIVERY = ("live in-person", "live online", "self-study")

# Reading and answering pace used by the estimates (minutes).
CODE_CELL_TEACHING = 1.0
AUTOGRADED_POINT = 1.5
WRITTEN_POINT = 2.5
OTHER_CODE_CELL = 0.5
TEST_ITEM = 0.5

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def words(text: str) -> int:
    """Words in *text* (letters/digits runs; ``don't`` and ``de-identify`` are one word)."""
    return len(_WORD.findall(text))


def round_up(minutes: float, step: int = 5) -> int:
    """*minutes* rounded up to a multiple of *step*."""
    return int(step * math.ceil(minutes / step - 1e-9))


def _round_down(value: float, step: float) -> float:
    return math.floor(value / step + 1e-9) * step


@dataclass(frozen=True)
class Objective:
    """A measurable objective and the assessment items that test it."""

    id: str
    text: str
    items: tuple[str, ...]

    def items_of(self, prefix: str) -> list[str]:
        """Items whose id starts with *prefix* (``"pre_"``, ``"post_"``, ``"m01_"``)."""
        return [i for i in self.items if i.startswith(prefix)]


@dataclass(frozen=True)
class Module:
    """One module: teaching notebook plus its exercise."""

    id: str
    title: str
    teaching_minutes: int
    exercise_minutes: int
    exercise_basis: str
    ce_credit: bool
    ethics: bool
    objectives: tuple[Objective, ...]

    @property
    def number(self) -> str:
        """The module's two-digit number (``"01"``), the start of its id."""
        return self.id[:2]

    @property
    def minutes(self) -> int:
        """Teaching plus exercise."""
        return self.teaching_minutes + self.exercise_minutes

    @property
    def ce_hours(self) -> float:
        """The module's contact hours, unrounded (0 for orientation)."""
        return round(self.minutes / 60, 2) if self.ce_credit else 0.0

    @property
    def label(self) -> str:
        """``"01 Protecting client privacy and data security"``: how certificates name it."""
        return f"{self.number} {self.title}"


@dataclass(frozen=True)
class Block:
    """One block of a session format."""

    kind: str
    minutes: int
    label: str
    module: str | None = None


@dataclass(frozen=True)
class SessionFormat:
    """A way to run the course: which modules, in which blocks, for how long."""

    id: str
    title: str
    minutes: int
    delivery: tuple[str, ...]
    blocks: tuple[Block, ...]
    syllabus: Syllabus = field(repr=False, compare=False, hash=False)
    before: tuple[Block, ...] = ()

    @property
    def modules(self) -> list[str]:
        """Module ids covered (and required for a certificate), in order."""
        return [b.module for b in self.blocks if b.kind == "module" and b.module]

    def _ce_minutes(self, ethics_only: bool = False) -> int:
        total = 0
        for b in self.blocks:
            if b.kind == "module":
                m = self.syllabus.module(b.module)
                if m.ce_credit and (m.ethics or not ethics_only):
                    total += b.minutes
            elif b.kind == "discussion" and not ethics_only:
                total += b.minutes
        return total

    @property
    def ce_minutes(self) -> int:
        """Instruction minutes that count towards CE."""
        return self._ce_minutes()

    @property
    def ce_hours(self) -> float:
        """Contact hours: CE minutes / 60, rounded down to the syllabus's step."""
        s = self.syllabus
        return _round_down(self.ce_minutes / s.ce_hour_minutes, s.ce_round_down_to)

    @property
    def ethics_hours(self) -> float:
        """Of those, hours of ethics content (modules marked ``ethics``), rounded down."""
        s = self.syllabus
        return _round_down(self._ce_minutes(True) / s.ce_hour_minutes, s.ce_round_down_to)

    def minutes_of(self, kind: str) -> int:
        """Minutes planned for blocks of *kind*, in the session or before it."""
        return sum(b.minutes for b in (*self.before, *self.blocks) if b.kind == kind)

    def test_items(self, test: str = "post") -> list[str]:
        """The pre- or post-test items of this format's modules, in syllabus order."""
        return self.syllabus.test_items(test, self.modules)

    def to_dict(self) -> dict[str, Any]:
        """The format as plain JSON-ready data."""
        return {
            "id": self.id, "title": self.title, "minutes": self.minutes, "delivery": list(self.delivery),
            "modules": self.modules, "ce_minutes": self.ce_minutes, "ce_hours": self.ce_hours,
            "ethics_hours": self.ethics_hours, "post_test_items": len(self.test_items("post")),
            "before": [{"kind": b.kind, "minutes": b.minutes, "label": b.label} for b in self.before],
            "blocks": [{"kind": b.kind, "minutes": b.minutes, "label": b.label, "module": b.module} for b in self.blocks],
        }


@dataclass(frozen=True)
class Syllabus:
    """The whole course plan (see :func:`load`)."""

    course_id: str
    title: str
    words_per_minute: int
    ce_hour_minutes: int
    ce_round_down_to: float
    assessments: dict[str, str]
    completion: dict[str, Any]
    modules: tuple[Module, ...]
    formats: tuple[SessionFormat, ...] = ()

    @property
    def pass_mark(self) -> float:
        """Post-test pass mark, a fraction (0.75 by default)."""
        return float(self.completion.get("pass_mark", 0.75))

    @property
    def pre_test(self) -> str:
        """Assignment name of the pre-test."""
        return self.assessments["pre_test"]

    @property
    def post_test(self) -> str:
        """Assignment name of the post-test."""
        return self.assessments["post_test"]

    @property
    def evaluation(self) -> str:
        """Assignment name of the course evaluation."""
        return self.assessments["evaluation"]

    def module(self, module_id: str) -> Module:
        """The module with id *module_id* (``"01_privacy"``; ``"01"`` works too)."""
        for m in self.modules:
            if module_id in (m.id, m.number):
                return m
        raise KeyError(f"no module {module_id!r} in the syllabus; modules: {', '.join(m.id for m in self.modules)}")

    def format(self, format_id: str) -> SessionFormat:
        """The session format *format_id* (``"staff-90"``, ``"half-day"``, ``"full-day"``, ``"self-paced"``)."""
        for f in self.formats:
            if f.id == format_id:
                return f
        raise KeyError(f"no session format {format_id!r}; choose one of: {', '.join(f.id for f in self.formats)}")

    @property
    def objectives(self) -> list[Objective]:
        """Every module's objectives, in syllabus order."""
        return [o for m in self.modules for o in m.objectives]

    def objective_of(self, item: str) -> Objective | None:
        """The objective that lists *item* first (test items belong to exactly one)."""
        for o in self.objectives:
            if item in o.items:
                return o
        return None

    def module_of_objective(self, objective_id: str) -> Module:
        """The module that has the objective *objective_id*; ``KeyError`` if none has."""
        for m in self.modules:
            if any(o.id == objective_id for o in m.objectives):
                return m
        raise KeyError(objective_id)

    def test_items(self, test: str = "post", modules: list[str] | None = None) -> list[str]:
        """Item ids of the pre- or post-test (``test`` = ``"pre"``/``"post"``), in order,
        for *modules* (default all).
        """
        wanted = set(modules) if modules is not None else None
        out: list[str] = []
        for m in self.modules:
            if wanted is not None and m.id not in wanted:
                continue
            for o in m.objectives:
                out += [i for i in o.items_of(f"{test}_q") if i not in out]
        return sorted(out, key=lambda i: int(i.rsplit("q", 1)[1]))

    @property
    def total_minutes(self) -> int:
        """Minutes of all modules together (teaching plus exercise)."""
        return sum(m.minutes for m in self.modules)

    @property
    def total_ce_hours(self) -> float:
        """CE hours of the whole course (every credited module), rounded down."""
        minutes = sum(m.minutes for m in self.modules if m.ce_credit)
        return _round_down(minutes / self.ce_hour_minutes, self.ce_round_down_to)

    @property
    def total_ethics_hours(self) -> float:
        """Ethics hours of the whole course (every credited ethics module), rounded down."""
        minutes = sum(m.minutes for m in self.modules if m.ce_credit and m.ethics)
        return _round_down(minutes / self.ce_hour_minutes, self.ce_round_down_to)

    def describe_completion(self, format_id: str | None = None) -> str:
        """The completion rule in words."""
        f = self.format(format_id) if format_id else None
        mods = ", ".join(f.modules) if f else "every module of the chosen session format"
        return (f"post-test ({self.post_test}) at or above {self.pass_mark:.0%} on the items of "
                f"{'modules ' + mods if f else mods}; every one of those modules submitted; every "
                f"manually graded item graded; the evaluation ({self.evaluation}) returned")

    def to_dict(self) -> dict[str, Any]:
        """Everything, as plain JSON-ready data (what ``course syllabus --json`` prints)."""
        return {
            "course": {"id": self.course_id, "title": self.title, "words_per_minute": self.words_per_minute,
                       "ce_hour_minutes": self.ce_hour_minutes, "ce_round_down_to": self.ce_round_down_to},
            "assessments": dict(self.assessments),
            "completion": dict(self.completion),
            "modules": [
                {"id": m.id, "title": m.title, "teaching_minutes": m.teaching_minutes,
                 "exercise_minutes": m.exercise_minutes, "exercise_basis": m.exercise_basis,
                 "minutes": m.minutes, "ce_credit": m.ce_credit, "ethics": m.ethics, "ce_hours": m.ce_hours,
                 "objectives": [{"id": o.id, "text": o.text, "items": list(o.items)} for o in m.objectives]}
                for m in self.modules
            ],
            "totals": {"minutes": self.total_minutes, "ce_hours": self.total_ce_hours,
                       "ethics_hours": self.total_ethics_hours, "objectives": len(self.objectives),
                       "post_test_items": len(self.test_items("post")), "pre_test_items": len(self.test_items("pre"))},
            "formats": [f.to_dict() for f in self.formats],
        }

    def to_json(self) -> str:
        """The :meth:`to_dict` data as indented JSON text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def problems(self) -> list[str]:
        """Everything wrong with the plan itself (the tests require none)."""
        out = self._objective_problems() + self._test_form_problems()
        for f in self.formats:
            out += self._format_problems(f)
        if not 0 < self.pass_mark <= 1:
            out.append("pass_mark must be a fraction between 0 and 1")
        return out

    def _objective_problems(self) -> list[str]:
        """Objectives: 3 to 5 per module, observable verbs, each assessed (pre and post), no item twice."""
        out = []
        seen: dict[str, str] = {}
        for m in self.modules:
            if not 3 <= len(m.objectives) <= 5:
                out.append(f"{m.id}: {len(m.objectives)} objectives (3 to 5 wanted)")
            for o in m.objectives:
                out += _objective_wording(o)
                if not o.items:
                    out.append(f"{o.id}: no assessment item")
                out += [f"{o.id}: no {t}-test item" for t in ("pre", "post") if not o.items_of(f"{t}_q")]
                for i in o.items:
                    if i.startswith(("pre_", "post_")):
                        if i in seen:
                            out.append(f"{i} assesses both {seen[i]} and {o.id}")
                        seen[i] = o.id
        return out

    def _test_form_problems(self) -> list[str]:
        """The pre-test is a parallel form of the post-test: same item numbers, same objectives."""
        out = []
        pre = [i.split("_", 1)[1] for i in self.test_items("pre")]
        post = [i.split("_", 1)[1] for i in self.test_items("post")]
        if pre != post:
            out.append("the pre-test is not a parallel form of the post-test (item numbers differ)")
        for i in post:
            if self.objective_of(f"post_{i}") != self.objective_of(f"pre_{i}"):
                out.append(f"pre_{i} and post_{i} assess different objectives")
        return out

    def _format_problems(self, f) -> list[str]:
        """A session format: its blocks add up, it earns CE hours with 6 post-test items per hour."""
        out = []
        total = sum(b.minutes for b in f.blocks)
        if total != f.minutes:
            out.append(f"{f.id}: blocks add up to {total} minutes, not {f.minutes}")
        if f.ce_hours <= 0:
            out.append(f"{f.id}: no CE hours")
        need = math.ceil(6 * f.ce_hours - 1e-9)
        credited = self.test_items("post", [m for m in f.modules if self.module(m).ce_credit])
        if len(credited) < need:
            out.append(f"{f.id}: {len(credited)} post-test items on credited modules, "
                       f"{need} needed (6 per CE hour)")
        out += [f"{f.id}: unknown delivery {d!r}" for d in f.delivery if d not in DELIVERY]
        return out


def _objective_wording(o) -> list[str]:
    """An objective starts with an action verb and uses no verb that cannot be observed."""
    out = []
    first = o.text.split()[0]
    if first not in ACTION_VERBS:
        out.append(f"{o.id}: starts with {first!r}, not an action verb")
    low = f" {o.text.lower()} "
    out += [f"{o.id}: uses {bad!r}, which cannot be observed" for bad in BANNED_VERBS if re.search(rf"\b{bad}\b", low)]
    return out


def _parse(data: dict[str, Any]) -> Syllabus:
    course = data["course"]
    modules = tuple(
        Module(
            id=m["id"], title=m["title"], teaching_minutes=int(m["teaching_minutes"]),
            exercise_minutes=int(m["exercise_minutes"]), exercise_basis=m.get("exercise_basis", "estimate"),
            ce_credit=bool(m.get("ce_credit", True)), ethics=bool(m.get("ethics", False)),
            objectives=tuple(Objective(o["id"], o["text"], tuple(o.get("items", []))) for o in m.get("objectives", [])),
        )
        for m in data.get("modules", [])
    )
    syl = Syllabus(
        course_id=course["id"], title=course["title"], words_per_minute=int(course.get("words_per_minute", 200)),
        ce_hour_minutes=int(course.get("ce_hour_minutes", 60)), ce_round_down_to=float(course.get("ce_round_down_to", 0.25)),
        assessments=dict(data["assessments"]), completion=dict(data.get("completion", {})), modules=modules,
    )
    by_id = {m.id: m for m in modules}
    formats = []

    def plain(f: dict, b: dict) -> Block:
        if b["kind"] not in BLOCK_KINDS or b["kind"] == "module":
            raise ValueError(f"syllabus: format {f['id']}: block kind {b['kind']!r} cannot go here")
        return Block(b["kind"], int(b["minutes"]), b.get("label", b["kind"]))

    for f in data.get("formats", []):
        blocks = []
        for b in f["blocks"]:
            kind = b["kind"]
            if kind not in BLOCK_KINDS:
                raise ValueError(f"syllabus: format {f['id']}: unknown block kind {kind!r}")
            if kind == "module":
                if b["module"] not in by_id:
                    raise ValueError(f"syllabus: format {f['id']}: no module {b['module']!r}")
                m = by_id[b["module"]]
                blocks.append(Block(kind, m.minutes, b.get("label") or f"Module {m.label}", m.id))
            else:
                blocks.append(plain(f, b))
        before = tuple(plain(f, b) for b in f.get("before", []))
        formats.append(SessionFormat(f["id"], f["title"], int(f["minutes"]), tuple(f["delivery"]), tuple(blocks), syl,
                                     before))
    object.__setattr__(syl, "formats", tuple(formats))
    return syl


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> Syllabus:  # noqa: ARG001 - mtime is the cache key
    with open(path, "rb") as fh:
        return _parse(tomllib.load(fh))


def load(path: Path | None = None) -> Syllabus:
    """The syllabus (``course/syllabus.toml`` unless *path* is given)."""
    path = Path(path or SYLLABUS_FILE)
    return _load(str(path), path.stat().st_mtime)


# ---------------------------------------------------------------------------------------
# Measuring the notebooks
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Measure:
    """What a notebook asks of a reader, and the minutes that follow."""

    words: int
    code_cells: int
    autograded: int = 0
    written: int = 0
    raw_minutes: float = 0.0

    @property
    def minutes(self) -> int:
        """Rounded up to 5 minutes."""
        return round_up(self.raw_minutes)


def _cells(path: Path) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["cells"]


def _src(cell: dict) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def _meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader") or {}


def measure_module(path: Path, wpm: int = 200) -> Measure:
    """Teaching time of a module notebook: text words / *wpm* + 1 minute per code cell."""
    cells = _cells(path)
    n_words = sum(words(_src(c)) for c in cells if c["cell_type"] == "markdown")
    code = sum(1 for c in cells if c["cell_type"] == "code")
    return Measure(n_words, code, raw_minutes=n_words / wpm + CODE_CELL_TEACHING * code)


def estimate_exercise(path: Path, wpm: int = 200) -> Measure:
    """Exercise time: its text (not the answers) / *wpm* + 1.5 minutes per autograded point
    + 2.5 minutes per point of a written answer + 0.5 per other code cell to run.
    """
    cells = _cells(path)
    text = [c for c in cells if c["cell_type"] == "markdown" and not _meta(c).get("solution")]
    n_words = sum(words(_src(c)) for c in text)
    auto = [c for c in cells if c["cell_type"] == "code" and _meta(c).get("grade")]
    written = [c for c in cells if c["cell_type"] == "markdown" and _meta(c).get("grade")]
    other = sum(1 for c in cells if c["cell_type"] == "code" and not _meta(c).get("grade") and not _meta(c).get("solution"))
    raw = (n_words / wpm + AUTOGRADED_POINT * sum(float(_meta(c).get("points", 0)) for c in auto)
           + WRITTEN_POINT * sum(float(_meta(c).get("points", 0)) for c in written) + OTHER_CODE_CELL * other)
    return Measure(n_words, other, len(auto), len(written), raw)


def estimate_test(path: Path, items: list[str], wpm: int = 200) -> Measure:
    """Time to answer *items* of a knowledge-test notebook: the words of their question
    cells / *wpm* + half a minute per item to decide and type a letter.
    """
    cells = _cells(path)
    wanted = {f"{i}_text" for i in items}
    n_words = sum(words(_src(c)) for c in cells if _meta(c).get("grade_id") in wanted)
    return Measure(n_words, 0, len(items), 0, n_words / wpm + TEST_ITEM * len(items))


def estimated_time_line(module: Module) -> str:
    """The "Estimated time" sentence every module notebook carries, from the syllabus."""
    return (f"**Estimated time:** {module.teaching_minutes} minutes (plus {module.exercise_minutes} minutes "
            f"for the exercise).")


_ESTIMATED = re.compile(r"^\*\*Estimated time:\*\*.*$")
_ABLE = re.compile(r"you will be able to", re.I)
_ITEM = re.compile(r"^\d+\.\s")


def objectives_lines(module: Module) -> list[str]:
    """The numbered objectives list a module notebook shows, from the syllabus."""
    n = len(module.objectives)
    return [f"{i}. {o.text[0].lower()}{o.text[1:].rstrip('.')}{'.' if i == n else ';'}"
            for i, o in enumerate(module.objectives, 1)]


def notebook_header(path: Path) -> tuple[str | None, list[str]]:
    """The "Estimated time" line and the objectives list of a module notebook's first cell."""
    text = _src(_cells(path)[0])
    lines = text.splitlines()
    estimated = next((ln for ln in lines if _ESTIMATED.match(ln)), None)
    objectives: list[str] = []
    for i, ln in enumerate(lines):
        if _ABLE.search(ln):
            for item in lines[i + 1:]:
                if _ITEM.match(item):
                    objectives.append(item)
                elif objectives or item.strip():
                    break
            break
    return estimated, objectives


def sync_module_notebook(path: Path, module: Module) -> bool:
    """Rewrite only the "Estimated time" line and the objectives list of a module notebook's
    first cell from the syllabus (every other byte stays). Returns True if it changed.
    """
    raw = Path(path).read_text(encoding="utf-8")
    nb = json.loads(raw)
    cell = nb["cells"][0]
    lines = _src(cell).splitlines()
    out, i, changed = [], 0, False
    while i < len(lines):
        ln = lines[i]
        if _ESTIMATED.match(ln):
            new = estimated_time_line(module)
            changed |= new != ln
            out.append(new)
        elif _ABLE.search(ln):
            out.append(ln)
            j = i + 1
            old = []
            while j < len(lines) and (_ITEM.match(lines[j]) or (not old and not lines[j].strip())):
                if lines[j].strip():
                    old.append(lines[j])
                j += 1
            new_items = objectives_lines(module)
            changed |= new_items != old
            out += new_items
            i = j
            continue
        else:
            out.append(ln)
        i += 1
    if not changed:
        return False
    text = "\n".join(out) + ("\n" if _src(cell).endswith("\n") else "")
    cell["source"] = text.splitlines(keepends=True)
    Path(path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return True
