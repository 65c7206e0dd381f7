"""Saving what the learner typed: nothing typed just before a click on *Save* may be lost.

Why this is needed. A typed box's text travels to Python as its own message, and the click
on *Save* as another. Their order is not guaranteed: ipywidgets holds back a box's newest
text while an earlier update of that box is still being processed, and in JupyterLab the
box can lose the focus (and send its text) only after the click has gone. Measured in the
browser test of the capstone self-assessment: about 1 click in 8, typed straight after the
last keystroke, reached Python before the text did. The file then missed the last words.

What the saving widgets do:

* :func:`save_soon` runs the save a moment (:data:`SETTLE_SECONDS`) after the click, in a
  Jupyter kernel, so that text sent just after the click arrives first. The status says
  "Saving..." meanwhile; a second click in that moment saves once.
* :func:`changed_notice` is what a widget shows when something changes after a save: the
  file does not have the change yet, and which button saves it. A late change is said,
  never hidden (the confirmation neither stays, which would be untrue, nor vanishes).
* Boxes without a live preview send their text when the learner leaves them
  (``continuous_update=False``): one message per edit instead of one per keystroke.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

__all__ = ["CHANGED_SINCE_SAVED", "SAVING", "SETTLE_SECONDS", "changed_notice", "kernel_loop", "save_soon"]

CHANGED_SINCE_SAVED = ("You changed something after saving, so {file} does not have the change yet. "
                       "Press \u201c{button}\u201d again to save it.")
SAVING = "Saving\u2026"
#: How long a save waits after the click for text still on its way (localhost takes a few ms;
#: a hub across a network, one round trip).
SETTLE_SECONDS = 0.5


def changed_notice(file: str, button: str) -> str:
    """The HTML of the notice (amber, announced to screen readers as a status)."""
    text = CHANGED_SINCE_SAVED.format(file=file, button=button)
    return ("<div role='status' style='background:#fef7e0;border-left:6px solid #b06000;"
            f"padding:6px 10px;color:#202124'>\u270e {html.escape(text)}</div>")


def in_kernel() -> bool:
    """True inside a Jupyter kernel (where a timer's event loop is the kernel's)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def kernel_loop():
    """The kernel's running event loop, for a timer; None outside a kernel (a script, a
    test, or a thread whose event loop belongs to something else).
    """
    import asyncio

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    return loop if in_kernel() else None


def save_soon(owner: Any, save: Callable[[], Any], status: Any) -> None:
    """Run *save* :data:`SETTLE_SECONDS` after a click, in a Jupyter kernel; at once anywhere
    else (a script, a test). *status* (an HTML widget) says "Saving..." meanwhile; clicks
    in that moment are one save. The pending save is kept on *owner*.
    """
    loop = kernel_loop()
    if loop is None:
        save()
        return
    pending = getattr(owner, "_save_pending", None)
    if pending is not None and not pending.cancelled():
        pending.cancel()

    def run() -> None:
        owner._save_pending = None
        save()

    status.value = f"<div role='status' style='padding:6px 10px;color:#202124'>{html.escape(SAVING)}</div>"
    owner._save_pending = loop.call_later(SETTLE_SECONDS, run)
