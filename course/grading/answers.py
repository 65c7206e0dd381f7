"""Answers are data: the notebook ``course grade`` hands to nbgrader holds no learner code.

Every graded answer in this course is a literal a clinician can type (a letter, a number,
``True``/``False``, text in quotes, or lists/dicts of those). Before nbgrader executes a
submission, :func:`literal_notebook` builds the notebook to grade from the *release*
(the course's own cells) and copies in only the learner's answers:

* each code answer cell becomes ``name = <value>`` for the names the source solution
  defines, where *value* is what :func:`ast.literal_eval` read from the learner's cell,
  checked to be made only of str, numbers, bool, None, ``...`` and lists, tuples, dicts
  and sets of those, and written back by the grader (:func:`emit`). Nothing the learner
  typed is copied as code;
* an answer cell that holds anything else (a loop, a call, an import, a syntax error) is
  blanked: every name is set to ``...``, which the checks score as not attempted, and
  the facilitator is told which cell and why;
* manual (Markdown) answers are carried over as text; Markdown is never executed;
* every other cell comes from the release, so code cells the learner added or edited
  (including "Going further" code) are dropped, and locked, grade and deleted cells are
  the course's own. nbgrader then restores the hidden tests from its gradebook as usual.

:class:`course.grading.nbgrader_hooks.LiteralAnswers` is the same step as an nbgrader preprocessor.

Transition (issue 14): where the *source solution* of a question is itself code, the
question cannot be answered with a literal yet; such a cell is kept as the learner wrote
it and run inside the sandbox, and the facilitator is told (``R_CODE_QUESTION``).
"""

from __future__ import annotations

import ast
import json
import math
import threading
from dataclasses import dataclass, field

from .notebook import grade_id, nbgrader_meta, source

__all__ = [
    "Answer",
    "AnswerCell",
    "NotLiteral",
    "R_ADDED_CODE",
    "R_CODE_QUESTION",
    "R_NOT_LITERAL",
    "answer_cells",
    "emit",
    "literal_notebook",
    "mark_display_only",
    "read_answer",
]

R_NOT_LITERAL = "answer is not a literal value, so it was not run (scored as not attempted)"
R_ADDED_CODE = "code cells added or changed by the learner were not run"
R_CODE_QUESTION = "this question's solution is code, so the learner's cell was run as written (in the sandbox)"

#: Longest answer cell read (a consent script is a few kB).
MAX_ANSWER_CHARS = 200_000
#: Longest Markdown answer carried over.
MAX_TEXT_CHARS = 100_000
_MAX_DEPTH = 40
_SKIP_TAG = "skip-execution"


class NotLiteral(ValueError):
    """An answer region that is not made only of literal values; the message says why."""


@dataclass
class AnswerCell:
    """What the course expects in one answer cell."""

    gid: str
    kind: str  # "code" or "markdown"
    names: list[str] = field(default_factory=list)
    literal: bool = True  # False: the source solution itself is code (transition)


@dataclass
class Answer:
    """What :func:`read_answer` found in a learner's answer cell."""

    values: dict[str, object]
    status: str  # "answered", "blank" or "not literal"
    reason: str = ""


# --------------------------------------------------------------------------------------
# literals
# --------------------------------------------------------------------------------------
def _check_value(value: object, depth: int = 0) -> None:
    if depth > _MAX_DEPTH:
        raise NotLiteral("nested too deeply")
    if value is None or value is ... or isinstance(value, (bool, int, float, complex, str)):
        return
    if isinstance(value, (list, tuple, set)):
        for v in value:
            _check_value(v, depth + 1)
        return
    if isinstance(value, dict):
        for k, v in value.items():
            _check_value(k, depth + 1)
            _check_value(v, depth + 1)
        return
    raise NotLiteral(f"a {type(value).__name__} value is not allowed")


def _literal(node: ast.AST) -> object:
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as exc:
        raise NotLiteral(_describe(node)) from exc
    _check_value(value)
    return value


def _describe(node: ast.AST) -> str:
    kinds = {
        ast.Call: "a call", ast.Name: "a variable name", ast.BinOp: "a calculation", ast.Compare: "a comparison",
        ast.ListComp: "a list comprehension", ast.DictComp: "a comprehension", ast.SetComp: "a comprehension",
        ast.GeneratorExp: "a generator", ast.Lambda: "a lambda", ast.Attribute: "an attribute",
        ast.Subscript: "an index", ast.JoinedStr: "an f-string", ast.BoolOp: "and/or", ast.IfExp: "an if-expression",
    }
    for sub in ast.walk(node):
        for kind, words in kinds.items():
            if isinstance(sub, kind):
                return f"it uses {words}"
    return "it is not a literal"


