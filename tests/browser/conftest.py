"""Fixtures for the ``browser`` tests: one JupyterLab server and one headless Chromium per
session, a fresh browser context (and page) per test.

Without Chromium or Playwright the tests skip with the reason locally, and fail loudly in
CI (``CI=true``), where ``.ci/run`` installs Chromium.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from labdriver import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, LabServer, in_ci, make_course_copy

HERE = Path(__file__).resolve().parent
VIEWPORT = {"width": 1400, "height": 900}
# What the server's socket guard logs when something tried to leave the machine.
REFUSED = "The course runs offline: a connection to"


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def browser_unavailable(reason: str) -> None:
    """Skip (locally) or fail loudly (in CI) when the browser tests cannot run."""
    message = f"browser tests cannot run: {reason}"
    if in_ci():
        pytest.fail(message + " (in CI this is an error: .ci/run installs chromium)", pytrace=False)
    pytest.skip(message + " (install it with: apt-get install chromium)")


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """JupyterLab on 127.0.0.1 (token, free port) serving a throw-away copy of the course."""
    tmp = tmp_path_factory.mktemp("lab")
    server = LabServer(make_course_copy(tmp / "course"), tmp / "home")
    server.start()
    yield server
    server.stop()
    refused = [line for line in server.log().splitlines() if REFUSED in line]
    assert not refused, "JupyterLab or a kernel tried to reach the network:\n" + "\n".join(refused[:10])


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        browser_unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a pinned test dependency
        browser_unavailable(f"playwright is not installed ({exc})")
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    except Error as exc:
        pw.stop()
        browser_unavailable(f"Chromium did not start: {str(exc).splitlines()[0]}")
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture
def page(request, chromium, lab_server):
    """A new page in a fresh browser context. Requests that would leave 127.0.0.1 are
    blocked and make the test fail; a failing test leaves its screenshot in screenshots/."""
    safe_name = re.sub(r"[^\w.-]+", "_", request.node.name)
    failed_shot = SCREENSHOTS / f"FAILED-{safe_name}.png"
    failed_shot.unlink(missing_ok=True)  # a stale one from an earlier run would mislead
    context = chromium.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    blocked: list[str] = []

    def refuse(route):
        blocked.append(route.request.url)
        route.abort()

    context.route(re.compile(rf"^(?!{re.escape(lab_server.base)}/)"), refuse)
    pg = context.new_page()
    yield pg
    report = getattr(request.node, "rep_call", None)
    if report is None or report.failed:
        try:
            pg.screenshot(path=str(failed_shot), full_page=True)
        except Exception as exc:  # the page itself may be what broke
            print(f"could not save a screenshot: {exc}")
    context.close()
    assert not blocked, f"the page tried to reach the network: {blocked[:5]}"
