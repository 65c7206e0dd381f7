"""Policy builder: pick your practice's choices, preview the AI-use policy, save it locally.

The logic lives in :mod:`course.guidelines.policy`; this module only wires widgets to it.
CSS classes for browser tests: ``course-policy-builder`` (whole widget),
``course-policy-practice``, ``course-policy-owner``, ``course-policy-effective``,
``course-policy-tools``, ``course-policy-consent``, ``course-policy-oversight``,
``course-policy-rules``, ``course-policy-education``, ``course-policy-cadence``,
``course-policy-triggers``, ``course-policy-incident``, ``course-policy-publish``,
``course-policy-state``, ``course-policy-permitted``, ``course-policy-prohibited`` (the
clinical-uses section, which has no default: choose them for the policy to pass),
``course-policy-preview`` (Markdown preview), ``course-policy-status`` (structure check),
``course-policy-save`` (button), ``course-policy-saved`` (confirmation),
``course-policy-code`` (the choices, for reference).
"""

from __future__ import annotations

import datetime as dt
import html
import pprint
from pathlib import Path
from typing import Any

import ipywidgets as w
import traitlets

from ..guidelines.policy import (
    CLINICAL_USES,
    DEFAULT_CHOICES,
    OPTIONS,
    build_policy,
    check_policy,
    resolve_uses,
    save_policy,
)
from ._saving import changed_notice, save_soon

__all__ = ["ChoiceBoxes", "PolicyBuilder", "policy_builder", "SAVED_MESSAGE", "STRUCTURE_OK", "markdown_to_html"]

SAVED_MESSAGE = "Saved your policy to {path} ({words} words). It stays on this computer: nothing was sent anywhere."
STRUCTURE_OK = "Structure check: every required section is there."
STRUCTURE_PROBLEMS = "Structure check: {n} thing(s) to fix: "
_STATE_OPTIONS = [("(choose)", None), ("Illinois", "IL"), ("Nevada", "NV"), ("Utah", "UT"), ("another state", "other")]


def markdown_to_html(text: str) -> str:
    """A minimal Markdown renderer (headings, bullets, tables, bold, italics) for previews."""
    import re

    out, in_list, in_table = [], False, False
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(set(c) <= {"-", ":"} and c for c in cells):
                continue
            if not in_table:
                out.append('<table style="border-collapse:collapse">')
                in_table = True
            out.append("<tr>" + "".join(f'<td style="border:1px solid #dadce0;padding:2px 6px">{html.escape(c)}</td>' for c in cells) + "</tr>")
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        esc = html.escape(line)
        esc = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", esc)
        esc = re.sub(r"(?<!\*)\*(?!\*)(.+?)\*", r"<i>\1</i>", esc)
        if line.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{esc[2:]}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if line.startswith("### "):
            out.append(f"<h5>{esc[4:]}</h5>")
        elif line.startswith("## "):
            out.append(f"<h4>{esc[3:]}</h4>")
        elif line.startswith("# "):
            out.append(f"<h3>{esc[2:]}</h3>")
        elif line.strip():
            out.append(f"<p>{esc}</p>")
    if in_list:
        out.append("</ul>")
    if in_table:
        out.append("</table>")
    return "\n".join(out)


class ChoiceBoxes(w.VBox):
    """A group of tick boxes with a ``value`` (the ticked options, in their order).

    Used instead of a multiple-select list, where one plain click silently deselected every
    other item (Ctrl-click was needed, and nothing said so). Each box is a real checkbox with
    its own label, reachable with Tab and toggled with Space.
    """

    value = traitlets.Tuple()

    def __init__(self, options, value=(), description: str = "", **kwargs: Any) -> None:
        self.options = tuple(options)
        self._boxes = [w.Checkbox(value=o in value, description=str(o), indent=False, layout=w.Layout(width="auto"))
                       for o in self.options]
        title = w.HTML(f"<b>{html.escape(description)}</b> (tick all that apply)")
        super().__init__([title, *self._boxes], **kwargs)
        self._syncing = False
        self.value = tuple(o for o in self.options if o in value)
        for box in self._boxes:
            box.observe(self._ticked, names="value")
        self.observe(self._set, names="value")

    def _ticked(self, _change: Any) -> None:
        if not self._syncing:
            self.value = tuple(o for o, b in zip(self.options, self._boxes, strict=True) if b.value)

    def _set(self, change: Any) -> None:
        self._syncing = True
        try:
            for o, b in zip(self.options, self._boxes, strict=True):
                b.value = o in change["new"]
        finally:
            self._syncing = False