def emit(value: object) -> str:
    """Python source for *value* (a checked literal), written by the grader."""
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'
    if isinstance(value, complex):
        if math.isfinite(value.real) and math.isfinite(value.imag):
            return repr(value)
        return f"complex({emit(value.real)}, {emit(value.imag)})"
    if isinstance(value, list):
        return "[" + ", ".join(emit(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + "".join(emit(v) + ", " for v in value) + ")" if len(value) == 1 else "(" + ", ".join(emit(v) for v in value) + ")"
    if isinstance(value, set):
        return "{" + ", ".join(emit(v) for v in value) + "}" if value else "set()"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{emit(k)}: {emit(v)}" for k, v in value.items()) + "}"
    if value is ...:
        return "..."
    return repr(value)


# --------------------------------------------------------------------------------------
# answer cells
# --------------------------------------------------------------------------------------
_HARMLESS = (ast.Pass,)
#: CPython 3.11 can raise a spurious ``SystemError: AST constructor recursion depth mismatch``
#: when several threads parse at once (python/cpython#106905, 2023); ``course grade``
#: prepares submissions in threads, so every parse goes through this lock.
_PARSE_LOCK = threading.Lock()


def parse(text: str) -> ast.Module:
    """:func:`ast.parse`, one thread at a time (see :data:`_PARSE_LOCK`)."""
    with _PARSE_LOCK:
        return ast.parse(text)


def _statements(text: str) -> list[ast.stmt]:
    if len(text) > MAX_ANSWER_CHARS:
        raise NotLiteral(f"the cell is longer than {MAX_ANSWER_CHARS:,} characters")
    try:
        return parse(text).body
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        raise NotLiteral("it is not valid Python" + (f" (line {line})" if line else "")) from exc


def _assigned(stmt: ast.stmt) -> tuple[list[str], ast.AST] | None:
    """``(names, value node)`` for ``a = b = value`` or ``a: t = value``, else None."""
    if isinstance(stmt, ast.Assign) and all(isinstance(t, ast.Name) for t in stmt.targets):
        return [t.id for t in stmt.targets], stmt.value
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
        return [stmt.target.id], stmt.value
    return None


def _harmless(stmt: ast.stmt) -> bool:
    """Statements that do nothing worth running: ``pass``, a bare literal or name."""
    if isinstance(stmt, _HARMLESS):
        return True
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, (ast.Constant, ast.Name))


def defined_names(text: str) -> tuple[list[str], bool]:
    """Names a cell assigns at top level, in order, and whether the cell is literal-only."""
    try:
        body = _statements(text)
    except NotLiteral:
        return [], False
    names: list[str] = []
    literal = True
    for stmt in body:
        got = _assigned(stmt)
        if got:
            names.extend(n for n in got[0] if n not in names)
            try:
                _literal(got[1])
            except NotLiteral:
                literal = False
        elif not _harmless(stmt):
            literal = False
            if isinstance(stmt, (ast.FunctionDef, ast.ClassDef)) and stmt.name not in names:
                names.append(stmt.name)
    return names, literal


def read_answer(text: str, names: list[str]) -> Answer:
    """Read a learner's answer cell without running it.

    Parameters
    ----------
    text : str
        The cell as the learner left it.
    names : list of str
        The names the question's solution defines.

    Returns
    -------
    Answer
        ``values`` maps each of *names* to the learner's literal (``...`` when not
        given). ``status`` is ``"not literal"`` (and every value ``...``) when the cell
        holds anything other than literal assignments, comments and bare names.

    """
    blank = {n: ... for n in names}
    values = dict(blank)
    try:
        for stmt in _statements(text):
            got = _assigned(stmt)
            if got:
                value = _literal(got[1])
                for n in got[0]:
                    if n in values:
                        values[n] = value
            elif not _harmless(stmt):
                kind = type(stmt).__name__.lower().replace("functiondef", "function definition")
                raise NotLiteral(f"line {stmt.lineno} is {'an' if kind[0] in 'aeiou' else 'a'} {kind} statement")
    except NotLiteral as exc:
        return Answer(blank, "not literal", str(exc))
    status = "answered" if any(v is not ... for v in values.values()) else "blank"
    return Answer(values, status)


def render_answer(values: dict[str, object]) -> str:
    """The answer cell the grader runs: one ``name = literal`` line per name."""
    return "".join(f"{name} = {emit(value)}\n" for name, value in values.items())


def answer_cells(release: dict, source_nb: dict | None = None) -> dict[str, AnswerCell]:
    """The answer cells of an assignment notebook, with the names each must define.

    Names come from the release cell (``answer_q1 = ...``) and from the source solution
    (the region between ``### BEGIN SOLUTION`` and ``### END SOLUTION``).
    """
    solution_text = {grade_id(c): source(c) for c in (source_nb or {}).get("cells", []) if grade_id(c)}
    out: dict[str, AnswerCell] = {}
    for cell in release.get("cells", []):
        gid, meta = grade_id(cell), nbgrader_meta(cell)
        if not gid or not meta.get("solution"):
            continue
        if cell.get("cell_type") != "code":
            out[gid] = AnswerCell(gid, "markdown")
            continue
        names, literal = defined_names(source(cell))
        if gid in solution_text:
            more, solution_literal = defined_names(solution_text[gid])
            names += [n for n in more if n not in names]
            literal = literal and solution_literal
        out[gid] = AnswerCell(gid, "code", names, literal)
    return out


