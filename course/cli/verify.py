"""course verify CODE: confirm a certificate's verification code against the gradebook."""

from __future__ import annotations

import argparse

NAME = "verify"
HELP = "confirm a certificate's verification code against the gradebook"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("code", metavar="CODE", help="the code printed on the certificate, e.g. ABCD-EFGH-2345")
    p.add_argument("--db-url", help="gradebook URL (default: sqlite gradebook.db)")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.certificates import verify

    result = verify(args.code, db_url=args.db_url)
    print(result.message)
    return 0 if result.valid else 1
