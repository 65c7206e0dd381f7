"""The facilitator's CE file, ``ce.toml`` in the course folder: who provides the course,
whether a CE board approved it, and how this cohort is run.

Documented in ``course/guide/ce-certificates.md``; a template is
``course/guide/ce.example.toml``. Without an approval statement the certificates say
"Certificate of completion (not approved for CE credit)" and never imply approval.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["CE_FILE", "CEConfig", "load_ce"]

CE_FILE = "ce.toml"
NO_FILE = ("no {file} in {root}: copy course/guide/ce.example.toml there as {file} and fill in the provider "
           "(see course/guide/ce-certificates.md)")


@dataclass
class CEConfig:
    """What ``ce.toml`` says."""

    provider: str
    contact: str = ""
    approval_statement: str = ""
    approver: str = ""
    approval_number: str = ""
    instructor: str = ""
    session_format: str = "self-paced"
    delivery: str = ""
    dates: list[str] = field(default_factory=list)
    location: str = ""
    path: Path | None = None

    @property
    def approved(self) -> bool:
        """True only when an approval statement is configured."""
        return bool(self.approval_statement.strip())


def _str(table: dict, key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"ce.toml: {where}.{key} should be text in quotes")
    return " ".join(value.split())


def load_ce(root: Path, required: bool = True) -> CEConfig | None:
    """Read ``ROOT/ce.toml``.

    Raises
    ------
    ValueError
        The file is missing (when *required*) or malformed; the message says what to fix.

    """
    from ..syllabus import DELIVERY, load

    path = Path(root) / CE_FILE
    if not path.is_file():
        if required:
            raise ValueError(NO_FILE.format(file=CE_FILE, root=root))
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"ce.toml is not valid TOML: {exc}") from None
    provider = data.get("provider") or {}
    approval = data.get("approval") or {}
    session = data.get("session") or {}
    cfg = CEConfig(
        provider=_str(provider, "name", "provider"), contact=_str(provider, "contact", "provider"),
        approval_statement=_str(approval, "statement", "approval"), approver=_str(approval, "approver", "approval"),
        approval_number=_str(approval, "number", "approval"), instructor=_str(session, "instructor", "session"),
        session_format=_str(session, "format", "session") or "self-paced",
        delivery=_str(session, "delivery", "session"), location=_str(session, "location", "session"), path=path,
    )
    if not cfg.provider:
        raise ValueError("ce.toml: [provider] name is required (the organisation that issues the certificates)")
    syl = load()
    try:
        fmt = syl.format(cfg.session_format)
    except KeyError as exc:
        raise ValueError(f"ce.toml: [session] format: {exc.args[0]}") from None
    if not cfg.delivery:
        cfg.delivery = fmt.delivery[0]
    if cfg.delivery not in DELIVERY:
        raise ValueError(f"ce.toml: [session] delivery must be one of: {', '.join(DELIVERY)}")
    if cfg.delivery not in fmt.delivery:
        raise ValueError(f"ce.toml: the {fmt.id} format is delivered {' or '.join(fmt.delivery)}, not {cfg.delivery}")
    dates = session.get("dates", [])
    if isinstance(dates, (str, Date)):
        dates = [dates]
    for d in dates:
        try:
            cfg.dates.append(d.isoformat() if isinstance(d, Date) else Date.fromisoformat(str(d)).isoformat())
        except ValueError:
            raise ValueError(f"ce.toml: [session] dates: {d!r} is not a date like 2026-11-28") from None
    if cfg.approved and not cfg.approver:
        raise ValueError("ce.toml: [approval] approver is required with an approval statement (the board that approved it)")
    return cfg
