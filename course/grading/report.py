"""``course report``: grades (manual scores included), completion by the syllabus's rule,
pending manual grading, pre-to-post knowledge gain per learner and per objective, item
difficulty and discrimination, an anonymous summary of the evaluations, with plots that
carry alt text, all offline.

Files written to ``reports/`` (git-ignored): ``grades.csv``, ``questions.csv``,
``completion.csv``, ``manual_pending.csv``, ``knowledge_gain.csv``, ``objectives.csv``,
``item_analysis.csv``, ``evaluations.csv``, ``evaluation_comments.csv``,
``item_analysis.png``, ``knowledge_gain.png``, ``report.json`` and ``report.html`` (one
self-contained page: tables, the plots embedded with their alt text, no external links).

Learner ids and comments are untrusted: CSV cells that a spreadsheet would read as a
formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) are prefixed with ``'``, and
everything in the HTML is escaped.
"""

from __future__ import annotations

import base64
import csv
import html
import json
import math
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import _paths
from .gradebook import learner_names, resolve_db_url
from .results import (
    CompletionRule,
    LearnerStatus,
    Submission,
    completion,
    load_results,
    question_id,
    unreadable_submissions,
)

__all__ = ["ItemStat", "ObjectiveGain", "ReportFiles", "csv_cell", "item_analysis", "write_report"]

MIN_ANONYMOUS = 3  # fewer evaluations than this and the summary says they may be identifiable


def csv_cell(value: Any) -> Any:
    """A value safe to put in a CSV a spreadsheet will open (no formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _writer(fh):
    w = csv.writer(fh)
    return lambda row: w.writerow([csv_cell(v) for v in row])


@dataclass
class ItemStat:
    """How one question went across the cohort.

    ``difficulty`` is the classical p-value (mean share of the points: higher is easier);
    ``discrimination`` the corrected item-total correlation (the item against the rest of
    its assignment), ``None`` when it cannot be computed (fewer than 3 learners, or no
    variation).
    """

    assignment: str
    question: str
    max_points: float
    learners: int
    full_marks: int
    mean_fraction: float
    objective: str | None = None
    discrimination: float | None = None

    @property
    def missed(self) -> int:
        """Learners who did not get full marks."""
        return self.learners - self.full_marks

    @property
    def missed_share(self) -> float:
        """Share of learners who did not get full marks."""
        return self.missed / self.learners if self.learners else 0.0

    @property
    def difficulty(self) -> float:
        """The classical p-value: the mean share of the points (higher is easier)."""
        return self.mean_fraction


@dataclass
class ObjectiveGain:
    """Pre- and post-test results on one objective's items."""

    objective: str
    module: str
    text: str
    pre_mean: float | None
    post_mean: float | None
    pre_n: int
    post_n: int

    @property
    def gain(self) -> float | None:
        """Post-test mean minus pre-test mean; ``None`` when either is missing."""
        if self.pre_mean is None or self.post_mean is None:
            return None
        return self.post_mean - self.pre_mean


@dataclass
class ReportFiles:
    """Files :func:`write_report` wrote, and what it found."""

    grades: Path
    questions: Path
    completion: Path
    items: Path
    plot: Path | None
    item_stats: list[ItemStat]
    manual_pending: Path | None = None
    knowledge: Path | None = None
    objectives: Path | None = None
    evaluations: Path | None = None
    comments: Path | None = None
    gain_plot: Path | None = None
    html: Path | None = None
    json: Path | None = None
    statuses: list[LearnerStatus] = field(default_factory=list)
    objective_gains: list[ObjectiveGain] = field(default_factory=list)
    evaluation_summary: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / math.sqrt(sxx * syy)


