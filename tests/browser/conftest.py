"""Fixtures for the ``browser`` tests: one JupyterLab server and one headless Chromium per
session, a fresh browser context per test or per module notebook.

Without Chromium or Playwright the tests skip with the reason locally, and fail loudly in
CI (``CI=true``), where ``.ci/run`` installs Chromium.

A module notebook is run once: ``module_page(stem)`` opens it and runs all cells, and the
widget tests of that module reuse the same page (tests are ordered module by module, and
only one module page is kept open at a time).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from labdriver import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    LabServer,
    browser_module_group,
    in_ci,
    make_course_copy,
    open_notebook,
    run_all,
    shutdown_kernels,
)

HERE = Path(__file__).resolve().parent
VIEWPORT = {"width": 1400, "height": 900}
# What the server's socket guard logs when something tried to leave the machine.
REFUSED = "The course runs offline: a connection to"


def _module_key(item) -> str:
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "path" in callspec.params:
        return Path(callspec.params["path"]).stem.removesuffix("_lesson")
    marker = item.get_closest_marker("course_module")
    return marker.args[0] if marker else "~"


def pytest_configure(config):
    config.addinivalue_line("markers", "course_module(stem): the module notebook a browser test uses")


def pytest_collection_modifyitems(items):
    """Mark everything here ``browser``; order it module by module (module run, then its
    widgets). Under xdist, the tests of one module notebook also share a worker (the
    scheduler in tests/conftest.py), so the notebook runs once per session."""
    slots = [i for i, item in enumerate(items) if HERE in Path(str(item.fspath)).resolve().parents]
    ours = [items[i] for i in slots]
    for item in ours:
        item.add_marker(pytest.mark.browser)
    ours.sort(key=lambda it: (_module_key(it), it.get_closest_marker("course_module") is not None))
    for i, item in zip(slots, ours, strict=True):
        items[i] = item


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


@pytest.fixture(scope="session")
def lab_server(chromium, tmp_path_factory):
    """JupyterLab on 127.0.0.1 (token, free port) serving a throw-away copy of the course."""
    tmp = tmp_path_factory.mktemp("lab")
    server = LabServer(make_course_copy(tmp / "course"), tmp / "home")
    server.start()
    yield server
    server.stop()
    refused = [line for line in server.log().splitlines() if REFUSED in line]
    assert not refused, "JupyterLab or a kernel tried to reach the network:\n" + "\n".join(refused[:10])


class Session:
    """A browser context whose requests may only go to the JupyterLab server."""

    def __init__(self, browser, server: LabServer) -> None:
        self.blocked: list[str] = []
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.set_default_timeout(60_000)
        self.context.route(re.compile(rf"^(?!{re.escape(server.base)}/)"), self._refuse)
        self.page = self.context.new_page()

    def _refuse(self, route) -> None:
        self.blocked.append(route.request.url)
        route.abort()

    def close(self) -> None:
        self.context.close()


class ModulePages:
    """Module notebooks opened and run in the browser, one at a time."""

    def __init__(self, browser, server: LabServer) -> None:
        self.browser, self.server = browser, server
        self.stem: str | None = None
        self.session: Session | None = None

    def get(self, stem: str) -> Session:
        if self.stem != stem or self.session is None:
            self.close()
            self.session = Session(self.browser, self.server)
            open_notebook(self.session.page, self.server, f"modules/{stem}_lesson.ipynb", workspace=stem)
            run_all(self.session.page)
            self.stem = stem  # only a notebook that ran is reused
        return self.session

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            shutdown_kernels(self.server)
        self.session, self.stem = None, None


@pytest.fixture(scope="session")
def module_pages(chromium, lab_server):
    pages = ModulePages(chromium, lab_server)
    yield pages
    pages.close()


def _finish(request, session: Session) -> None:
    """After a test: its screenshot if it failed, and no request may have left 127.0.0.1."""
    report = getattr(request.node, "rep_call", None)
    if report is None or report.failed:
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        try:
            session.page.screenshot(path=str(SCREENSHOTS / f"FAILED-{name}.png"))
        except Exception as exc:  # the page itself may be what broke
            print(f"could not save a screenshot: {exc}")
    assert not session.blocked, f"the page tried to reach the network: {session.blocked[:5]}"


@pytest.fixture(autouse=True)
def _no_stale_failure_shot(request):
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    (SCREENSHOTS / f"FAILED-{name}.png").unlink(missing_ok=True)


@pytest.fixture
def module_page(request, module_pages):
    """``module_page(stem)``: the page of ``modules/<stem>_lesson.ipynb``, all cells run."""
    used: list[str] = []

    def get(stem: str):
        used.append(stem)
        return module_pages.get(stem).page

    yield get
    if used and module_pages.session is not None:
        _finish(request, module_pages.session)


@pytest.fixture
def page(request, chromium, lab_server, module_pages):
    """A new page in a fresh browser context (module pages are closed first)."""
    module_pages.close()
    session = Session(chromium, lab_server)
    yield session.page
    try:
        _finish(request, session)
    finally:
        session.close()
        shutdown_kernels(lab_server)


def pytest_collection_finish(session):
    """A test with a ``course_module`` mark is named ``test_mNN_...`` for its module: the
    xdist scheduler (tests/conftest.py) reads the module from the node id
    (:func:`labdriver.browser_module_group`)."""
    wrong = []
    for item in session.items:
        marker = item.get_closest_marker("course_module")
        if marker and browser_module_group(item.nodeid) != f"module-{marker.args[0][:2]}":
            wrong.append(f"{item.nodeid} (course_module {marker.args[0]!r})")
    if wrong:
        raise pytest.UsageError("name a test of a module page test_mNN_...: " + ", ".join(wrong))
