"""The course's steps inside nbgrader itself (named in nbgrader configuration).

* :class:`LiteralAnswers`, a sanitising preprocessor: answer cells become
  ``name = literal`` written by the grader (:mod:`.answers`), and every other code cell
  that is not one of the course's is dropped, before nbgrader executes anything.
  ``course grade`` runs it in every submission's ``nbgrader autograde`` (after doing the
  same on its own side), with the answer names of the source solution.
* :class:`FeedbackExporter`: makes ``nbgrader generate_feedback`` (the formgrader's
  "Generate Feedback" button) write the course's safe feedback page
  (:func:`.feedback.feedback_html`) instead of the notebook with its hidden tests. The
  course's ``nbgrader_config.py`` selects it.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbconvert.exporters import Exporter
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode, default

from .answers import AnswerCell, defined_names, read_answer, render_answer
from .feedback import feedback_html
from .notebook import grade_id, source

__all__ = ["FeedbackExporter", "LiteralAnswers", "autograde_config"]


_STOCK = ["nbgrader.preprocessors.ClearOutput", "nbgrader.preprocessors.DeduplicateIds",
          "nbgrader.preprocessors.OverwriteKernelspec", "nbgrader.preprocessors.OverwriteCells",
          "nbgrader.preprocessors.CheckCellMetadata"]


def autograde_config(spec_file: Path | None) -> str:
    """Lines ``course grade`` appends to a submission's private ``nbgrader_config.py``:
    :class:`LiteralAnswers` with the answer names of the source solution (*spec_file*),
    or, for the sandbox's own tests only (``None``), nbgrader's stock sanitising.
    """
    steps = list(_STOCK)
    if spec_file is not None:
        steps.insert(3, "course.grading.nbgrader_hooks.LiteralAnswers")
    text = "\n\n# added by course grade\nc.Autograde.sanitize_preprocessors = " + repr(steps) + "\n"
    if spec_file is not None:
        text += f"c.LiteralAnswers.spec_file = {str(spec_file)!r}\n"
    return text


class LiteralAnswers(NbGraderPreprocessor):
    """Answers become literals written by the grader; other learner code cells go."""

    spec_file = Unicode("", help="JSON {grade id: {names, literal, kind}} from course grade (optional)").tag(config=True)

    def _specs(self, record) -> dict[str, AnswerCell]:  # type: ignore[no-untyped-def]
        if self.spec_file and Path(self.spec_file).is_file():
            raw = json.loads(Path(self.spec_file).read_text(encoding="utf-8"))
            return {g: AnswerCell(g, v["kind"], list(v["names"]), bool(v["literal"])) for g, v in raw.items()}
        out = {}
        for cell in record.source_cells:
            if cell.name in {c.name for c in record.solution_cells}:
                names, literal = defined_names(cell.source) if cell.cell_type == "code" else ([], True)
                out[cell.name] = AnswerCell(cell.name, cell.cell_type, names, literal)
        return out

    def preprocess(self, nb, resources):  # type: ignore[no-untyped-def]
        """Replace each answer cell with the learner's answer as ``name = literal`` lines (``...`` when it is not a literal) and drop code cells that are not the course's."""
        from nbgrader.api import Gradebook

        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            record = gb.find_notebook(info["notebook"], info["assignment"])
            known = {c.name for c in record.source_cells}
            specs = self._specs(record)
        kept, blanked, dropped = [], [], 0
        for cell in nb.cells:
            gid = grade_id(cell)
            spec = specs.get(gid) if gid else None
            if spec is not None and spec.kind == "code" and cell.cell_type == "code" and spec.literal:
                answer = read_answer(source(cell), spec.names)
                if answer.status == "not literal":
                    blanked.append(gid)
                cell.source = render_answer(answer.values)
            elif gid not in known and cell.cell_type == "code":
                dropped += 1
                continue
            kept.append(cell)
        nb.cells = kept
        if blanked:
            self.log.warning("course: answers that are not literals were blanked: %s", ", ".join(blanked))
        if dropped:
            self.log.warning("course: %d code cell(s) that are not the course's were dropped", dropped)
        return nb, resources


class FeedbackExporter(Exporter):
    """nbgrader ``generate_feedback`` exporter that writes the course's safe HTML."""

    output_mimetype = "text/html"
    export_from_notebook = "Course feedback"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".html"

    def from_notebook_node(self, nb, resources=None, **kw):  # type: ignore[no-untyped-def]
        """Render the graded notebook as the course's feedback HTML page (titled with the assignment and the learner)."""
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        info = (resources or {}).get("nbgrader", {})
        title = f"{info.get('assignment', '')} ({info.get('student', '')})"
        graded = json.loads(nbformat.writes(nb_copy))
        return feedback_html(graded, None, title), resources
