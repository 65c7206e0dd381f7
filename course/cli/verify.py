"""course verify CODE: confirm a certificate's verification code against the register."""

from __future__ import annotations

import argparse

from ._common import FAILED, OK, add_json, print_json

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
    add_json(p, "print {code, valid, message, fields} as JSON (fields: what the certificate prints, or null)")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.certificates import safe_text, verify

    result = verify(args.code, db_url=args.db_url)
    if args.json:
        cert = result.certificate
        print_json({"code": cert.code if cert else args.code, "valid": result.valid, "message": result.message,
                    "fields": dict(cert.fields) if cert else None})
    else:
        print(safe_text(result.message))
    return OK if result.valid else FAILED  # NOT VALID is a finding, not bad input
