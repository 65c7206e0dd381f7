"""Property test of the notes generator: any seed, any size, the gold spans hold.

Hidden tests and the hidden cases of module 01 call ``generate_notes`` with seeds that
are not in the release, so its rules must hold for every seed, not only the committed
one. For 200 seeds x 200 notes and one run of 20,000 notes (the committed seed, which
used to crash on a 29 February at note 9,256), every note is checked:

* each span's text is exactly the value the generator put there (recorded as the
  document is built), so ``text[start:end] == span text``;
* spans are stripped, in range, sorted, with known labels, and never overlap;
* every identifier is fictional: 555-01xx phones and faxes, SSNs in never-issued
  ranges, NPIs (any 10-digit number) failing the NPI check digit, e-mail and web
  addresses on example.com/.org/.net, IP addresses in the documentation ranges; both
  per labelled value and by scanning the whole text (``test_data.unsafe_findings``).

The notes are generated and checked in a pool of two processes.
"""

from __future__ import annotations

import ipaddress
import multiprocessing
import random
import re
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date

import pytest
from test_data import (
    _IP_RANGES,
    _TEN_DIGITS,
    _reserved_domain,
    npi_check_digit_passes,
    span_problems,
    unsafe_findings,
)

import course.synth.notes as notes_module
from course.synth._text import V
from course.synth.notes import LABELS, generate_notes

#: 200 seeds: small ones, the committed one, and large random ones.
SEEDS = sorted({*range(1, 40), notes_module.NOTES_SEED, *random.Random(2121).sample(range(10**9), 160)})[:200]
BIG_SEED, BIG_N = notes_module.NOTES_SEED, 20_000

_PHONE_VALUE = re.compile(r"(?:\+1 \d{3} 555 |\(\d{3}\) 555-|\d{3}-555-|\d{3}\.555\.|555-)01\d\d")
_SSN_VALUE = re.compile(r"\d{4}|(?:000|666|9\d\d)-\d\d-\d{4}")
_EMAIL_VALUE = re.compile(r"[\w.+-]+@([A-Za-z0-9.-]+)")
_URL_VALUE = re.compile(r"(?:https?://)?([A-Za-z0-9.-]+)(?:/\S*)?")



class _RecordingBuilder(notes_module.DocBuilder):
    """The generator's DocBuilder, also keeping each span's value as ``text``."""

    def add(self, *items):
        for item in items:
            super().add(item)
            if isinstance(item, V):
                self._spans[-1]["text"] = item.text
        return self


def value_problems(label: str, value: str) -> list[str]:
    """What is wrong with one labelled value (outside the reserved or invalid ranges)."""
    bad = []
    if label in ("PHONE", "FAX") and not _PHONE_VALUE.fullmatch(value):
        bad.append(f"{label} {value!r} is not 555-01xx")
    elif label == "SSN" and not _SSN_VALUE.fullmatch(value):
        bad.append(f"SSN {value!r} is not in an invalid range")
    elif label == "EMAIL":
        m = _EMAIL_VALUE.fullmatch(value)
        if not m or not _reserved_domain(m.group(1)):
            bad.append(f"e-mail {value!r} is not on example.com/.org/.net")
    elif label == "URL":
        m = _URL_VALUE.fullmatch(value)
        if not m or not _reserved_domain(m.group(1)):
            bad.append(f"URL {value!r} is not on example.com/.org/.net")
    elif label == "IP_ADDRESS":
        try:
            ok = any(ipaddress.ip_address(value) in net for net in _IP_RANGES)
        except ValueError:
            ok = False
        if not ok:
            bad.append(f"IP address {value!r} is not in a documentation range")
    for m in _TEN_DIGITS.finditer(value):
        if npi_check_digit_passes(m.group()):
            bad.append(f"{label} {value!r}: {m.group()} passes the NPI check digit")
    return bad


def note_problems(note: dict) -> list[str]:
    """Every broken invariant of one generated note (empty: all hold)."""
    text = note["text"]
    lowered = text == text.lower()  # some notes are typed entirely in lower case
    spans = []
    problems = []
    for s in note["spans"]:
        value = s.get("text")
        if value is None:
            problems.append(f"span {s} was not recorded by the builder")
            continue
        spans.append({**s, "text": value.lower() if lowered else value})
        problems += value_problems(s["label"], value)
    problems += span_problems({"text": text, "spans": spans}, LABELS)  # text[start:end] == value, overlaps, ...
    problems += unsafe_findings(text)
    return [f"{note['id']} ({note['kind']}): {p}" for p in problems]


