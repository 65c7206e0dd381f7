"""What counts as a citation in a module notebook, and how to read course/guide/references.md.

A **citation** is any of these in a module's Markdown cells:

* a legal citation: ``NN CFR ...`` (every section or part named), a bare HIPAA section such as
  ``164.410``, ``NN U.S.C. NNNN``, ``Public Act NNN-NNNN``, a bill (``House Bill 1806``,
  ``AB 406``), ``Executive Order NNNNN``, a state code section, ``Section 1557``, a GDPR article;
* a web address (a Markdown link to ``http(s)://`` or a bare ``name.gov/...`` style address);
* an author citation: ``Surname and colleagues``, ``Surname et al.``, ``Surname, I. &``,
  ``Surname (*Journal*``, ``Surname and Surname (*Journal*`` or ``... 's *Title*``;
* a dated organisation reference: an organisation's acronym (APA, ACA, NASW, ...) with a year
  in the same sentence, read as ``ORG YEAR`` (the year nearest the acronym).

Each citation is reduced to a **key** (for example ``45 CFR 164.501``, ``HB 1806``,
``apa.org/topics/...``, ``Budzyń``, ``APA 2025``). The reference list gives every source a
``Cited as:`` line listing the keys it stands for; a module may only use keys that some
entry lists. Entries look like::

    - **[id]** Author. *Title* (date).
      URL: https://...
      Checked: 2026-12-01 (how it was checked)
      Cited as: key; key
      Crosswalk: crosswalk_source_id
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

ORGS = ["APA", "ACA", "NASW", "AAMFT", "AMA", "WHO", "NIST", "FTC", "HHS", "EEOC", "NIH", "ASWB", "CSWE", "CSWA", "OCR"]

_WORD = r"[A-Z][\w’'\-]+"
_SECTION = r"\d{1,4}\.\d{1,4}"


def markdown_text(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def _clean(text: str) -> str:
    return text.replace("**", "").replace("`", "")


def _cfr_keys(text: str) -> set[str]:
    keys = set()
    for m in re.finditer(r"\b(\d{1,2}) CFR\b", text):
        title = m.group(1)
        window = re.split(r"\. |;|\||\n| CFR\b", text[m.end():m.end() + 160])[0]
        for part in re.finditer(r"\b[Pp]arts? ((?:\d+(?:,? and |, )?)+)", window):
            for n in re.findall(r"\d+", part.group(1)):
                keys.add(f"{title} CFR Part {n}")
        for sec in re.finditer(rf"(?<![\d.(])({_SECTION})", window):
            keys.add(f"{title} CFR {sec.group(1)}")
    for sec in re.finditer(r"(?<![\d.])(16[04]\.\d{3})(?!\d)", text):
        keys.add(f"45 CFR {sec.group(1)}")
    for sec in re.finditer(r"(?<![\d.])(1607\.\d+|92\.\d{3})(?!\d)", text):
        keys.add(("29 CFR " if sec.group(1).startswith("1607") else "45 CFR ") + sec.group(1))
    return keys


def legal_keys(text: str) -> set[str]:
    text = _clean(text)
    keys = _cfr_keys(text)
    keys |= {f"{a} U.S.C. {b}" for a, b in re.findall(r"\b(\d{1,2}) U\.S\.C\. (?:§ ?)?(\d+)", text)}
    keys |= {f"Public Act {n}" for n in re.findall(r"Public Act (\d{2,3}-\d{4})", text)}
    short = {"House Bill": "HB", "Assembly Bill": "AB", "Senate Bill": "SB", "HB": "HB", "AB": "AB", "SB": "SB"}
    keys |= {f"{short[k]} {n}" for k, n in re.findall(r"\b(House Bill|Assembly Bill|Senate Bill|HB|AB|SB) (\d{2,4})\b", text)}
    keys |= {f"Executive Order {n}" for n in re.findall(r"Executive Order (\d{5})", text)}
    keys |= {f"Penal Code {n}" for n in re.findall(r"Penal Code (\d+)", text)}
    keys |= {f"Utah Code {t}-{c}" for t, c in re.findall(r"Utah Code Title (\d+), Chapter (\w+)", text)}
    keys |= {f"Section {n}" for n in re.findall(r"\bSection (1557)\b", text)}
    keys |= {f"GDPR {kind} {n}" for kind, n in re.findall(r"\b(Article|Recital) (\d+)", text)}
    return keys


def _is_example(domain: str) -> bool:
    """Reserved example domains (RFC 2606) are the course's synthetic data, not sources."""
    return "example" in domain.split(".")[-2:]


def url_keys(text: str) -> set[str]:
    keys = set()
    for url in re.findall(r"\]\((https?://[^)\s]+)\)", text):
        key = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
        if not _is_example(key.split("/")[0]):
            keys.add(key)
    for m in re.finditer(r"(?<![\w@./-])((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov|org|com|int|net|edu|us))((?:/[\w\-.~%#?=&]*)*)", text):
        domain, path = m.group(1), m.group(2).rstrip(".,)")
        if _is_example(domain):
            continue
        keys.add(re.sub(r"^www\.", "", domain) + path.rstrip("/"))
    return keys


def author_keys(text: str) -> set[str]:
    text = _clean(text)
    pats = [
        rf"\b({_WORD}) (?:and colleagues|et al\.?)",
        rf"\b({_WORD}), [A-Z]\.(?: [A-Z]\.)? (?:&|and)",
        rf"\b({_WORD}) \(\*",
        rf"\b({_WORD})(?:, {_WORD})*,? (?:and|&) {_WORD}(?:'s)? \(?\*",
    ]
    stop = {"The", "In", "See", "A", "An", "Read", "Health", "Ethics", "Section", "Standard", "Standards", "Guidance"}
    return {m for p in pats for m in re.findall(p, text) if m not in stop}


def org_year_keys(text: str) -> set[str]:
    keys = set()
    for sentence in re.split(r"\. |\n|\||;", _clean(text)):
        years = [(m.start(), m.group(0)) for m in re.finditer(r"\b(?:19|20)\d{2}\b", sentence)]
        if not years:
            continue
        for m in re.finditer(rf"\b({'|'.join(ORGS)})\b", sentence):
            pos, year = min(years, key=lambda y: abs(y[0] - m.start()))
            if abs(pos - m.start()) <= 80:
                keys.add(f"{m.group(1)} {year}")
    return keys


def citation_keys(text: str) -> dict[str, set[str]]:
    return {
        "legal": legal_keys(text),
        "url": url_keys(text),
        "author": author_keys(text),
        "org-year": org_year_keys(text),
    }


@dataclass
class Entry:
    id: str
    text: str
    url: str | None = None
    checked: str | None = None
    cited_as: list[str] = field(default_factory=list)
    crosswalk: list[str] = field(default_factory=list)


def read_references(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"- \*\*\[([a-z0-9-]+)\]\*\* (.+)", line)
        if m:
            entries.append(Entry(m.group(1), m.group(2)))
            continue
        if not entries or not line.startswith("  "):
            continue
        key, _, value = line.strip().partition(": ")
        e = entries[-1]
        if key == "URL":
            e.url = value.strip()
        elif key == "Checked":
            e.checked = value.strip()
        elif key == "Cited as":
            e.cited_as += [k.strip() for k in value.split(";") if k.strip()]
        elif key == "Crosswalk":
            e.crosswalk += [k.strip() for k in value.split(",") if k.strip()]
    return entries
