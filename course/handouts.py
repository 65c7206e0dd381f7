"""Printable lessons and handouts, built offline: ``make handouts`` / ``course handouts``.

Every lesson notebook (``modules/*.ipynb``), every handout and CE-provider policy template
(``course/guide/handouts/``, ``course/guide/ce-policies/``), the reference list and the
glossary become one self-contained HTML file each (nbconvert, with a template that loads
nothing from the network), and a PDF printed from it by headless Chromium in a network
namespace with no way out. In the HTML, web addresses are printed as text next to what
they name: nothing in the file points outside it, so it reads the same on paper.

Nothing here runs at import time.
"""

from __future__ import annotations

import html as html_lib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import _paths

__all__ = [
    "CHROMIUM_ENV",
    "Printable",
    "build",
    "external_references",
    "find_chromium",
    "html_to_pdf",
    "offline_html",
    "printables",
    "render_html",
]

#: Environment variable naming the Chromium (or Chrome) executable to print PDFs with.
CHROMIUM_ENV = "COURSE_CHROMIUM"
_TEMPLATE_DIR = Path(__file__).with_name("_print_template")
_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = "(An interactive tool appears here in the notebook. Open the notebook in JupyterLab to use it.)"
PRINTED_NOTE = "AI Guardrails for Mental Health Practice · printable copy of {source} · not legal advice"


@dataclass
class Printable:
    """One thing to print: a lesson notebook or a Markdown guide page."""

    name: str
    source: Path
    kind: str  # "lesson", "handout", "ce-policy", "guide"
    outputs: list[Path] = field(default_factory=list)


def printables(root: Path | None = None) -> list[Printable]:
    """Everything ``make handouts`` prints, in a stable order."""
    root = Path(root or _paths.root()).resolve()
    guide = Path(__file__).with_name("guide")
    items = [Printable(p.stem, p, "lesson") for p in sorted((root / "modules").glob("*.ipynb"))]
    for folder, kind in (("handouts", "handout"), ("ce-policies", "ce-policy")):
        items += [Printable(p.stem, p, kind) for p in sorted((guide / folder).glob("*.md")) if p.stem != "README"]
    items += [Printable(p.stem, p, "guide") for p in (guide / "references.md", guide / "glossary.md")]
    return items


def _markdown_notebook(path: Path):
    """A notebook of Markdown cells, one per ``## `` section, from a Markdown file."""
    import nbformat

    text = path.read_text(encoding="utf-8")
    # The reference list's "URL:", "Checked:" ... lines print on lines of their own.
    text = re.sub(r"\n  (URL|Checked|Cited as|Crosswalk): ", r"<br>\n  *\1:* ", text)
    parts = re.split(r"(?m)^(?=## )", text)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(p.strip()) for p in parts if p.strip()]
    nb.metadata["title"] = re.search(r"(?m)^# (.+)$", text).group(1) if re.search(r"(?m)^# (.+)$", text) else path.stem
    return nb


def _execute(path: Path, workdir: Path, timeout: int = 900):
    """Run a lesson top to bottom offline (as the tests do) and return the executed notebook."""
    import nbformat

    from .offline import offline_command

    dest = workdir / f"executed-{path.stem}.ipynb"
    cmd, env = offline_command([sys.executable, "-m", "course._nbexec", str(path), str(dest), "--cwd", str(path.parent)])
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0 or not dest.exists():
        raise RuntimeError(f"{path.name} did not run to the end:\n{done.stderr[-2000:]}")
    return nbformat.read(dest, as_version=4)


def _replace_widgets(nb) -> None:
    """Interactive widgets cannot be printed: say so instead of showing nothing."""
    import nbformat

    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            if _WIDGET_MIME in out.get("data", {}):
                out = nbformat.v4.new_output("display_data", data={"text/html": f"<p class='course-widget-note'>{WIDGET_NOTE}</p>"})
            outputs.append(out)
        cell.outputs = outputs
    nb.metadata.pop("widgets", None)


