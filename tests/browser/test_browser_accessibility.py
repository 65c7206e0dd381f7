"""Accessibility of every module as a trainee meets it (issue 16 item 9), checked with
axe-core (npm, pinned in tests/browser/node/package-lock.json, installed by `make test`
and injected from disk: nothing is fetched at run time).

Inside the notebook area (the course's own content: markdown, outputs and widgets):
WCAG 2 A/AA rules, text contrast of at least 4.5:1, images with alt text, and sliders
with accessible names.
"""

from __future__ import annotations

import json

import pytest
from labdriver import NOTEBOOK, ROOT, in_ci

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # the first test of a module runs its lesson

AXE = ROOT / "tests" / "browser" / "node" / "node_modules" / "axe-core" / "axe.min.js"
MODULES = sorted((ROOT / "modules").glob("*.ipynb"))


def run_axe(page) -> list[dict]:
    """axe-core's violations for the open notebook (WCAG 2.0/2.1 A and AA)."""
    if not AXE.exists():
        message = f"axe-core is not installed ({AXE} missing): run `make test` (it installs it with npm ci)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (sel) => {
            // The course's own content: rendered markdown and cell outputs (widgets, plots,
            // self-checks). JupyterLab's own chrome (editors, toolbars) is not ours to fix.
            const context = {include: [[sel + ' .jp-RenderedMarkdown'], [sel + ' .jp-OutputArea-output']]};
            const r = await axe.run(context,
                {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160), text: ((document.querySelector(n.target.join(' ')) || {}).innerText || '').slice(0, 120),
                                                     why: (n.failureSummary || '').slice(0, 200)})),
                count: v.nodes.length}));
        }""",
        NOTEBOOK,
    )


@pytest.mark.parametrize("path", MODULES, ids=[p.stem for p in MODULES])
def test_module_passes_an_accessibility_scan(module_page, path):
    page = module_page(path.stem.removesuffix("_lesson"))
    violations = run_axe(page)
    assert not violations, f"{path.stem}: " + json.dumps(violations, indent=1)[:6000]
