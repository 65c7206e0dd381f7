r"""The byte format of the files in ``data/``, decided once for every generator.

* CSV: a header row, then one row per record; ``\n`` line endings; minimal quoting
  (the :mod:`csv` module's default); ``None`` becomes an empty cell.
* JSON Lines: one JSON object per line, keys sorted, non-ASCII text as is (UTF-8, not
  ``\u`` escapes), a ``\n`` after every record.
* JSON: one document, two-space indent, keys sorted, non-ASCII text as is, a final ``\n``.

Only the standard library is imported here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["csv_text", "json_text", "jsonl_text"]


def csv_text(rows: Iterable[Mapping[str, Any]], fieldnames: Sequence[str] | None = None) -> str:
    """CSV text of *rows* (dicts), columns in the order of *fieldnames*.

    Parameters
    ----------
    rows : iterable of dict
        One dict per row; a key that is not in *fieldnames* is an error.
    fieldnames : sequence of str, optional
        The columns; by default the keys of the first row (then *rows* must not be empty).

    """
    rows = list(rows)
    if fieldnames is None:
        if not rows:
            raise ValueError("csv_text needs fieldnames when there are no rows")
        fieldnames = list(rows[0])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def jsonl_text(records: Iterable[Mapping[str, Any]]) -> str:
    """JSON Lines text of *records*: one object per line, keys sorted, UTF-8 as is."""
    return "".join(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n" for rec in records)


def json_text(obj: Any) -> str:
    """JSON text of *obj*: two-space indent, keys sorted, UTF-8 as is, a final newline."""
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