def check_run(seed: int, n: int) -> tuple[int, int, list[str]]:
    """Generate *n* notes from *seed* and check them: ``(notes, spans, problems)``."""
    original = notes_module.DocBuilder
    notes_module.DocBuilder = _RecordingBuilder
    try:
        notes = generate_notes(seed, n)
    except Exception as exc:  # noqa: BLE001 - report the seed that crashed
        return 0, 0, [f"seed {seed}, n {n}: generate_notes raised {exc!r}"]
    finally:
        notes_module.DocBuilder = original
    problems = [f"seed {seed}: {p}" for note in notes for p in note_problems(note)]
    return len(notes), sum(len(note["spans"]) for note in notes), problems


def _check_many(jobs: list[tuple[int, int]]) -> tuple[int, int, list[str]]:
    # fork: the workers inherit this module as imported (no re-import of the test files)
    ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        results = list(pool.map(check_run, *zip(*jobs, strict=True)))
    return sum(r[0] for r in results), sum(r[1] for r in results), [p for r in results for p in r[2]]


@pytest.mark.slow
def test_gold_spans_hold_for_many_seeds_and_sizes():
    started = time.perf_counter()
    # one long run (first, so that it runs beside the short ones) and 200 seeds x 200 notes
    jobs = [(BIG_SEED, BIG_N)] + [(seed, 200) for seed in SEEDS]
    n_notes, n_spans, problems = _check_many(jobs)
    assert len(SEEDS) == 200 and n_notes == 200 * 200 + BIG_N
    assert not problems, f"{len(problems)} problems, first: " + "; ".join(problems[:10])
    assert n_spans > 10 * n_notes  # the checks saw spans, not empty notes
    print(f"{n_notes} notes, {n_spans} spans checked in {time.perf_counter() - started:.1f} s")


def test_the_checks_catch_broken_notes():
    good = generate_notes(5, 1)[0]
    assert note_problems({**good, "spans": [{**s, "text": "x"} for s in good["spans"]]})  # wrong values
    assert "not recorded" in " ".join(note_problems(good))  # no values at all
    text = "Dr. Okafor, NPI 1234567893, cell (503) 867-5309, SSN 123-45-6789, jo@gmail.com, 8.8.8.8"
    spans = [
        {"start": 4, "end": 10, "label": "PROVIDER", "text": "Okafor"},
        {"start": 16, "end": 26, "label": "OTHER_ID", "text": "1234567893"},
        {"start": 33, "end": 47, "label": "PHONE", "text": "(503) 867-5309"},
        {"start": 53, "end": 64, "label": "SSN", "text": "123-45-6789"},
        {"start": 66, "end": 78, "label": "EMAIL", "text": "jo@gmail.com"},
        {"start": 80, "end": 87, "label": "IP_ADDRESS", "text": "8.8.8.8"},
        {"start": 5, "end": 9, "label": "NAME", "text": "kafo"},  # overlaps
    ]
    found = " ".join(note_problems({"id": "x", "kind": "soap", "text": text, "spans": spans}))
    for expected in ("passes the NPI check digit", "PHONE '(503) 867-5309' is not 555-01xx", "SSN '123-45-6789'",
                     "e-mail 'jo@gmail.com'", "IP address '8.8.8.8'", "overlaps"):
        assert expected in found, expected
    moved = {**good, "spans": [{**s, "start": s["start"] + 1, "end": s["end"] + 1} for s in good["spans"]]}
    assert check_recorded(moved), "shifted offsets must be caught"
    _, _, problems = check_run(3101, 3)
    assert problems == []


def check_recorded(note: dict) -> list[str]:
    """Problems of *note* after recording its values (used to test the test)."""
    original = notes_module.DocBuilder
    notes_module.DocBuilder = _RecordingBuilder
    try:
        fresh = {n["id"]: n for n in generate_notes(5, 1)}
    finally:
        notes_module.DocBuilder = original
    spans = [{**s, "text": t["text"]} for s, t in zip(note["spans"], fresh[note["id"]]["spans"], strict=True)]
    return note_problems({**note, "spans": spans})


def test_29_february_regression():
    from course.synth.identities import in_year
    from course.synth.notes import generate_note

    assert in_year(date(2024, 2, 29), 2023) == date(2023, 2, 28)
    assert in_year(date(2024, 2, 29), 2020) == date(2020, 2, 29)
    assert in_year(date(2023, 3, 1), 2019) == date(2019, 3, 1)
    kind = notes_module.KINDS[9255 % len(notes_module.KINDS)]
    text, _ = generate_note(3101, 9255, kind)  # raised "day is out of range for month"
    assert text
