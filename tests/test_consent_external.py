"""The consent checker on consent scripts written independently of the course (issue 18).

`../shared/eval/consent_external.jsonl` (80 scripts, 16 layouts) was written and labelled by
someone who never saw the checker or its data. Its texts are never copied into the course.
These floors are the level the checker reached minus 0.01 (overall and per element): a floor,
not a target. The test skips, with the reason, where the set is not present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.consent import ELEMENTS
from course.consent.evaluate import evaluate, load_gold

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "eval" / "consent_external.jsonl"

#: Reached when the floors were set (issue 18): overall 0.992. On 80 scripts one script is 0.0125,
#: so an element at 1.000 may not lose a single script.
OVERALL_FLOOR = 0.982
#: Reached per element, minus 0.01.
FLOORS = {
    "ai_description": 0.940,
    "data_collected": 0.990,
    "data_use": 0.990,
    "data_protection": 0.978,
    "risks_limitations": 0.990,
    "human_oversight": 0.978,
    "voluntary": 0.990,
    "withdrawal": 0.990,
    "questions": 0.990,
}

pytestmark = pytest.mark.skipif(not EXTERNAL.is_file(), reason=f"independent evaluation set not present: {EXTERNAL}")


@pytest.fixture(scope="module")
def result():
    return evaluate(load_gold(EXTERNAL))


def test_floors_cover_every_element():
    assert set(FLOORS) == set(ELEMENTS)


def test_overall_agreement_on_the_independent_set(result):
    assert result.n == 80
    assert result.overall >= OVERALL_FLOOR, result.report()


@pytest.mark.parametrize("element", ELEMENTS)
def test_each_element_on_the_independent_set(result, element):
    assert result.per_element[element] >= FLOORS[element], result.report()
