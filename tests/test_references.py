"""Every source a module cites is in course/guide/references.md, dated; every module is dated.

What counts as a citation is defined in ``tests/citations.py``.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from citations import citation_keys, markdown_text, read_references

from course.guidelines import crosswalk as cw
from course.guidelines.scenarios import SCENARIOS
from helpers import ROOT

GUIDE = ROOT / "course" / "guide"
REFERENCES = GUIDE / "references.md"
MODULES = sorted((ROOT / "modules").glob("*.ipynb"))
ENTRIES = read_references(REFERENCES)
KNOWN = {key for e in ENTRIES for key in e.cited_as}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _last_full_check() -> date:
    m = re.search(r"^Last full check: (\d{4}-\d{2}-\d{2})$", REFERENCES.read_text(encoding="utf-8"), re.M)
    assert m, "references.md must say 'Last full check: YYYY-MM-DD'"
    return date.fromisoformat(m.group(1))


def _crosswalk_text() -> str:
    """What module 06 shows from code: the sources, the crosswalk cells and the scenarios."""
    parts = [f"{s.title} {s.date} {s.note}" for s in cw.SOURCES]
    parts += [text for _, text in cw.CROSSWALK.values()]
    parts += [f"{s.text} {s.hint_source} {s.why}" for s in SCENARIOS]
    return "\n".join(parts)


def test_reference_list_is_well_formed():
    assert len(ENTRIES) >= 40
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids)), "duplicate reference ids"
    last = _last_full_check()
    for e in ENTRIES:
        assert e.url and re.match(r"https?://[^\s]+$", e.url), f"{e.id}: no URL"
        m = re.match(r"(\d{4}-\d{2}-\d{2})\b", e.checked or "")
        assert m, f"{e.id}: 'Checked:' must start with the ISO date it was checked"
        assert date.fromisoformat(m.group(1)) <= last, f"{e.id}: checked after the last full check"
        assert e.cited_as or e.crosswalk, f"{e.id}: say how the modules cite it"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_every_citation_in_a_module_is_in_the_reference_list(path):
    found = citation_keys(markdown_text(path))
    missing = {kind: sorted(keys - KNOWN) for kind, keys in found.items() if keys - KNOWN}
    assert not missing, f"{path.name} cites sources that references.md does not list: {missing}"


def test_what_module_06_shows_from_code_is_in_the_reference_list():
    found = citation_keys(_crosswalk_text())
    missing = {kind: sorted(keys - KNOWN) for kind, keys in found.items() if keys - KNOWN}
    assert not missing, f"the crosswalk or scenarios cite sources references.md does not list: {missing}"
    listed = {cid for e in ENTRIES for cid in e.crosswalk}
    assert {s.id for s in cw.SOURCES} <= listed, f"crosswalk sources with no reference entry: {sorted({s.id for s in cw.SOURCES} - listed)}"
    assert listed <= {s.id for s in cw.SOURCES}, f"references.md names crosswalk rows that do not exist: {sorted(listed - {s.id for s in cw.SOURCES})}"


def test_every_listed_citation_is_used_somewhere():
    """The list stays honest: a key no module (or the crosswalk) uses is stale."""
    texts = [markdown_text(p) for p in MODULES] + [_crosswalk_text()]
    detected = set().union(*(keys for t in texts for keys in citation_keys(t).values()))
    everything = "\n".join(texts)
    unused = sorted(k for k in KNOWN if k not in detected and k not in everything)
    assert not unused, f"references.md lists citations no module uses: {unused}"


def test_the_citation_rule_catches_what_it_should():
    """The detectors are not empty nets: made-up citations are found and are not in the list."""
    text = ("See 45 CFR 164.999(a) and 164.998, Public Act 999-0001, House Bill 9999, Executive Order 99999, "
            "[a page](https://unlisted.example.org/x), rules.unlisted.gov/a, Zyxwv and colleagues, "
            "and the AAMFT guidance of 2031.")
    found = citation_keys(text)
    assert {"45 CFR 164.999", "45 CFR 164.998", "Public Act 999-0001", "HB 9999", "Executive Order 99999"} <= found["legal"]
    assert "rules.unlisted.gov/a" in found["url"] and "unlisted.example.org/x" not in found["url"]
    assert found["author"] == {"Zyxwv"} and found["org-year"] == {"AAMFT 2031"}
    assert not set().union(*found.values()) & KNOWN


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_every_module_is_dated_and_links_to_the_reference_list(path):
    last = _last_full_check()
    stamp = f"Accurate as of {last.day} {MONTHS[last.month - 1]} {last.year}"
    text = markdown_text(path)
    box = text[text.lower().index("not legal advice"):]
    assert stamp in box.split("\n\n")[0], f"{path.name}: the 'not legal advice' box must say '{stamp}.'"
    links = re.findall(r"\]\(([^)]+\.md)\)", text)
    assert "../course/guide/references.md" in links, f"{path.name} does not link to the reference list"
    for link in links:
        assert (path.parent / link).resolve().is_file(), f"{path.name}: broken link {link}"


def test_guides_link_to_files_that_exist():
    for md in GUIDE.rglob("*.md"):
        for link in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", md.read_text(encoding="utf-8")):
            assert (md.parent / link).resolve().is_file(), f"{md.relative_to(ROOT)}: broken link {link}"