class PolicyBuilder:
    """The policy builder widget. Display it with ``builder.widget`` (or just ``builder``).

    Parameters
    ----------
    folder : str or Path, optional
        Where ``my_work/`` is created when saving (default: the current folder).
    choices : dict, optional
        Starting choices (default :data:`course.guidelines.policy.DEFAULT_CHOICES`).
    """

    def __init__(self, folder: str | Path | None = None, choices: dict[str, Any] | None = None) -> None:
        c = {**DEFAULT_CHOICES, **(choices or {})}
        self.folder = Path(folder) if folder else None
        self.saved_path: Path | None = None
        self._saved_text: str | None = None  # the policy as last saved (to tell whether it changed since)
        style = {"description_width": "230px"}
        lay = w.Layout(width="95%")
        self.practice = w.Text(value=c["practice"], description="Practice name", style=style, layout=lay)
        self.owner = w.Text(value=c["owner"], description="Policy owner", style=style, layout=lay)
        # Wide enough for the whole date (the picker showed only "01/" at its default width).
        self.effective = w.DatePicker(value=dt.date.fromisoformat(str(c["effective"])), description="Effective from", style=style,
                                      layout=w.Layout(width="440px"))
        self.tools = w.Textarea(value="\n".join(c["tools"]), description="Approved tools (one a line)", style=style, layout=lay)
        self.consent = w.RadioButtons(options=OPTIONS["consent"], value=c["consent"], description="Consent", style=style, layout=lay)
        self.oversight = w.RadioButtons(options=OPTIONS["oversight"], value=c["oversight"], description="Human oversight", style=style, layout=lay)
        self.rules = ChoiceBoxes(OPTIONS["data_rules"], value=tuple(c["data_rules"]), description="Data rules", layout=lay)
        self.education = w.IntSlider(value=int(c["education_hours"]), min=1, max=12, description="CE hours a year", style=style,
                                    layout=w.Layout(width="520px"))
        self.cadence = w.Dropdown(options=[int(x) for x in OPTIONS["cadence_months"]], value=int(c["cadence_months"]),
                                  description="Review every (months)", style=style)
        self.triggers = ChoiceBoxes(OPTIONS["triggers"], value=tuple(c["triggers"]), description="Review triggers", layout=lay)
        self.incident = w.BoundedIntText(value=int(c["incident_hours"]), min=1, max=168, description="Report incidents within (h)", style=style)
        self.publish = w.Checkbox(value=bool(c["publish_tool_list"]), description="Publish our list of AI tools to clients", indent=False)
        self.state = w.Dropdown(options=_STATE_OPTIONS, value=c["state"] if c["state"] in dict(_STATE_OPTIONS).values() else None,
                                description="State law that applies", style=style, layout=w.Layout(width="480px"))
        uses = list(CLINICAL_USES.values())
        self.permitted = ChoiceBoxes(uses, value=tuple(u for u in resolve_uses(c["permitted_uses"]) if u in uses),
                                     description="Permitted clinical uses", layout=lay)
        self.prohibited = ChoiceBoxes(uses, value=tuple(u for u in resolve_uses(c["prohibited_uses"]) if u in uses),
                                      description="Prohibited clinical uses", layout=lay)
        self.preview = w.HTML()
        self.status = w.HTML()
        self.code = w.Textarea(layout=w.Layout(width="95%", height="120px"), disabled=False)
        self.save_button = w.Button(description="Save my policy", button_style="primary", icon="save")
        self.saved = w.HTML()
        for widget, cls in [
            (self.practice, "practice"), (self.owner, "owner"), (self.effective, "effective"), (self.tools, "tools"),
            (self.consent, "consent"), (self.oversight, "oversight"), (self.rules, "rules"), (self.education, "education"),
            (self.cadence, "cadence"), (self.triggers, "triggers"), (self.incident, "incident"), (self.publish, "publish"),
            (self.state, "state"), (self.permitted, "permitted"), (self.prohibited, "prohibited"),
            (self.preview, "preview"), (self.status, "status"), (self.code, "code"), (self.save_button, "save"), (self.saved, "saved"),
        ]:
            widget.add_class(f"course-policy-{cls}")
        self.controls = [self.practice, self.owner, self.effective, self.tools, self.consent, self.oversight, self.rules,
                         self.education, self.cadence, self.triggers, self.incident, self.publish,
                         self.state, self.permitted, self.prohibited]
        for control in self.controls:
            control.observe(self._refresh, names="value")
        self.save_button.on_click(lambda _b: save_soon(self, self._save, self.saved))
        self.widget = w.VBox([
            w.HTML("<b>1. Make your choices</b> (the preview updates as you go)"),
            *self.controls,
            w.HTML("<b>2. Preview</b>"),
            self.status,
            self.preview,
            w.HTML("<b>3. Save it</b> to <code>my_work/ai_use_policy.md</code> in this folder"),
            self.save_button,
            self.saved,
            w.HTML("<b>4. Your choices</b> (for reference; in exercise 05 you type your own choices into the answer cell)"),
            self.code,
        ])
        self.widget.add_class("course-policy-builder")
        self._refresh()

    def choices(self) -> dict[str, Any]:
        """The current choices, as :func:`course.guidelines.policy.build_policy` takes them."""
        return {
            "practice": self.practice.value.strip() or "Our practice",
            "owner": self.owner.value.strip() or "the practice owner",
            "effective": (self.effective.value or dt.date.today()).isoformat(),
            "tools": [t.strip() for t in self.tools.value.splitlines() if t.strip()],
            "consent": self.consent.value,
            "oversight": self.oversight.value,
            "data_rules": list(self.rules.value),
            "education_hours": int(self.education.value),
            "cadence_months": int(self.cadence.value),
            "triggers": list(self.triggers.value),
            "incident_hours": int(self.incident.value),
            "publish_tool_list": bool(self.publish.value),
            "state": self.state.value,
            "permitted_uses": list(self.permitted.value),
            "prohibited_uses": list(self.prohibited.value),
        }

    def policy(self) -> str:
        """The policy text for the current choices."""
        return build_policy(self.choices())

    def _refresh(self, _change: Any = None) -> None:
        text = self.policy()
        self.preview.value = (
            '<div tabindex="0" role="region" aria-label="Policy preview" '
            f'style="border:1px solid #dadce0;padding:8px 14px;max-height:420px;overflow:auto">{markdown_to_html(text)}</div>'
        )
        problems = check_policy(text)
        if problems:
            self.status.value = f'<span style="color:#b00020">{html.escape(STRUCTURE_PROBLEMS.format(n=len(problems)) + " ".join(problems))}</span>'
        else:
            self.status.value = f'<span style="color:#1e7e34">✅ {html.escape(STRUCTURE_OK)}</span>'
        self.code.value = "my_choices = " + pprint.pformat(self.choices(), sort_dicts=False, width=100)
        # The preview follows every keystroke, so a typed box's last keystrokes can reach Python
        # just after a quick click on Save: say so, never hide it (see course.widgets._saving).
        if self._saved_text is None:
            self.saved.value = ""
        elif text == self._saved_text:
            self._say_saved(text)
        else:
            self.saved.value = changed_notice(self.saved_path.name, self.save_button.description)

    def save(self) -> Path:
        """Save the current policy under ``my_work/``; returns the path."""
        text = self.policy()
        self.saved_path = save_policy(text, self.folder)
        self._saved_text = text
        self._say_saved(text)
        return self.saved_path

    def _say_saved(self, text: str) -> None:
        self.saved.value = (
            '<div style="background:#e6f4ea;border-left:6px solid #1e7e34;padding:6px 10px">✅ '
            + html.escape(SAVED_MESSAGE.format(path=self.saved_path, words=len(text.split())))
            + "</div>"
        )

    def _save(self, _button: Any = None) -> None:
        try:
            self.save()
        except (OSError, ValueError) as exc:
            self.saved.value = f'<div style="color:#b00020">Could not save the policy: {html.escape(str(exc))}</div>'

    def _ipython_display_(self) -> None:
        from IPython.display import display

        from ._a11y import label_sliders

        label_sliders()
        display(self.widget)


def policy_builder(folder: str | Path | None = None, choices: dict[str, Any] | None = None) -> PolicyBuilder:
    """Create the policy builder; show it by leaving it as the last line of a cell."""
    return PolicyBuilder(folder=folder, choices=choices)
