"""course handouts: printable HTML and PDF of every lesson and handout, built offline."""

from __future__ import annotations

import argparse

from ._common import BadInput, Failed, add_out

NAME = "handouts"
HELP = "print every lesson and handout to HTML and PDF (offline; `make handouts`)"
DESCRIPTION = (
    "Build a printable, self-contained HTML file and a PDF for every lesson notebook, every "
    "handout (consent-script template, client data-use notice, vendor questionnaire, policy "
    "template, crisis hand-off checklist), every CE-provider policy template, the reference "
    "list and the glossary. Lessons are run first (offline) so their tables and charts print. "
    "PDFs are printed by headless Chromium with no network."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("names", nargs="*", metavar="NAME", help="only these (file names without extension)")
    add_out(p, "build/handouts")
    p.add_argument("--no-pdf", action="store_true", help="HTML only")
    p.add_argument("--no-execute", action="store_true", help="print lessons without running them (no outputs)")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..handouts import build

    try:
        items = build(out=args.out, only=args.names or None, pdf=not args.no_pdf, execute=not args.no_execute)
    except ValueError as exc:  # nothing to print by that name
        raise BadInput(str(exc)) from None
    except RuntimeError as exc:  # no Chromium, a lesson that did not run
        raise Failed(str(exc)) from None
    files = sum(len(i.outputs) for i in items)
    folder = items[0].outputs[0].parent if items else args.out
    print(f"Printed {len(items)} document(s), {files} file(s), in {folder} (open index.html).")
    return 0