def item_analysis(questions: dict[str, list[tuple[str, float]]], subs: list[Submission],
                  syllabus=None) -> list[ItemStat]:
    """Per question: learners, full marks, difficulty and discrimination; most-missed first."""
    stats = []
    for assignment, qs in questions.items():
        mine = [s for s in subs if s.assignment == assignment]
        totals = [sum(s.questions.get(q, (0.0, m))[0] / m for q, m in qs if m) for s in mine]
        for qid, max_points in qs:
            got = [s.questions.get(qid, (0.0, max_points))[0] for s in mine]
            full = sum(1 for g in got if g >= max_points - 1e-9)
            fr = [g / max_points if max_points else 0.0 for g in got]
            mean = sum(fr) / len(fr) if fr else 0.0
            rest = [t - f for t, f in zip(totals, fr, strict=True)]
            obj = syllabus.objective_of(question_id(qid)) if syllabus else None
            stats.append(ItemStat(assignment, qid, max_points, len(got), full, mean,
                                  obj.id if obj else None, _pearson(fr, rest)))
    stats.sort(key=lambda s: (-s.missed_share, s.mean_fraction, s.assignment, s.question))
    return stats


def objective_gains(syllabus, subs: list[Submission], modules: list[str] | None = None) -> list[ObjectiveGain]:
    """Mean pre- and post-test score on each objective's items (over learners who took each test)."""
    by_test: dict[str, list[Submission]] = {"pre": [], "post": []}
    for s in subs:
        if s.assignment == syllabus.pre_test:
            by_test["pre"].append(s)
        elif s.assignment == syllabus.post_test:
            by_test["post"].append(s)
    out = []
    for m in syllabus.modules:
        if modules is not None and m.id not in modules:
            continue
        for o in m.objectives:
            means: dict[str, tuple[float | None, int]] = {}
            for test in ("pre", "post"):
                items = o.items_of(f"{test}_q")
                scores = []
                for s in by_test[test]:
                    q = {question_id(g): v for g, v in s.questions.items()}
                    got = [q.get(i, (0.0, 1.0)) for i in items]
                    maximum = sum(mx for _, mx in got)
                    if maximum:
                        scores.append(sum(sc for sc, _ in got) / maximum)
                means[test] = (sum(scores) / len(scores) if scores else None, len(scores))
            out.append(ObjectiveGain(o.id, m.id, o.text, means["pre"][0], means["post"][0], means["pre"][1], means["post"][1]))
    return out


# ---------------------------------------------------------------------------------------
# evaluations
# ---------------------------------------------------------------------------------------
def summarise_evaluations(root: Path, syllabus) -> dict[str, Any]:
    """An anonymous summary of every returned ``evaluation.json``: counts and means,
    comments shuffled and listed without ids.
    """
    from ..evaluation import EVALUATION_FILE, QUESTIONS, read_evaluation

    found, problems = [], []
    base = Path(root) / "submitted"
    for path in sorted(base.glob(f"*/{syllabus.evaluation}/{EVALUATION_FILE}")) if base.is_dir() else []:
        try:
            found.append(read_evaluation(path))
        except ValueError as exc:
            problems.append(str(exc))
    ratings: dict[str, list[int]] = {}
    for ev in found:
        for oid, v in ev["objectives"].items():
            if v is not None:
                ratings.setdefault(oid, []).append(v)
        for key, kind, _ in QUESTIONS:
            if kind == "rating" and ev.get(key) is not None:
                ratings.setdefault(key, []).append(ev[key])

    def stat(values: list[int]) -> dict[str, Any]:
        return {"n": len(values), "mean": round(sum(values) / len(values), 2) if values else None,
                "counts": {str(k): values.count(k) for k in range(1, 6)}}

    comments: dict[str, list[str]] = {"commercial_bias_detail": [], "accessibility": [], "comments": []}
    for ev in found:
        for key in comments:
            if ev.get(key):
                comments[key].append(ev[key])
    rng = random.Random(len(found))  # order says nothing about who wrote what
    for key in comments:
        rng.shuffle(comments[key])
    bias = [ev.get("commercial_bias") for ev in found]
    return {
        "returned": len(found),
        "unreadable": len(problems),
        "identifiable_warning": 0 < len(found) < MIN_ANONYMOUS,
        "objectives": {o.id: stat(ratings.get(o.id, [])) for o in syllabus.objectives if ratings.get(o.id)},
        "questions": {key: stat(ratings.get(key, [])) for key, kind, _ in QUESTIONS if kind == "rating"},
        "commercial_bias": {"yes": bias.count("yes"), "no": bias.count("no"), "unanswered": bias.count(None)},
        "comments": comments,
    }


# ---------------------------------------------------------------------------------------
# plots (alt text travels with each)
# ---------------------------------------------------------------------------------------
def _mpl():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


