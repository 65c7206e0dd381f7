"""course verify CODE: confirm a certificate's verification code against the register."""

from __future__ import annotations

import argparse

NAME = "verify"
HELP = "confirm a certificate's verification code against the register"
DESCRIPTION = (
    "Look CODE up in the certificate register and recompute it from every field the certificate prints "
    "(name, licence, course, provider, delivery, dates, hours, instructor, modules, approval statement). "
    "VALID only if nothing was changed; prints the certificate's fields (without terminal control characters)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("code", metavar="CODE", help="the code printed on the certificate, e.g. ABCD-EFGH-2345")
    p.add_argument("--db-url", help="gradebook URL (default: sqlite gradebook.db)")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.certificates import safe_text, verify

    result = verify(args.code, db_url=args.db_url)
    print(safe_text(result.message))
    return 0 if result.valid else 1
