"""course audit: a fairness audit of a screening tool's decisions, from a CSV file."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ._common import BadInput, add_json, add_quiet, chatter, print_json

NAME = "audit"
HELP = "fairness audit of a tool's 0/1 decisions by group (selection rate, TPR, FPR, four-fifths rule)"
DESCRIPTION = (
    "Audit a tool's decisions for differences between groups of clients. The CSV needs one row per "
    "person, a 0/1 true-outcome column (--label), a 0/1 decision column (--pred) and one or more "
    "group columns (--group). Reports selection rate, true- and false-positive rates per group, the "
    "demographic-parity difference and ratio, the equalised-odds difference and the four-fifths "
    "rule of thumb (Uniform Guidelines, 29 CFR 1607.4(D); a screen, not a legal finding), with bootstrap confidence intervals and warnings for groups too small "
    "to judge. Definitions match fairlearn's. Everything runs offline."
)


def add_arguments(p):
    """Declare the command-line options."""
    p.add_argument("file", type=Path, metavar="FILE.csv", help="the data: one row per person")
    p.add_argument("--group", action="append", required=True, metavar="COL", help="a group column (repeat for several)")
    p.add_argument("--label", required=True, metavar="COL", help="true outcome, 0/1")
    p.add_argument("--pred", required=True, metavar="COL", help="the tool's decision, 0/1")
    p.add_argument("--score", metavar="COL", help="the tool's score (optional: adds mean score and AUC per group)")
    p.add_argument("--intersectional", action="store_true", help="also audit the combinations of the --group columns")
    p.add_argument("--dropna", action="store_true", help="leave out rows with missing values (default: refuse)")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N", help="bootstrap resamples for 95%% intervals (0 = none; default 1000)")
    p.add_argument("--min-group", type=int, default=30, metavar="N", help="warn about groups with fewer rows (default 30)")
    p.add_argument("--seed", type=int, default=0, help="seed for the bootstrap (default 0)")
    add_json(p, "print one JSON object (full-precision numbers) instead of the text summary")
    p.add_argument("--html", type=Path, metavar="REPORT.html", help="also write a self-contained HTML report")
    add_quiet(p, progress=False)
    p.add_argument("--max-size", type=float, default=MAX_SIZE_MB, metavar="MB",
                   help=f"refuse files larger than this many megabytes, after decompression (default {MAX_SIZE_MB:g})")


#: Default for --max-size (megabytes, of the CSV as read: after decompression).
MAX_SIZE_MB = 500.0
_COMPRESSED = (".gz", ".bz2", ".xz", ".zip")


def _mb(n: float) -> str:
    return f"{n / 1_000_000:,.1f} MB"


def _too_big(path: Path, size: str, limit: int) -> str:
    return (f"{path.name} is {size}, over the {_mb(limit)} that course audit reads (--max-size); "
            "audit a sample, or keep only the columns it needs (groups, outcome, decision).")


def _open_compressed(path: Path):
    import bz2
    import gzip
    import lzma
    import zipfile

    suffix = path.suffix.lower()
    if suffix == ".zip":
        archive = zipfile.ZipFile(path)
        members = [i for i in archive.infolist() if not i.is_dir()]
        if len(members) != 1:
            archive.close()
            raise ValueError(f"{path.name} should hold exactly one CSV file, not {len(members)}.")
        return archive.open(members[0])
    return {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}[suffix](path, "rb")


def _check_file(path: Path, limit: int) -> None:
    """Refuse, in one sentence, a file that is too large, or a compressed file that is cut
    short or damaged (read through once, a megabyte at a time, never all in memory).
    """
    import lzma
    import zipfile
    import zlib

    size = path.stat().st_size
    if not path.name.lower().endswith(_COMPRESSED):
        if size > limit:
            raise ValueError(_too_big(path, _mb(size), limit))
        return
    total = 0
    try:
        with _open_compressed(path) as f:
            while block := f.read(1 << 20):
                total += len(block)
                if total > limit:
                    raise ValueError(_too_big(path, f"more than {_mb(limit)} when decompressed", limit))
    except PermissionError:
        raise
    except (EOFError, OSError, zlib.error, lzma.LZMAError, zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        reason = "it ends too soon" if isinstance(exc, EOFError) else str(exc) or type(exc).__name__
        raise ValueError(f"{path.name} is cut short or damaged ({reason}); copy or export it again.") from None


def _read(path: Path, columns: list[str] | None = None, max_bytes: int = int(MAX_SIZE_MB * 1_000_000)):
    """The CSV at *path* as a DataFrame: only *columns* when the file has them all (so a
    wide file takes less memory), otherwise just its header, for the error message.
    """
    import csv
    import lzma
    import zipfile
    import zlib

    import pandas as pd

    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist.")
    if path.is_dir():
        raise FileNotFoundError(f"{path} is a folder, not a CSV file.")
    _check_file(path, max_bytes)
    try:
        usecols = None
        if columns:
            header = pd.read_csv(path, nrows=0)
            if not all(c in header.columns for c in columns):
                return header  # course audit names the missing column and the ones found
            usecols = list(dict.fromkeys(columns))
        return pd.read_csv(path, low_memory=False, usecols=usecols)
    except pd.errors.EmptyDataError:
        raise ValueError(f"{path} is empty.") from None
    except (pd.errors.ParserError, UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"{path} could not be read as CSV: {' '.join(str(exc).split())}") from None
    except PermissionError:
        raise
    except (EOFError, OSError, zlib.error, lzma.LZMAError, zipfile.BadZipFile) as exc:
        raise ValueError(f"{path.name} is cut short or damaged ({' '.join(str(exc).split()) or type(exc).__name__}); "
                         "copy or export it again.") from None
    except MemoryError:
        raise ValueError(f"{path.name} is too large to read in this computer's memory; audit a sample.") from None


def _text(result: dict) -> str:
    lines = []
    for col, g in result["groups"].items():
        lines.append(f"== {col} ==")
        lines.append(f"{'group':<44} {'n':>8} {'selected':>9} {'TPR':>6} {'FPR':>6}")
        for name, r in g["by_group"].items():
            fmt = lambda v: "  n/a" if v is None else f"{v:6.3f}"  # noqa: E731
            lines.append(f"{name[:44]:<44} {r['n']:>8} {fmt(r['selection_rate']):>9} {fmt(r['tpr'])} {fmt(r['fpr'])}")
        ff = g["four_fifths"]
        dpd, eod = g["demographic_parity_difference"], g["equalized_odds_difference"]
        if len(g["by_group"]) < 2:  # a difference of 0.000 would read as perfect parity
            dpd = eod = None
        lines.append(f"demographic-parity difference {dpd:.3f}" if dpd is not None else "demographic-parity difference n/a")
        lines.append(f"equalised-odds difference     {eod:.3f}" if eod is not None else "equalised-odds difference     n/a")
        if len(g["by_group"]) < 2:
            only = next(iter(g["by_group"]), "")
            lines.append(f"four-fifths rule of thumb: nothing to compare (only one group in {col!r}: {only!r})")
        elif ff["ratio"] is None:
            lines.append("four-fifths rule: cannot be checked (no one selected)")
        else:
            verdict = "at or above 80%" if ff["passes"] else "below 80%, look closer"
            lines.append(f"four-fifths rule of thumb: {verdict} (lowest {ff['lowest']!r} / highest {ff['highest']!r} = {ff['ratio']:.3f})")
        for w in g["warnings"]:
            lines.append(f"warning: {w}")
        lines.append("")
    return "\n".join(lines)


def run(args) -> int:
    """Run the command; returns the exit status."""
    from ..fairness.metrics import AuditError, audit_frames
    from ..fairness.report import html_report

    started = time.perf_counter()
    if not args.max_size > 0:
        raise BadInput("--max-size must be a positive number of megabytes.")
    columns = [*args.group, args.label, args.pred] + ([args.score] if args.score else [])
    try:
        df = _read(args.file, columns, int(args.max_size * 1_000_000))
        if chatter(args):
            print(f"course audit: read {len(df):,} rows from {args.file}", file=sys.stderr)
        audits = audit_frames(
            df,
            args.group,
            args.label,
            args.pred,
            score=args.score,
            intersectional=args.intersectional,
            dropna=args.dropna,
            n_boot=max(args.bootstrap, 0),
            seed=args.seed,
            min_n=args.min_group,
        )
    except (AuditError, FileNotFoundError, ValueError) as exc:
        raise BadInput(str(exc)) from None
    except PermissionError as exc:
        raise BadInput(f"cannot open {args.file}: {exc.strerror}") from None
    except MemoryError:
        raise BadInput(f"{args.file.name} is too large to audit in this computer's memory; audit a sample.") from None
    result = {"groups": {a.column: a.to_dict() for a in audits}}
    if args.json:
        print_json(result)
    else:
        print(_text(result))
    if args.html:
        try:
            args.html.write_text(html_report(audits, source=args.file.name, label=args.label, pred=args.pred), encoding="utf-8")
        except OSError as exc:
            raise BadInput(f"could not write {args.html}: {exc.strerror or exc}") from None
        if chatter(args):
            print(f"course audit: wrote {args.html}", file=sys.stderr)
    if chatter(args):
        print(f"course audit: done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