#: The item-analysis plot shows every question up to this many; beyond it, the most-missed
#: ones, and its title says so (every question is always in items.csv).
MAX_PLOTTED_ITEMS = 60


def _plot_items(stats: list[ItemStat], path: Path) -> tuple[Path | None, str]:
    from .results import question_label

    answered = [s for s in stats if s.learners]
    shown = answered[:MAX_PLOTTED_ITEMS]
    if not shown:
        return None, ""
    plt = _mpl()
    rows = shown[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(rows) + 1.8))
    ax.barh([question_label(s.question) for s in rows], [100 * s.missed_share for s in rows], color="#8c2d2a", hatch="//",
            edgecolor="white")
    for y, s in enumerate(rows):
        ax.text(100 * s.missed_share + 1, y, f"{s.missed}/{s.learners}", va="center", fontsize=8)
    ax.set_xlim(0, 110)
    ax.set_xlabel("% of learners who did not get full marks")
    if len(shown) < len(answered):
        ax.set_title(f"Item analysis: the {len(shown)} most-missed of {len(answered)} questions\n"
                     f"(the other {len(answered) - len(shown)} are in items.csv)")
    else:
        ax.set_title(f"Item analysis: all {len(shown)} questions, most missed first")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    worst = ", ".join(f"{question_label(s.question)} (missed by {s.missed} of {s.learners})" for s in shown[:5])
    which = f"the {len(shown)} most-missed of {len(answered)} questions" if len(shown) < len(answered) else f"all {len(shown)} questions"
    alt = (f"Horizontal bar chart of {which}, as the percentage of learners "
           f"who did not get full marks. Most missed: {worst}.")
    return path, alt


def _plot_gains(gains: list[ObjectiveGain], path: Path) -> tuple[Path | None, str]:
    shown = [g for g in gains if g.pre_mean is not None or g.post_mean is not None]
    if not shown:
        return None, ""
    plt = _mpl()
    import numpy as np

    y = np.arange(len(shown))[::-1]
    fig, ax = plt.subplots(figsize=(8.5, 0.38 * len(shown) + 1.8))
    pre = [100 * (g.pre_mean or 0) for g in shown]
    post = [100 * (g.post_mean or 0) for g in shown]
    ax.barh(y + 0.2, pre, height=0.38, color="#bdbdbd", edgecolor="#424242", hatch="..", label="pre-test")
    ax.barh(y - 0.2, post, height=0.38, color="#1f4e79", edgecolor="#1f4e79", label="post-test")
    for yi, g in zip(y, shown, strict=True):
        label = f"{100 * g.gain:+.0f}" if g.gain is not None else "n/a"
        ax.text(101, yi, label, va="center", fontsize=8)
    ax.set_yticks(y, [g.objective for g in shown])
    ax.set_xlim(0, 112)
    ax.set_xlabel("mean % correct on the objective's items (gain in points on the right)")
    ax.set_title("Knowledge gain per objective: pre-test (dotted grey) and post-test (solid blue)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    with_gain = [g for g in shown if g.gain is not None]
    parts = []
    if with_gain:
        best = max(with_gain, key=lambda g: g.gain)
        least = min(with_gain, key=lambda g: g.gain)
        parts.append(f"Largest gain: {best.objective} ({100 * best.pre_mean:.0f}% to {100 * best.post_mean:.0f}%). "
                     f"Smallest gain: {least.objective} ({100 * least.pre_mean:.0f}% to {100 * least.post_mean:.0f}%).")
    alt = (f"Paired horizontal bars for {len(shown)} learning objectives: mean percentage correct on the pre-test "
           f"(dotted grey) and the post-test (solid blue), with the gain in points written at the right. "
           + " ".join(parts))
    return path, alt


# ---------------------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------------------
def _module_state(st, module: str) -> str:
    if module in st.modules_submitted:
        return "submitted"
    return "could not be read" if module in st.modules_unreadable else "not submitted"


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.1f}"