def _course_call(node: ast.AST) -> bool:
    """``checks.anything(...)``: a call into the course's checks module (the notebooks'
    ``from course.checks import mNN as checks``).
    """
    if not isinstance(node, ast.Call):
        return False
    root = node.func
    while isinstance(root, ast.Attribute):
        root = root.value
    return isinstance(root, ast.Name) and root.id == "checks" and isinstance(node.func, ast.Attribute)


def _display_only(text: str) -> bool:
    """One expression whose value is only shown: ``checks.q1.check(a)``,
    ``checks.starting_point()``, ``print(checks.show_batch(a, b))``.
    """
    try:
        body = parse(text).body
    except SyntaxError:
        return False
    if len(body) != 1 or not isinstance(body[0], ast.Expr):
        return False
    value = body[0].value
    if (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("print", "display")
            and len(value.args) == 1 and not value.keywords):
        value = value.args[0]
    return _course_call(value)


def mark_display_only(nb: dict) -> int:
    """Tag the course cells that cannot change any score so that nbgrader skips them.

    * Locked cells that only show something computed by the course's ``checks`` module
      (a self-check, a table of what the learner's choice does): the checks take answers
      as arguments and keep no state the grade cells depend on, and each grade cell
      decides its question again on its own.
    * Every cell after the last grade cell (nothing after it is scored).

    Grade cells are never skipped. Returns the number of cells tagged.
    """
    cells = nb.get("cells", [])
    last_grade = max((i for i, c in enumerate(cells) if nbgrader_meta(c).get("grade") and c.get("cell_type") == "code"),
                     default=len(cells))
    n = 0
    for i, cell in enumerate(cells):
        meta = nbgrader_meta(cell)
        if cell.get("cell_type") != "code" or meta.get("grade"):
            continue
        if i > last_grade or (meta.get("locked") and not meta.get("solution") and _display_only(source(cell))):
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if _SKIP_TAG not in tags:
                tags.append(_SKIP_TAG)
            n += 1
    return n


def literal_notebook(learner: dict, release: dict, source_nb: dict | None = None,
                     run_learner_code: bool = False) -> tuple[dict, list[str]]:
    """The notebook to grade: the release, with the learner's literal answers.

    Parameters
    ----------
    learner : dict
        The learner's notebook (JSON), as checked by :func:`course.grading.notebook.precheck`.
    release : dict
        The release notebook of the same assignment (the course's cells).
    source_nb : dict, optional
        The source notebook (solutions), for the names each answer defines.
    run_learner_code : bool
        Only for testing the sandbox (the second wall): keep every cell as the learner
        wrote it. Never used by ``course grade``.

    Returns
    -------
    notebook : dict
    notes : list of str
        For the facilitator: answers that were blanked and why, code that was dropped.

    """
    if run_learner_code:
        return json.loads(json.dumps(learner)), []
    specs = answer_cells(release, source_nb)
    theirs: dict[str, dict] = {}
    for cell in learner.get("cells", []):
        gid = grade_id(cell)
        if gid in specs and gid not in theirs:
            theirs[gid] = cell
    notes: list[str] = []
    blanked: list[str] = []
    code_questions: list[str] = []
    out = json.loads(json.dumps(release))
    for cell in out["cells"]:
        gid = grade_id(cell)
        spec = specs.get(gid) if gid else None
        if spec is None:
            continue
        mine = theirs.get(gid)
        if mine is None or mine.get("cell_type") != cell.get("cell_type"):
            continue  # keep the release's blank cell
        text = source(mine)
        if spec.kind == "markdown":
            if len(text) > MAX_TEXT_CHARS:
                text = text[:MAX_TEXT_CHARS] + "\n\n[course grade: the rest of this answer was cut]"
                notes.append(f"{gid}: the written answer was longer than {MAX_TEXT_CHARS:,} characters and was cut")
            cell["source"] = text
        elif not spec.literal:
            cell["source"] = text
            if text.strip() != source(cell).strip():
                code_questions.append(gid)
        else:
            answer = read_answer(text, spec.names)
            if answer.status == "not literal":
                blanked.append(f"{gid} ({answer.reason})")
            cell["source"] = render_answer(answer.values)
    if blanked:
        notes.append(f"{R_NOT_LITERAL}: {'; '.join(blanked)}")
    if code_questions:
        notes.append(f"{R_CODE_QUESTION}: {', '.join(code_questions)}")
    known = {grade_id(c) for c in release.get("cells", [])} - {None}
    dropped = sum(1 for c in learner.get("cells", [])
                  if c.get("cell_type") == "code" and grade_id(c) not in known and source(c).strip())
    if dropped:
        notes.append(f"{R_ADDED_CODE}: {dropped} cell(s)")
    return out, notes
