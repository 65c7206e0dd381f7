"""Every teaching notebook, as a trainee sees it: open in JupyterLab, run all cells in a
fresh kernel, no error output, every widget rendered. A screenshot of each module is saved
under screenshots/ (git-ignored) for review."""

from __future__ import annotations

import nbformat
import pytest
from labdriver import (
    NOTEBOOK,
    ROOT,
    SCREENSHOTS,
    looks_like_error,
    save,
    screenshot_notebook,
    stderr_texts,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # the first test of a module runs its lesson

MODULES = sorted((ROOT / "modules").glob("*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@pytest.mark.parametrize("path", MODULES, ids=[p.stem.removesuffix("_lesson") for p in MODULES])
def test_module_runs_clean_in_jupyterlab(module_page, lab_server, path):
    rel = f"modules/{path.name}"
    page = module_page(path.stem.removesuffix("_lesson"))  # opened with a fresh kernel, all cells run
    screenshot_notebook(page, SCREENSHOTS / f"{path.stem}.png")

    # What the trainee sees: no red box with an error or a traceback.
    errors = [text for text in stderr_texts(page) if looks_like_error(text)]
    assert not errors, f"{rel} shows errors in the browser:\n" + "\n---\n".join(e[:1500] for e in errors)

    # Markdown rendered as meant: no heading that starts with a stray "#" (a "# # Title").
    headings = page.locator(f"{NOTEBOOK} .jp-RenderedMarkdown :is(h1, h2, h3, h4)").all_inner_texts()
    assert headings, f"{rel} shows no headings"
    stray = [h for h in headings if h.lstrip().startswith("#")]
    assert not stray, f"{rel}: headings with a literal '#': {stray}"

    # Every code cell ran (the run was not stopped part-way).
    prompts = page.locator(f"{NOTEBOOK} .jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
    not_run = [i for i, p in enumerate(prompts) if not any(ch.isdigit() for ch in p)]
    assert prompts and not not_run, f"code cells {not_run} of {rel} did not run: {prompts}"

    # Every widget the kernel displayed was rendered by the JupyterLab widget manager.
    widget_outputs = page.locator(f"{NOTEBOOK} .jp-OutputArea-output:has(> .jupyter-widgets)")
    for text in widget_outputs.all_inner_texts():
        assert "Error displaying widget" not in text, f"a widget in {rel}: {text[:500]}"

    # The notebook JupyterLab saves has no error outputs either.
    save(page)
    nb = nbformat.read(lab_server.course / rel, as_version=4)
    saved_errors = [
        (i, f"{out.get('ename')}: {out.get('evalue')}")
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert not saved_errors, f"{rel} saved with error outputs: {saved_errors}"
    shown_widgets = sum(
        WIDGET_MIME in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    assert widget_outputs.count() == shown_widgets, (
        f"{rel}: {shown_widgets} widgets displayed by the kernel, {widget_outputs.count()} rendered"
    )