def _fmt_r(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def _write_csv(path: Path, header: list, rows) -> Path:
    """One report CSV: *header*, then *rows*, every cell neutralised against formula injection."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = _writer(fh)
        w(header)
        for row in rows:
            w(row)
    return path


def _grade_rows(learners: list[str], assignments: list[str], by: dict):
    """grades.csv: per learner, score and maximum per assignment, totals, manual questions pending."""
    for learner in learners:
        row_scores, row_max, pending = [], [], 0
        for a in assignments:
            s = by.get((learner, a))
            row_scores.append(f"{s.total:g}" if s else "")
            row_max.append(f"{s.total_max:g}" if s else "")
            pending += len(s.pending) if s else 0
        total = sum(by[(learner, a)].total for a in assignments if (learner, a) in by)
        maximum = sum(by[(learner, a)].total_max for a in assignments if (learner, a) in by)
        pct = f"{100 * total / maximum:.1f}" if maximum else ""
        yield [learner, *row_scores, *row_max, f"{total:g}", f"{maximum:g}", pct, pending]


def _completion_rows(learners, assignments, by, unreadable, statuses, fmt, syl, rule):
    """completion.csv: per learner, the format's modules, tests, certificate and each assignment's state."""
    st_by = {st.student: st for st in statuses}
    for learner in learners:
        st = st_by[learner]
        cells, done, manual = [], 0, []
        for a in assignments:
            s = by.get((learner, a))
            if s is None:
                cells.append("could not be read" if (learner, a) in unreadable else "not submitted")
            elif rule.completed(s):
                cells.append("completed")
                done += 1
            else:
                cells.append(f"incomplete ({s.fraction:.0%})")
            if s is not None:
                manual += [f"{a}:{q}" for q in s.pending]
        yield [learner, fmt.id, *[_module_state(st, m) for m in fmt.modules],
               _pct(st.post_score), f"{100 * syl.pass_mark:g}", len(st.manual_pending),
               "yes" if st.evaluation_returned else "no", "yes" if st.complete else "no", "; ".join(st.reasons),
               *cells, done, " ".join(manual)]


def write_report(root: Path | None = None, out: Path | None = None, db_url: str | None = None,
                 rule: CompletionRule | None = None, session_format: str | None = None) -> ReportFiles:
    """Write every report file into *out* (default ``ROOT/reports``).

    Parameters
    ----------
    root, out, db_url : optional
        Course root, output folder (git-ignored), gradebook URL.
    rule : CompletionRule, optional
        Pass mark for the per-module "completed" columns (autograded points only).
    session_format : str, optional
        The cohort's session format (default: ``ce.toml``, else ``self-paced``); decides
        which modules completion needs and which test items count.

    Returns
    -------
    ReportFiles

    """
    from ..syllabus import load
    from .ce_config import load_ce

    root = Path(root or _paths.root()).resolve()
    url = resolve_db_url(root, db_url)
    syl = load()
    if session_format is None:
        ce = load_ce(root, required=False)
        session_format = ce.session_format if ce else "self-paced"
    fmt = syl.format(session_format)
    rule = rule or CompletionRule(pass_mark=syl.pass_mark)
    out = Path(out or root / "reports")
    out.mkdir(parents=True, exist_ok=True)
    results = load_results(url)
    assignments, questions, subs = results
    names = learner_names(url)
    by = {(s.student, s.assignment): s for s in subs}
    unreadable = {pair for pair in unreadable_submissions(root) if pair not in by}
    learners = sorted(set(names) | {s.student for s in subs} | {sid for sid, _a in unreadable})
    statuses = completion(root, url, fmt.id, syl, results)

    grades = _write_csv(out / "grades.csv",
                        ["learner", *[f"{a} score" for a in assignments], *[f"{a} max" for a in assignments],
                         "total", "max", "percent", "manual pending"],
                        _grade_rows(learners, assignments, by))

    qfile = out / "questions.csv"
    with qfile.open("w", newline="", encoding="utf-8") as fh:
        w = _writer(fh)
        w(["learner", "assignment", "question", "score", "max", "graded by"])
        for s in subs:
            for qid, (score, mx) in sorted(s.questions.items()):
                w([s.student, s.assignment, qid, f"{score:g}", f"{mx:g}", "autograder"])
            for qid, (score, mx) in sorted(s.manual.items()):
                w([s.student, s.assignment, qid, "" if score is None else f"{score:g}", f"{mx:g}",
                   "pending" if score is None else "facilitator"])

    comp = _write_csv(out / "completion.csv",
                      ["learner", "session format", *fmt.modules, "post-test %", "pass mark %", "manual pending",
                       "evaluation returned", "certificate", "why not", *[f"{a} (autograded)" for a in assignments],
                       "modules completed", "needs manual grading"],
                      _completion_rows(learners, assignments, by, unreadable, statuses, fmt, syl, rule))

    pend = out / "manual_pending.csv"
    with pend.open("w", newline="", encoding="utf-8") as fh:
        w = _writer(fh)
        w(["learner", "assignment", "question"])
        for s in subs:
            for q in s.pending:
                w([s.student, s.assignment, q])

    know = out / "knowledge_gain.csv"
    with know.open("w", newline="", encoding="utf-8") as fh:
        w = _writer(fh)
        w(["learner", "pre-test %", "post-test %", "gain (points)", "items"])
        for st in statuses:
            w([st.student, _pct(st.pre_score), _pct(st.post_score), _pct(st.gain), st.post_items])

    gains = objective_gains(syl, subs, fmt.modules)
    obj = out / "objectives.csv"
    with obj.open("w", newline="", encoding="utf-8") as fh:
        w = _writer(fh)
        w(["objective", "module", "pre-test mean %", "post-test mean %", "gain (points)", "pre n", "post n", "objective text"])
        for g in gains:
            w([g.objective, g.module, _pct(g.pre_mean), _pct(g.post_mean), _pct(g.gain), g.pre_n, g.post_n, g.text])

    stats = item_analysis(questions, subs, syl)
    items = out / "item_analysis.csv"
    with items.open("w", newline="", encoding="utf-8") as fh:
        w = _writer(fh)
        w(["assignment", "question", "objective", "max points", "learners", "full marks", "missed", "missed %",
           "mean score %", "difficulty (p)", "discrimination (r)"])
        for s in stats:
            w([s.assignment, s.question, s.objective or "", f"{s.max_points:g}", s.learners, s.full_marks, s.missed,
               f"{100 * s.missed_share:.1f}", f"{100 * s.mean_fraction:.1f}", f"{s.difficulty:.2f}",
               _fmt_r(s.discrimination)])
    plot, items_alt = _plot_items(stats, out / "item_analysis.png")
    gain_plot, gain_alt = _plot_gains(gains, out / "knowledge_gain.png")

    ev = summarise_evaluations(root, syl)
    evf = out / "evaluations.csv"
    with evf.open("w", newline="", encoding="utf-8") as fh:
        w = _writer(fh)
        w(["question", "n", "mean (1-5)", *[f"rated {k}" for k in range(1, 6)]])
        for key, st in [*ev["questions"].items(), *ev["objectives"].items()]:
            w([key, st["n"], "" if st["mean"] is None else st["mean"], *st["counts"].values()])
        w(["commercial bias noticed: yes", ev["commercial_bias"]["yes"], "", "", "", "", "", ""])
        w(["commercial bias noticed: no", ev["commercial_bias"]["no"], "", "", "", "", "", ""])
    comf = out / "evaluation_comments.csv"
    with comf.open("w", newline="", encoding="utf-8") as fh:
        w = _writer(fh)
        w(["question", "comment (anonymous, in random order)"])
        for key, texts in ev["comments"].items():
            for t in texts:
                w([key, t])

    data = {
        "course_folder": str(root),
        "session_format": fmt.to_dict(),
        "pass_mark": syl.pass_mark,
        "completion_rule": syl.describe_completion(fmt.id),
        "learners": [
            {"learner": st.student, "complete": st.complete, "reasons": st.reasons,
             "modules_submitted": st.modules_submitted, "modules_missing": st.modules_missing,
             "pre_test": st.pre_score, "post_test": st.post_score, "gain": st.gain,
             "manual_pending": st.manual_pending, "evaluation_returned": st.evaluation_returned,
             "scores": {a: {"autograded": by[(st.student, a)].score, "autograded_max": by[(st.student, a)].max_score,
                            "manual": by[(st.student, a)].manual_score,
                            "manual_items": {g: {"score": s, "max": m} for g, (s, m) in by[(st.student, a)].manual.items()}}
                        for a in assignments if (st.student, a) in by}}
            for st in statuses
        ],
        "manual_pending": {st.student: st.manual_pending for st in statuses if st.manual_pending},
        "objectives": [asdict(g) | {"gain": g.gain} for g in gains],
        "items": [asdict(s) | {"difficulty": s.difficulty, "missed": s.missed} for s in stats],
        "evaluations": ev,
    }
    jfile = out / "report.json"
    jfile.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    page = out / "report.html"
    page.write_text(_html(syl, fmt, statuses, gains, stats, ev, [(plot, items_alt), (gain_plot, gain_alt)]),
                    encoding="utf-8")
    return ReportFiles(grades, qfile, comp, items, plot, stats, pend, know, obj, evf, comf, gain_plot, page, jfile,
                       statuses, gains, ev, data)


def _html(syl, fmt, statuses, gains, stats, ev, plots) -> str:
    e = html.escape

    def table(head: list[str], rows: list[list[Any]]) -> str:
        th = "".join(f"<th scope='col'>{e(str(h))}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"

    parts = [f"<h1>{e(syl.title)}: cohort report</h1>",
             f"<p>Session format: {e(fmt.title)} ({e(fmt.id)}). Completion rule: {e(syl.describe_completion(fmt.id))}.</p>",
             "<h2>Completion</h2>",
             table(["learner", "certificate", "post-test %", "pre-test %", "gain", "why not"],
                   [[st.student, "yes" if st.complete else "no", _pct(st.post_score), _pct(st.pre_score),
                     _pct(st.gain), "; ".join(st.reasons)] for st in statuses])]
    pending = [st for st in statuses if st.manual_pending]
    parts.append("<h2>Manual grading pending</h2>")
    parts.append(table(["learner", "items"], [[st.student, ", ".join(st.manual_pending)] for st in pending])
                 if pending else "<p>None: every manually graded item has a score.</p>")
    parts.append("<h2>Knowledge gain per objective</h2>")
    parts.append(table(["objective", "pre %", "post %", "gain", "objective text"],
                       [[g.objective, _pct(g.pre_mean), _pct(g.post_mean), _pct(g.gain), g.text] for g in gains]))
    parts.append("<h2>Items: difficulty and discrimination</h2>")
    parts.append("<p>Difficulty is the share of the points learners scored (higher is easier); discrimination "
                 "is the correlation of an item with the rest of its test (below 0.2: review the item).</p>")
    parts.append(table(["assignment", "question", "objective", "learners", "difficulty", "discrimination"],
                       [[s.assignment, s.question, s.objective or "", s.learners, f"{s.difficulty:.2f}",
                         _fmt_r(s.discrimination) or "n/a"] for s in stats]))
    for path, alt in plots:
        if path:
            data = base64.b64encode(Path(path).read_bytes()).decode()
            parts.append(f"<figure><img src='data:image/png;base64,{data}' alt='{e(alt, quote=True)}'>"
                         f"<figcaption>{e(alt)}</figcaption></figure>")
    parts.append("<h2>Evaluations (anonymous)</h2>")
    parts.append(f"<p>{ev['returned']} returned.</p>")
    if ev["identifiable_warning"]:
        parts.append(f"<p><b>Fewer than {MIN_ANONYMOUS} evaluations: answers may be identifiable; "
                     "treat them with care.</b></p>")
    parts.append(table(["question", "n", "mean (1-5)"],
                       [[k, v["n"], v["mean"] if v["mean"] is not None else ""] for k, v in
                        [*ev["questions"].items(), *ev["objectives"].items()]]))
    b = ev["commercial_bias"]
    parts.append(f"<p>Commercial bias noticed: {b['yes']} yes, {b['no']} no, {b['unanswered']} unanswered.</p>")
    for key, texts in ev["comments"].items():
        if texts:
            parts.append(f"<h3>{e(key.replace('_', ' '))}</h3><ul>" + "".join(f"<li>{e(t)}</li>" for t in texts) + "</ul>")
    style = ("body{font-family:sans-serif;color:#202124;max-width:70em;margin:1em auto;padding:0 1em}"
             "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #757575;padding:2px 6px;"
             "text-align:left;vertical-align:top}img{max-width:100%}")
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{e(syl.title)}: cohort report</title><style>{style}</style></head><body>"
            + "".join(parts) + "</body></html>\n")