def render_html(nb, title: str) -> str:
    """The notebook as a self-contained HTML page with the course's print template."""
    from nbconvert import HTMLExporter

    nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="print",
        extra_template_basedirs=[str(_TEMPLATE_DIR)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return body


_ANCHOR = re.compile(r"<a\b([^>]*?)\bhref=(\"[^\"]*\"|'[^']*')([^>]*)>(.*?)</a>", re.S | re.I)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def offline_html(page: str, built: dict[str, str] | None = None, source: str = "") -> str:
    """Print web addresses as text, point links between printed pages at each other.

    *built* maps a source file name (``references.md``, ``00_welcome_lesson.ipynb``) to the
    printed page it became; links to anything else keep their text and lose the link.
    """
    built = built or {}

    def link(m: re.Match) -> str:
        href = html_lib.unescape(m.group(2)[1:-1])
        text = m.group(4)
        if href.startswith("#"):
            return m.group(0)
        if _EXTERNAL.match(href):
            shown = re.sub(r"^(?:https?:)?//", "", href) if href.lower().startswith(("http", "//")) else href.split(":", 1)[-1]
            plain = re.sub(r"<[^>]+>", "", text).strip()
            if plain.rstrip("/") in (href.rstrip("/"), shown.rstrip("/")):
                return f"<span class='course-url'>{html_lib.escape(shown)}</span>"
            return f"{text} <span class='course-url'>({html_lib.escape(shown)})</span>"
        target = built.get(Path(href.split("#")[0]).name)
        if target:
            return f"<a href=\"{html_lib.escape(target)}\">{text}</a>"
        return text

    page = _ANCHOR.sub(link, page)
    note = f"<p class='course-printed'>{html_lib.escape(PRINTED_NOTE.format(source=source))}</p>"
    page = page.replace("</body>", note + "\n</body>", 1)
    bad = external_references(page)
    if bad:
        raise RuntimeError(f"printed page still refers outside itself: {bad[:5]}")
    return page


def external_references(page: str) -> list[str]:
    """Everything in *page* that would load or link to something outside the file.

    Looks at ``src``, ``href``, ``srcset``, ``action``, ``poster`` and ``data`` attributes, CSS
    ``url(...)`` and ``@import``, and ``<meta http-equiv="refresh">``; ``data:`` URIs and
    links within the page (``#...``) or to other printed pages (relative ``.html``) are fine.
    """
    found = []
    styles = " ".join(re.findall(r"<style\b[^>]*>(.*?)</style>", page, re.S | re.I))
    markup = re.sub(r"(<(style|script)\b[^>]*>).*?(</\2>)", r"\1\3", page, flags=re.S | re.I)
    attributes = " ".join(re.findall(r"<[a-zA-Z][^>]*>", markup))
    for value in re.findall(r"(?<![\w-])(?:src|href|srcset|action|poster|data)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", attributes, re.I):
        value = value.strip("\"'").strip()
        if not value or value.startswith("#") or value.lower().startswith("data:"):
            continue
        if _EXTERNAL.match(value) or not value.lower().split("#")[0].endswith(".html"):
            found.append(value)
    inline_css = styles + " " + " ".join(re.findall(r"style\s*=\s*(\"[^\"]*\"|'[^']*')", attributes, re.I))
    for value in re.findall(r"url\(\s*([^)]*?)\s*\)", inline_css, re.I):
        value = value.strip("\"'")
        if value and not value.lower().startswith(("data:", "#")):
            found.append(value)
    found += re.findall(r"@import\s+[^;]+", inline_css, re.I)
    found += re.findall(r"<meta[^>]+http-equiv=[\"']?refresh[^>]*>", page, re.I)
    return found


def find_chromium() -> str | None:
    """The Chromium executable: ``$COURSE_CHROMIUM``, else chromium / chrome on the PATH."""
    if os.environ.get(CHROMIUM_ENV):
        return os.environ[CHROMIUM_ENV]
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def html_to_pdf(html_path: Path, pdf_path: Path, chromium: str | None = None, timeout: int = 180) -> Path:
    """Print *html_path* to *pdf_path* with headless Chromium, with no network at all."""
    from .offline import offline_command

    chromium = chromium or find_chromium()
    if not chromium:
        raise RuntimeError(f"PDFs need Chromium: install it (Debian: apt-get install chromium) or set {CHROMIUM_ENV}")
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="course-print-") as profile:
        args = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-default-apps", f"--user-data-dir={profile}",
            "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri(),
        ]
        cmd, env = offline_command(args)
        env = dict(env, HOME=profile)
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RuntimeError(f"Chromium could not print {html_path.name}:\n{done.stderr[-1500:]}")
    return pdf_path


