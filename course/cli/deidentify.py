"""course deidentify: find and hide identifiers in clinical notes, offline."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

NAME = "deidentify"
HELP = "hide identifiers (names, dates, IDs, contact details...) in notes: .jsonl, .txt or a folder"
DESCRIPTION = (
    "De-identify clinical notes with the course's reference pipeline (Presidio + spaCy, offline). "
    'INPUT is a .jsonl file of {"id", "text"} objects, a .txt file, or a folder of .txt files. '
    'Writes one JSON object per document: {"id", "text_redacted", "spans": [{"start", "end", "label", "score"}]}, '
    "offsets into the original text. Documents that cannot be read are named on stderr and skipped; "
    "the exit status is 1 when anything was skipped. Automated de-identification is never perfect: "
    "review the output before sharing it."
)
SALT_ENV = "COURSE_HASH_SALT"
#: Notes longer than this are processed in parts (spaCy's own limit is 1,000,000 characters).
LARGE = 100_000


def add_arguments(p):
    p.add_argument("input", type=Path, metavar="INPUT", help=".jsonl file, .txt file, or folder of .txt files")
    p.add_argument("--out", "-o", type=Path, metavar="OUTPUT", help="output .jsonl file (default: standard output)")
    p.add_argument("--operator", choices=["replace", "redact", "mask", "hash"], default="replace",
                   help="replace = type tag like <NAME> (default); redact = remove; mask = ****; "
                        f"hash = salted SHA-256 (set ${SALT_ENV} to reuse a secret salt across runs)")
    p.add_argument("--threshold", type=float, default=0.4, metavar="SCORE", help="minimum score to hide (default 0.4)")
    p.add_argument("--allow", type=Path, metavar="FILE", help="terms never to hide, one per line")
    p.add_argument("--deny", type=Path, metavar="FILE", help="terms always to hide as names (e.g. your client list), one per line")
    p.add_argument("--evaluate", action="store_true",
                   help="input carries gold 'spans': print per-label recall/precision and the leaks")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def _terms(path: Path | None, what: str) -> list[str]:
    if path is None:
        return []
    try:
        return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"course deidentify: cannot read the {what} file {path}: {exc}") from None


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def run(args) -> int:
    from ..privacy.documents import InputError, read_documents
    from ..privacy.engine import ModelNotInstalled
    from ..privacy.pipeline import Pipeline, anonymize

    if not 0.0 <= args.threshold <= 1.0:
        _say("course deidentify: --threshold must be between 0 and 1.")
        return 2
    if args.out is not None and args.out.resolve() == args.input.resolve():
        _say("course deidentify: --out would overwrite the input; choose another file.")
        return 2
    try:
        allow, deny = _terms(args.allow, "allow-list"), _terms(args.deny, "deny-list")
    except SystemExit as exc:
        _say(str(exc))
        return 2
    try:
        docs, problems = read_documents(args.input)
    except InputError as exc:
        _say(f"course deidentify: {exc}")
        return 2
    for problem in problems:
        _say(f"skipped {problem}")
    for doc in docs:
        for note in doc.notes:
            _say(f"note: {note}")
        if not doc.text.strip():
            _say(f"note: {doc.source} is empty; written out unchanged")
        elif len(doc.text) > LARGE:
            _say(f"note: {doc.source} is large ({len(doc.text):,} characters); processed in parts")

    pipe = Pipeline(deny_list=deny, allow=allow, score_threshold=args.threshold)
    salt = os.environ.get(SALT_ENV)
    if args.out:
        try:
            args.out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _say(f"course deidentify: cannot create the folder for {args.out}: {exc.strerror}")
            return 2
    out = open(args.out, "w", encoding="utf-8", newline="\n") if args.out else sys.stdout  # noqa: SIM115
    predictions = []
    try:
        spans_iter = pipe.analyze_batch((d.text for d in docs), progress=not args.no_progress and len(docs) > 1,
                                        total=len(docs))
        for doc, spans in zip(docs, spans_iter, strict=False):
            predictions.append(spans)
            record = {
                "id": doc.id,
                "text_redacted": anonymize(doc.text, spans, args.operator, salt=salt),
                "spans": [s.to_dict() for s in spans],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    except ModelNotInstalled as exc:
        _say(f"course deidentify: {exc}")
        return 2
    finally:
        if args.out:
            out.close()
    if args.out:
        _say(f"wrote {len(docs)} document(s) to {args.out}" + (f"; skipped {len(problems)}" if problems else ""))

    if args.evaluate:
        from ..privacy.evaluate import evaluate

        gold = [(d, p) for d, p in zip(docs, predictions, strict=False) if d.spans is not None]
        if not gold:
            _say("course deidentify: --evaluate needs input with gold 'spans' (a .jsonl file); nothing to evaluate.")
            return 1
        report = evaluate([{"id": d.id, "text": d.text, "spans": d.spans} for d, _ in gold], [p for _, p in gold])
        print(report.summary(max_leaks=50), file=sys.stderr if not args.out else sys.stdout)
    return 1 if problems else 0
