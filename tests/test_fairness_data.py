"""The module-04 data sets: deterministic, committed, and their data cards tell the truth."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from course import data
from course.checks.m04_bias_fairness import quarterly_eod, representation_ratios
from course.fairness import audit
from course.synth import fairness as synth
from course.synth import registry
from helpers import ROOT

NAMES = ["fairness_screening", "fairness_representation", "fairness_quarterly", "fairness_text_tool"]


@pytest.mark.parametrize("name", NAMES)
def test_registered_deterministic_and_committed(name):
    ds = registry()[name]
    text = ds.build()
    assert text == ds.build()
    assert (ROOT / "data" / ds.filename).read_text(encoding="utf-8") == text, "run `course synth` and commit data/"
    assert ds.card.strip() in (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "\r" not in text


def test_loader_types():
    assert isinstance(data.load("fairness_screening"), pd.DataFrame)
    texts = data.load("fairness_text_tool")
    assert isinstance(texts, list) and {"id", "style", "text", "true_risk", "tool_score", "flagged"} <= set(texts[0])


def test_other_seeds_give_other_data():
    assert not synth.screening(seed=1).equals(synth.screening(seed=2))
    assert synth.text_tool(seed=1) != synth.text_tool(seed=2)


def _f(x: float) -> str:
    return f"{x:.2f}"


def test_screening_card_numbers_match_the_data():
    df = data.load("fairness_screening")
    card = registry()["fairness_screening"].card
    res = audit(df, ["primary_language", "race_ethnicity"], "outcome", "flagged", n_boot=0)["groups"]
    lang, race = res["primary_language"], res["race_ethnicity"]
    sp, en = lang["by_group"]["Spanish"], lang["by_group"]["English"]
    assert f"TPR {_f(sp['tpr'])} for Spanish" in card and f"vs {_f(en['tpr'])} for English" in card
    assert f"difference {_f(en['tpr'] - sp['tpr'])}" in card
    assert f"FPR {_f(sp['fpr'])} vs {_f(en['fpr'])}" in card
    assert f"({_f(sp['selection_rate'])} vs\n{_f(en['selection_rate'])}" in card
    assert f"`primary_language` = {_f(lang['equalized_odds_difference'])}" in card
    ff = race["four_fifths"]
    assert ff["lowest"] == "Asian American" and ff["passes"] is False
    assert f"ratio {_f(ff['ratio'])}" in card and f"({ff['highest']})" in card
    assert f"`race_ethnicity` {_f(race['equalized_odds_difference'])}" in card
    # "No other effect": the other attributes pass the four-fifths rule.
    others = audit(df, ["gender", "age_band", "insurance"], "outcome", "flagged", n_boot=0)["groups"]
    assert all(g["four_fifths"]["passes"] for g in others.values())


def test_representation_card_numbers_match_the_data():
    ratios = representation_ratios(data.load("fairness_representation"))
    card = registry()["fairness_representation"].card.replace("\n", " ")
    for group in ("Spanish", "65+", "American Indian/Alaska Native", "Asian American", "Hispanic/Latino"):
        assert f"{group} {_f(ratios[group])}" in card
    under = {g for g, r in ratios.items() if r < 0.8}
    assert under == {"Spanish", "65+", "American Indian/Alaska Native", "Asian American", "Hispanic/Latino"}


def test_quarterly_card_numbers_match_the_data():
    eod = quarterly_eod(data.load("fairness_quarterly"))
    card = registry()["fairness_quarterly"].card.replace("\n", " ")
    before = [v for q, v in eod.items() if q < "2025Q1"]
    after = [v for q, v in eod.items() if q >= "2025Q1"]
    assert f"{_f(min(before))}-{_f(max(before))} in 2024Q1-2024Q4" in card
    assert f"then {_f(min(after))}-{_f(max(after))} from 2025Q1" in card
    assert max(before) < 0.2 < min(after)


def test_text_tool_card_numbers_match_the_data():
    tt = pd.DataFrame(data.load("fairness_text_tool"))
    card = registry()["fairness_text_tool"].card.replace("\n", " ")
    fpr = tt[tt.true_risk == 0].groupby("style")["flagged"].mean()
    tpr = tt[tt.true_risk == 1].groupby("style")["flagged"].mean()
    assert f"FPR {_f(fpr['African American English'])} vs {_f(fpr['Standard US English'])}" in card
    assert f"TPR {_f(tpr['Non-native English'])} vs {_f(tpr['Standard US English'])}" in card
    assert len(tt) == 36 and tt.groupby("message_id")["true_risk"].nunique().eq(1).all()


@pytest.mark.parametrize("seed", [11, 222, 3333])
def test_injected_effects_survive_other_seeds(seed):
    """Hidden tests generate fresh data: the injected effects must show there too."""
    df = synth.screening(seed=seed)
    res = audit(df, ["primary_language", "race_ethnicity"], "outcome", "flagged", n_boot=0)["groups"]
    by_lang = res["primary_language"]["by_group"]
    assert by_lang["English"]["tpr"] - by_lang["Spanish"]["tpr"] > 0.2
    race = res["race_ethnicity"]
    assert race["four_fifths"]["ratio"] < 0.75
    # Small groups move by chance, so compare the injected group with the largest one.
    by_race = race["by_group"]
    assert by_race["Asian American"]["selection_rate"] / by_race["White"]["selection_rate"] < 0.8
    rep = representation_ratios(synth.representation(seed=seed))
    assert rep["Spanish"] < 0.4 and rep["65+"] < 0.5 and rep["White"] > 1.2


@pytest.mark.parametrize("onset", ["2024Q3", "2025Q2", "2025Q4"])
def test_quarterly_onset_is_where_the_disparity_appears(onset):
    eod = quarterly_eod(synth.quarterly(seed=7, onset=onset))
    first = next(q for q, v in eod.items() if v > 0.2)
    assert first == onset


def test_quarterly_rejects_unknown_onset():
    with pytest.raises(ValueError, match="onset must be one of"):
        synth.quarterly(onset="2026Q1")


def test_text_tool_records_are_valid_json_lines():
    for line in synth.build_text_tool().splitlines():
        rec = json.loads(line)
        assert 0 < rec["tool_score"] < 1 and rec["flagged"] == int(rec["tool_score"] >= 0.5)
    assert np.isclose(sum(r["true_risk"] for r in synth.text_tool()), 12)