def build(out: Path | None = None, root: Path | None = None, only: list[str] | None = None, pdf: bool = True,
          execute: bool = True, progress=print) -> list[Printable]:
    """Print the course: HTML (and PDF) for every lesson and handout into *out*.

    Parameters
    ----------
    out : Path, optional
        Output folder (default ``build/handouts`` in the course root).
    root : Path, optional
        The course root (default: found by :func:`course._paths.root`).
    only : list of str, optional
        Names (file stems) to print; default everything.
    pdf : bool
        Also print PDFs with Chromium.
    execute : bool
        Run each lesson (offline) first, so its tables and charts are printed too.
    progress : callable
        Called with one line of text per printed item (default :func:`print`).

    """
    root = Path(root or _paths.root()).resolve()
    out = Path(out or root / "build" / "handouts")
    out.mkdir(parents=True, exist_ok=True)
    items = printables(root)
    if only:
        unknown = set(only) - {i.name for i in items}
        if unknown:
            raise ValueError(f"nothing to print called {', '.join(sorted(unknown))}; choose from {', '.join(i.name for i in items)}")
        chosen = [i for i in items if i.name in only]
    else:
        chosen = items
    built = {i.source.name: f"{i.name}.html" for i in chosen}
    chromium = find_chromium() if pdf else None
    if pdf and not chromium:
        raise RuntimeError(f"PDFs need Chromium: install it (Debian: apt-get install chromium), set {CHROMIUM_ENV}, or use --no-pdf")
    with tempfile.TemporaryDirectory(prefix="course-handouts-") as work:
        for item in chosen:
            if item.kind == "lesson":
                import nbformat

                nb = _execute(item.source, Path(work)) if execute else nbformat.read(item.source, as_version=4)
                _replace_widgets(nb)
                title = next((ln[2:] for c in nb.cells if c.cell_type == "markdown" for ln in c.source.splitlines() if ln.startswith("# ")), item.name)
            else:
                nb = _markdown_notebook(item.source)
                title = nb.metadata["title"]
            page = offline_html(render_html(nb, title), built, source=str(item.source.relative_to(root)) if item.source.is_relative_to(root) else item.source.name)
            html_path = out / f"{item.name}.html"
            html_path.write_text(page, encoding="utf-8")
            item.outputs = [html_path]
            if pdf:
                # On paper a link is just its text (Chromium would turn links between the
                # printed pages into absolute file:// links).
                paper = Path(work) / f"{item.name}.html"
                plain = re.sub(r"<a\b[^>]*class=\"anchor-link\"[^>]*>.*?</a>", "", page, flags=re.S | re.I)
                paper.write_text(re.sub(r"<a\b[^>]*>(.*?)</a>", r"\1", plain, flags=re.S | re.I), encoding="utf-8")
                item.outputs.append(html_to_pdf(paper, out / f"{item.name}.pdf", chromium))
            progress(f"printed {item.kind:9} {item.name}: " + ", ".join(p.name for p in item.outputs))
    index = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Printable course materials</title></head><body>",
             "<h1>AI Guardrails for Mental Health Practice: printable materials</h1><ul>"]
    index += [f"<li>{html_lib.escape(i.kind)}: <a href='{html_lib.escape(i.name)}.html'>{html_lib.escape(i.name)}</a></li>" for i in chosen]
    index.append("</ul></body></html>")
    (out / "index.html").write_text("\n".join(index), encoding="utf-8")
    return chosen
